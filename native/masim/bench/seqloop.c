/*
 * The reference for the masim benchmark: a plain C loop doing the accesses masim's sequential
 * write pattern does (one byte per STRIDE over SIZE bytes, wrapping), for SECONDS, printing
 * accesses/msec. masim must come within 20 % of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

int main(int argc, char *argv[])
{
	size_t size = argc > 1 ? strtoull(argv[1], NULL, 10) : 100000000;
	size_t stride = argc > 2 ? strtoull(argv[2], NULL, 10) : 4096;
	double seconds = argc > 3 ? atof(argv[3]) : 3;
	volatile char *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long long start, deadline, accesses = 0, t;
	size_t off = 0, i;

	if (mem == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	for (i = 0; i < size; i += 4096)
		mem[i] = 1;
	start = now_ns();
	deadline = start + (unsigned long long)(seconds * 1e9);
	do {
		for (i = 0; i < 65536; i++) {
			mem[off] = (char)i;
			off += stride;
			if (off >= size)
				off = 0;
		}
		accesses += 65536;
		t = now_ns();
	} while (t < deadline);
	printf("%llu accesses/msec, %llu msecs run\n", accesses / ((t - start) / 1000000ULL), (t - start) / 1000000ULL);
	return 0;
}
