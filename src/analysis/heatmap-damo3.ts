// damo 3.3.0's `report heatmap` (and its --guide), to the last bit: what `damon-exp heatmap`
// prints, while `heats` keeps damo 2.4.9's numbers (heats.ts, heatmap.ts). What 3.3.0 does
// differently, each replicated here:
// - Time starts at the first snapshot's estimated start, end0 - (endN - end0) / (N - 1), a float,
//   for the guide's span and the default time range; the first snapshot is drawn, not skipped.
// - The units are floored (Python's float // when the range is), but the ranges are not shortened:
//   each row starts at int(start + i × unit), and times print relative to the (float) start.
// - A region adds to every row from the one its start falls in to the one its end falls in and
//   every column likewise (int() truncates toward zero, so a row or column just outside counts,
//   with a zero or negative overlap); a pixel no region touched stays NaN.
// - The guide's ranges split at the gaps of the first snapshot narrowed by each later one (a gap
//   with no overlap in a later snapshot stays as it was), a range's heat counts every region that
//   touches it whole, and the guides are ordered by address space, most first.
import type { Snapshot } from '../trace/snapshots.js';
import type { TraceCounts } from '../trace/snapshots.js';
import type { TraceSource } from '../trace/source.js';
import { keyOf } from './guide.js';
import { selects, type HeatsSpec, type Selection } from './heats.js';
import { passKeeping, STORE_BUDGET_BYTES } from './snapshot-store.js';

export interface Damo3GuideRange {
  start: number;
  end: number;
  /** Σ bytes × nr_accesses of the accessed regions touching the range (null: none). */
  heat: number | null;
}

export interface Damo3Guide {
  kdamond: number;
  context: number;
  target: number;
  /** The first snapshot's estimated start (a float), or null with fewer than 2 snapshots. */
  startNs: number | null;
  endNs: number;
  snapshots: number;
  ranges: Damo3GuideRange[];
}

interface Building {
  guide: Omit<Damo3Guide, 'ranges' | 'startNs'>;
  firstEnd: number;
  lowest: number;
  highest: number;
  gaps: [number, number][];
}

/** The guides of every (kdamond, context, target): spans, extremes and gaps (`countHeat` adds the heats). */
export class Damo3GuideBuilder {
  private readonly building = new Map<string, Building>();
  private readonly order: string[] = [];

  add(snapshot: Snapshot): void {
    const key = keyOf(snapshot);
    let b = this.building.get(key);
    if (!b) {
      const { kdamond, context, target, endNs } = snapshot;
      b = {
        guide: { kdamond, context, target, endNs, snapshots: 0 },
        firstEnd: endNs,
        lowest: 0,
        highest: 0,
        gaps: [],
      };
      this.building.set(key, b);
      this.order.push(key);
    }
    b.guide.snapshots++;
    b.guide.endNs = snapshot.endNs;
    let last = 0;
    const gaps: [number, number][] = [];
    for (const r of snapshot.regions) {
      // damo tests these for truth, so a 0 counts as unset.
      if (!b.lowest || r.start < b.lowest) b.lowest = r.start;
      if (!b.highest || r.end > b.highest) b.highest = r.end;
      if (!last) {
        last = r.end;
        continue;
      }
      if (last !== r.start) gaps.push([last, r.start]);
      last = r.end;
    }
    b.gaps = b.gaps.length ? narrowedGaps(b.gaps, gaps) : gaps;
  }

  /** The guides, their ranges' heats still to count (`countHeat`), in damo's order. */
  result(): Damo3Guide[] {
    const guides = this.order.map((key) => {
      const b = this.building.get(key)!;
      const n = b.guide.snapshots;
      const startNs = n < 2 ? null : b.firstEnd - (b.guide.endNs - b.firstEnd) / (n - 1);
      return { ...b.guide, startNs, ranges: rangesBetween(b.lowest, b.highest, b.gaps) };
    });
    const space = (g: Damo3Guide) => g.ranges.reduce((sum, r) => sum + (r.end - r.start), 0);
    return guides.sort((a, b) => space(b) - space(a));
  }
}

