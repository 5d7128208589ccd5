// `damon-exp run --executor slurm`, as the user sees it: the submission (sweep/slurm/submit.ts)
// told on stderr, then the tasks' progress like a local sweep's (or the job id at once with
// --detach), and the end as a local sweep's: each run's end recorded, the index and figures.
import { join } from 'node:path';
import type { Run } from '../manifest/run.js';
import { timeStamp } from '../record/run-files.js';
import type { RunResult } from '../sweep/scheduler.js';
import type { SlurmClient } from '../sweep/slurm/client.js';
import { slurmDir, type JobRecord } from '../sweep/slurm/job-record.js';
import { renderJobScript, sbatchOptions, shellQuote } from '../sweep/slurm/job-script.js';
import { jobSpec, runsToDo, submitJob, type SlurmSubmitOptions } from '../sweep/slurm/submit.js';
import { slurmClient } from '../sweep/slurm/client.js';
import { finalizeJob, resultOf, watchJob } from '../sweep/slurm/watch.js';
import { finishSweep, SweepView } from './execute-runs.js';
import type { Output } from './output.js';

export async function submitToSlurm(options: SlurmSubmitOptions, output: Output): Promise<number> {
  if (options.dryRun) return dryRunSlurm(options, output);
  const client = options.client ?? slurmClient(options.env);
  const sweepDir = join(options.resultsRoot, options.experiment.name);
  const submission = await submitJob(
    { ...options, client },
    { say: (text) => output.err(text), warn: (text) => output.err(`damon-exp: warning: ${text}`) },
  );
  if (!submission.submitted) {
    output.err('nothing to submit: every run is complete');
    for (const run of submission.skipped) output.out(join(sweepDir, run.id));
    return 0;
  }
  const { record, nodes, throttle } = submission;
  const tasks = record.runs.length;
  try {
    output.err(
      `submitted Slurm job ${record.jobId}: ${tasks} task${tasks === 1 ? '' : 's'} (${options.backend} backend) on ${nodes.length} node${nodes.length === 1 ? '' : 's'}${throttle ? `, ${throttle} at once` : ''}; its script: ${record.script}`,
    );
    if (options.detach) {
      submission.release();
      if (options.json)
        output.out(
          JSON.stringify({ jobId: record.jobId, script: record.script, runs: record.runs.map((r) => r.id) }, null, 2),
        );
      else output.out(record.jobId);
      output.err(
        `follow it with: damon-exp status ${sweepDir}; when it ends, damon-exp index ${sweepDir} records it and writes the index (scancel ${record.jobId} cancels it)`,
      );
      return 0;
    }
    return await followJob(record, options, client, output, submission.skipped);
  } finally {
    submission.release();
  }
}

/** Waits for the job like a local sweep (progress, then the summary, index and figures). */
async function followJob(
  record: JobRecord,
  options: SlurmSubmitOptions,
  client: SlurmClient,
  output: Output,
  skipped: Run[],
): Promise<number> {
  const interactive = process.stderr.isTTY === true && !options.json;
  const view = new SweepView(output, interactive, record.runs, false);
  view.jobs(options.throttle ?? record.runs.length);
  let watched;
  try {
    watched = await watchJob(record, {
      client,
      resultsRoot: options.resultsRoot,
      pollMs: options.pollMs ?? 1000,
      signals: options.signals,
      events: view,
    });
  } finally {
    view.close();
  }
  const views = watched.ended
    ? await finalizeJob(record, watched.views, options.resultsRoot, { cancelled: watched.cancelled })
    : watched.views;
  const sweepDir = join(options.resultsRoot, record.name);
  const results: RunResult[] = [
    ...skipped.map((run) => ({
      id: run.id,
      dir: join(sweepDir, run.id),
      state: 'skipped' as const,
      errors: [],
      wallMs: 0,
    })),
    ...views.map((v) => resultOf(v, options.resultsRoot, record.name)),
  ];
  return finishSweep(
    results,
    {
      json: options.json,
      stopped: watched.cancelled,
      afterSweep: options.afterSweep,
      jsonValue: { jobId: record.jobId, results },
    },
    output,
  );
}

/**
 * The job script and the sbatch command, for the runs a submission would give Slurm now; nothing is
 * written or checked.
 */
async function dryRunSlurm(options: SlurmSubmitOptions, output: Output): Promise<number> {
  const { todo, skipped, existing } = await runsToDo(options);
  const sweepDir = join(options.resultsRoot, options.experiment.name);
  const script = join(slurmDir(sweepDir), `job-${timeStamp()}.sh`);
  if (!options.force && !options.resume && existing.length)
    output.err(
      `damon-exp: a submission would be refused: ${sweepDir} already holds results of ${existing.length} of these runs (--resume or --force)`,
    );
  if (!todo.length) {
    output.err(`nothing to submit: all ${skipped.length} runs are complete`);
    return 0;
  }
  const spec = jobSpec(options, todo);
  if (options.json)
    output.out(
      JSON.stringify(
        {
          script,
          sbatch: ['sbatch', '--parsable', script],
          options: sbatchOptions(spec),
          runs: spec.ids,
          text: renderJobScript(spec),
        },
        null,
        2,
      ),
    );
  else {
    output.out(renderJobScript(spec));
    output.out(`# submitted as: sbatch --parsable ${shellQuote(script)}`);
  }
  output.err(
    `${todo.length} of ${options.runs.length} runs would be submitted${skipped.length ? ` (${skipped.length} complete: skipped)` : ''}`,
  );
  return 0;
}
