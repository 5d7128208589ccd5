// Following a submitted job to its end (progress as the tasks start and finish, a stop signal
// cancels it by its id) and then recording in each run directory what only Slurm knows: how a task
// that could not write its own result ended (cancelled, out of time or memory, a lost node).
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  CorruptFileError,
  newStatus,
  readRunJson,
  isAttemptOf,
  RUN_FILES,
  updateStatus,
  type RunStatus,
  runPlace,
} from '../../record/run-files.js';
import { inspectExisting, RunDirectory } from '../../record/run-directory.js';
import { InputFileError, readPart } from '../../util/input-file.js';
import type { Run } from '../../manifest/run.js';
import { STOP_SIGNALS, type RunResult, type SchedulerEvents, type SweepOutcome } from '../scheduler.js';
import type { EndedTask, SlurmClient } from './client.js';
import { taskOutput, writeJobRecord, type JobRecord } from './job-record.js';
import { describeEnd, taskViews, type PlaceNow, type TaskView } from './task-states.js';

/**
 * What each run's place holds now (or, where the job's task left its attempt beside a complete
 * result, that attempt).
 */
export async function placesNow(resultsRoot: string, record: JobRecord): Promise<Map<string, PlaceNow>> {
  const sweepDir = join(resultsRoot, record.name);
  const places = new Map<string, PlaceNow>();
  const names = await readdir(sweepDir).catch(() => [] as string[]);
  for (const [taskId, run] of record.runs.entries()) {
    const dir = runPlace(resultsRoot, record.name, run.id);
    const status = statusIn(dir);
    const mine = (s: RunStatus | null) => s?.slurm?.jobId === record.jobId && s.slurm.taskId === taskId;
    if (!mine(status)) {
      const aside = names
        .filter((name) => isAttemptOf(name, run.id))
        .map((name) => join(sweepDir, name))
        .find((path) => mine(statusIn(path)));
      if (aside) {
        places.set(run.id, { status: statusIn(aside), sameRun: true, aside });
        continue;
      }
    }
    // Whether it is the same run matters only for a complete result that is not this task's (a task that skipped it).
    const found =
      status?.state === 'complete' && !mine(status) ? await inspectExisting(resultsRoot, run).catch(() => null) : null;
    places.set(run.id, { status, sameRun: found?.sameRun ?? false });
  }
  return places;
}

function statusIn(dir: string): RunStatus | null {
  try {
    return readRunJson<RunStatus>(dir, RUN_FILES.status);
  } catch (error) {
    if (error instanceof CorruptFileError || error instanceof InputFileError) return null;
    throw error;
  }
}

/** The job's tasks as they stand now; `ended` is asked only once Slurm lists none of them. */
export async function observeJob(
  record: JobRecord,
  client: SlurmClient,
  resultsRoot: string,
): Promise<{ views: TaskView[]; active: boolean }> {
  const queued = await client.queue(record.jobId);
  const places = await placesNow(resultsRoot, record);
  if (queued.length) return { views: taskViews(record, queued, places, null), active: true };
  const ended: EndedTask[] | null = await client.ended(record.jobId);
  return { views: taskViews(record, [], places, ended), active: false };
}

export function resultOf(view: TaskView, resultsRoot: string, name: string): RunResult {
  const dir = view.aside ?? runPlace(resultsRoot, name, view.id);
  const state: RunResult['state'] =
    view.phase === 'lost'
      ? 'failed'
      : view.phase === 'pending'
        ? 'not run'
        : view.phase === 'running'
          ? 'running'
          : view.phase;
  return { id: view.id, dir: existsSync(dir) ? dir : null, state, errors: view.errors, wallMs: view.wallMs };
}

export interface WatchOptions {
  client: SlurmClient;
  resultsRoot: string;
  pollMs: number;
  signals: EventEmitter;
  events: SchedulerEvents;
  /** How long to wait for the tasks to stop once cancelled, before giving up waiting. */
  cancelWaitMs?: number;
}

