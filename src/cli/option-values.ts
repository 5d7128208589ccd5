// How options' texts become their values (command.ts's `parse`): whole numbers in a range and
// durations, each refusing a text with what the option needs, in the words users know.
import { hasLineBreak } from '../util/shell.js';
import { parseDuration } from '../util/units.js';
import type { GivenDuration } from '../sweep/request.js';
import { OptionValueError, type OptionParser } from './command.js';

/** A whole number from `min` to `max`; `says` is what the refusal says the option needs. */
export function wholeNumber({
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
  says,
}: {
  min?: number;
  max?: number;
  says: string;
}): OptionParser<number> {
  return (text, option) => {
    const value = /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
    if (value >= min && value <= max) return value;
    throw new OptionValueError(`${option} ${says}, not '${text.slice(0, 40)}'`);
  };
}

/** A duration with its unit (60s, 1.5m); `says` is what the refusal says the option needs. */
export function duration(says: string): OptionParser<GivenDuration> {
  return (text, option) => {
    try {
      return { text, ms: parseDuration(text) / 1000 };
    } catch {
      throw new OptionValueError(`${option} ${says}, not '${text}'`);
    }
  };
}

/**
 * A duration above 0, in damo's way when `plain` says a unit: a plain number is in it (µs for
 * intervals, seconds for --timeout), a number with a unit as it is; the value is the text with its
 * unit, as a manifest takes it.
 */
export function positiveDuration(plain: 'us' | 's' | null, says: string): OptionParser<string> {
  return (given, option) => {
    const text = plain && /^[0-9]+(\.[0-9]+)?$/.test(given.trim()) ? `${given.trim()}${plain}` : given;
    let us = 0;
    try {
      us = parseDuration(text);
    } catch {
      // refused below
    }
    if (us > 0) return text;
    throw new OptionValueError(`${option} ${says}, not '${text}'`);
  };
}

/** A text that reaches the scripts a run generates (the Slurm job's, the QEMU guest's): one line. */
export const oneLine: OptionParser<string> = (text, option) => {
  if (hasLineBreak(text)) throw new OptionValueError(`${option} holds a line break: ${JSON.stringify(text)}`);
  return text;
};

/** A text of a form (`pattern`); `says` is what the refusal says the option must be. */
export function matching(pattern: RegExp, says: string): OptionParser<string> {
  return (text, option) => {
    if (pattern.test(text)) return text;
    throw new OptionValueError(`${option} ${says}, not '${text}'`);
  };
}
