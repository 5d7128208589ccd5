// The common damon_aggregated line, read in one forward pass with its newline: what nearly every
// line of a trace is, perf's default columns (`kdamond.0   162 [001]     8.268949:
// damon:damon_aggregated: target_id=0 nr_regions=16 94271614517248-94271643254784: 0 32`).
// Anything else (a comm with spaces or colons, pid/tid, a flags column, no [cpu], damo's
// placeholder thread or region, another event, a long timestamp, a line the chunk cuts, a
// malformed one) is left to the general scanner (lines.ts: scanLine), which reads every line;
// where this one accepts a line, it finds what scanLine finds, value for value.
import { damoNs, scanned } from './lines.js';

const SPACE = 32;
const TAB = 9;
const CR = 13;
const NEWLINE = 10;
const COLON = 58;
const DOT = 46;
const DASH = 45;
const ZERO = 48;
const NINE = 57;
const OPEN = 91;
const CLOSE = 93;
const LOWER_C = 99;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const EVENT = ascii('damon:damon_aggregated:');
const CONTEXT_ID = ascii('context_id=');
const TARGET_ID = ascii('target_id=');
const NR_REGIONS = ascii('nr_regions=');
/** Digits of a timestamp read exactly in either direction (lines.ts reads it right to left). */
const MAX_STAMP_DIGITS = 15;

/** Whether b[p, p + text.length) is `text` (p + text.length <= limit). */
function matches(b: Uint8Array, p: number, text: Uint8Array, limit: number): boolean {
  const n = text.length;
  if (p + n > limit) return false;
  for (let i = 0; i < n; i++) if (b[p + i] !== text[i]) return false;
  return true;
}

/**
 * Reads the line that starts at `start` into `scanned` when it is a damon_aggregated line in the
 * common form, and returns the index of its newline (before `limit`); else -1, `scanned` undefined.
 */
export function scanAggregatedLine(b: Uint8Array, start: number, limit: number): number {
  let p = start;
  let c = 0;
  while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  // The comm: one token, no colon (the timestamp's is then the line's first).
  const commStart = p;
  while (p < limit && (c = b[p]!) !== SPACE && c !== TAB && c !== CR && c !== COLON && c !== NEWLINE) p++;
  if (p === commStart || p >= limit || c === COLON || c === NEWLINE) return -1;
  const commEnd = p;
  while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  // The tid, then [cpu].
  let tid = 0;
  let from = p;
  while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) {
    tid = tid * 10 + (c - ZERO);
    p++;
  }
  if (p === from || p >= limit || !(c === SPACE || c === TAB || c === CR)) return -1;
  while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  if (c !== OPEN) return -1;
  from = ++p;
  while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) p++;
  if (p === from || c !== CLOSE || ++p >= limit || !((c = b[p]!) === SPACE || c === TAB || c === CR)) return -1;
  while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  // SECONDS.FRACTION: then ': '.
  let seconds = 0;
  from = p;
  while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) {
    seconds = seconds * 10 + (c - ZERO);
    p++;
  }
  const secondsDigits = p - from;
  if (secondsDigits === 0 || c !== DOT) return -1;
  let fraction = 0;
  from = ++p;
  while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) {
    fraction = fraction * 10 + (c - ZERO);
    p++;
  }
  const fractionDigits = p - from;
  if (fractionDigits === 0 || c !== COLON || secondsDigits + fractionDigits > MAX_STAMP_DIGITS) return -1;
  if (++p >= limit || b[p] !== SPACE) return -1;
  while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  if (!matches(b, p, EVENT, limit)) return -1;
  p += EVENT.length;
  while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  // [context_id=N] target_id=N nr_regions=N, each followed by spaces.
  let contextId = -1;
  if (c === LOWER_C) {
    if (!matches(b, p, CONTEXT_ID, limit)) return -1;
    p += CONTEXT_ID.length;
    from = p;
    contextId = 0;
    while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) {
      contextId = contextId * 10 + (c - ZERO);
      p++;
    }
    if (p === from || p >= limit || !(c === SPACE || c === TAB || c === CR)) return -1;
    while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  }
  if (!matches(b, p, TARGET_ID, limit)) return -1;
  p += TARGET_ID.length;
  let targetId = 0;
  from = p;
  while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) {
    targetId = targetId * 10 + (c - ZERO);
    p++;
  }
  if (p === from || p >= limit || !(c === SPACE || c === TAB || c === CR)) return -1;
  while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  if (!matches(b, p, NR_REGIONS, limit)) return -1;
  p += NR_REGIONS.length;
  let nrRegions = 0;
  from = p;
  while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) {
    nrRegions = nrRegions * 10 + (c - ZERO);
    p++;
  }
  if (p === from || p >= limit || !(c === SPACE || c === TAB || c === CR)) return -1;
  while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  // START-END: NR_ACCESSES [AGE]; a region at 0 may be damo's placeholder: the general scanner's.
  if (c === ZERO) return -1;
  let regionStart = 0;
  from = p;
  while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) {
    regionStart = regionStart * 10 + (c - ZERO);
    p++;
  }
  if (p === from || c !== DASH) return -1;
  let regionEnd = 0;
  from = ++p;
  while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) {
    regionEnd = regionEnd * 10 + (c - ZERO);
    p++;
  }
  if (p === from || c !== COLON || ++p >= limit || !((c = b[p]!) === SPACE || c === TAB || c === CR)) return -1;
  if (!(regionStart < regionEnd) || regionEnd > Number.MAX_SAFE_INTEGER) return -1;
  while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  let nrAccesses = 0;
  from = p;
  while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) {
    nrAccesses = nrAccesses * 10 + (c - ZERO);
    p++;
  }
  if (p === from || p >= limit || nrAccesses > Number.MAX_SAFE_INTEGER) return -1;
  while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  let age = -1;
  if (p < limit && c >= ZERO && c <= NINE) {
    age = 0;
    while (p < limit && (c = b[p]!) >= ZERO && c <= NINE) {
      age = age * 10 + (c - ZERO);
      p++;
    }
    while (p < limit && ((c = b[p]!) === SPACE || c === TAB || c === CR)) p++;
  }
  if (p >= limit || c !== NEWLINE) return -1;
  const d = scanned;
  d.tid = tid;
  d.timeNs = damoNs(seconds, fraction, fractionDigits);
  d.commEnd = commEnd;
  d.contextId = contextId;
  d.targetId = targetId;
  d.nrRegions = nrRegions;
  d.start = regionStart;
  d.end = regionEnd;
  d.nrAccesses = nrAccesses;
  d.age = age;
  return p;
}
