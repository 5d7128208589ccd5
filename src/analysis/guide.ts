// The guide of a trace (damo's `report heats --guide`): per (kdamond, context, target), the time
// span and the address ranges that hold data: the union of every snapshot's regions, so that a
// gap splits the ranges only when it is present in every snapshot.
//
// Each range also carries its heat as damo's guide counts it (Σ nr_accesses · bytes over every
// snapshot's regions in it), and `--range hottest` picks the range of the most heat per byte (the
// lowest of equals), as damo does. A region always lies inside one range of the final union
// (ranges only ever merge), so the totals can be summed as the union grows, in one pass.
import type { Snapshot } from '../trace/snapshots.js';

export interface GuideEntry {
  kdamond: number;
  context: number;
  target: number;
  firstNs: number;
  lastNs: number;
  snapshots: number;
  ranges: { start: number; end: number }[];
  /** Heat per range (Σ nr_accesses · bytes over the snapshots), in the order of `ranges`. */
  rangeHeat: number[];
}

interface HeatedRange {
  start: number;
  end: number;
  heat: number;
}

export function keyOf(s: { kdamond: number; context: number; target: number }): string {
  return `${s.kdamond}/${s.context}/${s.target}`;
}

export class GuideBuilder {
  private readonly entries = new Map<
    string,
    { entry: Omit<GuideEntry, 'ranges' | 'rangeHeat'>; ranges: HeatedRange[] }
  >();

  add(snapshot: Snapshot): void {
    const key = keyOf(snapshot);
    let found = this.entries.get(key);
    if (!found) {
      found = {
        entry: {
          kdamond: snapshot.kdamond,
          context: snapshot.context,
          target: snapshot.target,
          firstNs: snapshot.startNs ?? snapshot.endNs,
          lastNs: snapshot.endNs,
          snapshots: 0,
        },
        ranges: [],
      };
      this.entries.set(key, found);
    }
    found.entry.snapshots++;
    found.entry.lastNs = Math.max(found.entry.lastNs, snapshot.endNs);
    found.ranges = mergeHeated(found.ranges, snapshot);
  }

  result(): GuideEntry[] {
    return [...this.entries.values()]
      .map(({ entry, ranges }) => ({
        ...entry,
        ranges: ranges.map(({ start, end }) => ({ start, end })),
        rangeHeat: ranges.map((r) => r.heat),
      }))
      .sort((a, b) => a.kdamond - b.kdamond || a.context - b.context || a.target - b.target);
  }
}

/** The sorted union of `ranges` and the snapshot's regions, heat summed where they merge. */
function mergeHeated(ranges: HeatedRange[], snapshot: Snapshot): HeatedRange[] {
  const regions = snapshot.regions;
  const sortedRegions = isSorted(regions) ? regions : [...regions].sort((a, b) => a.start - b.start);
  if (addInside(ranges, sortedRegions)) return ranges;
  const merged: HeatedRange[] = [];
  let i = 0;
  let j = 0;
  while (i < ranges.length || j < sortedRegions.length) {
    let next: HeatedRange;
    if (j >= sortedRegions.length || (i < ranges.length && ranges[i]!.start <= sortedRegions[j]!.start))
      next = ranges[i++]!;
    else {
      const r = sortedRegions[j++]!;
      next = { start: r.start, end: r.end, heat: r.nrAccesses * (r.end - r.start) };
    }
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) {
      last.end = Math.max(last.end, next.end);
      last.heat += next.heat;
    } else merged.push({ start: next.start, end: next.end, heat: next.heat });
  }
  return merged;
}

/**
 * The merge when every region lies inside a range (nearly every snapshot after the first): each
 * region's heat added to its range's in place, in the order the merge adds them (by start); false,
 * and nothing changed, when a region lies outside the ranges or reaches beyond one.
 */
function addInside(ranges: HeatedRange[], sortedRegions: readonly Snapshot['regions'][number][]): boolean {
  const n = ranges.length;
  if (n === 0) return false;
  let i = 0;
  for (const r of sortedRegions) {
    while (i < n && ranges[i]!.end <= r.start) i++;
    if (i === n || ranges[i]!.start > r.start || r.end > ranges[i]!.end) return false;
  }
  i = 0;
  for (const r of sortedRegions) {
    while (ranges[i]!.end <= r.start) i++;
    ranges[i]!.heat += r.nrAccesses * (r.end - r.start);
  }
  return true;
}

function isSorted(regions: { start: number }[]): boolean {
  for (let i = 1; i < regions.length; i++) if (regions[i]!.start < regions[i - 1]!.start) return false;
  return true;
}

/** The address range a heatmap shows by default: the guide range of most heat per byte (damo's), or the largest. */
export function chooseRange(entry: GuideEntry, how: 'hottest' | 'largest'): [number, number] {
  let best = 0;
  entry.ranges.forEach((r, i) => {
    const better =
      how === 'hottest'
        ? entry.rangeHeat[i]! / (r.end - r.start) >
          entry.rangeHeat[best]! / (entry.ranges[best]!.end - entry.ranges[best]!.start)
        : r.end - r.start > entry.ranges[best]!.end - entry.ranges[best]!.start;
    if (better) best = i;
  });
  const range = entry.ranges[best]!;
  return [range.start, range.end];
}
