// tlb-refresh: makes every CPU of a QEMU TCG guest drop its cached address translations at a
// steady pace, as a real CPU's small TLB does by itself.
//
// DAMON samples an address by clearing its page table entry's accessed bit and looking at it one
// sampling interval later. x86 sets the bit only when it walks the page table, and Linux does
// not flush the TLB after clearing it. A real TLB holds a few thousand entries and evicts a
// streaming workload's within microseconds, so the next access walks and sets the bit. QEMU's
// software TLB grows to hold hundreds of thousands of entries and is emptied only when the guest
// loads CR3 or flushes: a vCPU running one process that never switches address space keeps its
// translations for seconds, and DAMON sees nothing of what that process touches.
//
// One process per online CPU, pinned to it and scheduled SCHED_FIFO, sleeps INTERVAL_US on an
// absolute clock and wakes: each wake-up switches that CPU to this process's address space and
// back (two CR3 loads), which empties QEMU's TLB for that vCPU. The cost is a context switch per
// interval per CPU and the page walks the workload would make on a real CPU anyway.
//
// Usage: tlb-refresh INTERVAL_US. Prints one line when it starts and one with the wake-ups it
// made when it gets SIGTERM or SIGINT (then exits 0). Under KVM the hardware TLB behaves; do
// not run it there.
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CPUS 1024

struct cpu_stats {
	volatile uint64_t wakeups;
	volatile uint64_t late; // wake-ups more than one interval after their time
};

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static struct timespec to_timespec(uint64_t ns)
{
	struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000u), .tv_nsec = (long)(ns % 1000000000u)};
	return ts;
}

// Returns the scheduling policy it got: "fifo" or "normal" (when SCHED_FIFO is not allowed).
static const char *prioritize(void)
{
	struct sched_param param = {.sched_priority = 1};
	if (sched_setscheduler(0, SCHED_FIFO, &param) == 0)
		return "fifo";
	setpriority(PRIO_PROCESS, 0, -20);
	return "normal";
}

static void refresh_loop(int cpu, uint64_t interval_ns, struct cpu_stats *stats)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0) {
		fprintf(stderr, "tlb-refresh: cannot pin to CPU %d: %s\n", cpu, strerror(errno));
		_exit(1);
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	uint64_t next = now_ns() + interval_ns;
	while (!stop_requested) {
		struct timespec at = to_timespec(next);
		int rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL);
		if (rc != 0 && rc != EINTR)
			_exit(1);
		uint64_t now = now_ns();
		stats->wakeups++;
		if (now > next + interval_ns) {
			stats->late++;
			next = now; // a steady pace from here, not a burst to catch up
		}
		next += interval_ns;
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	char *end = NULL;
	long interval_us = argc == 2 ? strtol(argv[1], &end, 10) : 0;
	if (argc != 2 || !end || *end != '\0' || interval_us < 50 || interval_us > 10000000) {
		fprintf(stderr, "usage: tlb-refresh INTERVAL_US (50 to 10000000)\n");
		return 2;
	}
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	int cpus = online < 1 ? 1 : online > MAX_CPUS ? MAX_CPUS : (int)online;
	struct cpu_stats *stats =
	    mmap(NULL, sizeof(struct cpu_stats) * (size_t)cpus, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (stats == MAP_FAILED) {
		perror("tlb-refresh: mmap");
		return 1;
	}
	struct sigaction action;
	memset(&action, 0, sizeof(action));
	action.sa_handler = on_stop;
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGINT, &action, NULL);

	const char *policy = prioritize();
	pid_t children[MAX_CPUS];
	for (int cpu = 0; cpu < cpus; cpu++) {
		children[cpu] = fork();
		if (children[cpu] < 0) {
			perror("tlb-refresh: fork");
			cpus = cpu;
			break;
		}
		if (children[cpu] == 0)
			refresh_loop(cpu, (uint64_t)interval_us * 1000u, &stats[cpu]);
	}
	uint64_t started = now_ns();
	printf("tlb-refresh: every %ld us on %d CPUs (%s)\n", interval_us, cpus, policy);
	fflush(stdout);

	while (!stop_requested)
		pause();
	for (int cpu = 0; cpu < cpus; cpu++)
		kill(children[cpu], SIGTERM);
	for (int cpu = 0; cpu < cpus; cpu++)
		waitpid(children[cpu], NULL, 0);
	double seconds = (double)(now_ns() - started) / 1e9;
	uint64_t wakeups = 0, late = 0;
	for (int cpu = 0; cpu < cpus; cpu++) {
		wakeups += stats[cpu].wakeups;
		late += stats[cpu].late;
	}
	printf("tlb-refresh: stopped: %llu wake-ups on %d CPUs in %.3f s (%llu late)\n", (unsigned long long)wakeups,
	       cpus, seconds, (unsigned long long)late);
	fflush(stdout);
	return 0;
}
