import { wssDistributions, wssOf } from '../analysis/wss.js';
import { wssText } from '../report/damo-layouts.js';
import { lineChart } from '../report/svg/line-chart.js';
import { traceWarnings } from '../trace/problems.js';
import { formatName, openTrace } from '../trace/source.js';
import { writeWhole } from '../util/write-whole.js';
import { defineCommand } from './command.js';
import { oneInput } from './trace-input.js';
import { WSS_OPTIONS, wssRequest } from './wss-options.js';

export const wssCommand = defineCommand({
  name: 'wss',
  usage:
    'damon-exp wss DIR|FILE [--skip N] [--range START,STOP,STEP] [--acc-thres N] [--sz-thres SIZE] [--work-time D] [--sortby size|time] [--per-target] [--raw-number] [--all-wss] [--collapse-targets] [--nr-cols-bar N] [--plot FILE.svg] [--json]',
  help: `Working set size, damo's way and in damo's format (damo 2.4.9's report wss, line for
line, with all of its options): per snapshot, the bytes of the regions with nr_accesses >= 1
(--acc-thres) and at least 1 byte (--sz-thres); after skipping the first N snapshots (default 20,
the warm-up), the average and the percentiles START, START+STEP, ... below STOP (--range; default
0,101,25: 0, 25, 50, 75, 100), each the value at int(p/100 × n) of the sizes sorted by size, or in
time order with --sortby time. --work-time D merges consecutive snapshots until they span D
(plain µs, as damo takes it, or with a unit), as if DAMON had aggregated over D: a region of the
first snapshot gains, from each later snapshot, the most accesses of the regions overlapping it. --all-wss prints every size instead of
percentiles; --plot FILE.svg draws them as a line instead of printing them.

As damo does by default, the targets' sorted sizes are summed rank by rank into one distribution
(target_id 0); --per-target gives each its own. Where damo would mix kdamonds and contexts (it
keys targets by id alone, and sums ranks of series of different lengths), damon-exp keeps each
(kdamond, context) apart: one distribution per context, after a '# kdamond K context C' line, when
the trace has several. --json gives each (kdamond, context, target)'s summary. --raw-number prints
bytes.

DIR is a run directory; FILE a perf script output, a perf.data file or damo's record (any of its
formats); without either, ./damon.data, as damo reads. damo's spellings work too: --input FILE
(-i FILE), --range A B C (-r), --exclude_samples N, --acc_thres N (-t), --sz_thres N,
--work_time US, --sortby (-s), --raw_number, --all_wss, --nr_cols_bar N, --per_target,
--collapse_targets, --plot FILE (-p).

Examples:
  damon-exp wss results/one_target/run
  damon-exp wss results/one_target/run --range 0,101,10 --raw-number
  damon-exp wss damon.data --work_time 1000000 --sortby time --all_wss
  damon-exp wss masim.data --json`,
  options: WSS_OPTIONS,
  spellings: {
    input: true,
    flags: {
      '--raw_number': '--raw-number',
      '--per_target': '--per-target',
      '--collapse_targets': '--collapse-targets',
      '--all_wss': '--all-wss',
    },
    values: {
      '--exclude_samples': '--skip',
      '--acc_thres': '--acc-thres',
      '-t': '--acc-thres',
      '--sz_thres': '--sz-thres',
      '--work_time': '--work-time',
      '-s': '--sortby',
      '--nr_cols_bar': '--nr-cols-bar',
      '-p': '--plot',
    },
    pairs: {
      '--range': { option: '--range', join: ' ', words: 3 },
      '-r': { option: '--range', join: ' ', words: 3 },
    },
  },
  async run({ values, positionals, spelled = (option) => option }, output) {
    const input = oneInput(positionals, 'wss');
    const request = wssRequest(values, spelled);
    const { percentiles, plot } = request;
    const source = openTrace(input);
    for (const warning of source.warnings) output.err(`damon-exp: warning: ${warning}`);
    if (source.format !== 'script') output.err(`damon-exp: ${source.label}: ${formatName(source.format)}`);
    const { counts, targets } = await wssOf(source, request);
    for (const warning of traceWarnings(source.label, counts)) output.err(`damon-exp: warning: ${warning}`);
    if (values.json) {
      const summaries = targets.map(({ kdamond, context, target, summary }) => ({
        kdamond,
        context,
        target,
        ...summary,
      }));
      output.out(JSON.stringify(summaries, null, 2));
      return 0;
    }
    // A '# kdamond K context C' line before each distribution when the trace has several.
    const distributions = wssDistributions(targets, values['per-target'] === true, percentiles);
    const several = new Set(targets.map((t) => `${t.kdamond}/${t.context}`)).size > 1;
    if (plot !== undefined) {
      const svg = lineChart(
        distributions.map((d) => ({
          name: several ? `kdamond ${d.kdamond} context ${d.context} target ${d.target}` : `target ${d.target}`,
          points: values['all-wss']
            ? d.sizes.map((v, i) => [i, v] as [number, number])
            : percentiles.map((p) => [p, d.summary.percentiles[p] ?? 0] as [number, number]),
        })),
        {
          title: `working set size of ${source.label}`,
          xLabel: values['all-wss'] ? 'snapshot' : request.sortBy === 'size' ? 'percentile' : 'runtime (percent)',
          yLabel: 'working set size',
          yKind: 'bytes',
          yMin: 0,
        },
      );
      await writeWhole(plot, svg);
      output.err(`wrote ${plot}`);
      return 0;
    }
    const layout = { raw: values['raw-number'] === true, bar: request.bar, all: values['all-wss'] === true };
    for (const d of distributions) {
      if (several) output.out(`# kdamond ${d.kdamond} context ${d.context}`);
      output.out(`# target_id\t${d.target}`);
      output.out(wssText(d, layout));
    }
    return 0;
  },
});
