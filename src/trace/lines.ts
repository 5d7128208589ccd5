// One `perf script` line, recognized by its tokens (never by columns: tracers add and drop them).
// kdamond.0   162 [000]     8.268949: damon:damon_aggregated: target_id=0 nr_regions=16
// 94271614517248-94271643254784: 0 32 The multi-context fork puts `context_id=N` before target_id;
// old kernels have no age.
//
// A hand-written scanner over bytes and a [start, end) span, not a regex per line on strings:
// traces are gigabytes, and this is the loop they all go through. It touches as few bytes as it
// can: the timestamp's colon is found natively, the comm is never read on the hot path.

export interface AggregatedRecord {
  kind: 'aggregated';
  comm: string;
  tid: number;
  /** Nanoseconds on perf's clock (CLOCK_MONOTONIC when recorded with -k CLOCK_MONOTONIC). */
  timeNs: number;
  contextId: number | null;
  targetId: number;
  nrRegions: number;
  start: number;
  end: number;
  nrAccesses: number;
  /** In aggregation intervals; null on kernels that do not report it. */
  age: number | null;
}

export interface SchemeRecord {
  kind: 'damos_before_apply';
  tid: number;
  timeNs: number;
  contextIndex: number;
  schemeIndex: number;
  targetIndex: number;
  start: number;
  end: number;
  nrAccesses: number;
  age: number;
}

export interface IntervalsTuneRecord {
  kind: 'intervals_tune';
  tid: number;
  timeNs: number;
  sampleUs: number;
}

export type Problem =
  | 'malformed damon_aggregated'
  | 'malformed damos_before_apply'
  | 'malformed damon_monitor_intervals_tune'
  | 'truncated line'
  /** Not a perf script event line at all (no timestamp, no event). */
  | 'unrecognized line'
  /** Longer than any perf script line (the assembler's limit): skipped unread. */
  | 'overlong line';

export type Parsed =
  | AggregatedRecord
  | SchemeRecord
  | IntervalsTuneRecord
  | { kind: 'other'; event: string }
  | { kind: 'problem'; problem: Problem }
  | { kind: 'blank' };

const SPACE = 32;
const TAB = 9;
const CR = 13;
const COLON = 58;
const DOT = 46;
const DASH = 45;
const SLASH = 47;
const HASH = 35;
const ZERO = 48;
const NINE = 57;
const OPEN = 91;
const CLOSE = 93;
const LOWER_X = 120;

const isDigit = (c: number) => c >= ZERO && c <= NINE;
const isSpace = (c: number | undefined) => c === SPACE || c === TAB || c === CR;
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

const AGGREGATED = ascii('damon:damon_aggregated:');
const SCHEME = ascii('damon:damos_before_apply:');
const TUNE = ascii('damon:damon_monitor_intervals_tune:');
const CONTEXT_ID = ascii('context_id=');
const TARGET_ID = ascii('target_id=');
const NR_REGIONS = ascii('nr_regions=');
const CTX_IDX = ascii('ctx_idx=');
const SCHEME_IDX = ascii('scheme_idx=');
const TARGET_IDX = ascii('target_idx=');
const SAMPLE_US = ascii('sample_us=');
const DAMON = ascii('damon:');
/**
 * damo's perf_script record format (`damo record --output_type perf_script`) writes no thread:
 * `kdamond.x xxxx xxxx`.
 */
const DAMO_THREAD = ascii('kdamond.x xxxx xxxx');
/** The region damo writes for the placeholder snapshot it adds after a record's only one (it has no accesses). */
const DAMO_PLACEHOLDER_REGION = ascii('0-0: -1 -1');
/** The thread of a line from damo's perf_script: one kdamond, as damo reads it. */
export const DAMO_TID = 0;

/** The scanner's cursor: module state rather than returned objects, to allocate nothing per number. */
let at = 0;

/** Reads an unsigned decimal at `at`; NaN when there is none. Exact below 2^53 (addresses are). */
function uint(b: Uint8Array, end: number): number {
  let value = 0;
  const from = at;
  while (at < end) {
    const c = b[at]!;
    if (c < ZERO || c > NINE) break;
    value = value * 10 + (c - ZERO);
    at++;
  }
  return at === from ? NaN : value;
}

