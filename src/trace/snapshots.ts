// perf script text → DAMON snapshots, streaming: constant memory in the trace's length (bytes in,
// snapshots out). A snapshot is the nr_regions consecutive damon_aggregated lines of one
// (kdamond, context, target); lines of several kdamonds interleave, so each key assembles its own.
import { scanAggregatedLine } from './fast-line.js';
import { Kind, scanLine, scanned, type Problem } from './lines.js';
import { TraceError } from './errors.js';
import { problemNoun } from './problems.js';

export { TraceError };

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

export type ProblemKind = Problem | 'incomplete snapshot';

export interface TraceCounts {
  lines: number;
  aggregatedLines: number;
  /** damon_aggregated lines of the multi-context fork's format (`context_id=N target_id=M ...`). */
  contextIdLines: number;
  snapshots: number;
  /** Snapshots cut short (a new one began, or the trace ended, before nr_regions lines). */
  incompleteSnapshots: number;
  schemeLines: number;
  intervalTunes: number;
  /** Other events, by name: counted and skipped. */
  otherEvents: Record<string, number>;
  problems: Partial<Record<ProblemKind, number>>;
  /** Where each kind of problem was first met: its line number and the line (or the snapshot), shortened. */
  firstProblems: Partial<Record<ProblemKind, { line: number; text: string }>>;
}

/** Counts of a trace before its first line. */
export function emptyCounts(): TraceCounts {
  return {
    lines: 0,
    aggregatedLines: 0,
    contextIdLines: 0,
    snapshots: 0,
    incompleteSnapshots: 0,
    schemeLines: 0,
    intervalTunes: 0,
    otherEvents: {},
    problems: {},
    firstProblems: {},
  };
}

export interface KdamondIdentity {
  /** Thread id → sysfs kdamond index, from the run's status.json (read after `on`). */
  byTid?: Map<number, number>;
}

const NEWLINE = 10;
/**
 * perf script lines of DAMON events are about 130 bytes; a longer line is skipped unread, so a file
 * without newlines never fills memory.
 */
