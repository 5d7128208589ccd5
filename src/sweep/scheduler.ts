// Running resolved runs on the backend each asks for (or auto's choice, made once per run with one
// preflight): one run, or a sweep of many, several at once where the backend allows it.
//
// A sweep isolates failures: a run that fails is recorded (its directory, status and logs) and
// the others go on, unless failFast. A stop signal tears down what runs, keeps what finished, and
// leaves the sweep resumable (resume skips complete runs of the same resolved run).
import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { Slots } from './slots.js';
import { chooseBackend, type BackendChoice, type Backends, type Chosen } from '../backends/choose.js';
import { DamonExpError } from '../util/errors.js';
import { LockError } from '../util/lock.js';
import type { Run } from '../manifest/run.js';
import { ExistingResultError, inspectExisting, lockResults, lockRuns, recordRefusal } from '../record/run-directory.js';
import { addStatusWarnings, recordValidity, runPlace } from '../record/run-files.js';
import type { Validity } from '../analysis/validity.js';
import { BackendRefusal, RefusedError, type BackendKind } from '../backends/backend.js';
import type { RunOutcome, StageDetail } from '../record/outcome.js';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface RunResult {
  id: string;
  dir: string | null;
  state: 'complete' | 'failed' | 'interrupted' | 'running' | 'skipped' | 'not run';
  errors: string[];
  wallMs: number;
  /** Whether the run's own data vouch for its numbers, once analysed (analysis/validity.ts). */
  validity?: { verdict: 'ok' | 'suspect'; headline: string | null };
}

/** What the scheduler tells whoever shows progress (the command line draws it; a test records it). */
export interface SchedulerEvents {
  /** A diagnostic line (a stop asked for, the number of runs at once). */
  message(text: string): void;
  started(index: number): void;
  /** The backend that serves the run, and why (auto's choice is worth saying). */
  chose(index: number, backend: { kind: BackendKind; why: string; auto: boolean }): void;
  stage(index: number, stage: string, detail?: StageDetail): void;
  finished(index: number, result: RunResult): void;
  /** How many runs go at once, decided before the first starts. */
  jobs?(jobs: number): void;
}

/** What the scheduler takes of a request (sweep/request.ts: scheduleOf), as it is. */
export interface Schedule {
  resultsRoot: string;
  /** Overrides each run's backend.kind. */
  backend?: BackendChoice;
  /** Runs at once, where the backend allows it. */
  jobs: number;
  failFast: boolean;
  force: boolean;
  resume: boolean;
  /** Write the one run into this directory (a guest: its host opened, and locked, the results). */
  runDir?: string;
  /**
   * What the runner locks: the results directory and its runs (default), or its runs only (a Slurm
   * task, whose submitter may hold the results directory while it waits for the job).
   */
  lockScope?: 'results' | 'runs';
}

/** What the scheduler runs with: the backends, where signals arrive, and who hears of the runs. */
export interface SchedulerWorld {
  backends: Backends;
  /** Where SIGINT, SIGTERM and SIGHUP arrive. */
  signals: EventEmitter;
  /** After each run that produced a directory (the host makes the report here); its warning goes into status.json. */
  afterRun?(dir: string): Promise<AfterRun>;
  events: SchedulerEvents;
}

export type SchedulerOptions = Schedule & SchedulerWorld;

/** What the analysis after a run found: a warning for status.json, and the run's validity. */
export interface AfterRun {
  warning: string | null;
  validity?: Validity | null;
}

export interface SweepOutcome {
  results: RunResult[];
  /** Whether a signal or --fail-fast stopped it. */
  stopped: boolean;
}

/** A run that could not start when it was the only one: the command's error. */
export class RunNotStarted extends DamonExpError {}

export async function runRuns(runs: Run[], schedule: Schedule, world: SchedulerWorld): Promise<SweepOutcome> {
  const options: SchedulerOptions = { ...schedule, ...world };
  if (runs.length === 0) return { results: [], stopped: false };
  if (options.runDir) return runLocked(runs, options);
  const releaseResults =
    options.lockScope === 'runs' ? () => undefined : await lockResults(options.resultsRoot, runs[0]!.manifest.name);
  try {
    const releaseRuns = await lockRuns(options.resultsRoot, runs);
    try {
      return await runLocked(runs, options);
    } finally {
      releaseRuns();
    }
  } finally {
    releaseResults();
  }
}

