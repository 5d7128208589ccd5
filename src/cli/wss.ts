import {
  damoPercentile,
  WssBuilder,
  workingSetSizes,
  type KeptSeries,
  type WorkingSetCriteria,
} from '../analysis/wss.js';
import { shorten } from '../util/errors.js';
import { damoSize } from '../report/damo-text.js';
import { lineChart } from '../report/svg/line-chart.js';
import { traceWarnings } from '../trace/problems.js';
import { formatName, openTrace, pass } from '../trace/source.js';
import { writeWhole } from '../util/write-whole.js';
import { defineCommand, oneOf } from './command.js';
import { bytes, microseconds } from './damo-units.js';
import { UsageError } from './output.js';
import { checkSvgPath } from './svg-path.js';
import { oneInput } from './trace-input.js';

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
  options: {
    skip: {
      type: 'string',
      default: '20',
      value: 'N',
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
      description: 'the width of the bars beside the percentiles (0: none)',
    },
    plot: {
      type: 'string',
      value: 'FILE.svg',
      description: 'draw the distribution into an SVG instead of printing it',
    },
    json: { type: 'boolean', description: "print each (kdamond, context, target)'s summary as JSON" },
  },
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
    const whole = (option: 'skip' | 'acc-thres' | 'nr-cols-bar') => {
      const text = values[option];
      if (!/^[0-9]{1,15}$/.test(text))
        throw new UsageError(`${spelled(`--${option}`)} needs a whole number, not '${shorten(text, 40)}'`, 'wss');
      return Number(text);
    };
    const skip = whole('skip');
    const criteria: WorkingSetCriteria = {
      minAccesses: whole('acc-thres'),
      minBytes: size(values['sz-thres'], spelled),
    };
    const percentiles = percentileRange(values.range, spelled('--range'));
    const workTimeNs = values['work-time'] === undefined ? null : workTime(values['work-time'], spelled) * 1000;
    const sortBy = oneOf(values.sortby, ['size', 'time'] as const, spelled('--sortby'), 'wss')!;
    if (values['per-target'] && values['collapse-targets'])
      throw new UsageError(
        `${spelled('--per-target')} and ${spelled('--collapse-targets')} ask for opposite things: give one`,
        'wss',
      );
    const bar = whole('nr-cols-bar');
    if (bar > 10_000)
      throw new UsageError(
        `${spelled('--nr-cols-bar')} ${bar} is wider than any terminal: at most 10000 columns`,
        'wss',
      );
    const plot = values.plot;
    if (plot !== undefined && values.json)
      throw new UsageError(`${spelled('--plot')} draws, --json prints: give one`, 'wss');
    if (plot !== undefined) checkSvgPath(plot, spelled('--plot'), 'wss');

    const builder = new WssBuilder(criteria, workTimeNs !== null);
    const source = openTrace(input);
    for (const warning of source.warnings) output.err(`damon-exp: warning: ${warning}`);
    if (source.format !== 'script') output.err(`damon-exp: ${source.label}: ${formatName(source.format)}`);
    const counts = await pass(source, (s) => builder.add(s));
    for (const warning of traceWarnings(source.label, counts)) output.err(`damon-exp: warning: ${warning}`);
    const allSeries = builder.result();
    const sizesOf = (series: KeptSeries) => {
      const sizes = workingSetSizes(series, skip, criteria, workTimeNs);
      return sortBy === 'size' ? sizes.sort((x, y) => x - y) : sizes;
    };

    if (values.json) {
      output.out(
        JSON.stringify(
          allSeries.map((series) => summary(series, sizesOf(series), skip, percentiles)),
          null,
          2,
        ),
      );
      return 0;
    }
    // damo's report wss, line for line: by default every target's sizes, each sorted, summed
    // rank by rank into one distribution (damo's collapse_targets, its default); --per-target
    // gives each target its own. Each (kdamond, context) apart, after a '# kdamond K context C'
    // line when the trace has several: their snapshots are not the same instants.
    const kept = allSeries.map((series) => ({ ...series, sizes: sizesOf(series) }));
    const contexts = [...new Set(kept.map((k) => `${k.kdamond}/${k.context}`))];
    const distributions = values['per-target']
      ? kept.map((k) => ({ kdamond: k.kdamond, context: k.context, target: k.target, sizes: k.sizes }))
      : contexts.map((key) => {
          const members = kept.filter((k) => `${k.kdamond}/${k.context}` === key);
          return { kdamond: members[0]!.kdamond, context: members[0]!.context, target: 0, sizes: collapse(members) };
        });
    const several = contexts.length > 1;
    if (plot !== undefined) {
      const svg = lineChart(
        distributions.map((d) => ({
          name: several ? `kdamond ${d.kdamond} context ${d.context} target ${d.target}` : `target ${d.target}`,
          points: values['all-wss']
            ? d.sizes.map((v, i) => [i, v] as [number, number])
            : percentiles.map((p) => [p, damoPercentile(d.sizes, p)] as [number, number]),
        })),
        {
          title: `working set size of ${source.label}`,
          xLabel: values['all-wss'] ? 'snapshot' : sortBy === 'size' ? 'percentile' : 'runtime (percent)',
          yLabel: 'working set size',
          yKind: 'bytes',
          yMin: 0,
        },
      );
      await writeWhole(plot, svg);
      output.err(`wrote ${plot}`);
      return 0;
    }
    for (const d of distributions) {
      if (several) output.out(`# kdamond ${d.kdamond} context ${d.context}`);
      output.out(`# target_id\t${d.target}`);
      output.out(
        distributionText(d.sizes, percentiles, values['raw-number'] === true, bar, values['all-wss'] === true),
      );
    }
    return 0;
  },
});

