// Working set size (damo's semantics): per snapshot, the bytes of regions with nr_accesses >= 1;
// percentiles and the average after skipping the first snapshots (the warm-up; 20 by default).
import type { Region, Snapshot } from '../trace/snapshots.js';
import { percentile } from './series.js';
import { mergeByWorkTime, type TimedRegions } from './work-time.js';

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

/** What counts as working set: regions seen accessed at least so often, and at least so large. */
export interface WorkingSetCriteria {
  /** nr_accesses (samples) at least; damo's --acc_thres, 1 by default. */
  minAccesses: number;
  /** bytes at least; damo's --sz_thres, 1 by default. */
  minBytes: number;
}

export const DAMO_CRITERIA: WorkingSetCriteria = { minAccesses: 1, minBytes: 1 };

export function workingSetBytes<S extends { regions: readonly Pick<Region, 'start' | 'end' | 'nrAccesses'>[] }>(
  snapshot: S,
  { minAccesses, minBytes }: WorkingSetCriteria = DAMO_CRITERIA,
): number {
  let sum = 0;
  for (const r of snapshot.regions)
    if (r.nrAccesses >= minAccesses && r.end - r.start >= minBytes) sum += r.end - r.start;
  return sum;
}

/** A series with, when asked, its snapshots' regions kept (for damo's --work_time). */
export interface KeptSeries extends WssSeries {
  snapshots: TimedRegions[];
}

export class WssBuilder {
  private readonly series = new Map<string, KeptSeries>();

  /** keepRegions: keep every snapshot's regions (compactly), for mergeByWorkTime. */
  constructor(
    private readonly criteria: WorkingSetCriteria = DAMO_CRITERIA,
    private readonly keepRegions = false,
  ) {}

  add(snapshot: Snapshot): void {
    const key = `${snapshot.kdamond}/${snapshot.context}/${snapshot.target}`;
    let series = this.series.get(key);
    if (!series) {
      const { kdamond, context, target } = snapshot;
      series = { kdamond, context, target, points: [], snapshots: [] };
      this.series.set(key, series);
    }
    series.points.push([snapshot.endNs, workingSetBytes(snapshot, this.criteria)]);
    if (this.keepRegions) {
      const regions = new Float64Array(snapshot.regions.length * 3);
      snapshot.regions.forEach((r, i) => regions.set([r.start, r.end, r.nrAccesses], i * 3));
      series.snapshots.push({ startNs: snapshot.startNs, endNs: snapshot.endNs, regions });
    }
  }

  result(): KeptSeries[] {
    return [...this.series.values()].sort(
      (a, b) => a.kdamond - b.kdamond || a.context - b.context || a.target - b.target,
    );
  }
}

/**
 * damo's start of a series' first snapshot, whose start no trace line tells: its end less the
 * mean time between the ends of the series' snapshots (none for a single snapshot).
 */
export function firstStartNs(ends: readonly number[]): number | null {
  if (ends.length < 2) return null;
  return ends[0]! - (ends[ends.length - 1]! - ends[0]!) / (ends.length - 1);
}

/**
 * A series' working set sizes as damo's report wss takes them: the first `skip` snapshots left
 * out, then (with a work time) the rest merged by work time, each measured by `criteria`.
 */
export function workingSetSizes(
  series: KeptSeries,
  skip: number,
  criteria: WorkingSetCriteria,
  workTimeNs: number | null,
): number[] {
  if (workTimeNs === null) return series.points.slice(skip).map(([, bytes]) => bytes);
  const first = series.snapshots[0];
  const snapshots =
    first && first.startNs === null
      ? [{ ...first, startNs: firstStartNs(series.snapshots.map((s) => s.endNs)) }, ...series.snapshots.slice(1)]
      : series.snapshots;
  return mergeByWorkTime(snapshots.slice(skip), workTimeNs).map((regions) => workingSetBytes({ regions }, criteria));
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