async function runLocked(runs: Run[], options: SchedulerOptions): Promise<SweepOutcome> {
  const { events } = options;
  const controller = new AbortController();
  const onSignal = (signal: string) => {
    if (!controller.signal.aborted) {
      events.message(
        `damon-exp: ${signal}: stopping; tearing down (this takes a moment, and another ${signal} will not skip it)`,
      );
      controller.abort(signal);
    } else events.message('damon-exp: still tearing down; please wait');
  };
  const handlers = STOP_SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const);
  const sweep = runs.length > 1;
  if (sweep && !options.force && !options.resume) await refuseExisting(runs, options.resultsRoot);
  for (const [signal, handler] of handlers) options.signals.on(signal, handler);
  // Each run's backend is chosen once, with its preflight; the first one's decides --jobs.
  const choices = new Map<number, Promise<Chosen>>();
  const choose = (i: number) => {
    let choice = choices.get(i);
    if (!choice) {
      choice = chooseBackend(runs[i]!, options.backend, options.backends, {
        abort: controller.signal,
        onStage: (stage) => events.stage(i, stage),
      });
      choices.set(i, choice);
    }
    return choice;
  };
  const results: RunResult[] = runs.map((run) => ({ id: run.id, dir: null, state: 'not run', errors: [], wallMs: 0 }));
  // Each backend's runs at once, from preflight to end: --jobs is the most of all backends together.
  const slots = {
    local: new Slots(options.backends.local.maxParallel),
    qemu: new Slots(options.backends.qemu.maxParallel),
  };
  let failFast = false;
  try {
    const jobs = await decideJobs(runs, options, choose);
    events.jobs?.(jobs);
    const limit = pLimit(jobs);
    await Promise.all(
      runs.map((run, i) =>
        limit(async () => {
          if (controller.signal.aborted || failFast) return;
          const started = performance.now();
          const result = await runOne(run, i, { options, controller, sweep, jobs, choose, slots });
          result.wallMs = Math.round(performance.now() - started);
          results[i] = result;
          events.finished(i, result);
          if (result.state !== 'complete' && result.state !== 'skipped' && options.failFast && !failFast) {
            failFast = true;
            events.message(`damon-exp: --fail-fast: ${run.id} ${result.state}; stopping the sweep`);
            controller.abort('fail-fast');
          }
        }),
      ),
    );
  } finally {
    for (const [signal, handler] of handlers) options.signals.off(signal, handler);
    // A choice made (for --jobs) for a run that never ran gives back what its preflight holds.
    for (const [i, choice] of choices) {
      if (results[i]!.state === 'not run') void choice.then((c) => c.checked.release()).catch(() => undefined);
    }
  }
  return { results, stopped: controller.signal.aborted };
}

/** A sweep never mixes with earlier results: without force or resume, any existing one stops it before it starts. */
async function refuseExisting(runs: Run[], resultsRoot: string): Promise<void> {
  const existing: string[] = [];
  for (const run of runs) if (await inspectExisting(resultsRoot, run)) existing.push(run.id);
  if (existing.length) throw existingResults(join(resultsRoot, runs[0]!.manifest.name), existing, runs.length);
}

/** The refusal of a sweep over earlier results (`existing`: their run ids) without --resume or --force. */
export function existingResults(sweepDir: string, existing: string[], total: number): RunNotStarted {
  return new RunNotStarted(
    `${sweepDir} already holds results of ${existing.length} of these ${total} runs (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''})`,
    '--resume skips the complete ones of the same run and re-runs the rest; --force keeps them beside new ones; --dry-run shows which',
  );
}

/** How many runs at once: as asked for QEMU (a VM each); this host's DAMON serves one at a time. */
async function decideJobs(
  runs: Run[],
  options: SchedulerOptions,
  choose: (i: number) => Promise<Chosen>,
): Promise<number> {
  if (options.jobs <= 1) return 1;
  const kinds = new Set(runs.map((run) => options.backend ?? run.backend.kind));
  let local = kinds.has('local');
  // auto: the first run's choice (kept for the run itself) tells.
  if (!local && kinds.has('auto'))
    local = await choose(0).then(
      (c) => c.backend.kind === 'local',
      () => false,
    );
  if (local) {
    options.events.message(
      `damon-exp: --jobs ${options.jobs}: runs on this host's DAMON go one at a time (one DAMON, and a second experiment would disturb the first one's CPU figures)`,
    );
    return 1;
  }
  return Math.min(options.jobs, runs.length);
}

interface RunContext {
  options: SchedulerOptions;
  controller: AbortController;
  sweep: boolean;
  jobs: number;
  choose(i: number): Promise<Chosen>;
  slots: Record<BackendKind, Slots>;
}

