// `damon-exp run --executor slurm`: a sweep handed to Slurm as one job array (a task per run), its
// script kept in the sweep directory; the submitter checks what the nodes need first, then waits
// and shows the tasks' progress like a local sweep (or returns at once with --detach), and ends as
// a local sweep does: each run's end recorded in its directory, the index and figures written.
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { qemuBackend, type QemuBackendOptions } from '../backends/qemu/index.js';
import type { Experiment, SlurmSettings } from '../manifest/load.js';
import type { Run } from '../manifest/run.js';
import { inspectExisting, lockResults } from '../record/run-directory.js';
import { SLURM_DIR, timeStamp } from '../record/run-files.js';
import { existingResults, type RunResult } from '../sweep/scheduler.js';
import { slurmClient, SlurmError, type SlurmClient } from '../sweep/slurm/client.js';
import {
  readJobRecords,
  slurmDir,
  taskOutputPattern,
  writeJobRecord,
  type JobRecord,
} from '../sweep/slurm/job-record.js';
import { renderJobScript, sbatchOptions, shellQuote, taskRequest, type JobSpec } from '../sweep/slurm/job-script.js';
import { checkBeforeSubmitting } from '../sweep/slurm/preflight.js';
import { finalizeJob, observeJob, resultOf, watchJob } from '../sweep/slurm/watch.js';
import { packagePath } from '../version.js';
import { writeWhole } from '../write-whole.js';
import { finishSweep, SweepView } from './execute-runs.js';
import { UserError, type Output } from './output.js';

