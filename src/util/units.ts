import { DamonExpError, shorten } from './errors.js';
// Durations and sizes as users write them, resolved once (at expansion) to µs and bytes.

const DURATION_US: Record<string, number> = {
  us: 1,
  µs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
};

const SIZE_BYTES: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
};

const DURATION_RE = /^([0-9]+(?:\.[0-9]+)?)\s*(us|µs|ms|s|m|h)$/;
const SIZE_RE = /^([0-9]+(?:\.[0-9]+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$/;

export class UnitError extends DamonExpError {}

/** Parses `30s`, `100ms`, `5000us`, `2.5s`, `1m` to whole microseconds. */
export function parseDuration(text: string): number {
  if (typeof text !== 'string') throw new TypeError(`${String(text)} is not a duration string`);
  const match = DURATION_RE.exec(text.trim());
  if (!match) {
    throw new UnitError(`'${shorten(text)}' is not a duration; write a number and a unit: 5000us, 100ms, 30s, 1m`);
  }
  return toWhole(Number(match[1]) * DURATION_US[match[2]!]!, text, 'microsecond');
}

/** Parses `4096`, `100MB`, `64MiB`, `1.5GiB` to whole bytes. */
export function parseSize(value: number | string): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value > Number.MAX_SAFE_INTEGER) {
      throw new UnitError(
        `this size is beyond ${Number.MAX_SAFE_INTEGER} bytes (2^53−1), the most a number here holds exactly`,
      );
    }
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new UnitError(`${value} is not a size in bytes`);
    }
    return value;
  }
  if (typeof value !== 'string') throw new TypeError(`${String(value)} is not a size`);
  const match = SIZE_RE.exec(value.trim());
  if (!match) {
    throw new UnitError(`'${shorten(value)}' is not a size; write bytes or a unit: 4096, 100MB, 64MiB`);
  }
  return toWhole(Number(match[1]) * SIZE_BYTES[match[2] ?? 'B']!, value, 'byte');
}

function toWhole(exact: number, text: string, unit: string): number {
  const rounded = Math.round(exact);
  if (Math.abs(exact - rounded) > 1e-6 * Math.max(1, Math.abs(exact))) {
    throw new UnitError(`'${shorten(text)}' is not a whole number of ${unit}s`);
  }
  if (!Number.isSafeInteger(rounded)) {
    throw new UnitError(
      `'${shorten(text)}' is too large: beyond ${Number.MAX_SAFE_INTEGER} ${unit}s (2^53−1), the most a number here holds exactly`,
    );
  }
  return rounded;
}