/** damo's overlapping_regions: each earlier gap narrowed by the later gaps it touches (ends included). */
function narrowedGaps(earlier: [number, number][], later: [number, number][]): [number, number][] {
  return earlier.map((gap) => {
    let g = gap;
    for (const l of later) if (!(g[1] < l[0] || l[1] < g[0])) g = [Math.max(g[0], l[0]), Math.min(g[1], l[1])];
    return g;
  });
}

function rangesBetween(lowest: number, highest: number, gaps: [number, number][]): Damo3GuideRange[] {
  const ranges: Damo3GuideRange[] = [];
  let start = lowest;
  for (const [gapStart, gapEnd] of gaps) {
    ranges.push({ start, end: gapStart, heat: null });
    start = gapEnd;
  }
  ranges.push({ start, end: highest, heat: null });
  return ranges;
}

/** The second pass over a guide's snapshots: each accessed region's bytes × nr_accesses, to every range it touches. */
export function countHeat(guide: Damo3Guide, snapshot: Snapshot): void {
  for (const r of snapshot.regions) {
    if (r.nrAccesses === 0) continue;
    for (const range of guide.ranges) {
      if (r.end < range.start || range.end < r.start) continue;
      range.heat = (range.heat ?? 0) + (r.end - r.start) * r.nrAccesses;
    }
  }
}

/** damo 3.3.0's default address range: the guide range of most heat per byte (or the largest), the first of equals. */
export function guideRange(guide: Damo3Guide, how: 'hottest' | 'largest'): [number, number] {
  const measure =
    how === 'hottest'
      ? (r: Damo3GuideRange) => (r.heat === null ? 0 : r.heat / (r.end - r.start))
      : (r: Damo3GuideRange) => r.end - r.start;
  let best = guide.ranges[0]!;
  for (const r of guide.ranges) if (measure(r) > measure(best)) best = r;
  return [best.start, best.end];
}

/** Python's float floor division (a // b) for b > 0: fmod-based, as CPython computes it. */
export function pythonFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod && mod < 0) div -= 1;
  if (!div) return 0;
  const floored = Math.floor(div);
  return div - floored > 0.5 ? floored + 1 : floored;
}

export interface Damo3Ranges {
  rows: number;
  cols: number;
  /** [start, end) in ns; the start may be fractional (the guide's estimate). */
  time: [number, number];
  /** Whether Python holds the time range as floats (the guide's start, or one relative to it): its times print as floats. */
  floatTime: boolean;
  /** [start, end) in bytes. */
  address: [number, number];
}

export class Damo3Heatmap {
  /** Row-major heats; NaN where no region touched the pixel (damo's None). */
  readonly heat: Float64Array;
  readonly timeUnit: number;
  readonly addressUnit: number;
  private readonly pixelSize: number;
  private previousEnd: number | null = null;

  constructor(readonly ranges: Damo3Ranges) {
    const { rows, cols, time, address } = ranges;
    this.timeUnit = pythonFloorDiv(time[1] - time[0], rows);
    this.addressUnit = Math.floor((address[1] - address[0]) / cols);
    this.pixelSize = this.timeUnit * this.addressUnit;
    this.heat = new Float64Array(rows * cols).fill(NaN);
  }

  rowTime(row: number): number {
    return Math.trunc(this.ranges.time[0] + row * this.timeUnit);
  }

  colAddress(col: number): number {
    return Math.trunc(this.ranges.address[0] + col * this.addressUnit);
  }

