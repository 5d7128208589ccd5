import { guideOf, heatsOf, selects } from '../analysis/heats.js';
import { asciiHeatmap } from '../report/ascii-heatmap.js';
import { guideText, heatsLines } from '../report/damo-layouts.js';
import { heatmapPng, heatmapSvg } from '../report/svg/heatmap.js';
import { traceWarnings } from '../trace/problems.js';
import { formatName, openTrace } from '../trace/source.js';
import { writeWhole } from '../util/write-whole.js';
import { defineCommand, type Args } from './command.js';
import { HEATS_OPTIONS, heatsRequest } from './heats-options.js';
import { UsageError, UserError, type Output } from './output.js';
import { oneInput } from './trace-input.js';
import { layoutSelection } from './layout-cid.js';
import { runHeatmap } from './heatmap-damo3.js';
import { formatBytes } from '../util/format.js';

export const heatsCommand = defineCommand({
  name: 'heats',
  usage:
    'damon-exp heats DIR|FILE [--guide] [--kdamond N] [--cid N] [--tid N] [--resol ROWSxCOLS] [--time-range A,B | --abs-time-range A,B] [--address-range A,B] [--range hottest|largest] [--abs-time] [--abs-addr] [--plot-ascii [--colorset gray|flame|emotion] [--skip-color-example]] [--image FILE.svg|FILE.png]',
  help: `Heatmaps of how often DAMON saw each address accessed over time, with damo's semantics
(a pixel's heat is the time- and space-weighted average nr_accesses; the first snapshot is
skipped). Without --plot-ascii it prints 'time addr heat' lines as damo's report heats does
(time in ns and address in bytes relative to the range's start unless --abs-time/--abs-addr),
so gnuplot scripts keep working. --image FILE.svg writes an SVG with time (s) and address-offset axes
and a colour scale instead; --image FILE.png (or damo's --heatmap FILE.png, --output FILE.png) a
PNG of the heatmap's pixels alone, the image the SVG embeds: a pixel per row (time, left to right)
and column (address, bottom to top), viridis from 0 to the hottest pixel; other image formats are refused. --resol is 500x500 by default, at most 4096 a side and 2048x2048 in
all; drawn in the terminal (--plot-ascii, --heatmap stdout, --output stdout) 40x80, as damo's
report heatmap draws (damo 2.4.9's report heats --plot_ascii and --heatmap stdout keep 500x500:
--resol 500 500 gives their bytes). The plot is in colour when
stderr is a terminal (as a terminal user sees it; damo always colours): NO_COLOR=1 never,
FORCE_COLOR=1 always, for damo's exact bytes in a file. --guide prints, per (kdamond, context, target), the time span
and the address ranges that hold data (only those --kdamond, --cid and --tid pick, when given).
On a run directory --cid N (--context_idx N) is the N-th context of the run's layout, whichever
kdamond served it on that kernel (one kdamond with three contexts on the multi-context fork, a
kdamond per context upstream: plan.json says), and stderr says which kdamond and context of the
trace that is; with --kdamond, or on a bare trace, --cid is the trace's context index within the
kdamond (the fork's context_id). On a fork trace --guide heads each block 'context_id:C
target_id:T', as the seed's damo fork prints it; other traces keep damo's 'target_id:T'. The address range defaults to the hottest of them
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
--stdout_heatmap_skip_color_example, and damo 3.x's --kdamond_idx and --context_idx. Addresses take hex (0x7f1c00000000, as the report and the SVG print them), decimal (as the guide prints them) or units (10G),
exactly up to 2^53; times ns or units.

Examples:
  damon-exp heats results/one_target/run --guide
  damon-exp heats results/many_contexts/run --kdamond 2 --plot-ascii
  damon-exp heats masim.data --resol 500x500 > heats.txt
  damon-exp heats results/many_contexts/run --kdamond 1 --image heatmap.svg
  damon-exp heats damon.data --address_range 0x7f1c00000000 0x7f1c40000000 --heatmap heat.png`,
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

/**
 * heats and damo's report heatmap: the same options and numbers; without --output, --plot-ascii or
 * --image, heats prints damo's lines and heatmap draws in the terminal.
 */
async function runHeats(
  { values, positionals, spelled = (option) => option }: Args<typeof HEATS_OPTIONS>,
  output: Output,
  fallback: 'raw' | 'stdout',
): Promise<number> {
  const input = oneInput(positionals, 'heats');
  const request = heatsRequest(values, spelled, fallback);
  const { spec, drawing, colorset } = request;
  // On a run directory --cid counts the layout's contexts; say which of the trace's that is.
  const { selection, note, warnings } = layoutSelection(input, request.selection, spelled('--cid'));
  for (const warning of warnings) output.err(`damon-exp: warning: ${warning}`);
  if (note) output.err(note);
  const [rows, cols] = [spec.rows, spec.cols];
  const source = openTrace(input);
  for (const warning of source.warnings) output.err(`damon-exp: warning: ${warning}`);
  if (source.format !== 'script') output.err(`damon-exp: ${source.label}: ${formatName(source.format)}`);
  const { counts, entries, matching, map } = values.guide
    ? { ...(await guideOf(source)), matching: [], map: null }
    : await heatsOf(source, selection, spec);
  for (const warning of traceWarnings(source.label, counts)) output.err(`damon-exp: warning: ${warning}`);
  const noMatch = () =>
    new UserError(
      'no (kdamond, context, target) in the trace matches',
      `it has: ${entries.map((e) => `--kdamond ${e.kdamond} --cid ${e.context} --tid ${e.target}`).join('; ')}`,
    );
  if (values.guide) {
    // --kdamond, --cid and --tid narrow the guide too.
    const shown = entries.filter((e) => selects(selection, e));
    if (entries.length && !shown.length) throw noMatch();
    const several = new Set(entries.map((e) => `${e.kdamond}/${e.context}`)).size > 1;
    // A trace of the multi-context fork gets the seed's damo fork's lines (context_id:C target_id:T).
    for (const line of guideText(shown, several, counts.contextIdLines > 0)) output.out(line);
    return 0;
  }
  const entry = matching[0];
  if (!entry || !map)
    throw entries.length
      ? noMatch()
      : new UserError(
          `${source.label} holds no complete snapshot: nothing to draw`,
          'a recording cut short keeps whole snapshots only; record for at least a few aggregation intervals',
        );
  if (matching.length > 1) {
    // damo picks the first one silently; say which, and how to pick another.
    output.err(
      `damon-exp: heats of kdamond ${entry.kdamond} context ${entry.context} target ${entry.target}, the first of ${matching.length} in the trace (--kdamond, --cid and --tid pick another; --guide lists them)`,
    );
  }
  // The ranges drawn: damo's, shortened to a whole number of ns per row and bytes per column.
  const drawn = map.spec;
  if (drawing.kind === 'image' && drawing.format === 'png') {
    // The pixels the SVG embeds, alone: time left to right, addresses bottom to top.
    await writeWhole(drawing.file, heatmapPng({ heat: map.averages(), rows, cols }).png);
    output.err(`wrote ${drawing.file} (${rows}×${cols}: ${rows} pixels wide, ${cols} high)`);
    return 0;
  }
  if (drawing.kind === 'image') {
    const svg = heatmapSvg({
      title: `access heatmap, kdamond ${entry.kdamond} · context ${entry.context} · target ${entry.target}`,
      subtitle: `addresses from ${drawn.address[0]} (0x${drawn.address[0].toString(16)}), ${formatBytes(drawn.address[1] - drawn.address[0])}; ${input}`,
      heat: map.averages(),
      rows,
      cols,
      timeSeconds: [(drawn.time[0] - entry.firstNs) / 1e9, (drawn.time[1] - entry.firstNs) / 1e9],
      addressBytes: drawn.address[1] - drawn.address[0],
    });
    await writeWhole(drawing.file, svg);
    output.err(`wrote ${drawing.file} (${rows}×${cols})`);
    return 0;
  }
  if (drawing.kind === 'stdout') {
    output.out(
      asciiHeatmap(map.result(), {
        colors: output.color ? colorset : null,
        time: drawn.time,
        address: drawn.address,
        colorExample: values['skip-color-example'] !== true,
      }),
    );
    return 0;
  }
  for (const line of heatsLines(map, { time: values['abs-time'] === true, address: values['abs-addr'] === true }))
    output.out(line);
  return 0;
}

export const heatmapCommand = defineCommand({
  ...heatsCommand,
  name: 'heatmap',
  usage:
    "damon-exp heatmap DIR|FILE [--output stdout|raw|FILE.svg|FILE.png] [--resol ROWSxCOLS] [--address-range A,B] [heats' other options]",
  help: `damo 3.3.0's report heatmap: heats' options, drawn in the terminal (40x80) unless --output raw
(damo's 'time addr heat' lines, 500x500) or --output FILE.svg or FILE.png, with damo 3.3.0's
numbers, where 'damon-exp heats' keeps damo 2.4.9's: time starts at the first snapshot's
estimated start (a fraction of a ns, so --output raw prints times as floats) and that snapshot is
drawn; the ranges are not shortened to whole units; a pixel no region touched is NaN; --guide
prints 3.3.0's guide (target_id: N, time: [start, end) (length), region N: [start, end) (size)).
--time-range is from the guide's start (damo's --time_range A B guided), --abs-time-range (damo's
--time_range A B) the trace's own ns. Everything else is as 'damon-exp heats --help' describes.

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
      description: "damo's choice of output: the terminal plot (the default), the lines, or an image",
    },
  },
  async run(args, output) {
    try {
      return await runHeatmap(args, output);
    } catch (error) {
      // heats' checks, said of the command typed.
      if (error instanceof UsageError && error.command === 'heats') throw new UsageError(error.message, 'heatmap');
      throw error;
    }
  },
});
