// wss' options (damo 2.4.9's report wss, all of them): their declarations, and their values read
// and checked. The numbers are analysis/wss.ts's; wss.ts runs and prints.
import type { WssOptions } from '../analysis/wss.js';
import { shorten } from '../util/errors.js';
import { oneOf, type Options, type Values } from './command.js';
import { bytes, microseconds } from './damo-units.js';
import { UsageError } from './output.js';
import { checkSvgPath } from './svg-path.js';
import { wholeNumber } from './option-values.js';

const WHOLE = wholeNumber({ max: 999_999_999_999_999, says: 'needs a whole number' });

export const WSS_OPTIONS = {
  skip: {
    type: 'string',
    default: '20',
    value: 'N',
    parse: WHOLE,
    description: 'the snapshots left out at the start (the warm-up)',
  },
  range: {
    type: 'string',
    default: '0,101,25',
    value: 'START,STOP,STEP',
    description: 'the percentiles printed: from START, every STEP, below STOP',
  },
  'acc-thres': {
    type: 'string',
    default: '1',
    value: 'N',
    parse: WHOLE,
    description: 'the fewest nr_accesses (samples) of a region in the working set',
  },
  'sz-thres': {
    type: 'string',
    default: '1',
    value: 'SIZE',
    description: 'the smallest region in the working set (bytes, or with a unit: 4K)',
  },
  'work-time': {
    type: 'string',
    value: 'D',
    description: 'merge snapshots until they span D (µs, or with a unit: 1s; default: each alone)',
  },
  sortby: {
    type: 'string',
    default: 'size',
    value: 'size|time',
    description: 'percentiles of sizes sorted, or in time order',
  },
  'per-target': { type: 'boolean', description: 'a distribution per target instead of their sum' },
  'collapse-targets': { type: 'boolean', description: "the targets' sum, as without --per-target" },
  'raw-number': { type: 'boolean', description: 'print sizes in bytes' },
  'all-wss': { type: 'boolean', description: 'print every size (index and size) instead of percentiles' },
  'nr-cols-bar': {
    type: 'string',
    default: '59',
    value: 'N',
    parse: WHOLE,
    description: 'the width of the bars beside the percentiles (0: none)',
  },
  plot: {
    type: 'string',
    value: 'FILE.svg',
    description: 'draw the distribution into an SVG instead of printing it',
  },
  json: { type: 'boolean', description: "print each (kdamond, context, target)'s summary as JSON" },
} as const satisfies Options;

/** What wss was asked for: the numbers (analysis/wss.ts's options) and how to show them. */
export interface WssRequest extends WssOptions {
  bar: number;
  plot: string | undefined;
}

/** The options' values read and checked, in the order they are refused. */
export function wssRequest(values: Values<typeof WSS_OPTIONS>, spelled: (option: string) => string): WssRequest {
  const skip = values.skip;
  const criteria = { minAccesses: values['acc-thres'], minBytes: size(values['sz-thres'], spelled) };
  const percentiles = percentileRange(values.range, spelled('--range'));
  const workTimeNs = values['work-time'] === undefined ? null : workTime(values['work-time'], spelled) * 1000;
  const sortBy = oneOf(values.sortby, ['size', 'time'] as const, spelled('--sortby'), 'wss')!;
  if (values['per-target'] && values['collapse-targets'])
    throw new UsageError(
      `${spelled('--per-target')} and ${spelled('--collapse-targets')} ask for opposite things: give one`,
      'wss',
    );
  const bar = values['nr-cols-bar'];
  if (bar > 10_000)
    throw new UsageError(`${spelled('--nr-cols-bar')} ${bar} is wider than any terminal: at most 10000 columns`, 'wss');
  const plot = values.plot;
  if (plot !== undefined && values.json)
    throw new UsageError(`${spelled('--plot')} draws, --json prints: give one`, 'wss');
  if (plot !== undefined) checkSvgPath(plot, spelled('--plot'), 'wss');
  return { skip, criteria, percentiles, workTimeNs, sortBy, bar, plot };
}

/** START,STOP,STEP (or damo's three words): Python's range(START, STOP, STEP) of percentiles. */
function percentileRange(text: string, option: string): number[] {
  const words = text.trim().split(/[\s,]+/);
  const [start, stop, step] = words.map(Number) as [number, number, number];
  if (words.length !== 3 || !words.every((w) => /^[0-9]{1,3}$/.test(w)))
    throw new UsageError(
      `${option} takes START,STOP,STEP (whole percentiles, such as 0,101,25), not '${shorten(text, 40)}'`,
      'wss',
    );
  // Python's range(START, STOP, STEP): none when START >= STOP (damo then prints the average alone).
  if (step === 0 || start > 100 || stop > 101)
    throw new UsageError(
      `${option} ${words.join(',')} asks for percentiles beyond 0 to 100: STEP above 0, START at most 100, STOP at most 101`,
      'wss',
    );
  const list: number[] = [];
  for (let p = start; p < stop && p <= 100; p += step) list.push(p);
  return list;
}

function size(text: string, spelled: (option: string) => string): number {
  try {
    return bytes(text);
  } catch {
    throw new UsageError(
      `${spelled('--sz-thres')} needs a size in bytes (or with a unit: 4K), not '${shorten(text, 40)}'`,
      'wss',
    );
  }
}

function workTime(text: string, spelled: (option: string) => string): number {
  let us: number;
  try {
    us = microseconds(text);
  } catch {
    us = 0;
  }
  if (us <= 0 || !Number.isSafeInteger(us * 1000))
    throw new UsageError(
      `${spelled('--work-time')} needs a duration from 1 µs to 104 days, in µs as damo takes it (1000000) or with a unit (1s), not '${shorten(text, 40)}'`,
      'wss',
    );
  return us;
}
