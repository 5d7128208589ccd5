// Sizes and times as damon-exp writes them for people: one table of units, one function each.

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
const BINARY_UNITS = SIZE_UNITS_DESCENDING.filter(([unit]) => unit.endsWith('iB') && unit !== 'TiB');

/**
 * How a size is written:
 * - `exact`: what a manifest would say, exact when a unit allows (100000000 → "100 MB",
 *   67108864 → "64 MiB"), else 3 significant digits of a binary unit;
 * - `exact-binary`: a whole number of KiB, MiB or GiB when it is one, else bytes ("1536 KiB");
 * - `reading`: approximate, one decimal of a binary unit ("97.4 MiB");
 * - `axis`: a tick label, at most 4 significant digits ("0", "1.5 KiB", "100 MiB").
 */
export type ByteStyle = 'exact' | 'exact-binary' | 'reading' | 'axis';

export function formatBytes(bytes: number, style: ByteStyle = 'reading'): string {
  switch (style) {
    case 'exact': {
      for (const [unit, factor] of SIZE_UNITS_DESCENDING) {
        const value = bytes / factor;
        if (value >= 1 && Number.isInteger(value * 1000)) return `${value} ${unit}`;
      }
      const binary = SIZE_UNITS_DESCENDING.find(([unit, factor]) => unit.endsWith('iB') && bytes >= factor);
      return binary ? `${significant(bytes / binary[1], 3)} ${binary[0]}` : `${bytes} B`;
    }
    case 'exact-binary': {
      const unit = BINARY_UNITS.find(([, factor]) => bytes >= factor && bytes % factor === 0);
      return unit ? `${bytes / unit[1]} ${unit[0]}` : `${bytes} B`;
    }
    case 'reading': {
      const unit = BINARY_UNITS.find(([, factor]) => bytes >= factor);
      return unit ? `${(bytes / unit[1]).toFixed(1)} ${unit[0]}` : `${Math.round(bytes)} B`;
    }
    case 'axis': {
      if (bytes === 0) return '0';
      const unit = BINARY_UNITS.find(([, factor]) => Math.abs(bytes) >= factor);
      return unit ? `${significant(bytes / unit[1], 4)} ${unit[0]}` : `${bytes} B`;
    }
  }
}

/** A number with at most `digits` significant digits and no trailing zeros. */
export function significant(value: number, digits: number): string {
  return String(Number(value.toPrecision(digits)));
}

/** A duration as a manifest would say it: 5000 → "5 ms", 2500000 → "2.5 s", 90000000 → "1.5 m". */
export function formatDuration(us: number): string {
  if (us >= 60_000_000 && us % 6_000_000 === 0) return `${us / 60_000_000} m`;
  if (us >= 1_000_000) return `${significant(us / 1_000_000, 6)} s`;
  if (us >= 1_000) return `${significant(us / 1_000, 6)} ms`;
  return `${us} µs`;
}

/** Time gone by, to the second: "42s", "3m07s". */
export function formatElapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
