// perf script text → DAMON snapshots, streaming: constant memory in the trace's length (bytes in,
// snapshots out). A snapshot is the nr_regions consecutive damon_aggregated lines of one
// (kdamond, context, target); lines of several kdamonds interleave, so each key assembles its own.
import { DamonExpError } from '../errors.js';
import { Kind, scanLine, scanned, type Problem } from './lines.js';

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

export class TraceError extends DamonExpError {}

const NEWLINE = 10;

interface Pending {
  key: number;
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
  private rest: Buffer | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly lastEnd = new Map<number, number>();
  private readonly threadIndex = new Map<number, number>();

  constructor(
    private readonly onSnapshot: (snapshot: Snapshot) => void,
    private readonly identity: KdamondIdentity = {},
  ) {}

  push(text: string): void {
    this.pushBytes(Buffer.from(text, 'utf8'));
  }

  /** Bytes of perf script output, cut anywhere. */
  pushBytes(chunk: Uint8Array): void {
    let start = 0;
    let newline = chunk.indexOf(NEWLINE);
    if (this.rest !== null) {
      // The line cut by the chunk boundary, joined on its own.
      if (newline === -1) {
        this.rest = Buffer.concat([this.rest, chunk]);
        return;
      }
      const joined = Buffer.concat([this.rest, chunk.subarray(0, newline)]);
      this.rest = null;
      this.line(joined, 0, joined.length);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    for (; newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      this.line(chunk, start, newline);
      start = newline + 1;
    }
    this.rest = start === chunk.length ? null : Buffer.from(chunk.subarray(start));
  }

  end(): TraceCounts {
    if (this.rest !== null) {
      const rest = this.rest;
      this.rest = null;
      // A last line without its newline is whole if it parses and does not end in a space.
      if (scanLine(rest, 0, rest.length) === Kind.Aggregated && rest[rest.length - 1] !== 32) this.line(rest, 0, rest.length);
      else this.problem('truncated line');
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

  private kdamondOf(tid: number): number {
    let index = this.threadIndex.get(tid);
    if (index === undefined) {
      // Without recorded pids, kdamonds are told apart by thread, numbered in order of appearance.
      index = this.identity.byTid?.get(tid) ?? this.threadIndex.size;
      this.threadIndex.set(tid, index);
    }
    return index;
  }

  private line(s: Uint8Array, start: number, end: number): void {
    this.counts.lines++;
    switch (scanLine(s, start, end)) {
      case Kind.Aggregated:
        this.counts.aggregatedLines++;
        return this.aggregated();
      case Kind.Scheme:
        this.counts.schemeLines++;
        return;
      case Kind.IntervalsTune:
        this.counts.intervalTunes++;
        return;
      case Kind.Other:
        this.counts.otherEvents[scanned.event] = (this.counts.otherEvents[scanned.event] ?? 0) + 1;
        return;
      case Kind.Problem:
        return this.problem(scanned.problem);
      case Kind.Blank:
        return;
    }
  }

  /** The line just scanned (in `scanned`) is a damon_aggregated one. */
  private aggregated(): void {
    const record = scanned;
    const kdamond = this.kdamondOf(record.tid);
    const context = record.contextId === -1 ? 0 : record.contextId;
    const key = (kdamond * 4096 + context) * 65536 + record.targetId;
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
    pending.regions.push({ start: record.start, end: record.end, nrAccesses: record.nrAccesses, age: record.age === -1 ? null : record.age });
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
  for await (const chunk of source) {
    if (typeof chunk === 'string') assembler.push(chunk);
    else assembler.pushBytes(chunk);
  }
  return assembler.end();
}
