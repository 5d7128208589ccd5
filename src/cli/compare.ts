import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES } from '../record/run-files.js';
import { CORRUPT, readRunRow, readSweep, type RunRow } from '../sweep/collect.js';
import { axisValue, compareRuns, renderComparison, tradeoffs } from '../sweep/compare.js';

import { defineCommand } from './command.js';
import { UsageError, UserError } from './output.js';
import { paramText } from '../manifest/param-text.js';

export const compareCommand = defineCommand({
  name: 'compare',
  usage:
    'damon-exp compare DIR... --axis PATH [--baseline VALUE] [--where PARAM=VALUE]... [--allow-mixed] [--include-suspect] [--json]',
  help: `Groups the complete runs in DIR... (run directories, or sweep directories holding them) by
their value of PATH: a parameter (layout.kind, layout.targets, monitoring.sample, …), else that
path in run.json (backend.kernel, …), else env.PATH in env.json (env.kernel.release). For each
value against the baseline (--baseline; default the smallest, for numbers, else the first value
met), and for each metric (with its unit): the mean ± standard deviation on both sides, the
change with the 95 % confidence interval of the difference [low, high], clipped to where the
metric can lie (no CPU below 0, no recall above 100 %), and Welch's t-test over the repetitions
(*** p < 0.001, ** p < 0.01, * p < 0.05, n.s.). With fewer than 3 repetitions a side, min–max
is shown and no interval or test is given (n/a): set repeat: 3 or more in the manifest. When the
axis changes the schemes or whether DAMON runs (a scheme against none, DAMON against monitoring:
off) and the workloads' memory and progress were measured, the memory each value saves against
the baseline (mean RSS over the measurement's window, and the saving integrated over it, MiB·s)
and the slowdown it costs are shown with their 95 % intervals. Runs whose own data say their
numbers are not DAMON's (suspect) are left out and named; --include-suspect counts them. --where PARAM=VALUE keeps only
the runs with that value (repeatable), to compare along one axis of a larger matrix. Environment
differences between the groups (kernel, CPU, perf, masim, damon-exp) are shown. Runs that differ
in other parameters too are refused, as the change could not be put down to the axis;
--allow-mixed compares them anyway and lists the other differences.

Examples:
  damon-exp compare results/sweep_layouts --axis layout.kind --baseline many-targets
  damon-exp compare results/proactive_reclaim --axis schemes --baseline none --where monitoring=on
  damon-exp compare results/a/run results/b/run --axis backend.kernel`,
  options: {
    axis: {
      type: 'string',
      value: 'PATH',
      description: 'the parameter (or run.json / env.json path) whose values are compared',
    },
    baseline: {
      type: 'string',
      value: 'VALUE',
      description: 'the value the others are compared against (default: the smallest number, else the first value met)',
    },
    where: {
      type: 'string',
      multiple: true,
      value: 'PARAM=VALUE',
      description: 'keep only the runs with this value, to compare along one axis of a larger matrix',
    },
    'allow-mixed': {
      type: 'boolean',
      description: 'compare runs that differ in other parameters too, listing the differences',
    },
    json: { type: 'boolean', description: 'print the comparison as JSON' },
    'include-suspect': {
      type: 'boolean',
      description: "count suspect runs too (runs whose own data say their numbers are not DAMON's)",
    },
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
    const unanalysed = rows.filter((row) => row.state === 'complete' && !row.analysed);
    if (unanalysed.length)
      output.err(
        `damon-exp: warning: ${unanalysed.length} complete run${unanalysed.length === 1 ? ' has' : 's have'} no analysis.json, so no metrics to compare (${unanalysed
          .slice(0, 3)
          .map((row) => row.id)
          .join(', ')}${unanalysed.length > 3 ? ', …' : ''}); damon-exp report DIR makes it from the trace`,
      );
    const axis = values.axis;
    const wanted = (values.where ?? []).map((condition) => {
      const at = condition.indexOf('=');
      if (at <= 0) throw new UsageError(`--where takes PARAM=VALUE, not '${condition}'`, 'compare');
      return [condition.slice(0, at), condition.slice(at + 1)] as const;
    });
    const kept = rows.filter((row) => wanted.every(([param, value]) => paramText(axisValue(row, param)) === value));
    if (kept.length === 0)
      throw new UserError(
        `no run has ${wanted.map(([p, v]) => `${p}=${v}`).join(' and ')}`,
        'damon-exp status DIR lists the runs and their parameters',
      );
    const comparison = compareRuns(kept, axis, values.baseline === undefined ? undefined : values.baseline, {
      includeSuspect: values['include-suspect'] === true,
    });
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
    output.out(
      values.json
        ? JSON.stringify({ ...comparison, tradeoffs: tradeoffs(comparison) }, null, 1)
        : renderComparison(comparison),
    );
    return 0;
  },
});
