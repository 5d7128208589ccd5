// The guide of a trace (damo's `report heats --guide`): per (kdamond, context, target), the time
// span and the address ranges that hold data: the union of every snapshot's regions, so that a
// gap splits the ranges only when it is present in every snapshot.
import type { Snapshot } from '../trace/snapshots.js';

export interface GuideEntry {
  kdamond: number;
  context: number;
  target: number;
  firstNs: number;
  lastNs: number;
  snapshots: number;
  ranges: { start: number; end: number }[];
}

export class GuideBuilder {
  private readonly entries = new Map<string, GuideEntry>();

  add(snapshot: Snapshot): void {
    const key = `${snapshot.kdamond}/${snapshot.context}/${snapshot.target}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { kdamond: snapshot.kdamond, context: snapshot.context, target: snapshot.target, firstNs: snapshot.startNs ?? snapshot.endNs, lastNs: snapshot.endNs, snapshots: 0, ranges: [] };
      this.entries.set(key, entry);
    }
    entry.snapshots++;
    entry.lastNs = Math.max(entry.lastNs, snapshot.endNs);
    entry.ranges = mergeRanges([...entry.ranges, ...snapshot.regions.map((r) => ({ start: r.start, end: r.end }))]);
  }

  result(): GuideEntry[] {
    return [...this.entries.values()].sort((a, b) => a.kdamond - b.kdamond || a.context - b.context || a.target - b.target);
  }
}

export function mergeRanges(ranges: { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
