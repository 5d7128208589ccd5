import { damoPercentile, summarize, WssBuilder } from '../analysis/wss.js';
import { damoSize } from '../report/damo-text.js';
import { traceWarnings } from '../trace/problems.js';
import { formatName, openTrace, pass } from '../trace/source.js';
import { defineCommand } from './command.js';
import { UsageError } from './output.js';
import { oneInput } from './trace-input.js';

export const wssCommand = defineCommand({
  name: 'wss',
  usage: 'damon-exp wss DIR|FILE [--skip N] [--per-target] [--raw-number] [--json]',
  help: `Working set size, damo's way and in damo's format (damo 2.4.9's report wss, line for
line): per snapshot, the bytes of the regions with nr_accesses >= 1; after skipping the first N
snapshots (default 20, the warm-up), the average and the percentiles 0, 25, 50, 75, 100 (the
value at int(p/100 × n) of the sorted sizes). As damo does by default, the targets' sorted sizes
are summed rank by rank into one distribution (target_id 0); --per-target gives each its own.
Where damo would mix kdamonds and contexts (it keys targets by id alone, and sums ranks of series
of different lengths), damon-exp keeps each (kdamond, context) apart: one distribution per
context, after a '# kdamond K context C' line, when the trace has several. --json gives each
(kdamond, context, target)'s summary. --raw-number prints bytes. DIR is a run directory; FILE a
perf script output, a perf.data file or damo's record (any of its formats); without either,
./damon.data, as damo reads. damo's spellings work too: --input FILE (-i FILE), --raw_number, --per_target, --exclude_samples N.

Examples:
  damon-exp wss results/one_target/run
  damon-exp wss masim.data --json`,
  options: {
    skip: {
      type: 'string',
      default: '20',
      value: 'N',
      description: 'the snapshots left out at the start (the warm-up)',
    },
    'raw-number': { type: 'boolean', description: 'print sizes in bytes' },
    'per-target': { type: 'boolean', description: 'a distribution per target instead of their sum' },
    json: { type: 'boolean', description: "print each (kdamond, context, target)'s summary as JSON" },
  },
  spellings: {
    input: true,
    flags: { '--raw_number': '--raw-number', '--per_target': '--per-target' },
    values: { '--exclude_samples': '--skip' },
  },
  async run({ values, positionals, spelled = (option) => option }, output) {
    const input = oneInput(positionals, 'wss');
    const skip = Number(values.skip);
    if (!/^[0-9]+$/.test(values.skip) || !Number.isSafeInteger(skip))
      throw new UsageError(`${spelled('--skip')} needs a whole number, not '${values.skip}'`, 'wss');
    const builder = new WssBuilder();
    const source = openTrace(input);
    for (const warning of source.warnings) output.err(`damon-exp: warning: ${warning}`);
    if (source.format !== 'script') output.err(`damon-exp: ${source.label}: ${formatName(source.format)}`);
    const counts = await pass(source, (s) => builder.add(s));
    for (const warning of traceWarnings(source.label, counts)) output.err(`damon-exp: warning: ${warning}`);
    const allSeries = builder.result();
    if (values.json) {
      output.out(
        JSON.stringify(
          allSeries.map((series) => summarize(series, skip)),
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
    const raw = values['raw-number'] === true;
    const kept = allSeries.map((series) => ({
      ...series,
      sizes: series.points
        .slice(skip)
        .map(([, bytes]) => bytes)
        .sort((x, y) => x - y),
    }));
    const contexts = [...new Set(kept.map((k) => `${k.kdamond}/${k.context}`))];
    const distributions = values['per-target']
      ? kept.map((k) => ({ kdamond: k.kdamond, context: k.context, target: k.target, sizes: k.sizes }))
      : contexts.map((key) => {
          const members = kept.filter((k) => `${k.kdamond}/${k.context}` === key);
          return { kdamond: members[0]!.kdamond, context: members[0]!.context, target: 0, sizes: collapse(members) };
        });
    const several = contexts.length > 1;
    for (const d of distributions) {
      if (several) output.out(`# kdamond ${d.kdamond} context ${d.context}`);
      output.out(`# target_id\t${d.target}`);
      output.out('# <percentile> <wss>');
      if (d.sizes.length === 0) {
        output.out('# no snapshot');
        continue;
      }
      output.out(`# avr:\t${damoSize(d.sizes.reduce((sum, v) => sum + v, 0) / d.sizes.length, raw)}`);
      const percentiles = [0, 25, 50, 75, 100].map((p) => [p, damoPercentile(d.sizes, p)] as const);
      const BAR = 59;
      const max = Math.max(...percentiles.map(([, v]) => v));
      const perColumn = max > 0 ? max / BAR : 1;
      for (const [p, bytes] of percentiles) {
        const columns = Math.min(BAR, Math.max(0, Math.trunc(bytes / perColumn)));
        output.out(
          `${String(p).padStart(3)} ${damoSize(bytes, raw).padStart(15)} |${'*'.repeat(columns)}${' '.repeat(BAR - columns)}|`,
        );
      }
    }
    return 0;
  },
});

/** damo's collapse of one context's targets' sorted sizes: the i-th of each summed. */
function collapse(members: { sizes: number[] }[]): number[] {
  const sums: number[] = [];
  for (const { sizes } of members) sizes.forEach((v, i) => (sums[i] = (sums[i] ?? 0) + v));
  return sums;
}
