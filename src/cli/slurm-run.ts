// `damon-exp run --executor slurm`, as the user sees it: the submission (sweep/slurm/submit.ts)
// told on stderr, then the tasks' progress like a local sweep's (sweep/slurm/watch.ts: followJob),
// or the job id at once with --detach, and the end as a local sweep's: the summary, the index and
// figures. --dry-run prints the job script a submission would give Slurm.
import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { RunResult, SweepOutcome } from '../sweep/scheduler.js';
import { slurmClient, type SlurmClient } from '../sweep/slurm/client.js';
import { renderJobScript, sbatchOptions, shellQuote } from '../sweep/slurm/job-script.js';
import { planSubmission, submitJob, type SlurmSubmitOptions } from '../sweep/slurm/submit.js';
import { followJob } from '../sweep/slurm/watch.js';
import { finishSweep, SweepView } from './execute-runs.js';
import type { Output } from './output.js';

/** What following a job takes from the world, and what ends the sweep. */
export interface SlurmRunContext {
  env: NodeJS.ProcessEnv;
  client?: SlurmClient | undefined;
  signals: EventEmitter;
  pollMs?: number | undefined;
  /** After the job: the sweep's figures and index (as a local sweep writes them). */
  afterSweep?: ((results: RunResult[]) => Promise<string | null>) | undefined;
}

export async function submitToSlurm(
  request: SlurmSubmitOptions['request'],
  context: SlurmRunContext,
  output: Output,
): Promise<number> {
  if (request.dryRun) return dryRunSlurm({ request, env: context.env, client: context.client }, output);
  const client = context.client ?? slurmClient(context.env);
  const { settings, experiment, executor } = request;
  const sweepDir = join(settings.resultsRoot, experiment.name);
  const submission = await submitJob(
    { request, env: context.env, client },
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
      `submitted Slurm job ${record.jobId}: ${tasks} task${tasks === 1 ? '' : 's'} (${executor.backend} backend) on ${nodes.length} node${nodes.length === 1 ? '' : 's'}${throttle ? `, ${throttle} at once` : ''}; its script: ${record.script}`,
    );
    if (executor.detach) {
      submission.release();
      if (request.json)
        output.out(
          JSON.stringify({ jobId: record.jobId, script: record.script, runs: record.runs.map((r) => r.id) }, null, 2),
        );
      else output.out(record.jobId);
      output.err(
        `follow it with: damon-exp status ${sweepDir}; when it ends, damon-exp index ${sweepDir} records it and writes the index (scancel ${record.jobId} cancels it)`,
      );
      return 0;
    }
    // Waits for the job like a local sweep: progress, then the summary, index and figures.
    const interactive = process.stderr.isTTY === true && !request.json;
    const view = new SweepView(output, interactive, record.runs, false);
    view.jobs(request.jobs ?? record.runs.length);
    let outcome: SweepOutcome;
    try {
      outcome = await followJob(record, submission.skipped, {
        client,
        resultsRoot: settings.resultsRoot,
        pollMs: context.pollMs ?? 1000,
        signals: context.signals,
        events: view,
      });
    } finally {
      view.close();
    }
    return await finishSweep(
      outcome.results,
      {
        json: request.json,
        stopped: outcome.stopped,
        afterSweep: context.afterSweep,
        jsonValue: { jobId: record.jobId, results: outcome.results },
        strict: request.strict,
      },
      output,
    );
  } finally {
    submission.release();
  }
}

/** The job script and the sbatch command for the runs a submission would give Slurm now; nothing written or checked. */
async function dryRunSlurm(options: SlurmSubmitOptions, output: Output): Promise<number> {
  const { request } = options;
  const { todo, skipped, existing, refused, spec, script } = await planSubmission(options);
  const sweepDir = join(request.settings.resultsRoot, request.experiment.name);
  if (refused)
    output.err(
      `damon-exp: a submission would be refused: ${sweepDir} already holds results of ${existing.length} of these runs (--resume or --force)`,
    );
  if (!spec) {
    output.err(`nothing to submit: all ${skipped.length} runs are complete`);
    return 0;
  }
  if (request.json)
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
    `${todo.length} of ${request.runs.length} runs would be submitted${skipped.length ? ` (${skipped.length} complete: skipped)` : ''}`,
  );
  return 0;
}
