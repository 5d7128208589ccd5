import { existsSync, statSync } from 'node:fs';
import { leftOutNote, writeSweepIndex } from '../sweep/index-page.js';
import { basename, dirname, resolve } from 'node:path';
import { slurmClient, SlurmError } from '../sweep/slurm/client.js';
import { defineCommand, type Deps } from './command.js';
import { openJobs, settleJobs } from '../sweep/slurm/earlier-jobs.js';
import { UsageError, UserError, type Output } from './output.js';

export const indexCommand = defineCommand({
  name: 'index',
  usage: 'damon-exp index DIR [--all] [--include-suspect] [--json]',
  help: `Reads every run directory under DIR (results/<manifest name>/): its parameters, state and
metrics from analysis.json, and writes DIR/index.html (the parameter points with their
repetitions aggregated as the mean with its 95 % confidence interval from three repetitions, else
min–max; every run with its state, validity, errors and a link to its report), DIR/summary.csv
(one row per run, with a validity column) and DIR/summary.json. Runs whose own data say their
numbers are not DAMON's (suspect) are marked and left out of the parameter points unless
--include-suspect. A sweep writes them
when it ends; this makes them again, for instance after 'damon-exp report'. The same run
directories give the same bytes. A run whose run.json, status.json or analysis.json cannot be
read is shown as 'corrupt', the file named in its errors and in a warning, and left out of the
statistics. With --json, prints summary.json's runs.

The index shows the runs the manifest has now (DIR/sweep.json, written by each 'run'): results of
runs it no longer has (a matrix value removed) stay on disk and are left out, said in one line;
--all shows every run directory under DIR.

A sweep handed to Slurm (run --executor slurm) whose submitter did not wait for the end (--detach,
or stopped) is finished here: how each ended task ended (Slurm's state, its job and task id) is
recorded in its run directory first; a job still running is named in a warning.

Examples:
  damon-exp index results/sweep_layouts`,
  options: {
    json: { type: 'boolean', description: "print summary.json's runs" },
    all: { type: 'boolean', description: 'show the results of runs the manifest no longer has too' },
    'include-suspect': {
      type: 'boolean',
      description: "count suspect runs too (runs whose own data say their numbers are not DAMON's)",
    },
  },
  async run({ values, positionals }, output, deps) {
    if (positionals.length !== 1) throw new UsageError('name one sweep directory (results/<manifest name>)', 'index');
    const dir = positionals[0]!;
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new UserError(`not a directory: ${dir}`, 'give results/<manifest name>, where damon-exp run put the runs');
    await finishSlurmJobs(resolve(dir), deps, output);
    const { index, rows, problems, leftOut } = await writeSweepIndex(dir, {
      includeSuspect: values['include-suspect'] === true,
      all: values.all === true,
    });
    for (const problem of problems) output.err(`damon-exp: warning: ${problem}`);
    if (leftOut) output.err(`damon-exp: ${leftOutNote(leftOut, dir)}`);
    if (rows.length + leftOut === 0)
      throw new UserError(
        `${dir} holds no run directories`,
        'give results/<manifest name>, not a run directory inside it',
      );
    if (values.json)
      output.out(
        JSON.stringify(
          rows.map((r) => ({
            id: r.id,
            state: r.state,
            validity: r.validity,
            params: r.params,
            metrics: r.metrics,
            errors: r.errors,
          })),
          null,
          1,
        ),
      );
    else output.out(index);
    return 0;
  },
});

/** Records the ends of the sweep's Slurm jobs that nobody finalized; those still running are named. */
async function finishSlurmJobs(dir: string, deps: Deps, output: Output): Promise<void> {
  const open = await openJobs(dir, (text) => output.err(`damon-exp: warning: ${text}`));
  if (!open.length) return;
  if (open.some((r) => r.name !== basename(dir))) {
    output.err(
      `damon-exp: warning: ${dir} was renamed since its Slurm jobs were submitted; their ends are not recorded`,
    );
    return;
  }
  try {
    const { active, settled } = await settleJobs(
      open,
      dirname(dir),
      deps.slurm ?? slurmClient(deps.env ?? process.env),
    );
    for (const record of settled) output.err(`Slurm job ${record.jobId}: ended; recorded in its run directories`);
    for (const record of active)
      output.err(
        `damon-exp: warning: Slurm job ${record.jobId} is still running: the index shows it as it stands (damon-exp status ${dir})`,
      );
  } catch (error) {
    if (!(error instanceof SlurmError)) throw error;
    output.err(
      `damon-exp: warning: cannot ask Slurm how its jobs ended (${error.message}); the index shows the run directories as they are`,
    );
  }
}
