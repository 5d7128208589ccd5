// The TLB refresher (native/tlb-refresh): run in a QEMU TCG guest while it records, it makes each
// vCPU drop its cached translations every interval, as a real CPU's small TLB does by itself, so
// that DAMON's accessed-bit sampling sees the accesses a real CPU would let it see. Without it, a
// vCPU running one process keeps its translations for seconds and DAMON goes blind to that
// process (docs/reliability.md, "DAMON under emulation"). Here: where the program is, how often it runs
// for a run, and what its log says it did.
import { nativeProgram } from '../util/places.js';

export const NATIVE_TLB_REFRESH = nativeProgram('tlb-refresh').path;

/** The refresher a run uses: $TLB_REFRESH, else ours (native/tlb-refresh). */
export function tlbRefreshProgram(env: NodeJS.ProcessEnv = process.env): string {
  return env.TLB_REFRESH || NATIVE_TLB_REFRESH;
}

/** The process's name among a run's processes (its log: logs/tlb-refresh.log). */
export const TLB_REFRESH_REF = 'tlb-refresh';

/** What the refresher said it did (its log's two lines). */
export interface TlbRefreshLog {
  intervalUs: number | null;
  cpus: number | null;
  /** SCHED_FIFO, or a normal priority when the guest would not give it that. */
  policy: string | null;
  wakeups: number | null;
  /** Wake-ups more than one interval after their time (a slow guest). */
  late: number | null;
  seconds: number | null;
}

/** Reads the refresher's log: its start line, and the line it prints when stopped. */
export function parseTlbRefreshLog(text: string): TlbRefreshLog {
  const started = /tlb-refresh: every ([0-9]+) us on ([0-9]+) CPUs \(([a-z]+)\)/.exec(text);
  const stopped = /tlb-refresh: stopped: ([0-9]+) wake-ups on [0-9]+ CPUs in ([0-9.]+) s \(([0-9]+) late\)/.exec(text);
  return {
    intervalUs: started ? Number(started[1]) : null,
    cpus: started ? Number(started[2]) : null,
    policy: started ? started[3]! : null,
    wakeups: stopped ? Number(stopped[1]) : null,
    late: stopped ? Number(stopped[3]) : null,
    seconds: stopped ? Number(stopped[2]) : null,
  };
}