export interface SlurmSubmitOptions {
  experiment: Experiment;
  /** The runs asked for (--only), before --resume takes out the complete ones. */
  runs: Run[];
  resultsRoot: string;
  backend: 'local' | 'qemu';
  settings: SlurmSettings;
  /** --jobs: the array's %N throttle. */
  throttle: number | null;
  force: boolean;
  resume: boolean;
  dryRun: boolean;
  detach: boolean;
  assumeShared: boolean;
  json: boolean;
  /** The options each task's `damon-exp run` takes from this one (--set, --kernel, --accel, …). */
  taskOptions: string[];
  /** The VM's accelerator asked for (--accel), for the tasks' CPU request. */
  accel?: 'auto' | 'kvm' | 'tcg';
  /** For the qemu backend's preflight (the kernel cached, the guest's bundle built). */
  qemu: QemuBackendOptions;
  env: NodeJS.ProcessEnv;
  client?: SlurmClient;
  signals: EventEmitter;
  pollMs?: number;
  /** After the job: the sweep's figures and index (as a local sweep writes them). */
  afterSweep?: (results: RunResult[]) => Promise<string | null>;
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

/** The runs to submit: all with --force, the ones not complete with --resume; else any earlier result refuses. */
async function runsToDo(options: SlurmSubmitOptions): Promise<{ todo: Run[]; skipped: Run[]; existing: Run[] }> {
  const todo: Run[] = [];
  const skipped: Run[] = [];
  const existing: Run[] = [];
  for (const run of options.runs) {
    const found = await inspectExisting(options.resultsRoot, run);
    if (found) existing.push(run);
    if (found && options.resume && found.state === 'complete' && found.sameRun) skipped.push(run);
    else todo.push(run);
  }
  return { todo, skipped, existing };
}

export async function submitToSlurm(options: SlurmSubmitOptions, output: Output): Promise<number> {
  const { experiment } = options;
  if (options.runs.some((run) => run.id === SLURM_DIR))
    throw new UserError(
      `'${experiment.name}' has a run named '${SLURM_DIR}', the directory where the Slurm executor keeps its jobs`,
      'rename the run (a matrix value or the manifest name)',
    );
  const sweepDir = join(options.resultsRoot, experiment.name);
  if (options.dryRun) return dryRunSlurm(options, output);
  const client = options.client ?? slurmClient(options.env);
  let release: (() => void) | null = await lockResults(options.resultsRoot, experiment.name);
  try {
    await settleEarlierJobs(sweepDir, options.resultsRoot, client, output);
    const { todo, skipped, existing } = await runsToDo(options);
    if (!options.force && !options.resume && existing.length)
      throw existingResults(
        sweepDir,
        existing.map((r) => r.id),
        options.runs.length,
      );
    if (skipped.length) output.err(`${skipped.length} of ${options.runs.length} runs are complete already: skipped`);
    if (!todo.length) {
      output.err('nothing to submit: every run is complete');
      for (const run of skipped) output.out(join(sweepDir, run.id));
      return 0;
    }
    const abort = new AbortController();
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
      abort: abort.signal,
      onStage: (stage) => output.err(stage),
    });
    const maxArraySize = await client.maxArraySize();
    if (maxArraySize !== null && todo.length > maxArraySize)
      throw new UserError(
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
      throw new UserError(
        `submitted job ${jobId} but cannot record it in ${slurmDir(sweepDir)}: ${(error as Error).message}; the job is cancelled`,
        'make the results directory writable (or choose another with --out)',
      );
    }
    output.err(
      `submitted Slurm job ${jobId}: ${todo.length} task${todo.length === 1 ? '' : 's'} (${options.backend} backend) on ${nodes.length} node${nodes.length === 1 ? '' : 's'}${spec.throttle ? `, ${spec.throttle} at once` : ''}; its script: ${script}`,
    );
    if (options.detach) {
      release();
      release = null;
      if (options.json) output.out(JSON.stringify({ jobId, script, runs: todo.map((r) => r.id) }, null, 2));
      else output.out(jobId);
      output.err(
        `follow it with: damon-exp status ${sweepDir}; when it ends, damon-exp index ${sweepDir} records it and writes the index (scancel ${jobId} cancels it)`,
      );
      return 0;
    }
    return await followJob(record, options, client, output, skipped);
  } finally {
    release?.();
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

/** The sweep's jobs that nobody finalized (warning of records it cannot read). */
export async function openJobs(sweepDir: string, output: Output): Promise<JobRecord[]> {
  const problems: string[] = [];
  const records = await readJobRecords(sweepDir, problems);
  for (const problem of problems) output.err(`damon-exp: warning: ${problem}`);
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
function stillRunning(sweepDir: string, jobIds: string[], what = ''): UserError {
  return new UserError(
    `Slurm job ${jobIds.join(', ')} of ${sweepDir} is still pending or running${what}`,
    `wait for it (damon-exp status ${sweepDir}), or cancel it: scancel ${jobIds[0]}`,
  );
}

/** A job of the sweep that Slurm still runs refuses a new submission; ended ones are recorded. */
async function settleEarlierJobs(sweepDir: string, resultsRoot: string, client: SlurmClient, output: Output) {
  const { active } = await settleJobs(await openJobs(sweepDir, output), resultsRoot, client);
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
export async function refuseWhileSlurmJobRuns(sweepDir: string, client: SlurmClient, output: Output): Promise<void> {
  for (const record of await openJobs(sweepDir, output)) {
    let queued;
    try {
      queued = await client.queue(record.jobId);
    } catch (error) {
      if (!(error instanceof SlurmError)) throw error;
      output.err(
        `damon-exp: warning: cannot ask Slurm whether job ${record.jobId} of this sweep still runs: ${error.message}`,
      );
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

/** The job script and the sbatch command, for the runs a submission would give Slurm now; nothing is written or checked. */
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

/** The partition the job goes to: executor.partition, or one passed as an sbatch option. */
function partitionOf(settings: SlurmSettings): string | undefined {
  let partition = settings.partition;
  settings.options.forEach((option, i) => {
    const given = /^--partition=(.+)$/.exec(option)?.[1] ?? /^-p(.+)$/.exec(option)?.[1];
    if (given) partition = given;
    else if ((option === '--partition' || option === '-p') && settings.options[i + 1])
      partition = settings.options[i + 1];
  });
  return partition;
}
