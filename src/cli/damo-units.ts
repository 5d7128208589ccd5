// Numbers as damo's options take them: plain (bytes, ns, µs) or with a unit, thousands separators
// allowed (1,048,576; 10G; 5s).

const BYTE_UNITS: Record<string, number> = { B: 1 };
for (const [i, letter] of ['K', 'M', 'G', 'T', 'P', 'E'].entries())
  for (const unit of [letter, `${letter}B`, `${letter}iB`]) BYTE_UNITS[unit] = 2 ** (10 * (i + 1));
const NS_UNITS: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3_600e9, d: 86_400e9 };

/**
 * A number with an optional unit as damo takes it (thousands separators too: 1,048,576); sizes are
 * binary (10G is 10 GiB).
 */
function withUnit(text: string, units: Record<string, number>, what: string): number {
  const match = /^([0-9][0-9,]*(?:\.[0-9]+)?)\s*([A-Za-z]*)$/.exec(text.trim());
  const scale = match ? (match[2] ? units[match[2]] : 1) : undefined;
  if (!match || scale === undefined) throw new Error(`not ${what}`);
  const digits = match[1]!.replace(/,/g, '');
  // Plain integers exactly (addresses beyond 2^53 are refused by Number's check below).
  const value = scale === 1 && /^[0-9]+$/.test(digits) ? Number(BigInt(digits)) : Math.trunc(Number(digits) * scale);
  if (!Number.isSafeInteger(value)) throw new Error(`not ${what}`);
  return value;
}

export const bytes = (text: string) => withUnit(text, BYTE_UNITS, 'a size');

/**
 * An address: hex as the report and /proc/PID/maps print them (0x7f1c00000000, any case), or
 * decimal as damo's guide prints them (leading zeros and all), or a size with a unit (4G). Exact:
 * an address past 2^53 (a kernel address) is refused rather than rounded.
 */
export function address(text: string): number {
  const hex = /^0x([0-9a-f]+)$/i.exec(text.trim());
  if (!hex) return withUnit(text, BYTE_UNITS, 'an address');
  const value = BigInt(`0x${hex[1]!}`);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('past 2^53, beyond what damon-exp holds exactly');
  return Number(value);
}
export const nanoseconds = (text: string) => withUnit(text, NS_UNITS, 'a time');

const US_UNITS: Record<string, number> = { us: 1, ms: 1e3, s: 1e6, m: 60e6, h: 3_600e6 };

/** A duration in µs: damo's plain number of µs (--work_time 1000000) or with a unit (1s). */
export const microseconds = (text: string) => withUnit(text, US_UNITS, 'a duration');
