// Working set size (damo's semantics): per snapshot, the bytes of regions with nr_accesses >= 1
// (and at least 1 byte); the first snapshots left out as warm-up (20 by default), then the average
// and damo's percentiles. `wss` and the report (analyze.ts) both take theirs from here.
import type { Region, Snapshot, TraceCounts } from '../trace/snapshots.js';
import { pass, type TraceSource } from '../trace/source.js';
import { damoPercentile } from './percentile.js';
import { mergeByWorkTime, type TimedRegions } from './work-time.js';

/** damo's --exclude_samples default: the snapshots of warm-up. */
export const DAMO_WARMUP = 20;
/** damo's --range 0 101 25. */
export const DAMO_PERCENTILES: readonly number[] = [0, 25, 50, 75, 100];

/**
 * The one skip rule: the first `skip` snapshots dropped, whatever their number, so a series of at
 * most `skip` snapshots has no working set size left. It is damo's (its --exclude_samples slices
 * each record's snapshots), which `wss` keeps for parity; the report uses it too, so that both say
 * the same of a short trace (an earlier report kept every snapshot of a series no longer than the
 * warm-up, and disagreed with `wss --json`).
 */
export function afterWarmup<T extends { slice(start: number): T }>(values: T, skip: number): T {
  return values.slice(skip);
}

interface Ids {
  kdamond: number;
  context: number;
  target: number;
}

/** The average and percentiles of working set sizes. */
export interface SizesSummary {
  /** How many sizes (snapshots after the warm-up, or merged snapshots with a work time). */
  sizes: number;
  /** Percentile → bytes; empty when there is no size. */
  percentiles: Record<string, number>;
  averageBytes: number | null;
}

/** One series' working set: its snapshots, those the warm-up left out, and what remains. */
export interface WssSummary extends SizesSummary {
  snapshots: number;
  skipped: number;
}

/** `sizes` in the order their percentiles are taken (sorted by size, or damo's --sortby time). */
export function summarizeSizes(
  sizes: ArrayLike<number>,
  percentiles: readonly number[] = DAMO_PERCENTILES,
): SizesSummary {
  let sum = 0;
  for (let i = 0; i < sizes.length; i++) sum += sizes[i]!;
  return {
    sizes: sizes.length,
    percentiles: sizes.length ? Object.fromEntries(percentiles.map((p) => [String(p), damoPercentile(sizes, p)])) : {},
    averageBytes: sizes.length ? sum / sizes.length : null,
  };
}

/** The report's summary of a series of working set sizes: the warm-up skipped, sorted by size. */
export function summarizeWss(all: Float64Array, skip = DAMO_WARMUP): WssSummary {
  return {
    snapshots: all.length,
    skipped: Math.min(skip, all.length),
    ...summarizeSizes(Float64Array.from(afterWarmup(all, skip)).sort()),
  };
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

/** A series' working set per snapshot with, when asked, its snapshots' regions (for damo's --work_time). */
export interface KeptSeries extends Ids {
  /** [end of snapshot in ns, working set in bytes] */
  points: [number, number][];
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
 * A series' working set sizes as damo's report wss takes them, in time order: the warm-up left
 * out, then (with a work time) the rest merged by work time, each measured by `criteria`.
 */
export function workingSetSizes(
  series: KeptSeries,
  skip: number,
  criteria: WorkingSetCriteria,
  workTimeNs: number | null,
): number[] {
  if (workTimeNs === null) return afterWarmup(series.points, skip).map(([, bytes]) => bytes);
  const first = series.snapshots[0];
  const snapshots =
    first && first.startNs === null
      ? [{ ...first, startNs: firstStartNs(series.snapshots.map((s) => s.endNs)) }, ...series.snapshots.slice(1)]
      : series.snapshots;
  return mergeByWorkTime(afterWarmup(snapshots, skip), workTimeNs).map((regions) =>
    workingSetBytes({ regions }, criteria),
  );
}

/** damo's report wss options. */
export interface WssOptions {
  skip: number;
  criteria: WorkingSetCriteria;
  workTimeNs: number | null;
  sortBy: 'size' | 'time';
  percentiles: readonly number[];
}

/** One (kdamond, context, target)'s sizes, in the order of `sortBy`, and their summary. */
export interface TargetWss extends Ids {
  sizes: number[];
  summary: WssSummary;
}

/** Every (kdamond, context, target)'s working set sizes in a trace, as damo's report wss takes them. */
export async function wssOf(
  source: TraceSource,
  options: WssOptions,
): Promise<{ counts: TraceCounts; targets: TargetWss[] }> {
  const builder = new WssBuilder(options.criteria, options.workTimeNs !== null);
  const counts = await pass(source, (s) => builder.add(s));
  const targets = builder.result().map(({ kdamond, context, target, ...series }): TargetWss => {
    const sizes = workingSetSizes(
      { kdamond, context, target, ...series },
      options.skip,
      options.criteria,
      options.workTimeNs,
    );
    if (options.sortBy === 'size') sizes.sort((x, y) => x - y);
    const snapshots = series.points.length;
    return {
      kdamond,
      context,
      target,
      sizes,
      summary: {
        snapshots,
        skipped: Math.min(options.skip, snapshots),
        ...summarizeSizes(sizes, options.percentiles),
      },
    };
  });
  return { counts, targets };
}

/** A distribution damo's report wss prints: one target's sizes, or a context's targets collapsed. */
export interface WssDistribution extends Ids {
  sizes: number[];
  summary: SizesSummary;
}

/**
 * damo's distributions: by default every target's sizes (each in its order) summed rank by rank
 * into one (damo's collapse_targets; target 0), per (kdamond, context), whose snapshots are not the
 * same instants; `perTarget` gives each target its own.
 */
export function wssDistributions(
  targets: readonly TargetWss[],
  perTarget: boolean,
  percentiles: readonly number[],
): WssDistribution[] {
  if (perTarget)
    return targets.map(({ kdamond, context, target, sizes }) => ({
      kdamond,
      context,
      target,
      sizes,
      summary: summarizeSizes(sizes, percentiles),
    }));
  const contexts = [...new Set(targets.map((t) => `${t.kdamond}/${t.context}`))];
  return contexts.map((key) => {
    const members = targets.filter((t) => `${t.kdamond}/${t.context}` === key);
    const sums: number[] = [];
    for (const { sizes } of members) sizes.forEach((v, i) => (sums[i] = (sums[i] ?? 0) + v));
    const { kdamond, context } = members[0]!;
    return { kdamond, context, target: 0, sizes: sums, summary: summarizeSizes(sums, percentiles) };
  });
}
