// damo's report heats: the guide of a trace, and the heatmap of one (kdamond, context, target)
// over the ranges asked for or, by default, its guide's time span and chosen address range. The
// report's heatmaps (analyze.ts) are drawn by the same `heatmapOf`.
import type { TraceCounts } from '../trace/snapshots.js';
import { pass, type TraceSource } from '../trace/source.js';
import { chooseRange, GuideBuilder, type GuideEntry } from './guide.js';
import { HeatmapBuilder } from './heatmap.js';
import { passKeeping, STORE_BUDGET_BYTES } from './snapshot-store.js';

interface Ids {
  kdamond: number;
  context: number;
  target: number;
}

/** Which (kdamond, context, target) to look at: each given part must match. */
export interface Selection {
  kdamond?: number | undefined;
  context?: number | undefined;
  target?: number | undefined;
}

export function selects(selection: Selection, s: Ids): boolean {
  return (
    (selection.kdamond === undefined || s.kdamond === selection.kdamond) &&
    (selection.context === undefined || s.context === selection.context) &&
    (selection.target === undefined || s.target === selection.target)
  );
}

/** What heatmap to draw: its size, and the ranges asked for (else the guide's). */
export interface HeatsSpec {
  rows: number;
  cols: number;
  /** The guide range drawn when no address range is given. */
  range: 'hottest' | 'largest';
  /** [start, end) in bytes. */
  address?: [number, number] | undefined;
  /** [start, end) in the trace's own ns (damo's --time_range). */
  time?: [number, number] | undefined;
  /** [start, end) in ns from the entry's first snapshot. */
  relativeTime?: [number, number] | undefined;
}

/** The one guide → range → heatmap: an empty heatmap of `entry`, ready for its snapshots. */
export function heatmapOf(entry: GuideEntry, spec: HeatsSpec): HeatmapBuilder {
  const time: [number, number] =
    spec.time ??
    (spec.relativeTime
      ? [entry.firstNs + spec.relativeTime[0], entry.firstNs + spec.relativeTime[1]]
      : [entry.firstNs, entry.lastNs]);
  return new HeatmapBuilder({
    rows: spec.rows,
    cols: spec.cols,
    time,
    address: spec.address ?? chooseRange(entry, spec.range),
  });
}

/** damo's order within a (kdamond, context): the target of most address space first. */
export function damoOrder(entries: GuideEntry[]): GuideEntry[] {
  const space = (e: GuideEntry) => e.ranges.reduce((sum, r) => sum + (r.end - r.start), 0);
  return [...entries].sort((a, b) => a.kdamond - b.kdamond || a.context - b.context || space(b) - space(a));
}

/** Every (kdamond, context, target)'s guide, in damo's order. */
export async function guideOf(source: TraceSource): Promise<{ counts: TraceCounts; entries: GuideEntry[] }> {
  const guide = new GuideBuilder();
  const counts = await pass(source, (s) => guide.add(s));
  return { counts, entries: damoOrder(guide.result()) };
}

export interface Heats {
  counts: TraceCounts;
  /** Every guide entry, in damo's order. */
  entries: GuideEntry[];
  /** Those the selection picks; the first is drawn (damo's choice). */
  matching: GuideEntry[];
  /** The heatmap of matching[0] (its spec: the ranges drawn), or null when nothing matches. */
  map: HeatmapBuilder | null;
}

/** damo's heats of the first (kdamond, context, target) the selection picks. */
export async function heatsOf(source: TraceSource, selection: Selection, spec: HeatsSpec): Promise<Heats> {
  const guide = new GuideBuilder();
  const first = await passKeeping(
    source,
    STORE_BUDGET_BYTES,
    (s) => guide.add(s),
    (s) => selects(selection, s),
  );
  if (guide.needsHeatPass()) await first.again((s) => guide.addHeat(s));
  const entries = damoOrder(guide.result());
  const matching = entries.filter((e) => selects(selection, e));
  const entry = matching[0];
  if (!entry) return { counts: first.counts, entries, matching, map: null };
  const map = heatmapOf(entry, spec);
  await first.again((s) => {
    if (s.kdamond === entry.kdamond && s.context === entry.context && s.target === entry.target) map.add(s);
  });
  return { counts: first.counts, entries, matching, map };
}
