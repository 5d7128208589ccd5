/* Parser of masim configs, in agreement with src/masim/parse.ts (test/fixtures/masim/cases.json). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

struct line {
	char *text;
	int number;
};

struct parse {
	const char *file;
	char *err;
	size_t errlen;
	struct region **by_name;	/* the regions sorted by name, to look them up */
};

static int fail(struct parse *p, int line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(p->err, p->errlen, "%s:%d: ", p->file, line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < p->errlen)
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static void *xcalloc(size_t n, size_t size)
{
	void *ptr = calloc(n ? n : 1, size);

	if (!ptr) {
		perror("masim: calloc");
		exit(1);
	}
	return ptr;
}

static char *xstrdup(const char *s)
{
	char *copy = strdup(s);

	if (!copy) {
		perror("masim: strdup");
		exit(1);
	}
	return copy;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* The field without the spaces around it (in place). */
static char *trim(char *s)
{
	char *end;

	while (is_space(*s))
		s++;
	end = s + strlen(s);
	while (end > s && is_space(end[-1]))
		*--end = '\0';
	return s;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/*
 * User text in a message as the TypeScript parser's shorten() gives it: at most SHORT_MAX
 * characters (UTF-16 code units, as JavaScript counts them), else cut with how long it was.
 */
#define SHORT_MAX 80
#define SHORT_LEN (SHORT_MAX * 4 + 48)

static size_t utf8_length(unsigned char lead)
{
	if (lead >= 0xf0)
		return 4;
	if (lead >= 0xe0)
		return 3;
	if (lead >= 0xc0)
		return 2;
	return 1;
}

static const char *shorten(const char *text, char buf[SHORT_LEN])
{
	size_t units = 0, kept = 0, i, n;

	for (i = 0; text[i]; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			units += (unsigned char)text[i] >= 0xf0 ? 2 : 1;
	if (units <= SHORT_MAX)
		return text;
	for (i = 0; text[i]; i += n) {
		size_t u = (unsigned char)text[i] >= 0xf0 ? 2 : 1;

		if (kept + u > SHORT_MAX - 1)
			break;
		kept += u;
		for (n = 1; n < utf8_length((unsigned char)text[i]) && text[i + n]; n++)
			;
	}
	snprintf(buf, SHORT_LEN, "%.*s\xe2\x80\xa6 (%zu characters)", (int)i, text, units);
	return buf;
}

/* Splits s at commas in place; returns the number of fields (at most max + 1 are counted). */
static int split_fields(char *s, char **fields, int max)
{
	int n = 0;

	for (;;) {
		char *comma = strchr(s, ',');

		if (n < max)
			fields[n] = s;
		n++;
		if (!comma || n > max)
			break;
		*comma = '\0';
		s = comma + 1;
	}
	return n;
}

static int check_name(struct parse *p, const char *name, int line)
{
	char s[SHORT_LEN];
	size_t len = strlen(name);

	if (len == 0)
		return fail(p, line, "the region name is empty");
	if (is_space(name[0]) || is_space(name[len - 1]))
		return fail(p, line, "region name '%s' has spaces around it; masim would keep them as part of the name", shorten(name, s));
	return 0;
}

/*
 * The limits of src/masim/config.ts (MASIM_LIMITS): the original masim keeps a phase's duration in
 * an unsigned int and strides and weights (and their sum in a phase) in ints; sizes are exact in
 * the TypeScript model up to 2^53-1.
 */
#define MAX_SIZE_BYTES 9007199254740991ULL
#define MAX_DURATION_MS 4294967295ULL
#define MAX_STRIDE_BYTES 2147483647ULL
#define MAX_WEIGHT 2147483647ULL
#define MAX_PHASE_WEIGHT 2147483647ULL

/* 0 with the value, -1 when s is not all digits, 1 when it stands for more than max. */
static int parse_uint(const char *s, unsigned long long max, unsigned long long *value)
{
	unsigned long long v = 0;

	if (!all_digits(s))
		return -1;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (max - d) / 10)
			return 1;
		v = v * 10 + d;
	}
	*value = v;
	return 0;
}

static int parse_region(struct parse *p, struct line *line, struct region *region)
{
	char *copy = xstrdup(line->text);
	char s[SHORT_LEN];
	char *fields[3];
	unsigned long long size = 0;
	char *size_text;
	int n, err = -1;

	n = split_fields(copy, fields, 3);
	if (n != 2 && n != 3) {
		fail(p, line->number, "a region is 'name, size_in_bytes[, init_file|none]', not '%s'", shorten(line->text, s));
		goto out;
	}
	if (check_name(p, fields[0], line->number))
		goto out;
	size_text = trim(fields[1]);
	switch (parse_uint(size_text, MAX_SIZE_BYTES, &size)) {
	case -1:
		fail(p, line->number, "region size must be a whole number of bytes, not '%s'", shorten(size_text, s));
		goto out;
	case 1:
		fail(p, line->number, "region size %s is too large: at most %llu bytes (2^53-1)", shorten(size_text, s), MAX_SIZE_BYTES);
		goto out;
	}
	if (size == 0) {
		fail(p, line->number, "region '%s' has size 0", shorten(fields[0], s));
		goto out;
	}
	region->name = xstrdup(fields[0]);
	region->size = (size_t)size;
	region->line = line->number;
	if (n == 3) {
		char *init = trim(fields[2]);

		if (!*init) {
			fail(p, line->number, "the third region field is empty: give a file to fill the region from, or 'none'");
			goto out;
		}
		region->init = xstrdup(init);
	}
	err = 0;
out:
	free(copy);
	return err;
}

static int by_name(const void *a, const void *b)
{
	const struct region *x = *(struct region *const *)a, *y = *(struct region *const *)b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x > y) - (x < y);
}

static int name_is(const void *name, const void *region)
{
	return strcmp(name, (*(struct region *const *)region)->name);
}

/* The first region (in the file) whose name an earlier one has, or NULL. */
static struct region *first_duplicate(struct region **sorted, size_t n)
{
	struct region *first = NULL;
	size_t i;

	for (i = 1; i < n; i++) {
		int second = !strcmp(sorted[i - 1]->name, sorted[i]->name) &&
			     (i < 2 || strcmp(sorted[i - 2]->name, sorted[i]->name));

		if (second && (!first || sorted[i] < first))
			first = sorted[i];
	}
	return first;
}

/* The region names as "a, b, c" (for a message). */
static char *region_names(const struct config *config)
{
	size_t len = 1, i;
	char *names;

	for (i = 0; i < config->nr_regions; i++)
		len += strlen(config->regions[i].name) + 2;
	names = xcalloc(len, 1);
	for (i = 0; i < config->nr_regions; i++) {
		if (i)
			strcat(names, ", ");
		strcat(names, config->regions[i].name);
	}
	return names;
}

static int parse_pattern(struct parse *p, struct line *line, struct config *config, struct pattern *pattern)
{
	char *copy = xstrdup(line->text);
	char s[SHORT_LEN], s2[SHORT_LEN];
	char *fields[5];
	unsigned long long stride = 0, weight = 0;
	const char *random, *mode, *stride_text, *weight_text;
	struct region **found;
	int n, err = -1;

	n = split_fields(copy, fields, 5);
	if (n != 4 && n != 5) {
		fail(p, line->number, "an access pattern is 'region, random(0|1), stride, weight[, ro|wo|rw]', not '%s'", shorten(line->text, s));
		goto out;
	}
	if (check_name(p, fields[0], line->number))
		goto out;
	found = bsearch(fields[0], p->by_name, config->nr_regions, sizeof(*p->by_name), name_is);
	pattern->region = found ? *found : NULL;
	if (!pattern->region) {
		char *names = region_names(config);

		fail(p, line->number, "unknown region '%s' (regions: %s)", shorten(fields[0], s), shorten(names, s2));
		free(names);
		goto out;
	}
	random = trim(fields[1]);
	if (strcmp(random, "0") && strcmp(random, "1")) {
		fail(p, line->number, "random must be 0 or 1, not '%s'", shorten(random, s));
		goto out;
	}
	stride_text = trim(fields[2]);
	switch (parse_uint(stride_text, MAX_STRIDE_BYTES, &stride)) {
	case -1:
		fail(p, line->number, "stride must be a whole number of bytes, not '%s'", shorten(stride_text, s));
		goto out;
	case 1:
		fail(p, line->number, "stride %s is too large: masim takes at most %llu bytes", shorten(stride_text, s), MAX_STRIDE_BYTES);
		goto out;
	}
	weight_text = trim(fields[3]);
	switch (parse_uint(weight_text, MAX_WEIGHT, &weight)) {
	case -1:
		fail(p, line->number, "weight must be a whole number, not '%s'", shorten(weight_text, s));
		goto out;
	case 1:
		fail(p, line->number, "weight %s is too large: masim takes at most %llu", shorten(weight_text, s), MAX_WEIGHT);
		goto out;
	}
	pattern->random = random[0] == '1';
	pattern->stride = (size_t)stride;
	pattern->weight = (unsigned long)weight;
	pattern->mode = MODE_DEFAULT;
	if (n == 5) {
		mode = trim(fields[4]);
		if (!strcmp(mode, "ro")) {
			pattern->mode = MODE_RO;
		} else if (!strcmp(mode, "wo")) {
			pattern->mode = MODE_WO;
		} else if (!strcmp(mode, "rw")) {
			pattern->mode = MODE_RW;
		} else {
			fail(p, line->number, "access mode must be ro, wo or rw, not '%s'", shorten(mode, s));
			goto out;
		}
	}
	err = 0;
out:
	free(copy);
	return err;
}

static int parse_phase(struct parse *p, struct line *lines, size_t n, struct config *config, struct phase *phase)
{
	unsigned long long duration = 0, total = 0;
	char name_buf[SHORT_LEN], s[SHORT_LEN];
	const char *name = shorten(lines[0].text, name_buf);
	char *duration_text;
	size_t i;
	int err = -1;

	if (n < 3)
		return fail(p, lines[0].number, "phase '%s' needs a name line, a duration line (ms) and at least one access pattern", name);
	duration_text = xstrdup(lines[1].text);
	switch (parse_uint(trim(duration_text), MAX_DURATION_MS, &duration)) {
	case -1:
		fail(p, lines[1].number, "the line after the phase name is its duration in ms, not '%s'", shorten(lines[1].text, s));
		goto out;
	case 1:
		fail(p, lines[1].number, "phase '%s' lasts %s ms, more than masim can time (at most %llu ms, about 49 days)", name, shorten(trim(duration_text), s), MAX_DURATION_MS);
		goto out;
	}
	if (duration == 0) {
		fail(p, lines[1].number, "phase '%s' lasts 0 ms: give it a duration above 0", name);
		goto out;
	}
	phase->name = xstrdup(lines[0].text);
	phase->duration_ms = (unsigned long)duration;
	phase->nr_patterns = n - 2;
	phase->patterns = xcalloc(phase->nr_patterns, sizeof(*phase->patterns));
	for (i = 0; i < phase->nr_patterns; i++) {
		if (parse_pattern(p, &lines[i + 2], config, &phase->patterns[i]))
			goto out;
		total += phase->patterns[i].weight;
	}
	if (total == 0) {
		fail(p, lines[0].number, "phase '%s' has only zero weights; masim would divide by zero", name);
		goto out;
	}
	if (total > MAX_PHASE_WEIGHT) {
		fail(p, lines[0].number, "the weights of phase '%s' add up to %llu, more than masim can sum (at most %llu)", name, total, MAX_PHASE_WEIGHT);
		goto out;
	}
	phase->total_weight = (unsigned long)total;
	err = 0;
out:
	free(duration_text);
	return err;
}

int parse_config(const char *text, size_t len, const char *file, struct config *config,
		 char *err, size_t errlen)
{
	struct parse p = { file, err, errlen, NULL };
	struct region *duplicate;
	char *copy, *cursor;
	struct line *lines;
	size_t *starts;		/* index in lines[] where each paragraph starts */
	size_t nr_raw = 0, nr_lines = 0, nr_paragraphs = 1, i, k;
	int blank_line = 0, number;	/* the blank line just passed, 0 after any other line */

	memset(config, 0, sizeof(*config));
	if (len == 0)
		return fail(&p, 1, "empty config: it needs a regions paragraph and at least one phase");
	if ((cursor = memchr(text, '\0', len))) {
		for (i = 0, number = 1; text + i < cursor; i++)
			if (text[i] == '\n')
				number++;
		return fail(&p, number, "a NUL byte in the line: a config is text");
	}
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			nr_raw++;
	if (text[len - 1] != '\n')
		return fail(&p, (int)nr_raw + 1, "the last line has no newline at its end; masim ignores such a line (add a newline)");

	copy = xcalloc(len + 1, 1);
	memcpy(copy, text, len);
	lines = xcalloc(nr_raw, sizeof(*lines));
	starts = xcalloc(nr_raw + 1, sizeof(*starts));
	starts[0] = 0;
	cursor = copy;
	for (number = 1; (size_t)number <= nr_raw; number++) {
		char *line = cursor;
		char *newline = strchr(cursor, '\n');

		*newline = '\0';
		cursor = newline + 1;
		if (strchr(line, '\r'))
			return fail(&p, number, "carriage return (\\r) in the line: save the file with Unix line endings");
		if (line[0] == '#')
			continue;
		if (line[0] == '\0') {
			if (number == 1 || blank_line)
				return fail(&p, number, "blank line where a paragraph should start: paragraphs are separated by exactly one blank line");
			blank_line = number;
			starts[nr_paragraphs++] = nr_lines;
			continue;
		}
		for (k = 0; line[k] && is_space(line[k]); k++)
			;
		if (!line[k])
			return fail(&p, number, "a line of only spaces: a paragraph separator must be an empty line");
		blank_line = 0;
		lines[nr_lines].text = line;
		lines[nr_lines].number = number;
		nr_lines++;
	}
	if (blank_line)
		return fail(&p, blank_line, "blank line at the end of the file: masim would read an empty phase after it");
	starts[nr_paragraphs] = nr_lines;

	if (starts[1] == 0)
		return fail(&p, 1, "the first paragraph must list the regions");
	if (nr_paragraphs < 2)
		return fail(&p, (int)nr_raw, "no phase: after the regions, add a blank line and at least one phase (name, duration in ms, patterns)");

	config->nr_regions = starts[1];
	config->regions = xcalloc(config->nr_regions, sizeof(*config->regions));
	for (i = 0; i < config->nr_regions; i++)
		if (parse_region(&p, &lines[i], &config->regions[i]))
			return -1;
	p.by_name = xcalloc(config->nr_regions, sizeof(*p.by_name));
	for (i = 0; i < config->nr_regions; i++)
		p.by_name[i] = &config->regions[i];
	qsort(p.by_name, config->nr_regions, sizeof(*p.by_name), by_name);
	duplicate = first_duplicate(p.by_name, config->nr_regions);
	if (duplicate) {
		char s[SHORT_LEN];

		return fail(&p, duplicate->line, "region '%s' is defined twice", shorten(duplicate->name, s));
	}
	config->nr_phases = nr_paragraphs - 1;
	config->phases = xcalloc(config->nr_phases, sizeof(*config->phases));
	for (i = 0; i < config->nr_phases; i++) {
		size_t first = starts[i + 1], end = starts[i + 2];

		if (parse_phase(&p, &lines[first], end - first, config, &config->phases[i]))
			return -1;
	}
	/* lines[] points into copy; what the config keeps was duplicated. */
	free(lines);
	free(starts);
	free(copy);
	free(p.by_name);
	return 0;
}

const char *mode_name(enum access_mode mode)
{
	switch (mode) {
	case MODE_RO:
		return "ro";
	case MODE_WO:
		return "wo";
	case MODE_RW:
		return "rw";
	default:
		return "default";
	}
}

void print_canonical(const struct config *config)
{
	size_t i, j;

	for (i = 0; i < config->nr_regions; i++) {
		const struct region *r = &config->regions[i];

		if (r->init)
			printf("%s, %zu, %s\n", r->name, r->size, r->init);
		else
			printf("%s, %zu\n", r->name, r->size);
	}
	for (i = 0; i < config->nr_phases; i++) {
		const struct phase *ph = &config->phases[i];

		printf("\n%s\n%lu\n", ph->name, ph->duration_ms);
		for (j = 0; j < ph->nr_patterns; j++) {
			const struct pattern *pt = &ph->patterns[j];

			printf("%s, %d, %zu, %lu", pt->region->name, pt->random, pt->stride, pt->weight);
			if (pt->mode != MODE_DEFAULT)
				printf(", %s", mode_name(pt->mode));
			printf("\n");
		}
	}
}
