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
	size_t len = strlen(name);

	if (len == 0)
		return fail(p, line, "the region name is empty");
	if (is_space(name[0]) || is_space(name[len - 1]))
		return fail(p, line, "region name '%s' has spaces around it; masim would keep them as part of the name", name);
	return 0;
}

static int parse_uint(const char *s, unsigned long long *value)
{
	char *end;

	if (!all_digits(s))
		return -1;
	*value = strtoull(s, &end, 10);
	return *end ? -1 : 0;
}

static int parse_region(struct parse *p, struct line *line, struct region *region)
{
	char copy[strlen(line->text) + 1];
	char *fields[3];
	unsigned long long size;
	char *size_text;
	int n;

	strcpy(copy, line->text);
	n = split_fields(copy, fields, 3);
	if (n != 2 && n != 3)
		return fail(p, line->number, "a region is 'name, size_in_bytes[, init_file|none]', not '%s'", line->text);
	if (check_name(p, fields[0], line->number))
		return -1;
	size_text = trim(fields[1]);
	if (parse_uint(size_text, &size))
		return fail(p, line->number, "region size must be a whole number of bytes, not '%s'", size_text);
	if (size == 0)
		return fail(p, line->number, "region '%s' has size 0", fields[0]);
	if (size > (1ULL << 53))
		return fail(p, line->number, "region size %s is too large", size_text);
	region->name = xstrdup(fields[0]);
	region->size = (size_t)size;
	region->line = line->number;
	if (n == 3) {
		char *init = trim(fields[2]);

		if (!*init)
			return fail(p, line->number, "the third region field is empty: give a file to fill the region from, or 'none'");
		region->init = xstrdup(init);
	}
	return 0;
}

static int parse_pattern(struct parse *p, struct line *line, struct config *config, struct pattern *pattern)
{
	char copy[strlen(line->text) + 1];
	char *fields[5];
	unsigned long long stride, weight;
	const char *random, *mode;
	size_t i;
	int n;

	strcpy(copy, line->text);
	n = split_fields(copy, fields, 5);
	if (n != 4 && n != 5)
		return fail(p, line->number, "an access pattern is 'region, random(0|1), stride, weight[, ro|wo|rw]', not '%s'", line->text);
	if (check_name(p, fields[0], line->number))
		return -1;
	pattern->region = NULL;
	for (i = 0; i < config->nr_regions; i++)
		if (!strcmp(config->regions[i].name, fields[0]))
			pattern->region = &config->regions[i];
	if (!pattern->region) {
		char names[512] = "";

		for (i = 0; i < config->nr_regions; i++) {
			if (i)
				strncat(names, ", ", sizeof(names) - strlen(names) - 1);
			strncat(names, config->regions[i].name, sizeof(names) - strlen(names) - 1);
		}
		return fail(p, line->number, "unknown region '%s' (regions: %s)", fields[0], names);
	}
	random = trim(fields[1]);
	if (strcmp(random, "0") && strcmp(random, "1"))
		return fail(p, line->number, "random must be 0 or 1, not '%s'", random);
	if (parse_uint(trim(fields[2]), &stride))
		return fail(p, line->number, "stride must be a whole number of bytes, not '%s'", trim(fields[2]));
	if (parse_uint(trim(fields[3]), &weight))
		return fail(p, line->number, "weight must be a whole number, not '%s'", trim(fields[3]));
	pattern->random = random[0] == '1';
	pattern->stride = (size_t)stride;
	pattern->weight = (unsigned long)weight;
	pattern->mode = MODE_DEFAULT;
	if (n == 5) {
		mode = trim(fields[4]);
		if (!strcmp(mode, "ro"))
			pattern->mode = MODE_RO;
		else if (!strcmp(mode, "wo"))
			pattern->mode = MODE_WO;
		else if (!strcmp(mode, "rw"))
			pattern->mode = MODE_RW;
		else
			return fail(p, line->number, "access mode must be ro, wo or rw, not '%s'", mode);
	}
	return 0;
}

static int parse_phase(struct parse *p, struct line *lines, size_t n, struct config *config, struct phase *phase)
{
	unsigned long long duration;
	char duration_copy[n > 1 ? strlen(lines[1].text) + 1 : 1];
	size_t i;

	if (n < 3)
		return fail(p, lines[0].number, "phase '%s' needs a name line, a duration line (ms) and at least one access pattern", lines[0].text);
	strcpy(duration_copy, lines[1].text);
	if (parse_uint(trim(duration_copy), &duration))
		return fail(p, lines[1].number, "the line after the phase name is its duration in ms, not '%s'", lines[1].text);
	if (duration == 0)
		return fail(p, lines[1].number, "phase '%s' lasts 0 ms: give it a duration above 0", lines[0].text);
	phase->name = xstrdup(lines[0].text);
	phase->duration_ms = (unsigned long)duration;
	phase->nr_patterns = n - 2;
	phase->patterns = xcalloc(phase->nr_patterns, sizeof(*phase->patterns));
	phase->total_weight = 0;
	for (i = 0; i < phase->nr_patterns; i++) {
		if (parse_pattern(p, &lines[i + 2], config, &phase->patterns[i]))
			return -1;
		phase->total_weight += phase->patterns[i].weight;
	}
	if (phase->total_weight == 0)
		return fail(p, lines[0].number, "phase '%s' has only zero weights; masim would divide by zero", lines[0].text);
	return 0;
}

int parse_config(const char *text, size_t len, const char *file, struct config *config,
		 char *err, size_t errlen)
{
	struct parse p = { file, err, errlen };
	char *copy, *cursor;
	struct line *lines;
	size_t *starts;		/* index in lines[] where each paragraph starts */
	size_t nr_raw = 0, nr_lines = 0, nr_paragraphs = 1, i, k;
	int blank_line = 0, number;	/* the blank line just passed, 0 after any other line */

	memset(config, 0, sizeof(*config));
	if (len == 0)
		return fail(&p, 1, "empty config: it needs a regions paragraph and at least one phase");
	if (memchr(text, '\0', len))
		return fail(&p, 1, "the config contains a NUL byte");
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
	for (i = 0; i < config->nr_regions; i++) {
		if (parse_region(&p, &lines[i], &config->regions[i]))
			return -1;
		for (k = 0; k < i; k++)
			if (!strcmp(config->regions[k].name, config->regions[i].name))
				return fail(&p, lines[i].number, "region '%s' is defined twice", config->regions[i].name);
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
