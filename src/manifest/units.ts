import { DamonExpError, shorten } from '../errors.js';
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

/** 5000 → "5 ms", 1000000 → "1 s", 2500000 → "2.5 s", 90000000 → "1.5 m". */
export function formatDuration(us: number): string {
  if (us >= 60_000_000 && us % 6_000_000 === 0) return `${us / 60_000_000} m`;
  if (us >= 1_000_000) return `${trim(us / 1_000_000)} s`;
  if (us >= 1_000) return `${trim(us / 1_000)} ms`;
  return `${us} µs`;
}

const SIZE_UNITS_DESCENDING = [
  ['TiB', 2 ** 40],
  ['TB', 1e12],
  ['GiB', 2 ** 30],
  ['GB', 1e9],
  ['MiB', 2 ** 20],
  ['MB', 1e6],
  ['KiB', 2 ** 10],
  ['KB', 1e3],
] as const;

/**
 * 100000000 → "100 MB", 67108864 → "64 MiB", 1500000000 → "1.5 GB"; exact when a unit allows, else
 * 3 significant digits of a binary unit.
 */
export function formatSize(bytes: number): string {
  for (const [unit, factor] of SIZE_UNITS_DESCENDING) {
    const value = bytes / factor;
    if (value >= 1 && Number.isInteger(value * 1000)) return `${value} ${unit}`;
  }
  const binary = SIZE_UNITS_DESCENDING.find(([unit, factor]) => unit.endsWith('iB') && bytes >= factor);
  return binary ? `${trim(bytes / binary[1], 3)} ${binary[0]}` : `${bytes} B`;
}

/** An approximate size for reading, in binary units: 5.8 MiB, 97.4 MiB, 1.2 GiB. */
export function formatBytes(bytes: number): string {
  const unit = (['GiB', 'MiB', 'KiB'] as const).find((_, i) => bytes >= 2 ** (30 - 10 * i));
  if (!unit) return `${Math.round(bytes)} B`;
  const factor = { GiB: 2 ** 30, MiB: 2 ** 20, KiB: 2 ** 10 }[unit];
  return `${(bytes / factor).toFixed(1)} ${unit}`;
}

function trim(value: number, significant = 6): string {
  return String(Number(value.toPrecision(significant)));
}