export interface Watched {
  views: TaskView[];
  cancelled: boolean;
  /** Whether the job had ended when the watch ended (it stops waiting on a cancel that takes too long). */
  ended: boolean;
}

/** How long to wait, once Slurm lists none of a job's tasks, for it to tell how each ended. */
const SETTLE_MS = 15_000;

/** Follows the job until Slurm lists none of its tasks; SIGINT, SIGTERM or SIGHUP cancel it (scancel JOBID). */
export async function watchJob(record: JobRecord, options: WatchOptions): Promise<Watched> {
  const { client, events } = options;
  let cancelled = false;
  let cancelledAt = 0;
  let wake: (() => void) | null = null;
  const onSignal = (signal: string) => {
    if (cancelled) {
      events.message(`damon-exp: still waiting for the tasks of job ${record.jobId} to stop`);
      return;
    }
    cancelled = true;
    cancelledAt = Date.now();
    events.message(
      `damon-exp: ${signal}: cancelling Slurm job ${record.jobId} (scancel ${record.jobId}); its tasks tear down`,
    );
    client.cancel(record.jobId).then(
      () => wake?.(),
      (error: unknown) => events.message(`damon-exp: ${(error as Error).message}`),
    );
  };
  const handlers = STOP_SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const);
  for (const [signal, handler] of handlers) options.signals.on(signal, handler);
  const shown = new Map<number, string>();
  const finished = new Set<number>();
  let emptySince: number | null = null;
  try {
    for (;;) {
      const { views, active } = await observeJob(record, client, options.resultsRoot);
      // A task that neither squeue nor scontrol lists yet (a pending one just cancelled) is not
      // called lost while the job runs, nor for a while after.
      emptySince = active ? null : (emptySince ?? Date.now());
      const holdLost = active || Date.now() - emptySince! < SETTLE_MS;
      const settling = !active && holdLost && views.some((v) => v.phase === 'lost');
      for (const view of views) {
        if (finished.has(view.taskId) || (holdLost && view.phase === 'lost')) continue;
        const before = shown.get(view.taskId);
        const now = `${view.phase} ${view.node ?? ''}`;
        if (before === now) continue;
        shown.set(view.taskId, now);
        if (view.phase === 'pending') continue;
        if (view.phase === 'running') {
          if (!before?.startsWith('running')) events.started(view.taskId);
          events.stage(view.taskId, `running on ${view.node ?? 'a node'} (task ${record.jobId}_${view.taskId})`);
          continue;
        }
        if (!before?.startsWith('running')) events.started(view.taskId);
        finished.add(view.taskId);
        events.finished(view.taskId, resultOf(view, options.resultsRoot, record.name));
      }
      if (!active && !settling) return { views, cancelled, ended: true };
      if (cancelled && Date.now() - cancelledAt > (options.cancelWaitMs ?? 180_000)) {
        events.message(
          `damon-exp: job ${record.jobId} has not stopped yet; not waiting for it any longer (squeue -j ${record.jobId})`,
        );
        return { views, cancelled, ended: false };
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    for (const [signal, handler] of handlers) options.signals.off(signal, handler);
  }
}

/**
 * A submitted job followed as the scheduler runs a local sweep: its tasks' progress through the
 * scheduler's events, then each task's end recorded (finalizeJob, once the job ended), and every
 * run's result, those --resume skipped (`skipped`) first.
 */
export async function followJob(
  record: JobRecord,
  skipped: readonly Run[],
  options: WatchOptions,
): Promise<SweepOutcome> {
  const watched = await watchJob(record, options);
  const views = watched.ended
    ? await finalizeJob(record, watched.views, options.resultsRoot, { cancelled: watched.cancelled })
    : watched.views;
  const results: RunResult[] = [
    ...skipped.map((run) => ({
      id: run.id,
      dir: runPlace(options.resultsRoot, record.name, run.id),
      state: 'skipped' as const,
      errors: [],
      wallMs: 0,
    })),
    ...views.map((v) => resultOf(v, options.resultsRoot, record.name)),
  ];
  return { results, stopped: watched.cancelled };
}

/** The last lines a task printed, for a run directory that records its end (its own error is there). */
function outputTail(sweepDir: string, jobId: string, taskId: number): string | null {
  const file = taskOutput(sweepDir, jobId, taskId);
  // Its last 4 KiB, read from the end: a task's output may be gigabytes.
  const text = readPart(file, 4096, 'tail')?.trim();
  if (!text) return null;
  const lines = text
    .split('\n')
    // Controls (a NUL-filled crash dump, a terminal's escapes) are not words of the task's.
    // eslint-disable-next-line no-control-regex
    .map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').trim())
    .filter((l) => l)
    .slice(-3);
  return lines.length ? `its output (${relative(sweepDir, file)}) ends: ${lines.join(' | ')}` : null;
}

/**
 * Records how each task ended where its run directory does not say: Slurm's state joins the
 * status.json of a task that wrote one, and a task that left no result of its own gets a run
 * directory saying why (an earlier complete result is never displaced). Marks the job finalized.
 */
export async function finalizeJob(
  record: JobRecord,
  views: TaskView[],
  resultsRoot: string,
  options: { cancelled: boolean },
): Promise<TaskView[]> {
  const sweepDir = join(resultsRoot, record.name);
  const finalized: TaskView[] = [];
  for (const view of views) {
    if (view.recorded || view.phase === 'pending' || view.phase === 'running') {
      finalized.push(view);
      continue;
    }
    const run = record.runs[view.taskId]!;
    const dir = view.aside ?? runPlace(resultsRoot, record.name, run.id);
    const slurm = {
      jobId: record.jobId,
      taskId: view.taskId,
      node: view.node,
      ...(view.slurmState ? { state: view.slurmState } : {}),
      exitCode: view.exitCode,
    };
    const current = readRunJson<RunStatus>(dir, RUN_FILES.status);
    if (current?.slurm?.jobId === record.jobId && current.slurm.taskId === view.taskId) {
      // The task wrote its status: Slurm's state joins it, and says why when Slurm ended it.
      const end = {
        taskId: view.taskId,
        state: view.slurmState ?? 'UNKNOWN',
        exitCode: view.exitCode,
        reason: null,
        node: view.node,
      };
      const said = ['COMPLETED', 'FAILED'].includes(end.state) ? [] : [describeEnd(record.jobId, end)];
      await updateStatus(dir, (status) => {
        status.slurm = { ...status.slurm!, ...slurm };
        status.errors = [...status.errors, ...said.filter((e) => !status.errors.includes(e))];
        return true;
      });
      finalized.push({ ...view, errors: [...view.errors, ...said], recorded: true });
      continue;
    }
    const errors = [...view.errors];
    if (options.cancelled && view.slurmState === 'CANCELLED')
      errors.splice(
        0,
        errors.length,
        `Slurm task ${record.jobId}_${view.taskId} was cancelled (a stop of the submitter) before it wrote a result`,
      );
    const tail = outputTail(sweepDir, record.jobId, view.taskId);
    if (tail) errors.push(tail);
    const status: RunStatus = {
      ...newStatus(run.id, record.backend, view.phase === 'interrupted' ? 'interrupted' : 'failed'),
      endedAt: new Date().toISOString(),
      errors,
      slurm,
    };
    const opened = await RunDirectory.open(resultsRoot, record.name, run.id, `${JSON.stringify(run, null, 2)}\n`, {
      resume: true,
      status,
    }).catch(() => null);
    if (opened) await opened.close();
    finalized.push({ ...view, errors, recorded: true });
  }
  await writeJobRecord(sweepDir, {
    ...record,
    finalizedAt: new Date().toISOString(),
    ...(options.cancelled ? { cancelled: true } : {}),
    tasks: finalized,
  });
  return finalized;
}
