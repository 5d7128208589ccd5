// Working set size (damo's semantics): per snapshot, the bytes of regions with nr_accesses >= 1;
// percentiles and the average after skipping the first snapshots (the warm-up; 20 by default).
import type { Snapshot } from '../trace/snapshots.js';
import { percentile } from './series.js';

export interface WssSeries {
  kdamond: number;
  context: number;
  target: number;
  /** [end of snapshot in ns, working set in bytes] */
  points: [number, number][];
}

export interface WssSummary {
  kdamond: number;
  context: number;
  target: number;
  snapshots: number;
  skipped: number;
  /** Percentile (0, 25, 50, 75, 100) → bytes. */
  percentiles: Record<string, number>;
  averageBytes: number;
}

export function workingSetBytes(snapshot: Snapshot): number {
  return snapshot.regions.reduce((sum, r) => (r.nrAccesses >= 1 ? sum + (r.end - r.start) : sum), 0);
}

export class WssBuilder {
  private readonly series = new Map<string, WssSeries>();

  add(snapshot: Snapshot): void {
    const key = `${snapshot.kdamond}/${snapshot.context}/${snapshot.target}`;
    let series = this.series.get(key);
    if (!series) {
      series = { kdamond: snapshot.kdamond, context: snapshot.context, target: snapshot.target, points: [] };
      this.series.set(key, series);
    }
    series.points.push([snapshot.endNs, workingSetBytes(snapshot)]);
  }

  result(): WssSeries[] {
    return [...this.series.values()].sort(
      (a, b) => a.kdamond - b.kdamond || a.context - b.context || a.target - b.target,
    );
  }
}

export { percentile };

/** damo's percentile of sorted values: the value at int(p / 100 × n), the last for p = 100. */
export function damoPercentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.trunc((p / 100) * sorted.length))]!;
}

export function summarize(series: WssSeries, skip = 20): WssSummary {
  const { kdamond, context, target } = series;
  return {
    kdamond,
    context,
    target,
    ...summarizeValues(
      Float64Array.from(series.points, ([, bytes]) => bytes),
      skip,
    ),
  };
}

/** Percentiles and average of working set sizes, the first `skip` left out (unless that is all). */
export function summarizeValues(all: Float64Array, skip = 20): Omit<WssSummary, 'kdamond' | 'context' | 'target'> {
  const kept = all.length > skip ? all.subarray(skip) : all;
  const values = Float64Array.from(kept).sort();
  let sum = 0;
  for (const v of values) sum += v;
  return {
    snapshots: all.length,
    skipped: all.length > skip ? skip : 0,
    percentiles: Object.fromEntries([0, 25, 50, 75, 100].map((p) => [String(p), damoPercentile(values, p)])),
    averageBytes: values.length ? sum / values.length : 0,
  };
}
