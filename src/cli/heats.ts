import { STORE_BUDGET_BYTES } from '../analysis/analyze.js';
import { chooseRange, GuideBuilder } from '../analysis/guide.js';
import { HeatmapBuilder } from '../analysis/heatmap.js';
import { passKeeping } from '../analysis/snapshot-store.js';
import { shorten } from '../util/errors.js';
import { asciiHeatmap } from '../report/ascii-heatmap.js';
import { damoSize, damoTime, pythonFloat } from '../report/damo-text.js';
import { heatmapSvg } from '../report/svg/heatmap.js';
import { traceWarnings } from '../trace/problems.js';
import { formatName, openTrace } from '../trace/source.js';
import { writeWhole } from '../util/write-whole.js';
import { defineCommand, oneOf, type Args, type Options } from './command.js';
import { UsageError, UserError, type Output } from './output.js';
import { oneInput } from './trace-input.js';
import { bytes, nanoseconds } from './damo-units.js';
import { checkSvgPath } from './svg-path.js';
import { formatBytes } from '../util/format.js';

const HEATS_OPTIONS = {
  guide: {
    type: 'boolean',
    description: "print each (kdamond, context, target)'s time span and address ranges instead",
  },
  kdamond: { type: 'string', value: 'N', description: 'the kdamond to draw (default: the first)' },
  cid: {
    type: 'string',
    value: 'N',
    description: 'the context to draw (default: the first; the multi-context fork runs several per kdamond)',
  },
  tid: {
    type: 'string',
    value: 'N',
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
    description: "the address range, in bytes or with units (default: --range's pick)",
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
  image: { type: 'string', value: 'FILE.svg', description: 'write an SVG heatmap with axes and a colour scale' },
  output: {
    type: 'string',
    value: 'raw|stdout|FILE.svg',
    description: "damo's choice of output: the lines (heats' default), the terminal plot, or an SVG",
  },
  colorset: {
    type: 'string',
    default: 'gray',
    value: 'gray|flame|emotion',
    description: "the terminal plot's colours",
  },
  'skip-color-example': { type: 'boolean', description: 'leave out the colour scale under the terminal plot' },
} as const satisfies Options;

export const heatsCommand = defineCommand({
  name: 'heats',
  usage:
    'damon-exp heats DIR|FILE [--guide] [--kdamond N] [--cid N] [--tid N] [--resol ROWSxCOLS] [--time-range A,B | --abs-time-range A,B] [--address-range A,B] [--range hottest|largest] [--abs-time] [--abs-addr] [--plot-ascii [--colorset gray|flame|emotion] [--skip-color-example]] [--image FILE.svg]',
  help: `Heatmaps of how often DAMON saw each address accessed over time, with damo's semantics
(a pixel's heat is the time- and space-weighted average nr_accesses; the first snapshot is
skipped). Without --plot-ascii it prints 'time addr heat' lines as damo's report heats does
(time in ns and address in bytes relative to the range's start unless --abs-time/--abs-addr),
so gnuplot scripts keep working. --image writes an SVG with time (s) and address-offset axes
and a colour scale instead. --resol is 500x500 by default, at most 4096 a side and 2048x2048 in
all; drawn in the terminal (--plot-ascii, --heatmap stdout, --output stdout) 40x80, as damo's
report heatmap draws (damo 2.4.9's report heats --plot_ascii and --heatmap stdout keep 500x500:
--resol 500 500 gives their bytes). The plot is in colour when
stderr is a terminal (as a terminal user sees it; damo always colours): NO_COLOR=1 never,
FORCE_COLOR=1 always, for damo's exact bytes in a file. --guide prints, per (kdamond, context, target), the time span
and the address ranges that hold data (only those --kdamond, --cid and --tid pick, when given).
--cid picks a context of a kdamond: on the multi-context fork one kdamond serves several, and its
trace says which (context_id), as the fork's damo does with --cid. The address range defaults to the hottest of them
(--range largest for the largest); --time-range takes durations from the trace's start
(1s,2.5s, or plain ns), --abs-time-range the trace's own times in ns as the guide prints them (or
with a unit).

The numbers are damo 2.4.9's (report heats), to the last digit: the snapshot times
(int(float(seconds) × 1e9) of each snapshot's first line), the guide's span and ranges, the
default address range (the guide range of most accesses per byte), the ranges shortened to a
whole number of ns per row and bytes per column, each pixel's heat in damo's order of
floating-point operations and printed as Python prints a float, separated by tabs; --plot-ascii draws
damo's digits, colours and footer. Where damon-exp goes further: damo mixes every kdamond and
context whose target has the id asked for, damon-exp keeps each (kdamond, context, target)
apart (--kdamond, --cid), and says which it drew when several match.

Without DIR|FILE it reads ./damon.data, as damo does. damo's spellings work too: --input FILE (-i FILE), --address_range A B, --time_range A B (as
--abs-time-range), --resol T S, --abs_time, --abs_addr, --plot_ascii,
--stdout_heatmap_color C and --ascii_color C (as --colorset),
--stdout_heatmap_skip_color_example, and damo 3.x's --kdamond_idx and --context_idx. Addresses take bytes or units (10G), times ns or units.

Examples:
  damon-exp heats results/one_target/run --guide
  damon-exp heats results/many_contexts/run --kdamond 2 --plot-ascii
  damon-exp heats masim.data --resol 500x500 > heats.txt
  damon-exp heats results/many_contexts/run --kdamond 1 --image heatmap.svg`,
  options: HEATS_OPTIONS,
  spellings: {
    input: true,
    flags: {
      '--abs_time': '--abs-time',
      '--abs_addr': '--abs-addr',
      '--plot_ascii': '--plot-ascii',
      '--stdout_heatmap_skip_color_example': '--skip-color-example',
      '--stdout_skip_colorset_example': '--skip-color-example',
    },
    values: {
      '--stdout_heatmap_color': '--colorset',
      '--ascii_color': '--colorset',
      '--stdout_colorset': '--colorset',
      // damo 2.4.9's --heatmap stdout|FILE.
      '--heatmap': '--output',
      // damo 3.x's names for what damon-exp's --kdamond and --cid pick.
      '--kdamond_idx': '--kdamond',
      '--context_idx': '--cid',
    },
    pairs: {
      '--address_range': { option: '--address-range', join: ' ' },
      '--time_range': { option: '--abs-time-range', join: ' ' },
      '--resol': { option: '--resol', join: ' ' },
    },
  },
  run: (args, output) => runHeats(args, output, 'raw'),
});

type HeatsArgs = Args<typeof HEATS_OPTIONS>;

/** What is drawn: damo's lines, the terminal plot, or an SVG file. */
type Drawing = { kind: 'raw' } | { kind: 'stdout' } | { kind: 'svg'; file: string };

/**
 * heats and damo's report heatmap: the same options and numbers; without --output, --plot-ascii or
 * --image, heats prints damo's lines and heatmap draws in the terminal.
 */
async function runHeats(
  { values, positionals, spelled = (option) => option }: HeatsArgs,
  output: Output,
  fallback: 'raw' | 'stdout',
): Promise<number> {
  const input = oneInput(positionals, 'heats');
  const range = oneOf(values.range, ['hottest', 'largest'] as const, '--range', 'heats')!;
  const colorset = oneOf(values.colorset, ['gray', 'flame', 'emotion'] as const, spelled('--colorset'), 'heats')!;
  const drawing = drawingOf(values, spelled, fallback);
  const plotAscii = drawing.kind === 'stdout';
  const image = drawing.kind === 'svg' ? drawing.file : undefined;
  const [rows, cols] = resolution(values.resol, plotAscii, spelled('--resol'));
  const want = (name: 'kdamond' | 'cid' | 'tid') => index(values[name], `--${name}`);
  const [k, c, t] = [want('kdamond'), want('cid'), want('tid')];
  const matches = (s: { kdamond: number; context: number; target: number }) =>
    (k === undefined || s.kdamond === k) && (c === undefined || s.context === c) && (t === undefined || s.target === t);
  const addressRange =
    values['address-range'] === undefined
      ? undefined
      : pair(values['address-range'], bytes, spelled('--address-range'), cols, 'columns');
  if (values['time-range'] !== undefined && values['abs-time-range'] !== undefined)
    throw new UsageError(
      `--time-range and ${spelled('--abs-time-range')} exclude each other (damo's --time_range is --abs-time-range)`,
      'heats',
    );
  const timeRangeNs =
    values['time-range'] === undefined
      ? undefined
      : pair(values['time-range'], nanoseconds, '--time-range', rows, 'rows');
  const absTimeRangeNs =
    values['abs-time-range'] === undefined
      ? undefined
      : pair(values['abs-time-range'], nanoseconds, spelled('--abs-time-range'), rows, 'rows');

  const source = openTrace(input);
  for (const warning of source.warnings) output.err(`damon-exp: warning: ${warning}`);
  if (source.format !== 'script') output.err(`damon-exp: ${source.label}: ${formatName(source.format)}`);
  const guide = new GuideBuilder();
  const first = await passKeeping(
    source,
    STORE_BUDGET_BYTES,
    (s) => guide.add(s),
    values.guide ? () => false : matches,
  );
  for (const warning of traceWarnings(source.label, first.counts)) output.err(`damon-exp: warning: ${warning}`);
  // damo's order within a (kdamond, context): the target of most address space first (its guide
  // lists them so, and without --tid its heats are of the first).
  const space = (e: { ranges: { start: number; end: number }[] }) =>
    e.ranges.reduce((sum, r) => sum + (r.end - r.start), 0);
  const entries = guide.result().sort((a, b) => a.kdamond - b.kdamond || a.context - b.context || space(b) - space(a));
  if (values.guide) {
    // --kdamond, --cid and --tid narrow the guide too.
    const shown = entries.filter(matches);
    if (entries.length && !shown.length)
      throw new UserError(
        'no (kdamond, context, target) in the trace matches',
        `it has: ${entries.map((e) => `--kdamond ${e.kdamond} --cid ${e.context} --tid ${e.target}`).join('; ')}`,
      );
    // damo's guide, line for line; a trace of several kdamonds or contexts says which each is.
    const several = new Set(entries.map((e) => `${e.kdamond}/${e.context}`)).size > 1;
    for (const e of shown) {
      if (several) output.out(`# kdamond ${e.kdamond} context ${e.context}`);
      output.out(`target_id:${e.target}`);
      output.out(`time: ${e.firstNs}-${e.lastNs} (${damoTime(e.lastNs - e.firstNs)})`);
      e.ranges.forEach((r, i) =>
        output.out(
          `region\t${String(i).padStart(2)}: ${String(r.start).padStart(20, '0')}-${String(r.end).padStart(20, '0')} (${damoSize(r.end - r.start)})`,
        ),
      );
    }
    return 0;
  }
  const matching = entries.filter(matches);
  const entry = matching[0];
  if (entry && matching.length > 1) {
    // damo picks the first one silently; say which, and how to pick another.
    output.err(
      `damon-exp: heats of kdamond ${entry.kdamond} context ${entry.context} target ${entry.target}, the first of ${matching.length} in the trace (--kdamond, --cid and --tid pick another; --guide lists them)`,
    );
  }
  if (!entry)
    throw entries.length
      ? new UserError(
          'no (kdamond, context, target) in the trace matches',
          `it has: ${entries.map((e) => `--kdamond ${e.kdamond} --cid ${e.context} --tid ${e.target}`).join('; ')}`,
        )
      : new UserError(
          `${source.label} holds no complete snapshot: nothing to draw`,
          'a recording cut short keeps whole snapshots only; record for at least a few aggregation intervals',
        );
  const same = (s: { kdamond: number; context: number; target: number }) =>
    s.kdamond === entry.kdamond && s.context === entry.context && s.target === entry.target;

  const address = addressRange ?? chooseRange(entry, range);
  const time: [number, number] =
    absTimeRangeNs ??
    (timeRangeNs ? [entry.firstNs + timeRangeNs[0], entry.firstNs + timeRangeNs[1]] : [entry.firstNs, entry.lastNs]);
  const map = new HeatmapBuilder({ rows, cols, time, address });
  await first.again((s) => {
    if (same(s)) map.add(s);
  });
  // The ranges drawn: damo's, shortened to a whole number of ns per row and bytes per column.
  const drawn = map.spec;
  if (image !== undefined) {
    const svg = heatmapSvg({
      title: `access heatmap, kdamond ${entry.kdamond} · context ${entry.context} · target ${entry.target}`,
      subtitle: `addresses from ${drawn.address[0]} (0x${drawn.address[0].toString(16)}), ${formatBytes(drawn.address[1] - drawn.address[0])}; ${input}`,
      heat: map.averages(),
      rows,
      cols,
      timeSeconds: [(drawn.time[0] - entry.firstNs) / 1e9, (drawn.time[1] - entry.firstNs) / 1e9],
      addressBytes: drawn.address[1] - drawn.address[0],
    });
    await writeWhole(image, svg);
    output.err(`wrote ${image} (${rows}×${cols})`);
    return 0;
  }
  const grid = map.result();
  if (plotAscii) {
    output.out(
      asciiHeatmap(grid, {
        colors: output.color ? colorset : null,
        time: drawn.time,
        address: drawn.address,
        colorExample: values['skip-color-example'] !== true,
      }),
    );
    return 0;
  }
  // damo's 'time<TAB>addr<TAB>heat' lines, a row of the grid at a time, heats as Python prints floats.
  const timeBase = values['abs-time'] ? 0 : drawn.time[0];
  const addressBase = values['abs-addr'] ? 0 : drawn.address[0];
  const addresses = Array.from({ length: cols }, (_, col) => map.colAddress(col) - addressBase);
  grid.forEach((row, r) => {
    const t = map.rowTime(r) - timeBase;
    output.out(row.map((heat, col) => `${t}\t${addresses[col]}\t${pythonFloat(heat)}`).join('\n'));
  });
  return 0;
}

/** --output (damo's --heatmap), --plot-ascii and --image: one of them, or the command's default. */
function drawingOf(
  values: HeatsArgs['values'],
  spelled: (option: string) => string,
  fallback: 'raw' | 'stdout',
): Drawing {
  const asked: { drawing: Drawing; option: string; by: string }[] = [];
  if (values['plot-ascii']) {
    const option = spelled('--plot-ascii');
    asked.push({ drawing: { kind: 'stdout' }, option, by: option });
  }
  if (values.image !== undefined)
    asked.push({ drawing: { kind: 'svg', file: values.image }, option: '--image', by: '--image' });
  if (values.output !== undefined) {
    const [option, text] = [spelled('--output'), values.output];
    asked.push({
      drawing: text === 'raw' || text === 'stdout' ? { kind: text } : { kind: 'svg', file: text },
      option,
      by: `${option} ${text}`,
    });
  }
  const differing = asked.find((a) => JSON.stringify(a.drawing) !== JSON.stringify(asked[0]!.drawing));
  if (differing)
    throw new UsageError(`${asked[0]!.by} and ${differing.by} ask for different outputs: give one`, 'heats');
  const chosen = asked[0];
  if (chosen?.drawing.kind === 'svg') checkSvgPath(chosen.drawing.file, chosen.option, 'heats');
  return chosen?.drawing ?? { kind: fallback };
}

export const heatmapCommand = defineCommand({
  ...heatsCommand,
  name: 'heatmap',
  usage:
    "damon-exp heatmap DIR|FILE [--output stdout|raw|FILE.svg] [--resol ROWSxCOLS] [--address-range A,B] [heats' other options]",
  help: `damo's report heatmap (2.4.9's and 3.x's): heats with its options and numbers, drawn in the
terminal (40x80) unless --output raw (damo's 'time addr heat' lines, 500x500, heats' default) or
--output FILE.svg. Everything else is as 'damon-exp heats --help' describes.

Examples:
  damon-exp heatmap results/one_target/run
  damon-exp heatmap damon.data --output raw --resol 500 500 > heats.txt
  damon-exp heatmap results/many_contexts/run --kdamond_idx 1 --output heatmap.svg`,
  options: {
    ...HEATS_OPTIONS,
    resol: {
      ...HEATS_OPTIONS.resol,
      description: 'time rows and address columns (default 40x80 in the terminal, else 500x500)',
    },
    output: {
      ...HEATS_OPTIONS.output,
      description: "damo's choice of output: the terminal plot (the default), the lines, or an SVG",
    },
  },
  async run(args, output) {
    try {
      return await runHeats(args, output, 'stdout');
    } catch (error) {
      // heats' checks, said of the command typed.
      if (error instanceof UsageError && error.command === 'heats') throw new UsageError(error.message, 'heatmap');
      throw error;
    }
  },
});

/** At most this many rows or columns, and pixels in all: damo's defaults are 500x500 (40x80 for the terminal). */
export const MAX_RESOLUTION_AXIS = 4096;
export const MAX_RESOLUTION_PIXELS = 2048 * 2048;

function resolution(text: unknown, ascii: boolean, option: string): [number, number] {
  if (text === undefined) return ascii ? [40, 80] : [500, 500];
  const match = /^([1-9][0-9]{0,8})[x, ]([1-9][0-9]{0,8})$/.exec(String(text));
  if (!match)
    throw new UsageError(
      `${option} takes ROWSxCOLS (or damo's two numbers: --resol 40 80), such as 40x80, not '${shorten(String(text), 40)}'`,
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

/** A sysfs-style index option (--kdamond, --cid, --tid): a whole number, or absent. */
function index(value: unknown, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(String(value)))
    throw new UsageError(`${option} takes a whole number, not '${shorten(String(value), 40)}'`, 'heats');
  return Number(value);
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
        `${option}: '${shorten(part, 40)}' is ${(error as Error).message} (a whole number below 2^53, or one with a unit: ${what === 'columns' ? '4K, 10G' : '500ms, 2.5s'})`,
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
