// The schemes' counters through the run: every interval, each running kdamond is asked to refresh
// them (`update_schemes_stats` to its state file: the kernel copies its counters into stats/) and
// they are read. Counters are cumulative since the kdamond started; the last sample, taken while
// the kdamonds still run, holds the run's totals.
import type { Sysfs } from '../damon-sysfs/sysfs.js';
import { writeRetrying } from '../damon-sysfs/write.js';
import type { Plan } from '../plan/plan.js';
import { admin, SCHEME_STATS, type SchemeStatName } from '../plan/sysfs-tree.js';
import { monotonicNs } from './memory.js';

export type SchemeCounters = Record<SchemeStatName, number>;

export interface SchemeStatsSample extends SchemeCounters {
  /** CLOCK_MONOTONIC, ns. */
  tNs: number;
  kdamond: number;
  context: number;
  scheme: number;
}

export interface SchemeStats {
  format: 'damon-exp.scheme-stats/1';
  intervalMs: number;
  schemes: { kdamond: number; context: number; scheme: number; action: string; set: string | null }[];
  samples: SchemeStatsSample[];
  /** Why sampling stopped early, if it did (the counters up to then are kept). */
  problems: string[];
}

export class SchemeStatsSampler {
  private readonly samples: SchemeStatsSample[] = [];
  private readonly problems: string[] = [];
  private readonly running = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();
  /** The schemes of the plan, as scheme-stats.json lists them. */
  private readonly schemes: SchemeStats['schemes'];

  constructor(
    private readonly sysfs: Sysfs,
    plan: Plan,
    readonly intervalMs = 1000,
  ) {
    this.schemes = plan.layout.kdamonds.flatMap((k) =>
      k.contexts.flatMap((c) =>
        (c.schemes ?? []).map((s, i) => ({
          kdamond: k.index,
          context: c.index,
          scheme: i,
          action: s.action,
          set: s.set,
        })),
      ),
    );
  }

  /** Kdamond `k` runs: sample its schemes from now on (nothing to do when the plan has none). */
  add(kdamond: number): void {
    if (!this.schemes.some((s) => s.kdamond === kdamond)) return;
    this.running.add(kdamond);
    this.sampleSoon();
    if (!this.timer) {
      this.timer = setInterval(() => this.sampleSoon(), this.intervalMs);
      this.timer.unref();
    }
  }

  private sampleSoon(): void {
    this.pending = this.pending.then(() => this.sampleAll());
  }

  private async sampleAll(): Promise<void> {
    for (const kdamond of this.running) {
      try {
        await this.sampleKdamond(kdamond);
      } catch (error) {
        // A kdamond that stopped by itself refuses the command (EINVAL): its last counters stay.
        this.running.delete(kdamond);
        this.problems.push(
          `scheme stats of kdamond ${kdamond} no longer sampled: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private async sampleKdamond(kdamond: number): Promise<void> {
    await writeRetrying(this.sysfs, admin.kdamonds.kdamond(kdamond).state, 'update_schemes_stats');
    const tNs = monotonicNs();
    const contexts = admin.kdamonds.kdamond(kdamond).contexts;
    for (const s of this.schemes.filter((x) => x.kdamond === kdamond)) {
      const stats = contexts.context(s.context).schemes.scheme(s.scheme).stats;
      const values = await Promise.all(SCHEME_STATS.map((name) => this.sysfs.read(stats[name])));
      const counters = Object.fromEntries(SCHEME_STATS.map((name, i) => [name, Number(values[i]!.trim())]));
      this.samples.push({ tNs, kdamond, context: s.context, scheme: s.scheme, ...(counters as SchemeCounters) });
    }
  }

  /**
   * Takes the last sample (the kdamonds still run) and stops. A kernel that does not answer
   * `update_schemes_stats` (its kdamond busy applying a scheme) does not hold the run's end up:
   * after `patienceMs` the samples up to then are what there is.
   */
  async stop(patienceMs = 10_000): Promise<SchemeStats> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.running.size) this.sampleSoon();
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      this.pending.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), patienceMs))),
    ]);
    clearTimeout(timer);
    if (!answered)
      this.problems.push(
        `scheme stats: the kernel did not answer update_schemes_stats within ${patienceMs / 1000} s as the measurement ended; the counters are those of its last answer`,
      );
    this.running.clear();
    return {
      format: 'damon-exp.scheme-stats/1',
      intervalMs: this.intervalMs,
      schemes: this.schemes,
      samples: this.samples,
      problems: this.problems,
    };
  }
}
