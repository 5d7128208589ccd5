// Handing a sweep to Slurm as one job array (a task per run), its script and record kept in the
// sweep directory: which runs go (--resume, --force), what the nodes need (checked first), the
// script, sbatch, the job's record, or (--dry-run) what a submission would give Slurm. The sweep's
// earlier jobs are settled first (earlier-jobs.ts). What the user sees of it is cli/slurm-run.ts's.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { qemuBackend } from '../../backends/qemu/index.js';
import type { Run } from '../../manifest/run.js';
import { inspectExisting, lockResults, resumeSkips } from '../../record/run-directory.js';
import { SLURM_DIR, timeStamp } from '../../record/run-files.js';
import { FROM_CHECKOUT } from '../../util/places.js';
import { packagePath } from '../../util/version.js';
import { writeWhole } from '../../util/write-whole.js';
import { existingResults } from '../scheduler.js';
import { qemuBackendOptions, type SlurmRequest, type SweepRequest } from '../request.js';
import { taskArgv, taskSettings } from './task.js';
import { slurmClient, type SlurmClient } from './client.js';
import { slurmDir, taskOutputPattern, writeJobRecord, type JobRecord } from './job-record.js';
import { partitionOf, refuseUnsafeJob, renderJobScript, taskRequest, type JobSpec } from './job-script.js';
import { checkBeforeSubmitting } from './preflight.js';
import { settleEarlierJobs, SlurmSubmitError } from './earlier-jobs.js';
import { makeDirs } from '../../util/make-dirs.js';

/** What a submission tells as it goes: stages to stderr, warnings. */
export interface SubmitReports {
  say(text: string): void;
  warn(text: string): void;
}

/** A sweep to submit, and Slurm's commands (default: sbatch, squeue… here). */
export interface SlurmSubmitOptions {
  request: SweepRequest & { executor: { kind: 'slurm' } & SlurmRequest };
  env: NodeJS.ProcessEnv;
  client?: SlurmClient | undefined;
}

/** The command every task runs, up to `--only ID`. */
function taskCommand({ request }: SlurmSubmitOptions): string[] {
  return [
    process.execPath,
    packagePath('bin/damon-exp.js'),
    'run',
    ...taskArgv(taskSettings(request, request.executor)),
  ];
}

function jobSpec({ request, ...options }: SlurmSubmitOptions, runs: Run[]): JobSpec {
  const { experiment, executor: slurm, settings } = request;
  return {
    name: experiment.name,
    ids: runs.map((run) => run.id),
    throttle: request.jobs,
    request: taskRequest(runs, slurm.backend, slurm.settings, settings.qemu.accel ?? undefined),
    settings: slurm.settings,
    outputPattern: taskOutputPattern(join(settings.resultsRoot, experiment.name)),
    manifestSha256: experiment.sha256,
    command: taskCommand({ request, ...options }),
  };
}

/** The job, refused before anything is written when a value would break out of its script's lines. */
function checkedSpec(spec: JobSpec): JobSpec {
  refuseUnsafeJob(spec);
  return spec;
}

/** A run named as the directory where the jobs are kept would be written into it. */
function refuseRunNamedSlurm({ request }: SlurmSubmitOptions): void {
  if (request.runs.some((run) => run.id === SLURM_DIR))
    throw new SlurmSubmitError(
      `'${request.experiment.name}' has a run named '${SLURM_DIR}', the directory where the Slurm executor keeps its jobs`,
      'rename the run (a matrix value or the manifest name)',
    );
}

/** The runs to submit: all with --force, those not complete with --resume; `existing`: those with results. */
async function runsToDo({ request }: SlurmSubmitOptions): Promise<{ todo: Run[]; skipped: Run[]; existing: Run[] }> {
  const todo: Run[] = [];
  const skipped: Run[] = [];
  const existing: Run[] = [];
  for (const run of request.runs) {
    const found = await inspectExisting(request.settings.resultsRoot, run);
    if (found) existing.push(run);
    if (resumeSkips(found, request.settings.resume)) skipped.push(run);
    else todo.push(run);
  }
  return { todo, skipped, existing };
}

/** What a submission would give Slurm now (--dry-run): nothing is written, locked or checked. */
export interface PlannedSubmission {
  todo: Run[];
  skipped: Run[];
  /** Runs with earlier results, which refuse the submission without --resume or --force. */
  existing: Run[];
  refused: boolean;
  /** The job of the runs to do (null: none to do). */
  spec: JobSpec | null;
  /** Where its script would go. */
  script: string;
}

