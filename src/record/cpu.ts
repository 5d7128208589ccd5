// kdamond CPU time: utime and stime of each kdamond thread (/proc/PID/stat fields 14 and 15),
// sampled when DAMON is on, at an interval, and at the end. The overhead figure DAMON papers use.
import { readFile } from 'node:fs/promises';

export interface CpuSample {
  /** Milliseconds since sampling started. */
  tMs: number;
  kdamond: number;
  pid: number;
  /** Clock ticks; null when the thread could not be read (it has exited). */
  utime: number | null;
  stime: number | null;
}

export interface KdamondCpu {
  clockTicksPerSecond: number;
  /** CLOCK_MONOTONIC (ns) when sampling started, the samples' tMs 0 (absent in older runs). */
  startedNs?: number;
  intervalMs: number;
  samples: CpuSample[];
}

/** USER_HZ, the unit of /proc/PID/stat's times: 100 on every Linux architecture we run on. */
export const CLOCK_TICKS_PER_SECOND = 100;

export async function readThreadTimes(procRoot: string, pid: number): Promise<{ utime: number; stime: number } | null> {
  try {
    const stat = await readFile(`${procRoot}/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { utime: Number(fields[11]), stime: Number(fields[12]) };
  } catch {
    return null;
  }
}

export class KdamondCpuSampler {
  private readonly samples: CpuSample[] = [];
  private readonly pids = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private started = 0;
  private startedNs: number | undefined;

  constructor(
    private readonly procRoot = '/proc',
    private readonly intervalMs = 1000,
    private readonly clockTicksPerSecond = CLOCK_TICKS_PER_SECOND,
  ) {}

  add(kdamond: number, pid: number): void {
    this.pids.set(kdamond, pid);
    if (!this.started) {
      this.started = performance.now();
      this.startedNs = Number(process.hrtime.bigint());
    }
    void this.sampleOne(kdamond, pid);
    if (!this.timer) {
      this.timer = setInterval(() => void this.sampleAll(), this.intervalMs);
      this.timer.unref();
    }
  }

  private async sampleOne(kdamond: number, pid: number): Promise<void> {
    const times = await readThreadTimes(this.procRoot, pid);
    this.samples.push({
      tMs: Math.round(performance.now() - this.started),
      kdamond,
      pid,
      utime: times?.utime ?? null,
      stime: times?.stime ?? null,
    });
  }

  private async sampleAll(): Promise<void> {
    await Promise.all([...this.pids].map(([kdamond, pid]) => this.sampleOne(kdamond, pid)));
  }

  /** Takes the last samples and stops. */
  async stop(): Promise<KdamondCpu> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.pids.size) await this.sampleAll();
    return {
      clockTicksPerSecond: this.clockTicksPerSecond,
      ...(this.startedNs !== undefined ? { startedNs: this.startedNs } : {}),
      intervalMs: this.intervalMs,
      samples: this.samples.sort((a, b) => a.tMs - b.tMs || a.kdamond - b.kdamond),
    };
  }
}
