import { summarize, WssBuilder } from '../analysis/wss.js';
import { formatBytes } from '../manifest/units.js';
import { traceWarnings } from '../trace/problems.js';
import { openTrace, pass } from '../trace/source.js';
import { defineCommand, type Command } from './command.js';
import { UsageError } from './output.js';

export const wssCommand = defineCommand({
  name: 'wss',
  summary: 'working set size of a recorded run: percentiles, average, and a bar chart',
  usage: 'damon-exp wss DIR|FILE [--skip N] [--json]',
  help: `Working set size per (kdamond, context, target), damo's way: per snapshot, the bytes of the
regions with nr_accesses >= 1; the percentiles 0, 25, 50, 75, 100 and the average after
skipping the first N snapshots (default 20, the warm-up). DIR is a run directory; FILE a perf
script output or a perf.data file.

Examples:
  damon-exp wss results/one_target/run
  damon-exp wss masim.data --json`,
  options: { skip: { type: 'string', default: '20' }, json: { type: 'boolean' } },
  async run({ values, positionals }, output) {
    if (positionals.length !== 1) throw new UsageError('name one run directory or trace file', 'wss');
    const skip = Number(values.skip);
    if (!Number.isSafeInteger(skip) || skip < 0)
      throw new UsageError(`--skip needs a whole number, not '${values.skip}'`, 'wss');
    const builder = new WssBuilder();
    const source = openTrace(positionals[0]!);
    for (const warning of source.warnings) output.err(`damon-exp: warning: ${warning}`);
    const counts = await pass(source, (s) => builder.add(s));
    for (const warning of traceWarnings(source.label, counts)) output.err(`damon-exp: warning: ${warning}`);
    const summaries = builder.result().map((series) => summarize(series, skip));
    if (values.json) {
      output.out(JSON.stringify(summaries, null, 2));
      return 0;
    }
    for (const s of summaries) {
      output.out(
        `kdamond ${s.kdamond} context ${s.context} target ${s.target}: ${s.snapshots} snapshots, ${s.skipped} skipped`,
      );
      const max = Math.max(1, ...Object.values(s.percentiles));
      for (const [p, bytes] of Object.entries(s.percentiles)) {
        output.out(
          `  ${p.padStart(3)} %  ${formatBytes(bytes).padStart(10)}  ${'█'.repeat(Math.round((bytes / max) * 40))}`,
        );
      }
      output.out(`  avg    ${formatBytes(s.averageBytes).padStart(10)}`);
    }
    return 0;
  },
});
