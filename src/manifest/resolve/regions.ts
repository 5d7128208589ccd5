// A target's initial monitoring regions: addresses as decimal strings (they may exceed 2^53),
// checked as DAMON checks them: within 64 bits, each non-empty, sorted and not overlapping.
import type { AddressRange } from '../run.js';
import type { DataPath } from '../yaml-source.js';
import type { Report } from './context.js';

const ADDRESS_LIMIT = 2n ** 64n;

/** A range with an address that is not one (reported here, or by the schema) is kept as written. */
export function resolveRegions(
  ranges: { start: number | string; end: number | string }[],
  path: DataPath,
  report: Report,
): AddressRange[] {
  let previousEnd = -1n;
  const address = (value: number | string, at: DataPath): bigint | undefined => {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      report(
        at,
        'this address is beyond what a YAML integer holds exactly',
        "write large addresses as quoted strings: '0x7f0000000000'",
      );
      return undefined;
    }
    let parsed: bigint;
    try {
      parsed = BigInt(value);
    } catch {
      return undefined; // not an address: the schema has reported it
    }
    if (parsed >= ADDRESS_LIMIT) {
      report(at, `${String(value)} is beyond a 64-bit address`);
      return undefined;
    }
    return parsed;
  };
  return ranges.map((range, i) => {
    const start = address(range.start, [...path, i, 'start']);
    const end = address(range.end, [...path, i, 'end']);
    if (start === undefined || end === undefined) return { start: String(range.start), end: String(range.end) };
    if (start >= end) report([...path, i], `region ${i} is empty or reversed: start must be below end`);
    else if (start < previousEnd)
      report(
        [...path, i],
        `region ${i} overlaps or precedes the one before it`,
        'DAMON needs target regions sorted and not overlapping',
      );
    previousEnd = end;
    return { start: start.toString(), end: end.toString() };
  });
}
