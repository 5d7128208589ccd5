// What a recording session samples while DAMON runs: kdamond CPU, the workloads' memory and the
// schemes' counters, stopped together as the measurement ends (or one after another, later, when
// it did not get there).
import type { Plan } from '../plan/plan.js';
import type { Sysfs } from '../damon-sysfs/sysfs.js';
import { KdamondCpuSampler, type KdamondCpu } from './cpu.js';
import { MemorySampler, type WorkloadMemory } from './memory.js';
import { SchemeStatsSampler, type SchemeStats } from './scheme-stats.js';

export interface Measurements {
  kdamondCpu: KdamondCpu;
  memory: WorkloadMemory;
  schemeStats: SchemeStats;
}

export interface SamplerOptions {
  sysfs: Sysfs;
  procRoot?: string;
  cpuIntervalMs?: number;
  sampleIntervalMs?: number;
}

export class SessionSamplers {
  readonly cpu: KdamondCpuSampler;
  readonly memory: MemorySampler;
  readonly schemeStats: SchemeStatsSampler;
  private taken: Measurements | undefined;

  constructor(
    private readonly plan: Plan,
    options: SamplerOptions,
  ) {
    this.cpu = new KdamondCpuSampler(options.procRoot ?? '/proc', options.cpuIntervalMs ?? 1000);
    const sampleMs = options.sampleIntervalMs ?? Math.min(1000, Math.max(250, Math.round(plan.durationUs / 1000 / 30)));
    // The workloads are real processes even where the kdamonds are not (the sysfs emulator's, under procRoot).
    this.memory = new MemorySampler('/proc', sampleMs);
    this.schemeStats = new SchemeStatsSampler(options.sysfs, plan, sampleMs);
  }

  /** The last samples, taken together while the kdamonds and workloads still run. */
  async stopTogether(): Promise<void> {
    const [kdamondCpu, memory, schemeStats] = await Promise.all([
      this.cpu.stop(),
      this.memory.stop(),
      this.schemeStats.stop(statsPatienceMs(this.plan)),
    ]);
    this.taken = { kdamondCpu, memory, schemeStats };
  }

  /** What they measured: stopped one after another now if they were not as the measurement ended. */
  async measurements(): Promise<Measurements> {
    if (this.taken) return this.taken;
    const kdamondCpu = await this.cpu.stop();
    const memory = await this.memory.stop();
    const schemeStats = await this.schemeStats.stop(statsPatienceMs(this.plan));
    return { kdamondCpu, memory, schemeStats };
  }
}

/**
 * How long the last scheme counters may take once the measurement ended: a kdamond answers
 * update_schemes_stats within an aggregation interval or so; one busy applying a scheme (a slow
 * VM paging out) may not answer for many seconds, and its run is not held up for it (its counters
 * are those of the last answer, and its validity says so).
 */
function statsPatienceMs(plan: Plan): number {
  const aggrMs = plan.layout.kdamonds.flatMap((k) => k.contexts.map((c) => c.attrs.aggrUs / 1000));
  return Math.max(2000, 3 * Math.max(0, ...aggrMs));
}
