/* masim access-pattern configs: the model and its parser. */
#ifndef MASIM_CONFIG_H
#define MASIM_CONFIG_H

#include <stddef.h>

enum access_mode { MODE_DEFAULT = 0, MODE_RO, MODE_WO, MODE_RW };

struct region {
	char *name;
	size_t size;
	char *init;		/* NULL, "none", or a file to fill the region from */
	int line;
	char *mem;		/* the mapping, once made */
	size_t mapped;		/* its length (rounded up for huge pages) */
};

struct pattern {
	struct region *region;
	int random;
	size_t stride;
	unsigned long weight;
	enum access_mode mode;
	size_t offset;		/* where a sequential walk stands */
};

struct phase {
	char *name;
	unsigned long duration_ms;
	struct pattern *patterns;
	size_t nr_patterns;
	unsigned long total_weight;
};

struct config {
	struct region *regions;
	size_t nr_regions;
	struct phase *phases;
	size_t nr_phases;
};

/*
 * Parses masim config text. Returns 0, or -1 with "FILE:LINE: message" in err (a buffer of
 * errlen bytes). Accepts what the original masim reads the same way, and rejects what it would
 * misread, with the same rules and messages as damon-exp's TypeScript parser.
 */
int parse_config(const char *text, size_t len, const char *file, struct config *config,
		 char *err, size_t errlen);

/* Prints the config as canonical masim text (comments dropped). */
void print_canonical(const struct config *config);

const char *mode_name(enum access_mode mode);

#endif
