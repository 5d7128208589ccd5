import { summarize, WssBuilder } from '../analysis/wss.js';
import { damoSize } from '../report/damo-text.js';
import { traceWarnings } from '../trace/problems.js';
import { formatName, openTrace, pass } from '../trace/source.js';
import { defineCommand, type Command } from './command.js';
import { UsageError } from './output.js';

export const wssCommand = defineCommand({
  name: 'wss',
  summary: 'working set size of a recorded run: percentiles, average, and a bar chart',
  usage: 'damon-exp wss DIR|FILE [--skip N] [--raw-number] [--json]',
  help: `Working set size per (kdamond, context, target), damo's way and in damo's format (damo
2.4.9's report wss, line for line): per snapshot, the bytes of the regions with nr_accesses >= 1;
the percentiles 0, 25, 50, 75, 100 (the value at int(p/100 × n) of the sorted sizes) and the
average after skipping the first N snapshots (default 20, the warm-up). --raw-number prints
bytes. Where damo mixes kdamonds that share a target id, each (kdamond, context) is kept apart,
under a '# kdamond K context C' line. DIR is a run directory; FILE a perf script output or a
perf.data file. damo's spellings work too: --input FILE (-i FILE), --raw_number,
--exclude_samples N.

Examples:
  damon-exp wss results/one_target/run
  damon-exp wss masim.data --json`,
  options: { skip: { type: 'string', default: '20' }, 'raw-number': { type: 'boolean' }, json: { type: 'boolean' } },
  spellings: {
    input: true,
    flags: { '--raw_number': '--raw-number' },
    values: { '--exclude_samples': '--skip' },
  },
  async run({ values, positionals }, output) {
    if (positionals.length !== 1) throw new UsageError('name one run directory or trace file', 'wss');
    const skip = Number(values.skip);
    if (!Number.isSafeInteger(skip) || skip < 0)
      throw new UsageError(`--skip needs a whole number, not '${values.skip}'`, 'wss');
    const builder = new WssBuilder();
    const source = openTrace(positionals[0]!);
    for (const warning of source.warnings) output.err(`damon-exp: warning: ${warning}`);
    if (source.format !== 'script') output.err(`damon-exp: ${source.label}: ${formatName(source.format)}`);
    const counts = await pass(source, (s) => builder.add(s));
    for (const warning of traceWarnings(source.label, counts)) output.err(`damon-exp: warning: ${warning}`);
    const summaries = builder.result().map((series) => summarize(series, skip));
    if (values.json) {
      output.out(JSON.stringify(summaries, null, 2));
      return 0;
    }
    // damo's report wss, line for line; a trace of several kdamonds or contexts says which each is.
    const several = new Set(summaries.map((w) => `${w.kdamond}/${w.context}`)).size > 1;
    const raw = values['raw-number'] === true;
    for (const w of summaries) {
      if (several) output.out(`# kdamond ${w.kdamond} context ${w.context}`);
      output.out(`# target_id\t${w.target}`);
      output.out('# <percentile> <wss>');
      if (w.snapshots <= skip) {
        output.out('# no snapshot');
        continue;
      }
      output.out(`# avr:\t${damoSize(w.averageBytes, raw)}`);
      const BAR = 59;
      const max = Math.max(...Object.values(w.percentiles));
      const perColumn = max > 0 ? max / BAR : 1;
      for (const [p, bytes] of Object.entries(w.percentiles)) {
        const columns = Math.trunc(bytes / perColumn);
        output.out(
          `${p.padStart(3)} ${damoSize(bytes, raw).padStart(15)} |${'*'.repeat(columns)}${' '.repeat(BAR - columns)}|`,
        );
      }
    }
    return 0;
  },
});
