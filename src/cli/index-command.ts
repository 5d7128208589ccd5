import { existsSync, statSync } from 'node:fs';
import { writeSweepIndex } from '../sweep/index-page.js';
import { defineCommand, type Command } from './command.js';
import { UsageError, UserError } from './output.js';

export const indexCommand = defineCommand({
  name: 'index',
  summary: "make a sweep's index.html, summary.csv and summary.json again from its run directories",
  usage: 'damon-exp index DIR [--json]',
  help: `Reads every run directory under DIR (results/<manifest name>/): its parameters, state and
metrics from analysis.json, and writes DIR/index.html (the parameter points with their
repetitions aggregated as mean ± 95 % confidence interval, every run with its state, errors and a
link to its report), DIR/summary.csv (one row per run) and DIR/summary.json. A sweep writes them
when it ends; this makes them again, for instance after 'damon-exp report'. The same run
directories give the same bytes. A run whose run.json, status.json or analysis.json cannot be
read is shown as 'corrupt', the file named in its errors and in a warning, and left out of the
statistics. With --json, prints summary.json's runs.

Examples:
  damon-exp index results/sweep_layouts`,
  options: { json: { type: 'boolean' } },
  async run({ values, positionals }, output) {
    if (positionals.length !== 1) throw new UsageError('name one sweep directory (results/<manifest name>)', 'index');
    const dir = positionals[0]!;
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new UserError(`not a directory: ${dir}`, 'give results/<manifest name>, where damon-exp run put the runs');
    const { index, rows, problems } = await writeSweepIndex(dir);
    for (const problem of problems) output.err(`damon-exp: warning: ${problem}`);
    if (rows.length === 0)
      throw new UserError(
        `${dir} holds no run directories`,
        'give results/<manifest name>, not a run directory inside it',
      );
    if (values.json)
      output.out(
        JSON.stringify(
          rows.map((r) => ({ id: r.id, state: r.state, params: r.params, metrics: r.metrics, errors: r.errors })),
          null,
          1,
        ),
      );
    else output.out(index);
    return 0;
  },
});
