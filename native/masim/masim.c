/*
 * masim-compatible memory access simulator for damon-exp.
 *
 * Reads a masim config (regions, then phases of weighted access patterns), maps each region as
 * its own anonymous mapping, touches it, and runs the phases for their durations, so that DAMON
 * sees a known access pattern. Beyond the original: --phase-log writes the ground truth (region
 * addresses, phase start and end times on CLOCK_MONOTONIC) as JSON lines, and SIGTERM/SIGINT end
 * the run cleanly with the log finished.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"

#define PAGE_SIZE_GUESS 4096
#define HUGE_PAGE_SIZE (2UL << 20)
/* Accesses between two looks at the clock and at the stop flag: about a millisecond's worth. */
#define BATCH 65536
#define HINT_MIN_REGION (10UL << 20)
#define HINT_MIN_SHARE_PERCENT 70

enum hint { HINT_NONE, HINT_MADVISE, HINT_MLOCK };

struct options {
	int print_config;
	int dry_run;
	int quiet;
	int canonical;
	int use_hugetlb;
	enum hint hint;
	enum access_mode default_mode;
	unsigned long repeat;	/* 0: until stopped */
	unsigned long log_interval_ms;
	const char *phase_log;
	const char *config_file;
	int wait_start;
};

static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t start_signal;
static FILE *phase_log;
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static void on_start_signal(int signo)
{
	(void)signo;
	start_signal = 1;
}

