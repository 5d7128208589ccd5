// heats' (and heatmap's) options: their declarations, how their values are read, and which output
// they ask for. The numbers are analysis/heats.ts's; heats.ts runs and prints.
import { shorten } from '../util/errors.js';
import type { HeatsSpec, Selection } from '../analysis/heats.js';
import { oneOf, type Options, type Values } from './command.js';
import { address as addressValue, nanoseconds } from './damo-units.js';
import { UsageError } from './output.js';
import { checkImagePath, type ImageFormat } from './svg-path.js';
import { wholeNumber } from './option-values.js';

/** At most this many rows or columns, and pixels in all: damo's defaults are 500x500 (40x80 for the terminal). */
export const MAX_RESOLUTION_AXIS = 4096;
export const MAX_RESOLUTION_PIXELS = 2048 * 2048;

/** A sysfs-style index (--kdamond, --cid, --tid). */
const INDEX = wholeNumber({ max: 999_999_999, says: 'takes a whole number' });

export const HEATS_OPTIONS = {
  guide: {
    type: 'boolean',
    description: "print each (kdamond, context, target)'s time span and address ranges instead",
  },
  kdamond: {
    type: 'string',
    value: 'N',
    parse: INDEX,
    description: 'the kdamond to draw (default: the first)',
  },
  cid: {
    type: 'string',
    value: 'N',
    parse: INDEX,
    description: 'the context to draw (default: the first; the multi-context fork runs several per kdamond)',
  },
  tid: {
    type: 'string',
    value: 'N',
    parse: INDEX,
    description: 'the target to draw (default: the one of most address space, as damo)',
  },
  resol: {
    type: 'string',
    value: 'ROWSxCOLS',
    description: 'time rows and address columns (default 500x500; 40x80 drawn in the terminal)',
  },
  'time-range': {
    type: 'string',
    value: 'A,B',
    description: "the time span, as durations from the trace's start (1s,2.5s or ns)",
  },
  'abs-time-range': {
    type: 'string',
    value: 'A,B',
    description: "the time span in the trace's own ns, as the guide prints them",
  },
  'address-range': {
    type: 'string',
    value: 'A,B',
    description: "the address range: hex (0x7f1c00000000), decimal bytes or with units (default: --range's pick)",
  },
  range: {
    type: 'string',
    default: 'hottest',
    value: 'hottest|largest',
    description: "which of the guide's ranges to draw when --address-range is not given",
  },
  'abs-time': { type: 'boolean', description: "print times as the trace's own, not from the range's start" },
  'abs-addr': { type: 'boolean', description: "print addresses as they are, not from the range's start" },
  'plot-ascii': { type: 'boolean', description: "draw the heatmap in the terminal, as damo's report heatmap does" },
  image: {
    type: 'string',
    value: 'FILE.svg|FILE.png',
    description: "write an SVG heatmap with axes and a colour scale, or a PNG of the heatmap's pixels",
  },
  output: {
    type: 'string',
    value: 'raw|stdout|FILE.svg|FILE.png',
    description: "damo's choice of output: the lines (heats' default), the terminal plot, or an image",
  },
  colorset: {
    type: 'string',
    default: 'gray',
    value: 'gray|flame|emotion',
    description: "the terminal plot's colours",
  },
  'skip-color-example': { type: 'boolean', description: 'leave out the colour scale under the terminal plot' },
} as const satisfies Options;

export type HeatsValues = Values<typeof HEATS_OPTIONS>;

/** What heats was asked for: which target, which heatmap, and how to show it. */
export interface HeatsRequest {
  selection: Selection;
  spec: HeatsSpec;
  drawing: Drawing;
  colorset: 'gray' | 'flame' | 'emotion';
}

/** The options' values read and checked, in the order they are refused. */
export function heatsRequest(
  values: HeatsValues,
  spelled: (option: string) => string,
  fallback: 'raw' | 'stdout',
): HeatsRequest {
  const range = oneOf(values.range, ['hottest', 'largest'] as const, '--range', 'heats')!;
  const colorset = oneOf(values.colorset, ['gray', 'flame', 'emotion'] as const, spelled('--colorset'), 'heats')!;
  const drawing = drawingOf(values, spelled, fallback);
  const [rows, cols] = resolution(values.resol, drawing.kind === 'stdout', spelled('--resol'));
  const selection = { kdamond: values.kdamond, context: values.cid, target: values.tid };
  const address =
    values['address-range'] === undefined
      ? undefined
      : pair(values['address-range'], addressValue, spelled('--address-range'), cols, 'columns');
  if (values['time-range'] !== undefined && values['abs-time-range'] !== undefined)
    throw new UsageError(
      `--time-range and ${spelled('--abs-time-range')} exclude each other (damo's --time_range is --abs-time-range)`,
      'heats',
    );
  const relativeTime =
    values['time-range'] === undefined
      ? undefined
      : pair(values['time-range'], nanoseconds, '--time-range', rows, 'rows');
  const time =
    values['abs-time-range'] === undefined
      ? undefined
      : pair(values['abs-time-range'], nanoseconds, spelled('--abs-time-range'), rows, 'rows');
  return { selection, spec: { rows, cols, range, address, relativeTime, time }, drawing, colorset };
}

