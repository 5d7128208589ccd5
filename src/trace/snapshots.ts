// perf script text → DAMON snapshots, streaming: constant memory in the trace's length (bytes in,
// snapshots out). A snapshot is the nr_regions consecutive damon_aggregated lines of one
// (kdamond, context, target); lines of several kdamonds interleave, so each key assembles its own.
import { parseLine, type AggregatedRecord, type Problem } from './lines.js';

export interface Region {
  start: number;
  end: number;
  nrAccesses: number;
  age: number | null;
}

export interface Snapshot {
  kdamond: number;
  context: number;
  target: number;
  /** The end of the previous snapshot of the same key; null for the first (its start is unknown). */
  startNs: number | null;
  endNs: number;
  regions: Region[];
}

export interface TraceCounts {
  lines: number;
  aggregatedLines: number;
  snapshots: number;
  /** Snapshots cut short (a new one began, or the trace ended, before nr_regions lines). */
  incompleteSnapshots: number;
  schemeLines: number;
  intervalTunes: number;
  /** Other events, by name: counted and skipped. */
  otherEvents: Record<string, number>;
  problems: Partial<Record<Problem | 'incomplete snapshot', number>>;
}

export interface KdamondIdentity {
  /** Thread id → sysfs kdamond index, from the run's status.json (read after `on`). */
  byTid?: Map<number, number>;
}

export class TraceError extends Error {}

interface Pending {
  key: string;
  kdamond: number;
  context: number;
  target: number;
  expected: number;
  endNs: number;
  regions: Region[];
}

/**
 * Assembles snapshots from lines. Feed it text with `push` (any chunking), then `end`. Snapshots
 * come out through `onSnapshot` in the order they complete.
 */
export class SnapshotAssembler {
  readonly counts: TraceCounts = { lines: 0, aggregatedLines: 0, snapshots: 0, incompleteSnapshots: 0, schemeLines: 0, intervalTunes: 0, otherEvents: {}, problems: {} };
  private rest = '';
  private readonly pending = new Map<string, Pending>();
  private readonly lastEnd = new Map<string, number>();
  private readonly commIndex = new Map<string, number>();

  constructor(
    private readonly onSnapshot: (snapshot: Snapshot) => void,
    private readonly identity: KdamondIdentity = {},
  ) {}

  push(text: string): void {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop()!;
    for (const line of lines) this.line(line);
  }

  end(): TraceCounts {
    if (this.rest !== '') {
      const parsed = parseLine(this.rest);
      if (parsed.kind === 'aggregated' && this.rest.trimEnd() === this.rest) this.line(this.rest);
      else this.problem('truncated line');
      this.rest = '';
    }
    for (const pending of this.pending.values()) this.flush(pending, false);
    this.pending.clear();
    if (this.counts.aggregatedLines === 0) {
      throw new TraceError(
        `no damon:damon_aggregated event in the trace (${this.counts.lines} lines${Object.keys(this.counts.otherEvents).length ? `; other events: ${Object.keys(this.counts.otherEvents).join(', ')}` : ''})`,
      );
    }
    return this.counts;
  }

  private problem(kind: Problem | 'incomplete snapshot'): void {
    this.counts.problems[kind] = (this.counts.problems[kind] ?? 0) + 1;
  }

  private kdamondOf(record: AggregatedRecord): number {
    const byTid = this.identity.byTid?.get(record.tid);
    if (byTid !== undefined) return byTid;
    // No pids recorded: tell kdamonds apart by thread, numbered in order of appearance.
    const key = `${record.comm}/${record.tid}`;
    let index = this.commIndex.get(key);
    if (index === undefined) {
      index = this.commIndex.size;
      this.commIndex.set(key, index);
    }
    return index;
  }

  private line(text: string): void {
    this.counts.lines++;
    const parsed = parseLine(text);
    switch (parsed.kind) {
      case 'aggregated':
        this.counts.aggregatedLines++;
        return this.aggregated(parsed);
      case 'damos_before_apply':
        this.counts.schemeLines++;
        return;
      case 'intervals_tune':
        this.counts.intervalTunes++;
        return;
      case 'other':
        this.counts.otherEvents[parsed.event] = (this.counts.otherEvents[parsed.event] ?? 0) + 1;
        return;
      case 'problem':
        return this.problem(parsed.problem);
      case 'blank':
        return;
    }
  }

  private aggregated(record: AggregatedRecord): void {
    const kdamond = this.kdamondOf(record);
    const context = record.contextId ?? 0;
    const key = `${kdamond}/${context}/${record.targetId}`;
    let pending = this.pending.get(key);
    // A new snapshot begins when the time moves on or the count changes before the last one filled.
    if (pending && (pending.expected !== record.nrRegions || record.timeNs - pending.endNs > 1e6 * 50)) {
      this.flush(pending, false);
      pending = undefined;
    }
    if (!pending) {
      pending = { key, kdamond, context, target: record.targetId, expected: record.nrRegions, endNs: record.timeNs, regions: [] };
      this.pending.set(key, pending);
    }
    pending.endNs = Math.max(pending.endNs, record.timeNs);
    pending.regions.push({ start: record.start, end: record.end, nrAccesses: record.nrAccesses, age: record.age });
    if (pending.regions.length === pending.expected) {
      this.flush(pending, true);
      this.pending.delete(key);
    }
  }

  private flush(pending: Pending, complete: boolean): void {
    if (!complete) {
      this.counts.incompleteSnapshots++;
      this.problem('incomplete snapshot');
      this.pending.delete(pending.key);
      return;
    }
    this.counts.snapshots++;
    const startNs = this.lastEnd.get(pending.key) ?? null;
    this.lastEnd.set(pending.key, pending.endNs);
    this.onSnapshot({ kdamond: pending.kdamond, context: pending.context, target: pending.target, startNs, endNs: pending.endNs, regions: pending.regions });
  }
}

/** Streams a perf script text (a Node readable or any async iterable of chunks) into snapshots. */
export async function readSnapshots(source: AsyncIterable<string | Buffer>, onSnapshot: (snapshot: Snapshot) => void, identity: KdamondIdentity = {}): Promise<TraceCounts> {
  const assembler = new SnapshotAssembler(onSnapshot, identity);
  const decoder = new TextDecoder();
  for await (const chunk of source) assembler.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  assembler.push(decoder.decode());
  return assembler.end();
}