/** damo's lines for one distribution: its average, then each percentile (and a bar) or each size. */
function distributionText(sizes: number[], percentiles: number[], raw: boolean, bar: number, all: boolean): string {
  const lines = ['# <percentile> <wss>'];
  if (sizes.length === 0) return [...lines, '# no snapshot'].join('\n');
  lines.push(`# avr:\t${damoSize(sizes.reduce((sum, v) => sum + v, 0) / sizes.length, raw)}`);
  if (all) return [...lines, ...sizes.map((v, i) => `${i} ${damoSize(v, raw)}`)].join('\n');
  const rows = percentiles.map((p) => [p, damoPercentile(sizes, p)] as const);
  const max = Math.max(0, ...rows.map(([, v]) => v));
  const perColumn = max > 0 ? max / bar : 1;
  for (const [p, value] of rows) {
    let line = `${String(p).padStart(3)} ${damoSize(value, raw).padStart(15)}`;
    if (bar > 0) {
      const columns = Math.min(bar, Math.max(0, Math.trunc(value / perColumn)));
      line += ` |${'*'.repeat(columns)}${' '.repeat(bar - columns)}|`;
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** damo's collapse of one context's targets' sizes: the i-th of each summed. */
function collapse(members: { sizes: number[] }[]): number[] {
  const sums: number[] = [];
  for (const { sizes } of members) sizes.forEach((v, i) => (sums[i] = (sums[i] ?? 0) + v));
  return sums;
}

function summary(series: KeptSeries, sizes: number[], skip: number, percentiles: number[]) {
  const { kdamond, context, target } = series;
  return {
    kdamond,
    context,
    target,
    snapshots: series.points.length,
    skipped: Math.min(skip, series.points.length),
    sizes: sizes.length,
    percentiles: sizes.length ? Object.fromEntries(percentiles.map((p) => [String(p), damoPercentile(sizes, p)])) : {},
    averageBytes: sizes.length ? sizes.reduce((sum, v) => sum + v, 0) / sizes.length : null,
  };
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