/** What is drawn: damo's lines, the terminal plot, or an image file (SVG, or PNG: its pixels alone). */
export type Drawing = { kind: 'raw' } | { kind: 'stdout' } | { kind: 'image'; file: string; format: ImageFormat };

/** An output asked for, its image's format not yet read from the file's name. */
type Asked = Exclude<Drawing, { kind: 'image' }> | { kind: 'image'; file: string };

/** --output (damo's --heatmap), --plot-ascii and --image: one of them, or the command's default. */
function drawingOf(values: HeatsValues, spelled: (option: string) => string, fallback: 'raw' | 'stdout'): Drawing {
  const asked: { drawing: Asked; option: string; by: string }[] = [];
  if (values['plot-ascii']) {
    const option = spelled('--plot-ascii');
    asked.push({ drawing: { kind: 'stdout' }, option, by: option });
  }
  if (values.image !== undefined)
    asked.push({ drawing: { kind: 'image', file: values.image }, option: '--image', by: '--image' });
  if (values.output !== undefined) {
    const [option, text] = [spelled('--output'), values.output];
    asked.push({
      drawing: text === 'raw' || text === 'stdout' ? { kind: text } : { kind: 'image', file: text },
      option,
      by: `${option} ${text}`,
    });
  }
  const differing = asked.find((a) => JSON.stringify(a.drawing) !== JSON.stringify(asked[0]!.drawing));
  if (differing)
    throw new UsageError(`${asked[0]!.by} and ${differing.by} ask for different outputs: give one`, 'heats');
  const chosen = asked[0];
  if (chosen?.drawing.kind === 'image')
    return { ...chosen.drawing, format: checkImagePath(chosen.drawing.file, chosen.option, 'heats') };
  return chosen?.drawing ?? { kind: fallback };
}

function resolution(text: string | undefined, ascii: boolean, option: string): [number, number] {
  if (text === undefined) return ascii ? [40, 80] : [500, 500];
  const match = /^([1-9][0-9]{0,8})[x, ]([1-9][0-9]{0,8})$/.exec(text);
  if (!match)
    throw new UsageError(
      `${option} takes ROWSxCOLS (or damo's two numbers: --resol 40 80), such as 40x80, not '${shorten(text, 40)}'`,
      'heats',
    );
  const [rows, cols] = [Number(match[1]), Number(match[2])];
  if (rows > MAX_RESOLUTION_AXIS || cols > MAX_RESOLUTION_AXIS || rows * cols > MAX_RESOLUTION_PIXELS) {
    throw new UsageError(
      `${option} ${rows}x${cols} is too fine: at most ${MAX_RESOLUTION_AXIS} rows and ${MAX_RESOLUTION_AXIS} columns, ${MAX_RESOLUTION_PIXELS} pixels in all (2048x2048); damo's defaults are 500x500, and 40x80 for --plot-ascii`,
      'heats',
    );
  }
  return [rows, cols];
}

/**
 * 'A B' (damo's two words, which may hold thousands separators) or 'A,B': a range of at least one
 * unit per row or column.
 */
function pair(
  text: string,
  parse: (x: string) => number,
  option: string,
  pieces: number,
  what: 'rows' | 'columns',
): [number, number] {
  const parts = /\s/.test(text.trim()) ? text.trim().split(/\s+/) : text.split(',');
  if (parts.length !== 2)
    throw new UsageError(`${option} takes START and END (START,END or two words), not '${shorten(text, 60)}'`, 'heats');
  const [a, b] = parts.map((part) => {
    try {
      return parse(part.trim());
    } catch (error) {
      throw new UsageError(
        `${option}: '${shorten(part, 40)}' is ${(error as Error).message} (${what === 'columns' ? 'an address below 2^53: hex as 0x7f1c00000000, decimal, or with a unit as 4K, 10G' : 'a whole number below 2^53, or one with a unit: 500ms, 2.5s'})`,
        'heats',
      );
    }
  }) as [number, number];
  if (!(b > a)) throw new UsageError(`${option} needs START < END, not ${a} and ${b}`, 'heats');
  if (b - a < pieces)
    throw new UsageError(
      `${option} spans ${b - a} ${what === 'columns' ? 'bytes' : 'ns'}, fewer than its ${pieces} ${what}: give a wider range or fewer ${what} (--resol)`,
      'heats',
    );
  return [a, b];
}
