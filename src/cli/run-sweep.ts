// The one entry of `run` and `record`: a sweep's request (sweep/request.ts) run here, handed to
// Slurm, or (a task of a Slurm job) its one run; what would run with --dry-run; the sweep's end
// (figures and index) after its runs, and the record of which runs the sweep has now (sweep.json).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { planRuns, wouldRun } from '../sweep/dry-run.js';
import { saveAndWriteFigures } from '../sweep/figures.js';
import { leftOutNote, writeSweepIndex } from '../sweep/index-page.js';
import { SWEEP_FILE, writeSweepRecord } from '../sweep/sweep-record.js';
import { makeDirectories } from '../record/run-directory.js';
import { qemuBackendOptions, scheduleOf, type SweepRequest } from '../sweep/request.js';
import { refuseWhileSlurmJobRuns } from '../sweep/slurm/earlier-jobs.js';
import { slurmClient } from '../sweep/slurm/client.js';
import type { Deps } from './command.js';
import { executeRuns } from './execute-runs.js';
import { localOptionsFor } from './host-options.js';
import type { Output } from './output.js';
import { reportAfterRun } from './report.js';
import { submitToSlurm } from './slurm-run.js';
import { runSlurmTask } from './slurm-task.js';

export async function runSweep(request: SweepRequest, output: Output, deps: Deps): Promise<number> {
  const { settings, experiment, executor } = request;
  const env = deps.env ?? process.env;
  if (executor.kind === 'slurm-task') return runSlurmTask(request, output, deps);
  const afterSweep = experiment.runs.length > 1 ? () => endOfSweep(request, output, deps) : undefined;
  if (executor.kind === 'slurm') {
    if (!request.dryRun) await recordSweep(request);
    return submitToSlurm(
      { ...request, executor },
      { env, client: deps.slurm, signals: deps.signals ?? process, pollMs: deps.pollMs, afterSweep },
      output,
    );
  }
  if (request.dryRun) return dryRun(request, output);
  await refuseWhileSlurmJobRuns(join(settings.resultsRoot, experiment.name), deps.slurm ?? slurmClient(env), (text) =>
    output.err(`damon-exp: warning: ${text}`),
  );
  await recordSweep(request);
  return executeRuns(
    request.runs,
    {
      schedule: scheduleOf(request),
      json: request.json,
      plainProgress: false,
      local: localOptionsFor(settings, deps),
      qemu: qemuBackendOptions(settings, env),
      signals: deps.signals,
      backends: deps.backends,
      afterRun: reportAfterRun,
      afterSweep,
      strict: request.strict,
    },
    output,
  );
}

/** After a sweep's runs: its figures (the manifest's) and its index; the index's path. */
async function endOfSweep(request: SweepRequest, output: Output, deps: Deps): Promise<string | null> {
  const { experiment } = request;
  const sweepDir = join(request.settings.resultsRoot, experiment.name);
  const manifest = { name: experiment.name, file: experiment.file, sha256: experiment.sha256 };
  const figureOptions = { env: deps.env, png: request.png };
  for (const warning of await saveAndWriteFigures(sweepDir, manifest, experiment.figures, figureOptions))
    output.err(`damon-exp: warning: ${warning}`);
  // Again at the end: a runner refused meanwhile (this one held the lock) may have written its own.
  await recordSweep(request);
  const { index, leftOut } = await writeSweepIndex(sweepDir);
  if (leftOut) output.err(`damon-exp: ${leftOutNote(leftOut, sweepDir)}`);
  return index;
}

/**
 * Which runs the manifest has now (sweep/sweep-record.ts), before any runs: the index shows them,
 * and leaves out the results of runs it no longer has. A single run (a recording) has none, unless
 * its directory held a sweep before.
 */
async function recordSweep({ experiment, settings }: SweepRequest): Promise<void> {
  const sweepDir = join(settings.resultsRoot, experiment.name);
  if (experiment.runs.length < 2 && !existsSync(join(sweepDir, SWEEP_FILE))) return;
  await makeDirectories(sweepDir);
  const manifest = { name: experiment.name, file: experiment.file, sha256: experiment.sha256 };
  await writeSweepRecord(
    sweepDir,
    manifest,
    experiment.runs.map((run) => run.id),
  );
}

/** Prints what `run` would do with each run (sweep/dry-run.ts), given the results and --resume/--force. */
async function dryRun({ runs, settings, json }: SweepRequest, output: Output): Promise<number> {
  const plans = await planRuns(runs, settings.resultsRoot, { resume: settings.resume, force: settings.force });
  if (json) output.out(JSON.stringify(plans, null, 2));
  else {
    const width = Math.max(...plans.map((p) => p.id.length));
    for (const p of plans) output.out(`${p.id.padEnd(width)}  ${p.action}`);
    const runsLeft = plans.filter(wouldRun).length;
    output.err(`${runsLeft} of ${plans.length} runs would run`);
  }
  return 0;
}