async function runOne(
  run: Run,
  i: number,
  { options, controller, sweep, jobs, choose, slots }: RunContext,
): Promise<RunResult> {
  // auto tries this host first: its slot is held through the preflight, and given back for QEMU's
  // when the choice falls there.
  let kind: BackendKind = (options.backend ?? run.backend.kind) === 'qemu' ? 'qemu' : 'local';
  let release = await slots[kind].acquire();
  try {
    if (controller.signal.aborted) return { id: run.id, dir: null, state: 'not run', errors: [], wallMs: 0 };
    return await runInSlot(run, i, { options, controller, sweep, jobs, choose, slots }, kind, async (chosen) => {
      if (chosen === kind) return;
      release();
      release = await slots[chosen].acquire();
    });
  } finally {
    release();
  }
}

async function runInSlot(
  run: Run,
  i: number,
  { options, controller, sweep, jobs, choose }: RunContext,
  asked: BackendKind,
  moveTo: (kind: BackendKind) => Promise<void>,
): Promise<RunResult> {
  const { events } = options;
  events.started(i);
  events.stage(i, 'preflight');
  let outcome: RunOutcome;
  let kind = asked;
  try {
    const chosen = await choose(i);
    kind = chosen.backend.kind;
    await moveTo(kind);
    events.chose(i, { kind, why: chosen.why, auto: chosen.auto });
    outcome = await chosen.backend.run(run, chosen.checked, {
      resultsRoot: options.resultsRoot,
      force: options.force,
      resume: options.resume,
      runDir: options.runDir,
      abort: controller.signal,
      onStage: (stage, detail) => events.stage(i, stage, detail),
      why: chosen.why,
      parallel: jobs,
    });
  } catch (error) {
    const failure = notStarted(run, error, kind);
    // One run alone: its refusal is the command's error. In a sweep, it is recorded and the sweep goes on.
    if (!sweep) throw failure.error;
    const message = `${failure.error.message}${failure.error.hint ? ` (${failure.error.hint})` : ''}`;
    const dir = failure.backend ? await recordFailure(run, options, failure.backend, message) : null;
    return { id: run.id, dir, state: 'failed', errors: [message], wallMs: 0 };
  }
  if (!outcome.dir)
    return {
      id: run.id,
      dir: runPlace(options.resultsRoot, run.manifest.name, run.id),
      state: 'skipped',
      errors: [],
      wallMs: 0,
    };
  const status = outcome.status!;
  let validity: Validity | null = null;
  if (options.afterRun) {
    events.stage(i, 'analysing the trace and writing the report');
    let warning: string | null;
    try {
      ({ warning, validity = null } = await options.afterRun(outcome.dir));
    } catch (error) {
      warning = `no report: ${(error as Error).message}`;
    }
    // In status.json too, for index and --resume: a run that completed without data says so.
    if (warning) {
      status.warnings.push(warning);
      await addStatusWarnings(outcome.dir, [warning]).catch(() => undefined);
    }
    if (validity) await recordValidity(outcome.dir, validity).catch(() => undefined);
  }
  for (const warning of status.warnings) events.message(`${run.id}: warning: ${warning}`);
  const judged = validity ? { validity: { verdict: validity.verdict, headline: validity.headline } } : {};
  // A result that could not be moved into place is kept where it is, and the run did not succeed.
  if (outcome.notPlaced)
    return {
      id: run.id,
      dir: outcome.dir,
      state: 'failed',
      errors: [...status.errors.filter((e) => e !== outcome.notPlaced), outcome.notPlaced],
      wallMs: 0,
      ...judged,
    };
  return { id: run.id, dir: outcome.dir, state: status.state, errors: status.errors, wallMs: 0, ...judged };
}

/**
 * Why a run did not start, and which backend's directory records it (none: another runner's lock,
 * an existing result).
 */
function notStarted(
  run: Run,
  error: unknown,
  kind: BackendKind,
): { error: RunNotStarted; backend: BackendKind | null } {
  if (error instanceof RefusedError) {
    const backend = error instanceof BackendRefusal ? error.backend : kind;
    const where = backend === 'qemu' ? 'in QEMU' : 'here';
    return { error: new RunNotStarted(`cannot run '${run.id}' ${where}: ${error.message}`, error.hint), backend };
  }
  if (error instanceof LockError || error instanceof ExistingResultError)
    return { error: new RunNotStarted(error.message, error.hint), backend: null };
  throw error;
}

/** A run refused before it had a directory still gets one in a sweep: run.json and a failed status. */
async function recordFailure(
  run: Run,
  options: SchedulerOptions,
  backend: BackendKind,
  message: string,
): Promise<string | null> {
  try {
    return (
      (
        await recordRefusal(options.resultsRoot, run, backend, message, {
          force: options.force,
          resume: options.resume,
        })
      )?.dir ?? null
    );
  } catch {
    return null;
  }
}
