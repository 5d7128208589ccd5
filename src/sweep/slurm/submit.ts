// Handing a sweep to Slurm as one job array (a task per run), its script and record kept in the
// sweep directory: which runs go (--resume, --force), what the nodes need (checked first), the
// script, sbatch, the job's record, or (--dry-run) what a submission would give Slurm; and the
// sweep's earlier jobs, settled before another runs. What the user sees of it is cli/slurm-run.ts's.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { qemuBackend, type QemuBackendOptions } from '../../backends/qemu/index.js';
import { DamonExpError } from '../../errors.js';
import type { Experiment, SlurmSettings } from '../../manifest/load.js';
import type { Run } from '../../manifest/run.js';
import { inspectExisting, lockResults, resumeSkips } from '../../record/run-directory.js';
import { SLURM_DIR, timeStamp } from '../../record/run-files.js';
import { packagePath } from '../../version.js';
import { writeWhole } from '../../write-whole.js';
import { existingResults } from '../scheduler.js';
import { slurmClient, SlurmError, type SlurmClient } from './client.js';
import { readJobRecords, slurmDir, taskOutputPattern, writeJobRecord, type JobRecord } from './job-record.js';
import { partitionOf, renderJobScript, taskRequest, type JobSpec } from './job-script.js';
import { checkBeforeSubmitting } from './preflight.js';
import { finalizeJob, observeJob } from './watch.js';

/** A submission refused before anything reached Slurm (or taken back): what to do is in the hint. */
export class SlurmSubmitError extends DamonExpError {}

/** What a submission tells as it goes: stages to stderr, warnings. */
export interface SubmitReports {
  say(text: string): void;
  warn(text: string): void;
}

export interface SlurmSubmitOptions {
  experiment: Experiment;
  /** The runs asked for (--only), before --resume takes out the complete ones. */
  runs: Run[];
  resultsRoot: string;
  /** The job's one backend (backends/choose.ts: slurmBackendOf). */
  backend: 'local' | 'qemu';
  settings: SlurmSettings;
  /** --jobs: the array's %N throttle. */
  throttle: number | null;
  force: boolean;
  resume: boolean;
  assumeShared: boolean;
  /** The options each task's `damon-exp run` takes from this one (--set, --kernel, --accel, …). */
  taskOptions: string[];
  /** The VM's accelerator asked for (--accel), for the tasks' CPU request. */
  accel?: 'auto' | 'kvm' | 'tcg';
  /** For the qemu backend's preflight (the kernel cached, the guest's bundle built). */
  qemu: QemuBackendOptions;
  env: NodeJS.ProcessEnv;
  client?: SlurmClient;
}

/** The command every task runs, up to `--only ID`. */
function taskCommand(options: SlurmSubmitOptions): string[] {
  return [
    process.execPath,
    packagePath('bin/damon-exp.js'),
    'run',
    resolve(options.experiment.file),
    ...options.taskOptions,
    '--backend',
    options.backend,
    '--out',
    options.resultsRoot,
    // A task finds its place empty (the submitter checked) unless its script is submitted again by
    // hand: then it skips a complete result, as --resume does.
    options.force ? '--force' : '--resume',
    '--slurm-task',
  ];
}

function jobSpec(options: SlurmSubmitOptions, runs: Run[]): JobSpec {
  const sweepDir = join(options.resultsRoot, options.experiment.name);
  return {
    name: options.experiment.name,
    ids: runs.map((run) => run.id),
    throttle: options.throttle,
    request: taskRequest(runs, options.backend, options.settings, options.accel),
    settings: options.settings,
    outputPattern: taskOutputPattern(sweepDir),
    manifestSha256: options.experiment.sha256,
    command: taskCommand(options),
  };
}

/** A run named as the directory where the jobs are kept would be written into it. */
function refuseRunNamedSlurm(options: SlurmSubmitOptions): void {
  if (options.runs.some((run) => run.id === SLURM_DIR))
    throw new SlurmSubmitError(
      `'${options.experiment.name}' has a run named '${SLURM_DIR}', the directory where the Slurm executor keeps its jobs`,
      'rename the run (a matrix value or the manifest name)',
    );
}