/** Consumes `text` at `at` if it is there. */
function literal(b: Uint8Array, text: Uint8Array, end: number): boolean {
  const n = text.length;
  if (at + n > end) return false;
  for (let i = 0; i < n; i++) if (b[at + i] !== text[i]) return false;
  at += n;
  return true;
}

function spaces(b: Uint8Array, end: number): number {
  const from = at;
  while (at < end && isSpace(b[at])) at++;
  return at - from;
}

/**
 * What the last scan found, in one reused object: the assembler reads it without a record being
 * allocated per line. `parseLine` copies it into a plain record.
 */
export const scanned = {
  tid: 0,
  timeNs: 0,
  /** The comm is b[lineStart, commEnd), spaces around it. */
  commEnd: 0,
  contextId: -1,
  targetId: 0,
  nrRegions: 0,
  start: 0,
  end: 0,
  nrAccesses: 0,
  /** -1: the kernel reports no age. */
  age: -1,
  schemeIndex: 0,
  sampleUs: 0,
  /** The event's name, for events other than DAMON's. */
  event: '',
  problem: 'truncated line' as Problem,
};

/**
 * The timestamp in ns as damo reads it, `int(float(text) * 1e9)`: the decimal text correctly
 * rounded to a double, times 1e9, truncated (8.268949 s is 8268948999 ns). With at most 15
 * significant digits, digits / 10^fractionDigits is that correctly rounded double (both are exact
 * doubles, and one division rounds once); beyond, the text is parsed as a number.
 */
export function damoNs(seconds: number, fraction: number, fractionDigits: number): number {
  if (fractionDigits < POW10.length) {
    const scale = POW10[fractionDigits]!;
    const digits = seconds * scale + fraction;
    if (digits < 1e15) return Math.trunc((digits / scale) * 1e9);
  }
  return Math.trunc(Number(`${seconds}.${String(fraction).padStart(fractionDigits, '0')}`) * 1e9);
}

/** Exact powers of ten as doubles. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Reads the `SECONDS.FRACTION` that ends at the colon `colon`, right to left, into
 * scanned.timeNs (a fraction of any precision, in ns); returns where it starts, or -1.
 */
function timestamp(b: Uint8Array, lineStart: number, colon: number): number {
  let q = colon - 1;
  let fraction = 0;
  let place = 1;
  while (q >= lineStart && isDigit(b[q]!)) {
    fraction += (b[q]! - ZERO) * place;
    place *= 10;
    q--;
  }
  const digits = colon - 1 - q;
  if (digits === 0 || q < lineStart || b[q] !== DOT) return -1;
  const secondsEnd = --q;
  let seconds = 0;
  place = 1;
  while (q >= lineStart && isDigit(b[q]!)) {
    seconds += (b[q]! - ZERO) * place;
    place *= 10;
    q--;
  }
  if (q === secondsEnd || (q >= lineStart && !isSpace(b[q]))) return -1;
  scanned.timeNs = damoNs(seconds, fraction, digits);
  return q + 1;
}

/**
 * The tid and where the comm ends, from the tokens before the timestamp, right to left: an
 * optional flags column, an optional [cpu], the tid (or pid/tid, of which the first is kept),
 * then the comm, which may hold spaces.
 */
function thread(b: Uint8Array, lineStart: number, stamp: number): boolean {
  // damo's placeholder thread, looked for only when the column before the timestamp ends in x.
  if (b[stamp - 2] === LOWER_X) {
    at = lineStart;
    spaces(b, stamp);
    if (literal(b, DAMO_THREAD, stamp) && atEnd(b, stamp)) {
      scanned.tid = DAMO_TID;
      scanned.commEnd = lineStart + DAMO_THREAD.indexOf(SPACE);
      return true;
    }
  }
  let q = stamp - 1;
  for (let tokens = 0; tokens < 3; tokens++) {
    while (q >= lineStart && isSpace(b[q])) q--;
    if (q < lineStart) return false;
    const tokenEnd = q + 1;
    while (q >= lineStart && !isSpace(b[q])) q--;
    const tokenStart = q + 1;
    if (b[tokenStart] === OPEN && b[tokenEnd - 1] === CLOSE) continue;
    at = tokenStart;
    const tid = uint(b, tokenEnd);
    if (Number.isNaN(tid)) continue;
    if (at !== tokenEnd) {
      if (b[at] !== SLASH) continue;
      at++;
      if (Number.isNaN(uint(b, tokenEnd)) || at !== tokenEnd) continue;
    }
    while (q >= lineStart && isSpace(b[q])) q--;
    if (q < lineStart) return false;
    scanned.tid = tid;
    scanned.commEnd = q + 1;
    return true;
  }
  return false;
}

