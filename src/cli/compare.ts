import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES } from '../record/run-files.js';
import { CORRUPT, readRunRow, readSweep, type RunRow } from '../sweep/collect.js';
import { compareRuns, renderComparison } from '../sweep/compare.js';
import { defineCommand, type Command } from './command.js';
import { UsageError, UserError } from './output.js';

export const compareCommand = defineCommand({
  name: 'compare',
  summary: "compare runs along one axis: each metric's change, its uncertainty and significance",
  usage: 'damon-exp compare DIR... --axis PATH [--baseline VALUE] [--allow-mixed] [--json]',
  help: `Groups the complete runs in DIR... (run directories, or sweep directories holding them) by
their value of PATH: a parameter (layout.kind, layout.targets, monitoring.sample, …), else that
path in run.json (backend.kernel, …), else env.PATH in env.json (env.kernel.release). For each
value against the baseline (--baseline; default the smallest, for numbers, else the first value
met), and for each metric: the mean ± standard deviation on both sides, the change with the
95 % confidence interval of the difference, and Welch's t-test over the repetitions
(*** p < 0.001, ** p < 0.01, * p < 0.05, n.s.; n/a with fewer than 2 repetitions a side: set
repeat: in the manifest). Environment
differences between the groups (kernel, CPU, perf, masim, damon-exp) are shown. Runs that differ
in other parameters too are refused, as the change could not be put down to the axis;
--allow-mixed compares them anyway and lists the other differences.

Examples:
  damon-exp compare results/sweep_layouts --axis layout.kind --baseline many-targets
  damon-exp compare results/a/run results/b/run --axis backend.kernel`,
  options: {
    axis: { type: 'string' },
    baseline: { type: 'string' },
    'allow-mixed': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, output) {
    if (positionals.length === 0) throw new UsageError('name run directories or sweep directories', 'compare');
    if (values.axis === undefined)
      throw new UsageError('--axis PATH is needed: the parameter (or run.json path) the runs differ in', 'compare');
    const rows: RunRow[] = [];
    for (const dir of positionals) {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`not a directory: ${dir}`);
      const row = [RUN_FILES.run, RUN_FILES.status].some((f) => existsSync(join(dir, f)))
        ? await readRunRow(dir, dir)
        : null;
      if (row) rows.push(row);
      else rows.push(...(await readSweep(dir)));
    }
    for (const row of rows)
      for (const problem of row.problems)
        output.err(`damon-exp: warning: ${row.state === CORRUPT ? `run ${row.id} left out: ` : ''}${problem}`);
    if (rows.length === 0) throw new UserError(`no run directories in ${positionals.join(', ')}`);
    const axis = values.axis;
    const comparison = compareRuns(rows, axis, values.baseline === undefined ? undefined : values.baseline);
    if (comparison.values.length < 2) {
      throw new UserError(
        `the complete runs have ${comparison.values.length} value${comparison.values.length === 1 ? '' : 's'} of ${axis} (${comparison.values.map((v) => v.value).join(', ') || 'none'}): nothing to compare`,
        'is the axis a parameter of these runs? damon-exp list FILE shows them',
      );
    }
    if (!comparison.values.some((v) => v.value === comparison.baseline)) {
      throw new UserError(
        `no complete run has ${axis} = ${comparison.baseline}`,
        `the values: ${comparison.values.map((v) => v.value).join(', ')}`,
      );
    }
    if (comparison.confounders.length && !values['allow-mixed']) {
      throw new UserError(
        `the runs differ in more than ${axis}: ${comparison.confounders.map((c) => `${c.param} (${c.values.join(', ')})`).join('; ')}`,
        'compare runs that differ only in the axis (pick directories, or a sweep with one parameter), or --allow-mixed to compare them anyway',
      );
    }
    output.out(values.json ? JSON.stringify(comparison, null, 1) : renderComparison(comparison));
    return 0;
  },
});