/** The runs to submit: all with --force, those not complete with --resume; `existing`: those with results. */
async function runsToDo(options: SlurmSubmitOptions): Promise<{ todo: Run[]; skipped: Run[]; existing: Run[] }> {
  const todo: Run[] = [];
  const skipped: Run[] = [];
  const existing: Run[] = [];
  for (const run of options.runs) {
    const found = await inspectExisting(options.resultsRoot, run);
    if (found) existing.push(run);
    if (resumeSkips(found, options.resume)) skipped.push(run);
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
  return {
    todo,
    skipped,
    existing,
    refused: !options.force && !options.resume && existing.length > 0,
    spec: todo.length ? jobSpec(options, todo) : null,
    script: join(slurmDir(join(options.resultsRoot, options.experiment.name)), `job-${timeStamp()}.sh`),
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
  const { experiment } = options;
  refuseRunNamedSlurm(options);
  const sweepDir = join(options.resultsRoot, experiment.name);
  const client = options.client ?? slurmClient(options.env);
  const unlock = await lockResults(options.resultsRoot, experiment.name);
  let held = true;
  const release = () => {
    if (held) unlock();
    held = false;
  };
  try {
    await settleEarlierJobs(sweepDir, options.resultsRoot, client, reports);
    const { todo, skipped, existing } = await runsToDo(options);
    if (!options.force && !options.resume && existing.length)
      throw existingResults(
        sweepDir,
        existing.map((r) => r.id),
        options.runs.length,
      );
    if (skipped.length) reports.say(`${skipped.length} of ${options.runs.length} runs are complete already: skipped`);
    if (!todo.length) {
      release();
      return { submitted: false, skipped };
    }
    const nodes = await checkBeforeSubmitting({
      runs: todo,
      backend: options.backend,
      qemu: qemuBackend(options.qemu),
      client,
      ...(partitionOf(options.settings) ? { partition: partitionOf(options.settings)! } : {}),
      paths: [
        { path: process.execPath, what: 'node' },
        { path: packagePath('bin/damon-exp.js'), what: 'damon-exp' },
        { path: packagePath('dist/cli-bundle/main.mjs'), what: "damon-exp's build (make build)" },
        { path: resolve(experiment.file), what: 'the manifest' },
      ],
      sweepDir,
      env: options.env,
      assumeShared: options.assumeShared,
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
      backend: options.backend,
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

/** The sweep's jobs that nobody finalized (warning of records it cannot read). */
export async function openJobs(sweepDir: string, warn: (text: string) => void): Promise<JobRecord[]> {
  const problems: string[] = [];
  const records = await readJobRecords(sweepDir, problems);
  for (const problem of problems) warn(problem);
  return records.filter((record) => !record.finalizedAt);
}

/**
 * Of the jobs nobody finalized, those Slurm still runs are returned as active; those that ended
 * while nobody watched (--detach, a submitter killed) have their ends recorded now.
 */
export async function settleJobs(
  open: readonly JobRecord[],
  resultsRoot: string,
  client: SlurmClient,
): Promise<{ active: JobRecord[]; settled: JobRecord[] }> {
  const active: JobRecord[] = [];
  const settled: JobRecord[] = [];
  for (const record of open) {
    const { views, active: running } = await observeJob(record, client, resultsRoot);
    if (running) active.push(record);
    else {
      await finalizeJob(record, views, resultsRoot, { cancelled: false });
      settled.push(record);
    }
  }
  return { active, settled };
}

/** Two runners of one sweep's runs (a second job, or runs here) would write the same runs. */
function stillRunning(sweepDir: string, jobIds: string[], what = ''): SlurmSubmitError {
  return new SlurmSubmitError(
    `Slurm job ${jobIds.join(', ')} of ${sweepDir} is still pending or running${what}`,
    `wait for it (damon-exp status ${sweepDir}), or cancel it: scancel ${jobIds[0]}`,
  );
}

/** A job of the sweep that Slurm still runs refuses a new submission; ended ones are recorded. */
async function settleEarlierJobs(sweepDir: string, resultsRoot: string, client: SlurmClient, reports: SubmitReports) {
  const { active } = await settleJobs(await openJobs(sweepDir, reports.warn), resultsRoot, client);
  if (active.length)
    throw stillRunning(
      sweepDir,
      active.map((r) => r.jobId),
    );
}

/**
 * A sweep run here while a job of it runs on Slurm (submitted with --detach) would write the same
 * runs: refused. Without Slurm's commands here, it can only warn.
 */
export async function refuseWhileSlurmJobRuns(
  sweepDir: string,
  client: SlurmClient,
  warn: (text: string) => void,
): Promise<void> {
  for (const record of await openJobs(sweepDir, warn)) {
    let queued;
    try {
      queued = await client.queue(record.jobId);
    } catch (error) {
      if (!(error instanceof SlurmError)) throw error;
      warn(`cannot ask Slurm whether job ${record.jobId} of this sweep still runs: ${error.message}`);
      continue;
    }
    if (queued.length) throw stillRunning(sweepDir, [record.jobId], ': runs here would write the same runs');
  }
}

async function freeScriptPath(sweepDir: string): Promise<string> {
  const base = join(slurmDir(sweepDir), `job-${timeStamp()}`);
  let path = `${base}.sh`;
  for (let n = 2; existsSync(path); n++) path = `${base}-${n}.sh`;
  await mkdir(slurmDir(sweepDir), { recursive: true });
  return path;
}