export const Kind = { Blank: 0, Aggregated: 1, Scheme: 2, IntervalsTune: 3, Other: 4, Problem: 5 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** Scans the line b[start, end) (no newline) into `scanned`; returns what it is. */
export function scanLine(b: Uint8Array, start: number, end: number): Kind {
  // The timestamp's colon: the first ':' followed by a space and preceded by SECONDS.FRACTION.
  let colon = b.indexOf(COLON, start);
  let stamp = -1;
  while (colon !== -1 && colon < end) {
    if (b[colon + 1] === SPACE && colon + 1 < end) {
      stamp = timestamp(b, start, colon);
      if (stamp !== -1) break;
    }
    colon = b.indexOf(COLON, colon + 1);
  }
  if (stamp === -1 || colon === -1 || colon >= end) return blankOrUnknown(b, start, end);
  at = colon + 1;
  spaces(b, end);
  const eventStart = at;
  if (literal(b, AGGREGATED, end)) return aggregated(b, start, stamp, end);
  if (literal(b, SCHEME, end)) return scheme(b, start, stamp, end);
  if (literal(b, TUNE, end)) return intervalsTune(b, start, stamp, end);
  // Another event: its name is `system:name`, up to the colon that ends it.
  const systemEnd = b.indexOf(COLON, eventStart);
  const nameEnd = systemEnd === -1 || systemEnd >= end ? -1 : b.indexOf(COLON, systemEnd + 1);
  if (nameEnd === -1 || nameEnd > end) return blankOrUnknown(b, start, end);
  scanned.event = Buffer.from(b.buffer, b.byteOffset + eventStart, nameEnd - eventStart).toString('latin1');
  return Kind.Other;
}

function problem(kind: Problem): Kind {
  scanned.problem = kind;
  return Kind.Problem;
}

/** A line without a timestamp: blank, a `#` comment (perf script --header), cut short, or not perf's. */
function blankOrUnknown(b: Uint8Array, start: number, end: number): Kind {
  at = start;
  if (spaces(b, end) === end - start || b[at] === HASH) return Kind.Blank;
  for (let i = start; i + DAMON.length <= end; i++) {
    at = i;
    if (literal(b, DAMON, end)) return problem('truncated line');
  }
  return problem('unrecognized line');
}

/** True when only spaces remain before `end`. */
function atEnd(b: Uint8Array, end: number): boolean {
  spaces(b, end);
  return at === end;
}

function aggregated(b: Uint8Array, lineStart: number, stamp: number, end: number): Kind {
  const malformed = 'malformed damon_aggregated';
  spaces(b, end);
  scanned.contextId = -1;
  if (literal(b, CONTEXT_ID, end)) {
    scanned.contextId = uint(b, end);
    if (Number.isNaN(scanned.contextId) || spaces(b, end) === 0) return problem(malformed);
  }
  if (!literal(b, TARGET_ID, end)) return problem(malformed);
  scanned.targetId = uint(b, end);
  if (Number.isNaN(scanned.targetId) || spaces(b, end) === 0 || !literal(b, NR_REGIONS, end)) return problem(malformed);
  scanned.nrRegions = uint(b, end);
  if (Number.isNaN(scanned.nrRegions) || spaces(b, end) === 0) return problem(malformed);
  // damo's placeholder region starts at 0: only then is it looked for.
  if (b[at] === ZERO) {
    const regionStart = at;
    if (literal(b, DAMO_PLACEHOLDER_REGION, end) && atEnd(b, end)) return Kind.Blank;
    at = regionStart;
  }
  if (!region(b, end)) return problem(malformed);
  scanned.age = -1;
  if (!atEnd(b, end)) {
    scanned.age = uint(b, end);
    if (Number.isNaN(scanned.age) || !atEnd(b, end)) return problem(malformed);
  }
  return thread(b, lineStart, stamp) ? Kind.Aggregated : problem('truncated line');
}

/** `START-END: NR_ACCESSES`, START below END (DAMON's regions are never empty), both exact doubles. */
function region(b: Uint8Array, end: number): boolean {
  scanned.start = uint(b, end);
  if (Number.isNaN(scanned.start) || b[at++] !== DASH) return false;
  scanned.end = uint(b, end);
  if (Number.isNaN(scanned.end) || b[at++] !== COLON || spaces(b, end) === 0) return false;
  if (!(scanned.start < scanned.end) || scanned.end > Number.MAX_SAFE_INTEGER) return false;
  scanned.nrAccesses = uint(b, end);
  return scanned.nrAccesses <= Number.MAX_SAFE_INTEGER; // false for NaN too
}

function scheme(b: Uint8Array, lineStart: number, stamp: number, end: number): Kind {
  const malformed = 'malformed damos_before_apply';
  const field = (name: Uint8Array): number => {
    spaces(b, end);
    return literal(b, name, end) ? uint(b, end) : NaN;
  };
  scanned.contextId = field(CTX_IDX);
  scanned.schemeIndex = field(SCHEME_IDX);
  scanned.targetId = field(TARGET_IDX);
  scanned.nrRegions = field(NR_REGIONS);
  if (
    [scanned.contextId, scanned.schemeIndex, scanned.targetId, scanned.nrRegions].some(Number.isNaN) ||
    spaces(b, end) === 0
  )
    return problem(malformed);
  if (!region(b, end) || spaces(b, end) === 0) return problem(malformed);
  scanned.age = uint(b, end);
  if (Number.isNaN(scanned.age) || !atEnd(b, end)) return problem(malformed);
  return thread(b, lineStart, stamp) ? Kind.Scheme : problem('truncated line');
}

function intervalsTune(b: Uint8Array, lineStart: number, stamp: number, end: number): Kind {
  spaces(b, end);
  scanned.sampleUs = literal(b, SAMPLE_US, end) ? uint(b, end) : NaN;
  if (Number.isNaN(scanned.sampleUs)) return problem('malformed damon_monitor_intervals_tune');
  return thread(b, lineStart, stamp) ? Kind.IntervalsTune : problem('truncated line');
}

/** One line as a record (tests and tools; the assembler reads `scanned` directly). */
export function parseLine(line: string): Parsed {
  const b = Buffer.from(line, 'utf8');
  const d = scanned;
  switch (scanLine(b, 0, b.length)) {
    case Kind.Blank:
      return { kind: 'blank' };
    case Kind.Aggregated:
      return {
        kind: 'aggregated',
        comm: b.toString('utf8', 0, d.commEnd).trim(),
        tid: d.tid,
        timeNs: d.timeNs,
        contextId: d.contextId === -1 ? null : d.contextId,
        targetId: d.targetId,
        nrRegions: d.nrRegions,
        start: d.start,
        end: d.end,
        nrAccesses: d.nrAccesses,
        age: d.age === -1 ? null : d.age,
      };
    case Kind.Scheme:
      return {
        kind: 'damos_before_apply',
        tid: d.tid,
        timeNs: d.timeNs,
        contextIndex: d.contextId,
        schemeIndex: d.schemeIndex,
        targetIndex: d.targetId,
        start: d.start,
        end: d.end,
        nrAccesses: d.nrAccesses,
        age: d.age,
      };
    case Kind.IntervalsTune:
      return { kind: 'intervals_tune', tid: d.tid, timeNs: d.timeNs, sampleUs: d.sampleUs };
    case Kind.Other:
      return { kind: 'other', event: d.event };
    case Kind.Problem:
      return { kind: 'problem', problem: d.problem };
  }
}