export async function planSubmission(options: SlurmSubmitOptions): Promise<PlannedSubmission> {
  refuseRunNamedSlurm(options);
  const { todo, skipped, existing } = await runsToDo(options);
  const { settings, experiment } = options.request;
  return {
    todo,
    skipped,
    existing,
    refused: !settings.force && !settings.resume && existing.length > 0,
    spec: todo.length ? checkedSpec(jobSpec(options, todo)) : null,
    script: join(slurmDir(join(settings.resultsRoot, experiment.name)), `job-${timeStamp()}.sh`),
  };
}

export type Submission =
  | { submitted: false; skipped: Run[] }
  | {
      submitted: true;
      record: JobRecord;
      skipped: Run[];
      nodes: string[];
      throttle: number | null;
      /** Gives back the results lock the submission took (after following the job, or at once with --detach). */
      release(): void;
    };

/**
 * Submits the runs to do as one job array and records the job, under the results lock (returned
 * held); refuses while a job of the sweep still runs, or over earlier results without --resume or
 * --force, or when the nodes lack what the tasks need.
 */
export async function submitJob(options: SlurmSubmitOptions, reports: SubmitReports): Promise<Submission> {
  const { experiment, settings, executor: slurm, runs } = options.request;
  refuseRunNamedSlurm(options);
  // Before anything is written (the results directory, its lock).
  refuseUnsafeJob(jobSpec(options, runs));
  const sweepDir = join(settings.resultsRoot, experiment.name);
  const client = options.client ?? slurmClient(options.env);
  const unlock = await lockResults(settings.resultsRoot, experiment.name);
  let held = true;
  const release = () => {
    if (held) unlock();
    held = false;
  };
  try {
    await settleEarlierJobs(sweepDir, settings.resultsRoot, client, reports);
    const { todo, skipped, existing } = await runsToDo(options);
    if (!settings.force && !settings.resume && existing.length)
      throw existingResults(
        sweepDir,
        existing.map((r) => r.id),
        runs.length,
      );
    if (skipped.length) reports.say(`${skipped.length} of ${runs.length} runs are complete already: skipped`);
    if (!todo.length) {
      release();
      return { submitted: false, skipped };
    }
    const nodes = await checkBeforeSubmitting({
      runs: todo,
      backend: slurm.backend,
      qemu: qemuBackend(qemuBackendOptions(settings, options.env)),
      client,
      partition: partitionOf(slurm.settings),
      paths: [
        { path: process.execPath, what: 'node' },
        { path: packagePath('bin/damon-exp.js'), what: 'damon-exp' },
        {
          path: packagePath('dist/cli-bundle/main.mjs'),
          what: FROM_CHECKOUT ? "damon-exp's build (make build)" : "damon-exp's build (reinstall the package)",
        },
        { path: resolve(experiment.file), what: 'the manifest' },
      ],
      sweepDir,
      env: options.env,
      assumeShared: slurm.assumeShared,
      abort: new AbortController().signal,
      onStage: (stage) => reports.say(stage),
    });
    const maxArraySize = await client.maxArraySize();
    if (maxArraySize !== null && todo.length > maxArraySize)
      throw new SlurmSubmitError(
        `${todo.length} runs to submit, more than this cluster's job arrays take (MaxArraySize=${maxArraySize})`,
        `submit them in parts (--only ID..., then --resume), or ask the cluster's administrators to raise MaxArraySize`,
      );
    const spec = jobSpec(options, todo);
    const script = await freeScriptPath(sweepDir);
    await writeWhole(script, renderJobScript(spec));
    let jobId: string;
    try {
      jobId = await client.submit(script);
    } catch (error) {
      // Refused by sbatch: no job, and no script that looks like one.
      await rm(script, { force: true });
      throw error;
    }
    const record: JobRecord = {
      format: 'damon-exp.slurm-job/1',
      jobId,
      name: experiment.name,
      script,
      submittedAt: new Date().toISOString(),
      backend: slurm.backend,
      runs: todo,
    };
    try {
      await writeJobRecord(sweepDir, record);
    } catch (error) {
      // A job nobody can follow would write results nobody finalizes: it is taken back.
      await client.cancel(jobId).catch(() => undefined);
      throw new SlurmSubmitError(
        `submitted job ${jobId} but cannot record it in ${slurmDir(sweepDir)}: ${(error as Error).message}; the job is cancelled`,
        'make the results directory writable (or choose another with --out)',
      );
    }
    return { submitted: true, record, skipped, nodes, throttle: spec.throttle, release };
  } catch (error) {
    release();
    throw error;
  }
}

async function freeScriptPath(sweepDir: string): Promise<string> {
  const base = join(slurmDir(sweepDir), `job-${timeStamp()}`);
  let path = `${base}.sh`;
  for (let n = 2; existsSync(path); n++) path = `${base}-${n}.sh`;
  makeDirs(slurmDir(sweepDir));
  return path;
}
