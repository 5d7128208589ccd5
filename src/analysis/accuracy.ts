// Monitoring accuracy against ground truth: the workload's phase log (native/masim --phase-log)
// says which of its regions each phase accessed, and when (CLOCK_MONOTONIC, the clock perf
// records with -k CLOCK_MONOTONIC). Per phase, over the snapshots that lie wholly inside it:
//   recall    = bytes DAMON reported accessed that the phase accessed / bytes the phase accessed
//   precision = bytes DAMON reported accessed that the phase accessed / bytes DAMON reported
//               accessed within the workload's regions
// Only the workload's own regions count: its code, stack and heap are accessed too, but the
// phase log cannot say when. Snapshots that straddle a phase change belong to neither phase.
import { DamonExpError } from '../util/errors.js';
import type { Snapshot } from '../trace/snapshots.js';

export interface PhaseLogRegion {
  name: string;
  start: number;
  end: number;
}

export interface LoggedPhase {
  index: number;
  round: number;
  name: string;
  startNs: number;
  endNs: number;
  /** Regions the phase's patterns access. */
  regions: string[];
  interrupted: boolean;
  /** Accesses masim made in the phase (the workload's own progress); null when the log does not say. */
  accesses: number | null;
}

export interface PhaseLog {
  regions: PhaseLogRegion[];
  phases: LoggedPhase[];
}

export class PhaseLogError extends DamonExpError {}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Parses a phase log (JSON lines); the phases that never ended are left out. */
export function parsePhaseLog(text: string, file: string): PhaseLog {
  const log: PhaseLog = { regions: [], phases: [] };
  const open = new Map<string, Omit<LoggedPhase, 'endNs' | 'interrupted' | 'accesses'>>();
  const lines = text.split('\n');
  const last = lines.findLastIndex((line) => line.trim() !== '');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line) as Record<string, unknown>;
    } catch {
      // The last line of a killed workload may be cut short; anything else is a broken file.
      if (i === last) return;
      throw new PhaseLogError(`${file}:${i + 1}: not a JSON line`);
    }
    const broken = (what: string) => new PhaseLogError(`${file}:${i + 1}: ${what}`);
    if (typeof event !== 'object' || event === null) throw broken('not a JSON object');
    if (event.event === 'regions') {
      const regions = event.regions;
      if (
        !Array.isArray(regions) ||
        !regions.every((r) => typeof r?.name === 'string' && isNumber(r.start) && isNumber(r.end))
      )
        throw broken('regions without name, start and end');
      log.regions = (regions as PhaseLogRegion[]).map(({ name, start, end }) => ({ name, start, end }));
    } else if (event.event === 'phase-start') {
      const patterns = event.patterns;
      if (!Array.isArray(patterns) || !isNumber(event.t_ns)) throw broken('a phase-start without t_ns and patterns');
      const key = `${String(event.phase)}/${String(event.round)}`;
      open.set(key, {
        index: Number(event.phase),
        round: Number(event.round),
        name: String(event.name),
        startNs: event.t_ns,
        regions: [...new Set(patterns.map((p: { region?: unknown }) => String(p?.region)))],
      });
    } else if (event.event === 'phase-end') {
      const key = `${String(event.phase)}/${String(event.round)}`;
      const started = open.get(key);
      if (!started) return;
      if (!isNumber(event.t_ns)) throw broken('a phase-end without t_ns');
      open.delete(key);
      log.phases.push({
        ...started,
        endNs: event.t_ns,
        interrupted: event.interrupted === true,
        accesses: isNumber(event.accesses) ? event.accesses : null,
      });
    }
  });
  log.phases.sort((a, b) => a.startNs - b.startNs);
  return log;
}

export interface PhaseAccuracy {
  phase: number;
  round: number;
  name: string;
  startNs: number;
  endNs: number;
  snapshots: number;
  /** Bytes the phase accessed (per snapshot, summed over the phase's snapshots). */
  truthBytes: number;
  /** Bytes DAMON reported accessed within the workload's regions. */
  reportedBytes: number;
  /** Bytes both. */
  hitBytes: number;
  recall: number | null;
  precision: number | null;
}

export interface TargetAccuracy {
  phases: PhaseAccuracy[];
  /** Over every phase's snapshots. */
  recall: number | null;
  precision: number | null;
  snapshots: number;
  /** Snapshots across a phase change or outside every phase. */
  unclassified: number;
}

type Interval = [number, number];

function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Bytes in both sorted, disjoint interval lists. */
function overlapBytes(a: Interval[], b: Interval[]): number {
  let i = 0;
  let j = 0;
  let bytes = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]![0], b[j]![0]);
    const hi = Math.min(a[i]![1], b[j]![1]);
    if (hi > lo) bytes += hi - lo;
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return bytes;
}

const size = (intervals: Interval[]) => intervals.reduce((n, [s, e]) => n + e - s, 0);

export class AccuracyBuilder {
  private readonly workload: Interval[];
  private readonly truth: Interval[][];
  private readonly totals: { snapshots: number; truth: number; reported: number; hit: number }[];
  private next = 0;
  private snapshots = 0;
  private unclassified = 0;

  constructor(private readonly log: PhaseLog) {
    this.workload = mergeIntervals(log.regions.map((r) => [r.start, r.end]));
    const byName = new Map(log.regions.map((r) => [r.name, r]));
    this.truth = log.phases.map((phase) =>
      mergeIntervals(
        phase.regions.flatMap((name) =>
          byName.has(name) ? [[byName.get(name)!.start, byName.get(name)!.end] as Interval] : [],
        ),
      ),
    );
    this.totals = log.phases.map(() => ({ snapshots: 0, truth: 0, reported: 0, hit: 0 }));
  }

  /** Snapshots of one target, in time order. */
  add(snapshot: Snapshot): void {
    if (snapshot.startNs === null) return;
    this.snapshots++;
    const phases = this.log.phases;
    while (this.next < phases.length && phases[this.next]!.endNs < snapshot.endNs) this.next++;
    const phase = phases[this.next];
    if (!phase || snapshot.startNs < phase.startNs || snapshot.endNs > phase.endNs) {
      this.unclassified++;
      return;
    }
    const accessed: Interval[] = [];
    for (const r of snapshot.regions) if (r.nrAccesses > 0) accessed.push([r.start, r.end]);
    const reported = mergeIntervals(accessed);
    const totals = this.totals[this.next]!;
    totals.snapshots++;
    totals.truth += size(this.truth[this.next]!);
    totals.reported += overlapBytes(reported, this.workload);
    totals.hit += overlapBytes(reported, this.truth[this.next]!);
  }

  result(): TargetAccuracy {
    const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
    const phases = this.log.phases.map((phase, i) => {
      const t = this.totals[i]!;
      return {
        phase: phase.index,
        round: phase.round,
        name: phase.name,
        startNs: phase.startNs,
        endNs: phase.endNs,
        snapshots: t.snapshots,
        truthBytes: t.truth,
        reportedBytes: t.reported,
        hitBytes: t.hit,
        recall: ratio(t.hit, t.truth),
        precision: ratio(t.hit, t.reported),
      };
    });
    const sum = (pick: (t: (typeof this.totals)[number]) => number) => this.totals.reduce((n, t) => n + pick(t), 0);
    return {
      phases,
      recall: ratio(
        sum((t) => t.hit),
        sum((t) => t.truth),
      ),
      precision: ratio(
        sum((t) => t.hit),
        sum((t) => t.reported),
      ),
      snapshots: this.snapshots,
      unclassified: this.unclassified,
    };
  }
}
