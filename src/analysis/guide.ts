// The guide of a trace (damo's `report heats --guide`): per (kdamond, context, target), the time
// span and the address ranges that hold data, as damo 2.4.9 finds them: from the lowest address
// to the highest, cut at the first snapshot's gaps, each gap only ever narrowed by a later
// snapshot's gap that overlaps it (touching counts), and replaced by the next snapshot's when none
// is left. So a range that appears inside a gap after the first snapshot does not split it.
//
// Each range also carries its heat as damo's guide counts it (Σ nr_accesses · bytes of every
// snapshot's regions that overlap it, touching included), and `--range hottest` picks the range
// of the most heat per byte (the lowest of equals), as damo does. While the ranges are those of
// the union of the snapshots' regions (a layout that does not change: nearly every trace), every
// region lies inside one range and the heat is summed in the same pass; where they are not, damo's
// heat needs the final ranges: `needsHeatPass()`, then `addHeat` of every snapshot again.
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

/** damo's guide state of a target: its lowest and highest addresses and the gaps kept. */
interface DamoGaps {
  lowest: number | null;
  highest: number | null;
  gaps: [number, number][];
}

interface Found {
  entry: Omit<GuideEntry, 'ranges' | 'rangeHeat'>;
  /** The union of the snapshots' regions, with their heat. */
  ranges: HeatedRange[];
  damo: DamoGaps;
  /** Whether damo's ranges are the union's (their heat summed as it grew); null until asked after the last add. */
  damoIsUnion: boolean | null;
  /** damo's heat of damo's ranges, counted by addHeat when they are not the union's. */
  counted: { ranges: { start: number; end: number }[]; heat: number[] } | null;
}

function isUnion(found: Found): boolean {
  return (found.damoIsUnion ??= sameRanges(damoRanges(found.damo), found.ranges));
}

export class GuideBuilder {
  private readonly entries = new Map<string, Found>();

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
        damo: { lowest: null, highest: null, gaps: [] },
        damoIsUnion: null,
        counted: null,
      };
      this.entries.set(key, found);
    }
    found.entry.snapshots++;
    found.entry.lastNs = Math.max(found.entry.lastNs, snapshot.endNs);
    found.ranges = mergeHeated(found.ranges, snapshot);
    addDamoGaps(found.damo, snapshot.regions);
    found.damoIsUnion = null;
  }

  /** Whether damo's heat of some target's ranges needs its snapshots again (addHeat each). */
  needsHeatPass(): boolean {
    return [...this.entries.values()].some((f) => f.counted === null && !isUnion(f));
  }

  /** Counts a snapshot's heat into damo's ranges, for the targets whose ranges are not the union's. */
  addHeat(snapshot: Snapshot): void {
    const found = this.entries.get(keyOf(snapshot));
    if (!found || isUnion(found)) return;
    if (found.counted === null) {
      const ranges = damoRanges(found.damo);
      found.counted = { ranges, heat: ranges.map(() => 0) };
    }
    const { ranges, heat } = found.counted;
    for (const r of snapshot.regions) {
      if (r.nrAccesses === 0) continue;
      const h = r.nrAccesses * (r.end - r.start);
      for (let i = 0; i < ranges.length; i++)
        if (!(r.end < ranges[i]!.start || ranges[i]!.end < r.start)) heat[i]! += h;
    }
  }

  result(): GuideEntry[] {
    return [...this.entries.values()]
      .map((found) => {
        const ofDamo = damoRanges(found.damo);
        const heat = isUnion(found)
          ? found.ranges.map((r) => r.heat)
          : found.counted
            ? found.counted.heat
            : ofDamo.map(() => Number.NaN);
        return { ...found.entry, ranges: ofDamo, rangeHeat: heat };
      })
      .sort((a, b) => a.kdamond - b.kdamond || a.context - b.context || a.target - b.target);
  }
}

/** damo's get_guide_info for one snapshot, falsy tests (an address of 0) included. */
function addDamoGaps(state: DamoGaps, regions: Snapshot['regions']): void {
  const kept = state.gaps;
  let last = 0;
  // Nearly every snapshot has the kept gaps exactly, which narrow nothing: matched in place, and
  // only a snapshot that differs makes its list of gaps.
  let matched = 0;
  let fresh: [number, number][] | null = null;
  for (const r of regions) {
    if (!state.lowest || r.start < state.lowest) state.lowest = r.start;
    if (!state.highest || r.end > state.highest) state.highest = r.end;
    if (!last) {
      last = r.end;
      continue;
    }
    if (last !== r.start) {
      if (fresh === null && matched < kept.length && kept[matched]![0] === last && kept[matched]![1] === r.start)
        matched++;
      else (fresh ??= kept.slice(0, matched)).push([last, r.start]);
    }
    last = r.end;
  }
  if (fresh === null && matched === kept.length) return; // the same gaps, or none kept and none found
  fresh ??= kept.slice(0, matched); // narrowed() makes new gaps: the kept ones are only read
  // No gap in the snapshot: damo narrows nothing (each kept gap overlaps none) and keeps them.
  if (kept.length === 0) state.gaps = fresh;
  else if (fresh.length) state.gaps = narrowed(kept, fresh);
}

/** damo's overlapping_regions: each kept gap narrowed by every fresh gap it still overlaps, in turn. */
function narrowed(kept: [number, number][], fresh: [number, number][]): [number, number][] {
  return kept.map(([keptStart, keptEnd]) => {
    let start = keptStart;
    let end = keptEnd;
    for (const [s, e] of fresh)
      if (!(end < s || e < start)) {
        start = Math.max(start, s);
        end = Math.min(end, e);
      }
    return [start, end];
  });
}

/** damo's GuideInfo.regions(): lowest to highest, cut at each gap. */
function damoRanges(state: DamoGaps): { start: number; end: number }[] {
  if (state.lowest === null || state.highest === null) return [];
  const ranges: { start: number; end: number }[] = [];
  let start = state.lowest;
  for (const [gapStart, gapEnd] of state.gaps) {
    ranges.push({ start, end: gapStart });
    start = gapEnd;
  }
  ranges.push({ start, end: state.highest });
  return ranges;
}

function sameRanges(
  a: readonly { start: number; end: number }[],
  b: readonly { start: number; end: number }[],
): boolean {
  return a.length === b.length && a.every((r, i) => r.start === b[i]!.start && r.end === b[i]!.end);
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
  // damo's heat_per_byte (a range of no bytes: none, where damo divides by zero).
  const perByte = (i: number) => {
    const size = entry.ranges[i]!.end - entry.ranges[i]!.start;
    return size > 0 ? entry.rangeHeat[i]! / size : 0;
  };
  let best = 0;
  entry.ranges.forEach((r, i) => {
    const better =
      how === 'hottest'
        ? perByte(i) > perByte(best)
        : r.end - r.start > entry.ranges[best]!.end - entry.ranges[best]!.start;
    if (better) best = i;
  });
  const range = entry.ranges[best]!;
  return [range.start, range.end];
}
