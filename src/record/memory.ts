// Each workload's memory as the kernel accounts it: VmRSS and VmSwap of /proc/PID/status, sampled
// from its start to the end of the measurement, with its CPU time (utime + stime of
// /proc/PID/stat: a target that used none had no access for DAMON to see). What a scheme that
// reclaims (pageout) saves shows here: resident memory falls and swap rises. Times are CLOCK_MONOTONIC (Node's hrtime), the
// clock of the trace (perf -k CLOCK_MONOTONIC) and of masim's phase log.
import { readFile } from 'node:fs/promises';
import { CLOCK_TICKS_PER_SECOND, readThreadTimes } from './cpu.js';

export interface MemorySample {
  /** CLOCK_MONOTONIC, ns. */
  tNs: number;
  ref: string;
  /** null when the process could not be read (it has exited). */
  rssBytes: number | null;
  swapBytes: number | null;
  /** utime + stime in clock ticks (absent in older runs; null when it could not be read). */
  cpuTicks?: number | null;
}

export interface WorkloadMemory {
  format: 'damon-exp.memory/1';
  intervalMs: number;
  /** The ticks of cpuTicks (USER_HZ, 100 on Linux); absent in older runs. */
  clockTicksPerSecond?: number;
  samples: MemorySample[];
}

/** VmRSS and VmSwap of a process in bytes; null when it cannot be read. */
export async function readProcessMemory(
  procRoot: string,
  pid: number,
): Promise<{ rssBytes: number; swapBytes: number } | null> {
  let text: string;
  try {
    text = await readFile(`${procRoot}/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+([0-9]+) kB$`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : null;
  };
  const rssBytes = kib('VmRSS');
  // A kernel without CONFIG_SWAP has no VmSwap line: nothing is swapped.
  return rssBytes === null ? null : { rssBytes, swapBytes: kib('VmSwap') ?? 0 };
}

export const monotonicNs = (): number => Number(process.hrtime.bigint());

export class MemorySampler {
  private readonly samples: MemorySample[] = [];
  private readonly pids = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly procRoot = '/proc',
    readonly intervalMs = 1000,
  ) {}

  add(ref: string, pid: number): void {
    this.pids.set(ref, pid);
    this.sampleSoon(new Map([[ref, pid]]));
    if (!this.timer) {
      this.timer = setInterval(() => this.sampleSoon(this.pids), this.intervalMs);
      this.timer.unref();
    }
  }

  /** One sample at a time: a slow /proc never piles reads up. */
  private sampleSoon(pids: Map<string, number>): void {
    const which = [...pids];
    this.pending = this.pending.then(() => this.sample(which));
  }

  private async sample(pids: [string, number][]): Promise<void> {
    const tNs = monotonicNs();
    const read = await Promise.all(
      pids.map(([, pid]) => Promise.all([readProcessMemory(this.procRoot, pid), readThreadTimes(this.procRoot, pid)])),
    );
    pids.forEach(([ref], i) => {
      const [memory, times] = read[i]!;
      const ticks = times ? times.utime + times.stime : NaN;
      this.samples.push({
        tNs,
        ref,
        rssBytes: memory?.rssBytes ?? null,
        swapBytes: memory?.swapBytes ?? null,
        cpuTicks: Number.isFinite(ticks) ? ticks : null,
      });
    });
  }

  /** Takes the last sample and stops. */
  async stop(): Promise<WorkloadMemory> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.pids.size) this.sampleSoon(this.pids);
    await this.pending;
    return {
      format: 'damon-exp.memory/1',
      intervalMs: this.intervalMs,
      clockTicksPerSecond: CLOCK_TICKS_PER_SECOND,
      samples: this.samples,
    };
  }
}