static void on_signal(int signo)
{
	stop_signal = signo;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* xorshift64*: fast, and good enough to pick patterns and random offsets uniformly. */
static inline uint64_t next_random(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* Uniform in [0, bound) without the bias of a modulo (Lemire's multiply-shift). */
static inline size_t random_below(size_t bound)
{
	return (size_t)(((unsigned __int128)next_random() * bound) >> 64);
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: masim [OPTION]... CONFIG\n"
		"Simulate the memory access pattern that CONFIG (a masim config) describes.\n\n"
		"  -p, --pr_config              print the config before running\n"
		"  -d, --dry_run                read the config (and print it with -p), then exit\n"
		"  -q, --quiet, --silent        print nothing while running\n"
		"  -r, --default_rw_mode MODE   ro, wo (default) or rw, for patterns that name none\n"
		"  -c, --repeat N               run the phases N times (default 1; 0: until stopped)\n"
		"  -h, --use_hugetlb            map regions with huge pages (MAP_HUGETLB)\n"
		"  -t, --hint madvise|mlock     hint the kernel about each phase's hot regions\n"
		"      --log_interval MS        also print the access rate every MS milliseconds\n"
		"      --phase-log FILE         write regions and phase start/end times (CLOCK_MONOTONIC)\n"
		"                               as JSON lines to FILE\n"
		"      --wait-start             once the regions are mapped (and logged), wait for SIGUSR1\n"
		"                               before the first phase\n"
		"      --canonical              print the config as canonical masim text and exit\n"
		"      --help                   this help\n\n"
		"After each phase: '<name>:\\t<n> accesses/msec, <ms> msecs run'.\n"
		"SIGTERM and SIGINT end the run cleanly (exit status 0, phase log finished).\n");
}

static unsigned long parse_count(const char *text, const char *option)
{
	char *end;
	unsigned long value;

	errno = 0;
	value = strtoul(text, &end, 10);
	if (errno || !*text || *end || text[0] == '-') {
		fprintf(stderr, "masim: %s needs a whole number, not '%s'\n", option, text);
		exit(1);
	}
	return value;
}

static void parse_options(int argc, char *argv[], struct options *o)
{
	enum { OPT_LOG_INTERVAL = 256, OPT_PHASE_LOG, OPT_WAIT_START, OPT_CANONICAL, OPT_HELP };
	static const struct option longopts[] = {
		{ "pr_config", no_argument, NULL, 'p' },
		{ "dry_run", no_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "silent", no_argument, NULL, 'q' },
		{ "default_rw_mode", required_argument, NULL, 'r' },
		{ "repeat", required_argument, NULL, 'c' },
		{ "use_hugetlb", no_argument, NULL, 'h' },
		{ "hint", required_argument, NULL, 't' },
		{ "log_interval", required_argument, NULL, OPT_LOG_INTERVAL },
		{ "phase-log", required_argument, NULL, OPT_PHASE_LOG },
		{ "wait-start", no_argument, NULL, OPT_WAIT_START },
		{ "canonical", no_argument, NULL, OPT_CANONICAL },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->default_mode = MODE_WO;
	o->repeat = 1;
	while ((c = getopt_long(argc, argv, "pdqr:c:ht:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->print_config = 1;
			break;
		case 'd':
			o->dry_run = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'r':
			if (!strcmp(optarg, "ro"))
				o->default_mode = MODE_RO;
			else if (!strcmp(optarg, "wo"))
				o->default_mode = MODE_WO;
			else if (!strcmp(optarg, "rw"))
				o->default_mode = MODE_RW;
			else {
				fprintf(stderr, "masim: --default_rw_mode must be ro, wo or rw, not '%s'\n", optarg);
				exit(1);
			}
			break;
		case 'c':
			o->repeat = parse_count(optarg, "--repeat");
			break;
		case 'h':
			o->use_hugetlb = 1;
			break;
		case 't':
			if (!strcmp(optarg, "madvise"))
				o->hint = HINT_MADVISE;
			else if (!strcmp(optarg, "mlock"))
				o->hint = HINT_MLOCK;
			else {
				fprintf(stderr, "masim: --hint must be madvise or mlock, not '%s'\n", optarg);
				exit(1);
			}
			break;
		case OPT_LOG_INTERVAL:
			o->log_interval_ms = parse_count(optarg, "--log_interval");
			break;
		case OPT_PHASE_LOG:
			o->phase_log = optarg;
			break;
		case OPT_WAIT_START:
			o->wait_start = 1;
			break;
		case OPT_CANONICAL:
			o->canonical = 1;
			break;
		case OPT_HELP:
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(1);
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "masim: name one config file\n");
		usage(stderr);
		exit(1);
	}
	o->config_file = argv[optind];
}

/* The largest config read: far beyond any real one, and damon-exp's own limit for configs. */
#define MAX_CONFIG_BYTES (1 << 20)

/*
 * Reads a config that is a regular file of at most MAX_CONFIG_BYTES: /dev/zero would otherwise
 * be read until memory runs out, and a FIFO opened without O_NONBLOCK waits for a writer.
 */
static char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	struct stat st;
	char *buf;
	size_t n = 0;
	ssize_t got;

	if (fd < 0) {
		fprintf(stderr, "masim: cannot open config '%s': %s\n", path, strerror(errno));
		exit(1);
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "masim: config '%s' is not a regular file\n", path);
		exit(1);
	}
	if (st.st_size > MAX_CONFIG_BYTES) {
		fprintf(stderr, "masim: config '%s' is larger than %d bytes\n", path, MAX_CONFIG_BYTES);
		exit(1);
	}
	buf = malloc(MAX_CONFIG_BYTES + 1);
	if (!buf) {
		perror("masim: malloc");
		exit(1);
	}
	/* The size is checked as it is read too: a file may grow after fstat. */
	while ((got = read(fd, buf + n, MAX_CONFIG_BYTES + 1 - n)) > 0) {
		n += (size_t)got;
		if (n > MAX_CONFIG_BYTES) {
			fprintf(stderr, "masim: config '%s' is larger than %d bytes\n", path, MAX_CONFIG_BYTES);
			exit(1);
		}
	}
	if (got < 0) {
		fprintf(stderr, "masim: cannot read config '%s': %s\n", path, strerror(errno));
		exit(1);
	}
	close(fd);
	*len = n;
	return buf;
}

static void print_config(const struct config *config)
{
	size_t i, j;

	printf("memory regions\n");
	for (i = 0; i < config->nr_regions; i++)
		printf("\t%s: %zu bytes\n", config->regions[i].name, config->regions[i].size);
	printf("\n");
	for (i = 0; i < config->nr_phases; i++) {
		const struct phase *ph = &config->phases[i];

		printf("Phase (%s) for %lu ms\n", ph->name, ph->duration_ms);
		for (j = 0; j < ph->nr_patterns; j++) {
			printf("\tPattern %zu\n", j);
			printf("\t\t%s access region %s with stride %zu\n",
			       ph->patterns[j].random ? "randomly" : "sequentially",
			       ph->patterns[j].region->name, ph->patterns[j].stride);
		}
	}
}

/* A JSON string, escaped. */
static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void log_regions(const struct config *config, uint64_t t)
{
	size_t i;

	if (!phase_log)
		return;
	fprintf(phase_log, "{\"event\":\"regions\",\"pid\":%ld,\"clock\":\"CLOCK_MONOTONIC\",\"t_ns\":%llu,\"regions\":[",
		(long)getpid(), (unsigned long long)t);
	for (i = 0; i < config->nr_regions; i++) {
		const struct region *r = &config->regions[i];
		uintptr_t start = (uintptr_t)r->mem;

		fprintf(phase_log, "%s{\"name\":", i ? "," : "");
		json_string(phase_log, r->name);
		fprintf(phase_log, ",\"start\":%llu,\"end\":%llu,\"size\":%zu}",
			(unsigned long long)start, (unsigned long long)(start + r->size), r->size);
	}
	fprintf(phase_log, "]}\n");
	fflush(phase_log);
}

static void log_phase(const char *event, size_t index, unsigned long round, const struct phase *ph,
		      uint64_t t, const char *extra)
{
	size_t j;

	if (!phase_log)
		return;
	fprintf(phase_log, "{\"event\":\"%s\",\"phase\":%zu,\"round\":%lu,\"name\":", event, index, round);
	json_string(phase_log, ph->name);
	fprintf(phase_log, ",\"t_ns\":%llu,\"duration_ms\":%lu", (unsigned long long)t, ph->duration_ms);
	if (!strcmp(event, "phase-start")) {
		fprintf(phase_log, ",\"patterns\":[");
		for (j = 0; j < ph->nr_patterns; j++) {
			const struct pattern *pt = &ph->patterns[j];

			fprintf(phase_log, "%s{\"region\":", j ? "," : "");
			json_string(phase_log, pt->region->name);
			fprintf(phase_log, ",\"random\":%s,\"stride\":%zu,\"weight\":%lu,\"mode\":\"%s\"}",
				pt->random ? "true" : "false", pt->stride, pt->weight, mode_name(pt->mode));
		}
		fprintf(phase_log, "]");
	}
	fprintf(phase_log, "%s}\n", extra ? extra : "");
	fflush(phase_log);
}

static void map_regions(struct config *config, const struct options *o)
{
	size_t i, off;

	for (i = 0; i < config->nr_regions; i++) {
		struct region *r = &config->regions[i];
		/* MAP_POPULATE faults the whole region in at once, far faster than page by page. */
		int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE;

		r->mapped = r->size;
		if (o->use_hugetlb) {
			flags |= MAP_HUGETLB;
			r->mapped = (r->size + HUGE_PAGE_SIZE - 1) / HUGE_PAGE_SIZE * HUGE_PAGE_SIZE;
		}
		r->mem = mmap(NULL, r->mapped, PROT_READ | PROT_WRITE, flags, -1, 0);
		if (r->mem == MAP_FAILED) {
			fprintf(stderr, "masim: cannot map region '%s' (%zu bytes%s): %s\n", r->name, r->size,
				o->use_hugetlb ? " of huge pages" : "", strerror(errno));
			if (o->use_hugetlb)
				fprintf(stderr, "masim: reserve huge pages first, e.g. echo N > /proc/sys/vm/nr_hugepages\n");
			exit(1);
		}
		if (r->init && strcmp(r->init, "none")) {
			int fd = open(r->init, O_RDONLY);
			size_t filled = 0;
			ssize_t got;

			if (fd < 0) {
				fprintf(stderr, "masim: cannot open '%s' to fill region '%s': %s\n", r->init, r->name, strerror(errno));
				exit(1);
			}
			while (filled < r->size && (got = read(fd, r->mem + filled, r->size - filled)) > 0)
				filled += (size_t)got;
			close(fd);
		}
		/* Touch every page so that the whole region is populated before the first phase. */
		for (off = 0; off < r->size; off += PAGE_SIZE_GUESS)
			((volatile char *)r->mem)[off] = r->mem[off];
	}
}

static void hint_phase(const struct phase *ph, enum hint hint)
{
	size_t j;

	if (hint == HINT_MLOCK)
		munlockall();
	for (j = 0; j < ph->nr_patterns; j++) {
		const struct pattern *pt = &ph->patterns[j];
		struct region *r = pt->region;

		if (r->size < HINT_MIN_REGION || pt->weight * 100 < ph->total_weight * HINT_MIN_SHARE_PERCENT)
			continue;
		if (hint == HINT_MLOCK && mlock(r->mem, r->size))
			fprintf(stderr, "masim: mlock of region '%s' failed: %s\n", r->name, strerror(errno));
		if (hint == HINT_MADVISE && madvise(r->mem, r->mapped, MADV_WILLNEED))
			fprintf(stderr, "masim: madvise of region '%s' failed: %s\n", r->name, strerror(errno));
	}
}

/* `count` accesses of one pattern. The volatile pointer keeps every access in the binary. */
static void do_accesses(struct pattern *pt, enum access_mode mode, size_t count)
{
	volatile char *mem = pt->region->mem;
	size_t size = pt->region->size, off = pt->offset, stride = pt->stride, i;
	char sink = 0;

	if (pt->random) {
		for (i = 0; i < count; i++) {
			off = random_below(size);
			if (mode == MODE_RO)
				sink ^= mem[off];
			else if (mode == MODE_WO)
				mem[off] = (char)i;
			else
				mem[off] = (char)(mem[off] + 1);
		}
	} else if (mode == MODE_WO) {
		for (i = 0; i < count; i++) {
			mem[off] = (char)i;
			off += stride;
			if (off >= size)
				off = 0;
		}
	} else {
		for (i = 0; i < count; i++) {
			if (mode == MODE_RO)
				sink ^= mem[off];
			else
				mem[off] = (char)(mem[off] + 1);
			off += stride;
			if (off >= size)
				off = 0;
		}
	}
	pt->offset = off;
	/* Reads feed a value the compiler cannot drop. */
	if (sink == 0x7f && mode == MODE_RO)
		mem[0] = mem[0];
}

static void report_rate(const char *name, unsigned long long accesses, uint64_t elapsed_ns)
{
	unsigned long long ms = elapsed_ns / 1000000ULL;

	printf("%s:\t%'20llu accesses/msec, %llu msecs run\n", name, ms ? accesses / ms : accesses, ms);
	fflush(stdout);
}

/* Returns 1 when a signal asked to stop. */
static int run_phase(struct phase *ph, size_t index, unsigned long round, const struct options *o)
{
	uint64_t start = now_ns(), deadline = start + (uint64_t)ph->duration_ms * 1000000ULL;
	uint64_t interval_ns = (uint64_t)o->log_interval_ms * 1000000ULL, next_log = start + interval_ns;
	unsigned long long accesses = 0, interval_accesses = 0;
	uint64_t t = start, interval_start = start;
	char extra[160];

	log_phase("phase-start", index, round, ph, start, NULL);
	if (o->hint != HINT_NONE)
		hint_phase(ph, o->hint);
	while (t < deadline && !stop_signal) {
		unsigned long pick = ph->nr_patterns == 1 ? 0 : (unsigned long)random_below(ph->total_weight);
		struct pattern *pt = ph->patterns;

		while (pick >= pt->weight) {
			pick -= pt->weight;
			pt++;
		}
		do_accesses(pt, pt->mode, BATCH);
		accesses += BATCH;
		interval_accesses += BATCH;
		t = now_ns();
		if (interval_ns && t >= next_log && !o->quiet) {
			report_rate(ph->name, interval_accesses, t - interval_start);
			interval_start = t;
			interval_accesses = 0;
			next_log = t + interval_ns;
		}
	}
	snprintf(extra, sizeof(extra), ",\"accesses\":%llu,\"elapsed_ns\":%llu,\"interrupted\":%s",
		 accesses, (unsigned long long)(t - start), stop_signal ? "true" : "false");
	log_phase("phase-end", index, round, ph, t, extra);
	if (!o->quiet)
		report_rate(ph->name, accesses, t - start);
	return stop_signal != 0;
}

int main(int argc, char *argv[])
{
	struct options o;
	struct config config;
	char err[1024];
	struct sigaction sa;
	unsigned long round;
	size_t len, i;
	char *text;
	int stopped = 0;
	sigset_t start_mask, wait_mask;

	parse_options(argc, argv, &o);
	if (o.wait_start) {
		/* Held from here: SIGUSR1 that comes before the wait starts the run instead of ending masim. */
		sigemptyset(&start_mask);
		sigaddset(&start_mask, SIGUSR1);
		sigprocmask(SIG_BLOCK, &start_mask, &wait_mask);
		sigdelset(&wait_mask, SIGUSR1);
	}
	text = read_file(o.config_file, &len);
	if (parse_config(text, len, o.config_file, &config, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	free(text);
	if (o.canonical) {
		print_canonical(&config);
		return 0;
	}
	for (i = 0; i < config.nr_phases; i++) {
		size_t j;

		for (j = 0; j < config.phases[i].nr_patterns; j++)
			if (config.phases[i].patterns[j].mode == MODE_DEFAULT)
				config.phases[i].patterns[j].mode = o.default_mode;
	}
	setlocale(LC_NUMERIC, "");
	if (o.print_config && !o.quiet)
		print_config(&config);
	if (o.dry_run)
		return 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_start_signal;
	sigaction(SIGUSR1, &sa, NULL);

	if (o.phase_log) {
		phase_log = fopen(o.phase_log, "w");
		if (!phase_log) {
			fprintf(stderr, "masim: cannot write the phase log '%s': %s\n", o.phase_log, strerror(errno));
			return 1;
		}
	}
	rng_state ^= (uint64_t)getpid() * 0x100000001b3ULL ^ now_ns();
	map_regions(&config, &o);
	log_regions(&config, now_ns());
	/* Whoever started masim (a runner whose recorder is still starting) says when the phases begin. */
	while (o.wait_start && !start_signal && !stop_signal)
		sigsuspend(&wait_mask);
	stopped = stop_signal != 0;

	for (round = 1; !stopped && (o.repeat == 0 || round <= o.repeat); round++)
		for (i = 0; i < config.nr_phases && !stopped; i++)
			stopped = run_phase(&config.phases[i], i, round, &o);

	if (phase_log) {
		fprintf(phase_log, "{\"event\":\"exit\",\"t_ns\":%llu,\"reason\":\"%s\"}\n", (unsigned long long)now_ns(),
			stop_signal == SIGTERM ? "SIGTERM" : stop_signal == SIGINT ? "SIGINT" : "done");
		fclose(phase_log);
	}
	return 0;
}