  /** The snapshots of one (kdamond, context, target) in order; `startNs` resolved (the first's estimate). */
  add(snapshot: Snapshot & { startNs: number }): void {
    const { rows, cols, time, address } = this.ranges;
    const addressEnd = address[0] + this.addressUnit * cols;
    let from = snapshot.startNs;
    if (this.previousEnd !== null && from < this.previousEnd) from = this.previousEnd;
    this.previousEnd = snapshot.endNs;
    const rowOf = (t: number) => Math.trunc((t - time[0]) / this.timeUnit);
    const colOf = (a: number) => Math.trunc((a - address[0]) / this.addressUnit);
    const firstRow = Math.max(0, rowOf(from));
    const lastRow = Math.min(rows - 1, rowOf(snapshot.endNs));
    for (const region of snapshot.regions) {
      if (region.end < address[0] || addressEnd < region.start) continue;
      const firstCol = Math.max(0, colOf(region.start));
      const lastCol = Math.min(cols - 1, colOf(region.end));
      for (let row = firstRow; row <= lastRow; row++) {
        const pixelTime = this.rowTime(row);
        // The snapshot's own start, not the one clipped to the previous end (damo's).
        const duration = Math.min(snapshot.endNs, pixelTime + this.timeUnit) - Math.max(snapshot.startNs, pixelTime);
        for (let col = firstCol; col <= lastCol; col++) {
          const pixelAddress = this.colAddress(col);
          const bytes = Math.min(region.end, pixelAddress + this.addressUnit) - Math.max(region.start, pixelAddress);
          const i = row * cols + col;
          const before = this.heat[i]!;
          let heat = region.nrAccesses * duration * bytes;
          heat += (Number.isNaN(before) ? 0 : before) * this.pixelSize;
          this.heat[i] = heat / this.pixelSize;
        }
      }
    }
  }

  /** The grid: heat[row][col], NaN where nothing was seen. */
  result(): number[][] {
    const { rows, cols } = this.ranges;
    return Array.from({ length: rows }, (_, row) => Array.from(this.heat.subarray(row * cols, (row + 1) * cols)));
  }
}

/**
 * What to draw: heats' request as it is, read damo 3.3.0's way (relativeTime counts from the
 * guide's start, 3.3.0's --time_range A B guided).
 */
type Damo3Spec = HeatsSpec;

export interface Damo3Heats {
  counts: TraceCounts;
  /** Every guide, in damo's order, heats counted. */
  guides: Damo3Guide[];
  /** Those the selection picks; the first is drawn (damo's choice). */
  matching: Damo3Guide[];
  /** The heatmap of matching[0], or null when nothing matches or it has fewer than 2 snapshots. */
  map: Damo3Heatmap | null;
}

/** The guides only (`--guide`). */
export async function damo3GuideOf(source: TraceSource): Promise<{ counts: TraceCounts; guides: Damo3Guide[] }> {
  const { counts, guides } = await damo3HeatmapOf(source, {}, null);
  return { counts, guides };
}

/** damo 3.3.0's heatmap of the first (kdamond, context, target) the selection picks (spec null: guides only). */
export async function damo3HeatmapOf(
  source: TraceSource,
  selection: Selection,
  spec: Damo3Spec | null,
): Promise<Damo3Heats> {
  const builder = new Damo3GuideBuilder();
  const first = await passKeeping(
    source,
    STORE_BUDGET_BYTES,
    (s) => builder.add(s),
    () => true,
  );
  const guides = builder.result();
  const byKey = new Map(guides.map((g) => [keyOf(g), g]));
  await first.again((s) => countHeat(byKey.get(keyOf(s))!, s));
  const matching = guides.filter((g) => selects(selection, g));
  const drawn = matching[0];
  if (!spec || !drawn || drawn.startNs === null) return { counts: first.counts, guides, matching, map: null };
  const map = new Damo3Heatmap(rangesOf(drawn, drawn.startNs, spec));
  const start = drawn.startNs;
  await first.again((s) => {
    if (byKey.get(keyOf(s)) === drawn) map.add({ ...s, startNs: s.startNs ?? start });
  });
  return { counts: first.counts, guides, matching, map };
}

function rangesOf(guide: Damo3Guide, start: number, spec: Damo3Spec): Damo3Ranges {
  const [time, floatTime]: [[number, number], boolean] = spec.time
    ? [spec.time, false]
    : spec.relativeTime
      ? [[start + spec.relativeTime[0], start + spec.relativeTime[1]], true]
      : [[start, guide.endNs], true];
  return { rows: spec.rows, cols: spec.cols, time, floatTime, address: spec.address ?? guideRange(guide, spec.range) };
}