export const MAX_LINE_BYTES = 64 * 1024;
/** (kdamond, context, target) series in one trace: far beyond any real setup, and each costs memory downstream. */
export const MAX_SERIES = 4096;
/** Regions in one snapshot: DAMON's default limit is 1000; a claim beyond this is no DAMON trace. */
export const MAX_REGIONS = 1 << 20;
/** The characters of a line quoted in a problem's example. */
const EXAMPLE_CHARS = 100;

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
  readonly counts: TraceCounts = emptyCounts();
  private rest: Buffer | null = null;
  /** Inside an overlong line: its bytes are dropped up to the next newline. */
  private skipping = false;
  private readonly pending = new Map<number, Pending>();
  private readonly lastEnd = new Map<number, number>();
  private readonly threadIndex = new Map<number, number>();
  /** Keys of contexts and targets too large for the packed numeric key. */
  private readonly wideKeys = new Map<string, number>();

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
    if (this.skipping || this.rest !== null) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) {
        this.carry(chunk);
        return;
      }
      // The line cut by the chunk boundary, joined on its own.
      if (this.skipping) this.skipping = false;
      else {
        const joined = Buffer.concat([this.rest!, chunk.subarray(0, newline)]);
        this.line(joined, 0, joined.length);
      }
      this.rest = null;
      start = newline + 1;
    }
    // Most lines are read with their newline by the fast scanner; the others by the general one.
    const length = chunk.length;
    while (start < length) {
      const end = scanAggregatedLine(chunk, start, length);
      if (end !== -1 && end - start <= MAX_LINE_BYTES) {
        this.counts.lines++;
        this.apply(Kind.Aggregated, chunk, start, end);
        start = end + 1;
        continue;
      }
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline === -1) break;
      this.line(chunk, start, newline);
      start = newline + 1;
    }
    if (start < length) this.carry(chunk.subarray(start));
  }

  /** Bytes of a line whose newline has not come yet; past MAX_LINE_BYTES the line is counted and dropped. */
  private carry(bytes: Uint8Array): void {
    if (this.skipping) return;
    const length = (this.rest?.length ?? 0) + bytes.length;
    if (length <= MAX_LINE_BYTES) {
      this.rest = this.rest === null ? Buffer.from(bytes) : Buffer.concat([this.rest, bytes]);
      return;
    }
    const head = this.rest === null ? bytes : Buffer.concat([this.rest, bytes.subarray(0, EXAMPLE_CHARS)]);
    this.rest = null;
    this.skipping = true;
    this.counts.lines++;
    this.problem('overlong line', head, 0, head.length);
  }

  end(): TraceCounts {
    if (this.rest !== null) {
      const rest = this.rest;
      this.rest = null;
      // A last line without its newline is whole if it parses and does not end in a space.
      if (scanLine(rest, 0, rest.length) === Kind.Aggregated && rest[rest.length - 1] !== 32)
        this.line(rest, 0, rest.length);
      else {
        this.counts.lines++;
        this.problem('truncated line', rest, 0, rest.length);
      }
    }
    this.skipping = false;
    for (const pending of this.pending.values()) this.flush(pending, false);
    this.pending.clear();
    if (this.counts.aggregatedLines === 0) {
      throw new TraceError(
        `no damon:damon_aggregated event in the trace (${this.held()})`,
        'record with perf record -e damon:damon_aggregated while DAMON is on, and give its perf.data or perf script output',
      );
    }
    return this.counts;
  }

  /** What a trace without DAMON events held, for the error. */
  private held(): string {
    const { lines, otherEvents, problems } = this.counts;
    if (lines === 0) return 'it is empty';
    const other = Object.keys(otherEvents);
    const skipped = (Object.entries(problems) as [ProblemKind, number][]).map(([kind, count]) =>
      problemNoun(kind, count),
    );
    return [
      `${lines} line${lines === 1 ? '' : 's'}`,
      ...(other.length ? [`other events: ${other.join(', ')}`] : []),
      ...(skipped.length ? [`skipped: ${skipped.join(', ')}`] : []),
    ].join('; ');
  }

  /**
   * Counts a problem; the first of each kind keeps where it was and what it was (the bytes s[start,
   * end), or `text`).
   */
  private problem(kind: ProblemKind, s: Uint8Array | null, start = 0, end = 0, text = ''): void {
    const count = this.counts.problems[kind] ?? 0;
    this.counts.problems[kind] = count + 1;
    if (count === 0) {
      const bytes =
        s === null ? null : Buffer.from(s.buffer, s.byteOffset + start, Math.min(end - start, EXAMPLE_CHARS * 4));
      const quoted = bytes === null ? text : bytes.toString('utf8').trim();
      this.counts.firstProblems[kind] = {
        line: this.counts.lines,
        text: quoted.length > EXAMPLE_CHARS ? `${quoted.slice(0, EXAMPLE_CHARS - 1)}…` : quoted,
      };
    }
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

  /** One number per (kdamond, context, target): packed when they fit, else numbered as met. */
  private keyOf(kdamond: number, context: number, target: number): number {
    if (context < 4096 && target < 65536 && kdamond < 1 << 24) return (kdamond * 4096 + context) * 65536 + target;
    const text = `${kdamond}/${context}/${target}`;
    let key = this.wideKeys.get(text);
    if (key === undefined) {
      key = -1 - this.wideKeys.size;
      this.wideKeys.set(text, key);
    }
    return key;
  }

  private line(s: Uint8Array, start: number, end: number): void {
    this.counts.lines++;
    if (end - start > MAX_LINE_BYTES) return this.problem('overlong line', s, start, end);
    this.apply(scanLine(s, start, end), s, start, end);
  }

  /** What the line s[start, end) was scanned as (in `scanned`), counted and assembled. */
  private apply(kind: Kind, s: Uint8Array, start: number, end: number): void {
    switch (kind) {
      case Kind.Aggregated:
        if (scanned.nrRegions === 0 || scanned.nrRegions > MAX_REGIONS)
          return this.problem('malformed damon_aggregated', s, start, end);
        this.counts.aggregatedLines++;
        if (scanned.contextId !== -1) this.counts.contextIdLines++;
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
        return this.problem(scanned.problem, s, start, end);
      case Kind.Blank:
        return;
    }
  }

  /** The line just scanned (in `scanned`) is a damon_aggregated one. */
  private aggregated(): void {
    const record = scanned;
    const kdamond = this.kdamondOf(record.tid);
    const context = record.contextId === -1 ? 0 : record.contextId;
    const key = this.keyOf(kdamond, context, record.targetId);
    let pending = this.pending.get(key);
    // A new snapshot begins when the time moves on or the count changes before the last one filled.
    if (pending && (pending.expected !== record.nrRegions || record.timeNs - pending.endNs > 1e6 * 50)) {
      this.flush(pending, false);
      pending = undefined;
    }
    if (!pending) {
      if (this.pending.size >= MAX_SERIES || (!this.lastEnd.has(key) && this.lastEnd.size >= MAX_SERIES))
        throw this.tooManySeries();
      pending = {
        key,
        kdamond,
        context,
        target: record.targetId,
        expected: record.nrRegions,
        endNs: record.timeNs,
        regions: [],
      };
      this.pending.set(key, pending);
    }
    // A snapshot's time is its first line's, as damo takes it.
    pending.regions.push({
      start: record.start,
      end: record.end,
      nrAccesses: record.nrAccesses,
      age: record.age === -1 ? null : record.age,
    });
    if (pending.regions.length === pending.expected) {
      this.flush(pending, true);
      this.pending.delete(key);
    }
  }

  private tooManySeries(): TraceError {
    return new TraceError(
      `more than ${MAX_SERIES} (kdamond, context, target) series by line ${this.counts.lines}: no DAMON setup has that many`,
      'is it a DAMON trace? each kdamond thread, context_id and target_id of damon_aggregated lines makes a series',
    );
  }

  private flush(pending: Pending, complete: boolean): void {
    if (!complete) {
      this.counts.incompleteSnapshots++;
      const { kdamond, context, target, endNs, regions, expected } = pending;
      this.problem(
        'incomplete snapshot',
        null,
        0,
        0,
        `kdamond ${kdamond} context ${context} target ${target} at ${(endNs / 1e9).toFixed(6)} s, ${regions.length} of ${expected} regions`,
      );
      this.pending.delete(pending.key);
      return;
    }
    this.counts.snapshots++;
    const startNs = this.lastEnd.get(pending.key) ?? null;
    this.lastEnd.set(pending.key, pending.endNs);
    this.onSnapshot({
      kdamond: pending.kdamond,
      context: pending.context,
      target: pending.target,
      startNs,
      endNs: pending.endNs,
      regions: pending.regions,
    });
  }
}

/** Streams a perf script text (a Node readable or any async iterable of chunks) into snapshots. */
export async function readSnapshots(
  source: AsyncIterable<string | Buffer>,
  onSnapshot: (snapshot: Snapshot) => void,
  identity: KdamondIdentity = {},
): Promise<TraceCounts> {
  const assembler = new SnapshotAssembler(onSnapshot, identity);
  for await (const chunk of source) {
    if (typeof chunk === 'string') assembler.push(chunk);
    else assembler.pushBytes(chunk);
  }
  return assembler.end();
}
