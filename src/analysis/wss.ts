// Working set size (damo's semantics): per snapshot, the bytes of regions with nr_accesses >= 1;
// percentiles and the average after skipping the first snapshots (the warm-up; 20 by default).
import type { Snapshot } from '../trace/snapshots.js';

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
    return [...this.series.values()].sort((a, b) => a.kdamond - b.kdamond || a.context - b.context || a.target - b.target);
  }
}

/** The value at percentile p of sorted values (nearest rank, as damo reports it). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(series: WssSeries, skip = 20): WssSummary {
  const kept = series.points.slice(skip).map(([, bytes]) => bytes);
  const values = (kept.length ? kept : series.points.map(([, bytes]) => bytes)).sort((a, b) => a - b);
  return {
    kdamond: series.kdamond,
    context: series.context,
    target: series.target,
    snapshots: series.points.length,
    skipped: kept.length ? skip : 0,
    percentiles: Object.fromEntries([0, 25, 50, 75, 100].map((p) => [String(p), percentile(values, p)])),
    averageBytes: values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0,
  };
}
