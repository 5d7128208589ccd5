// Running resolved runs on the backend each asks for (or auto's choice): one run, or a sweep of
// many, several at once where the backend allows it. The part of `damon-exp run` that a QEMU
// guest needs too (guest-run), without the manifest loader.
//
// A sweep isolates failures: a run that fails is recorded (its directory, status and logs) and
// the others go on, unless --fail-fast. Ctrl-C tears down what runs, keeps what finished, and
// leaves the sweep resumable (--resume skips complete runs of the same resolved run).
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { preflight, RefusedError, runLocal, type LocalOptions, type LocalOutcome } from '../backends/local.js';
import { runQemu } from '../backends/qemu/index.js';
import { KernelError } from '../kernel/errors.js';
import { commandLineKernel } from '../manifest/kernel-path.js';
import { LockError } from '../lock.js';
import type { Run } from '../manifest/run.js';
import { formatDuration, parseDuration } from '../manifest/units.js';
import { ExistingResultError, inspectExisting, lockResults, recordRefusal } from '../record/run-directory.js';
import { addStatusWarnings } from '../record/run-files.js';
import type { Deps } from './command.js';
import { paint, UserError, type Output } from './output.js';
import { Progress, SweepProgress } from './progress.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface Selection {
  values: Record<string, unknown>;
  backend: 'auto' | 'local' | 'qemu' | undefined;
  /** After each run that produced a directory (the host's `run` makes the report here). */
  afterRun?: (dir: string) => Promise<{ warning: string | null }>;
  /** After the runs of a sweep, with every run's result (the host's `run` writes the sweep's index). */
  afterSweep?: (results: RunResult[]) => Promise<string | null>;
}

export interface RunResult {
  id: string;
  dir: string | null;
  state: 'complete' | 'failed' | 'interrupted' | 'running' | 'skipped' | 'not run';
  errors: string[];
  wallMs: number;
}

/** A run that could not even start (refused, or its backend failed before it had a directory). */
class RunFailure extends Error {
  constructor(
    readonly userError: UserError,
    readonly recordable: boolean,
    readonly backend: 'local' | 'qemu' = 'local',
  ) {
    super(userError.message);
  }
}

export async function executeRuns(runs: Run[], selection: Selection, output: Output, deps: Deps): Promise<number> {
  const resultsRoot = resolve(String(selection.values.out));
  // A guest writes into the run directory its host opened, and locked.
  const releaseResults = selection.values['run-dir']
    ? () => undefined
    : await lockResults(resultsRoot, runs[0]!.manifest.name);
  try {
    return await executeLocked(runs, selection, output, deps, resultsRoot);
  } finally {
    releaseResults();
  }
}

async function executeLocked(
  runs: Run[],
  selection: Selection,
  output: Output,
  deps: Deps,
  resultsRoot: string,
): Promise<number> {
  const { values } = selection;
  const signals = deps.signals ?? process;
  const controller = new AbortController();
  const onSignal = (signal: string) => {
    if (!controller.signal.aborted) {
      output.err(
        `damon-exp: ${signal}: stopping; tearing down (this takes a moment, and another ${signal} will not skip it)`,
      );
      controller.abort(signal);
    } else {
      output.err('damon-exp: still tearing down; please wait');
    }
  };
  const handlers = STOP_SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const);
  const sweep = runs.length > 1;
  if (sweep && !values.force && !values.resume) await refuseExisting(runs, resultsRoot);
  const jobs = await decideJobs(runs, selection, output, deps);
  const interactive = process.stderr.isTTY === true && !values.json && !values['plain-progress'];
  const sweepProgress = sweep ? new SweepProgress(output, interactive, runs, jobs) : null;

  for (const [signal, handler] of handlers) signals.on(signal, handler);
  const results: RunResult[] = runs.map((run) => ({ id: run.id, dir: null, state: 'not run', errors: [], wallMs: 0 }));
  let failFast = false;
  try {
    const limit = pLimit(jobs);
    await Promise.all(
      runs.map((run, i) =>
        limit(async () => {
          if (controller.signal.aborted || failFast) return;
          const label = sweep ? `[${i + 1}/${runs.length}] ${run.id}` : run.id;
          const started = performance.now();
          sweepProgress?.started(i);
          const result = await executeOne(run, label, {
            selection,
            output,
            deps,
            controller,
            resultsRoot,
            sweep,
            jobs,
            interactive: interactive && !sweep,
            onStage: (stage) => sweepProgress?.stage(i, stage),
          });
          result.wallMs = Math.round(performance.now() - started);
          results[i] = result;
          sweepProgress?.finished(i, result);
          if (!sweep) reportOne(result, label, output);
          if (result.state !== 'complete' && result.state !== 'skipped' && values['fail-fast'] && !failFast) {
            failFast = true;
            output.err(`damon-exp: --fail-fast: ${run.id} ${result.state}; stopping the sweep`);
            controller.abort('fail-fast');
          }
        }),
      ),
    );
  } finally {
    sweepProgress?.close();
    for (const [signal, handler] of handlers) signals.off(signal, handler);
  }
  if (sweep) output.err(summaryTable(results, output));
  if (selection.afterSweep) {
    const index = await selection.afterSweep(results).catch((error: unknown) => {
      output.err(`damon-exp: warning: no sweep index: ${(error as Error).message}`);
      return null;
    });
    if (index) output.err(`index: ${index}`);
  }
  if (values.json) output.out(JSON.stringify(results, null, 2));
  else for (const r of results) if (r.dir && r.state !== 'not run') output.out(r.dir);
  return results.every((r) => r.state === 'complete' || r.state === 'skipped') && !controller.signal.aborted ? 0 : 1;
}

/** A sweep never mixes with earlier results: without --force or --resume, any existing one stops it before it starts. */
async function refuseExisting(runs: Run[], resultsRoot: string): Promise<void> {
  const existing: string[] = [];
  for (const run of runs) if (await inspectExisting(resultsRoot, run)) existing.push(run.id);
  if (existing.length) {
    throw new UserError(
      `${join(resultsRoot, runs[0]!.manifest.name)} already holds results of ${existing.length} of these ${runs.length} runs (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''})`,
      '--resume skips the complete ones of the same run and re-runs the rest; --force keeps them beside new ones; --dry-run shows which',
    );
  }
}

/** How many runs at once: --jobs for QEMU (a VM each); the local backend always runs one at a time. */
async function decideJobs(runs: Run[], { values, backend }: Selection, output: Output, deps: Deps): Promise<number> {
  const asked = values.jobs === undefined ? 1 : Number(values.jobs);
  if (asked <= 1) return 1;
  const kinds = new Set(runs.map((run) => backend ?? run.backend.kind));
  let local = kinds.has('local');
  if (!local && kinds.has('auto'))
    local = await preflight(
      runs[0]!,
      localOptionsFor(values, deps, new AbortController().signal, () => undefined),
    ).then(
      () => true,
      () => false,
    );
  if (local) {
    output.err(
      `damon-exp: --jobs ${asked}: runs on this host's DAMON go one at a time (one DAMON, and a second experiment would disturb the first one's CPU figures)`,
    );
    return 1;
  }
  return Math.min(asked, runs.length);
}

function localOptionsFor(
  values: Record<string, unknown>,
  deps: Deps,
  abort: AbortSignal,
  onStage: LocalOptions['onStage'],
): LocalOptions {
  const root = String(values['sysfs-root']);
  return {
    resultsRoot: resolve(String(values.out)),
    sysfsRoot: root,
    ...(deps.sysfsFor ? { sysfs: deps.sysfsFor(root) } : {}),
    tracefsRoot: String(values.tracefs),
    ...(values.perf ? { perf: String(values.perf) } : {}),
    env: deps.env ?? process.env,
    ...(deps.lockPath ? { lockPath: deps.lockPath } : {}),
    force: values.force === true,
    resume: values.resume === true,
    abort,
    ...(onStage ? { onStage } : {}),
    ...(values['no-perf-probe'] ? { probePerf: false } : {}),
    ...(values['run-dir'] ? { runDir: String(values['run-dir']), statusBackend: 'qemu' as const } : {}),
  };
}

interface OneContext {
  selection: Selection;
  output: Output;
  deps: Deps;
  controller: AbortController;
  resultsRoot: string;
  sweep: boolean;
  jobs: number;
  interactive: boolean;
  onStage: (stage: string) => void;
}

async function executeOne(run: Run, label: string, context: OneContext): Promise<RunResult> {
  const { selection, output, deps, controller, sweep } = context;
  const { values, backend } = selection;
  const progress = sweep ? null : new Progress(output, context.interactive, label);
  const onStage = (stage: string, detail?: { durationUs?: number; accel?: string }) => {
    context.onStage(stage);
    progress?.stage(stage, detail);
  };
  let outcome: LocalOutcome;
  try {
    outcome = await start(run, label, {
      values,
      backend,
      output,
      deps,
      controller,
      onStage,
      sweep,
      jobs: context.jobs,
    });
  } catch (error) {
    progress?.close();
    if (!(error instanceof RunFailure)) throw error;
    // One run alone: its refusal is the command's error. In a sweep, it is recorded and the sweep goes on.
    if (!sweep) throw error.userError;
    const message = `${error.userError.message}${error.userError.hint ? ` (${error.userError.hint})` : ''}`;
    const dir = error.recordable ? await recordFailure(run, context.resultsRoot, error.backend, message, values) : null;
    return { id: run.id, dir, state: 'failed', errors: [message], wallMs: 0 };
  }
  let afterWarning: string | null = null;
  if (outcome.dir && selection.afterRun) {
    onStage('analysing the trace and writing the report');
    try {
      afterWarning = (await selection.afterRun(outcome.dir)).warning;
    } catch (error) {
      afterWarning = `no report: ${(error as Error).message}`;
    }
    // In status.json too, for index and --resume: a run that completed without data says so.
    if (afterWarning) await addStatusWarnings(outcome.dir, [afterWarning]).catch(() => undefined);
  }
  progress?.close();
  if (!outcome.dir)
    return {
      id: run.id,
      dir: join(context.resultsRoot, run.manifest.name, run.id),
      state: 'skipped',
      errors: [],
      wallMs: 0,
    };
  const status = outcome.status!;
  // In a sweep, runs finish out of order: warnings name the run, not its place.
  for (const warning of [...status.warnings, ...(afterWarning ? [afterWarning] : [])])
    output.err(`${sweep ? run.id : label}: warning: ${warning}`);
  // A result that could not be moved into place is kept where it is, and the run did not succeed.
  if (outcome.notPlaced)
    return {
      id: run.id,
      dir: outcome.dir,
      state: 'failed',
      errors: [...status.errors.filter((e) => e !== outcome.notPlaced), outcome.notPlaced],
      wallMs: 0,
    };
  return { id: run.id, dir: outcome.dir, state: status.state, errors: status.errors, wallMs: 0 };
}

function reportOne(result: RunResult, label: string, output: Output): void {
  if (result.state === 'skipped') output.err(`${label}: skipped (complete already)`);
  else {
    const mark = result.state === 'complete' ? paint(output, 'green', 'complete') : paint(output, 'red', result.state);
    output.err(`${label}: ${mark}${result.errors.length ? `: ${result.errors.join('; ')}` : ''}`);
  }
}

interface StartContext {
  values: Record<string, unknown>;
  backend: Selection['backend'];
  output: Output;
  deps: Deps;
  controller: AbortController;
  onStage: (stage: string, detail?: { durationUs?: number; accel?: string }) => void;
  sweep: boolean;
  jobs: number;
}

/** Chooses the backend and runs; what stops the run from starting becomes a RunFailure. */
async function start(
  run: Run,
  label: string,
  { values, backend, output, deps, controller, onStage, sweep, jobs }: StartContext,
): Promise<LocalOutcome> {
  const localOptions = localOptionsFor(values, deps, controller.signal, onStage);
  let chosen = backend ?? run.backend.kind;
  let why = chosen === 'qemu' ? 'asked for (backend: qemu)' : 'asked for (backend: local)';
  const say = (text: string) => (sweep ? undefined : output.err(text));
  try {
    if (chosen === 'auto') {
      const refusal = await preflight(run, localOptions).then(
        () => null,
        (error: unknown) => {
          if (error instanceof RefusedError) return error;
          throw error;
        },
      );
      chosen = refusal ? 'qemu' : 'local';
      why = refusal
        ? `this host's DAMON cannot serve the run: ${refusal.message}`
        : "this host's DAMON can serve the run";
      say(`${label}: ${chosen} backend: ${why}`);
    }
    const qemu = () =>
      runQemu(run, {
        resultsRoot: localOptions.resultsRoot,
        ...(values.kernel ? { kernel: commandLineKernel(String(values.kernel)) } : {}),
        ...(values.accel ? { accel: values.accel as 'auto' | 'kvm' | 'tcg' } : {}),
        ...(values.append ? { append: String(values.append) } : {}),
        ...(values['boot-timeout'] ? { bootTimeoutMs: parseDuration(String(values['boot-timeout'])) / 1000 } : {}),
        ...(values['guest-timeout'] ? { commandTimeoutMs: parseDuration(String(values['guest-timeout'])) / 1000 } : {}),
        force: localOptions.force,
        resume: localOptions.resume,
        env: localOptions.env,
        abort: controller.signal,
        parallelVms: jobs,
        why,
        onStage: (stage, detail) =>
          onStage(
            stage === 'boot'
              ? `booting the kernel in QEMU (${detail?.accel})`
              : stage === 'kernel-build'
                ? 'building the kernel from its source tree (or taking it from the cache); damon-exp kernel build shows its progress'
                : stage === 'done'
                  ? 'done'
                  : stage,
          ),
      });
    if (chosen === 'qemu') return await qemu();
    try {
      return await runLocal(run, { ...localOptions, why });
    } catch (error) {
      // auto chose this host, but its kernel cannot serve the run (found when probing): QEMU can.
      if (!(backend === undefined && run.backend.kind === 'auto') && backend !== 'auto') throw error;
      if (!(error instanceof RefusedError) || controller.signal.aborted) throw error;
      chosen = 'qemu';
      why = `this host's DAMON cannot serve the run: ${error.message}`;
      say(`${label}: qemu backend: ${why}`);
      return await qemu();
    }
  } catch (error) {
    if (error instanceof RefusedError || error instanceof KernelError) {
      throw new RunFailure(
        new UserError(`cannot run '${run.id}' ${chosen === 'qemu' ? 'in QEMU' : 'here'}: ${error.message}`, error.hint),
        true,
        chosen === 'qemu' ? 'qemu' : 'local',
      );
    }
    if (error instanceof LockError || error instanceof ExistingResultError)
      throw new RunFailure(new UserError(error.message, error.hint), false);
    throw error;
  }
}

/** A run refused before it had a directory still gets one in a sweep: run.json and a failed status. */
async function recordFailure(
  run: Run,
  resultsRoot: string,
  backend: 'local' | 'qemu',
  message: string,
  values: Record<string, unknown>,
): Promise<string | null> {
  try {
    return (
      (
        await recordRefusal(resultsRoot, run, backend, message, {
          force: values.force === true,
          resume: values.resume === true,
        })
      )?.dir ?? null
    );
  } catch {
    return null;
  }
}

function summaryTable(results: RunResult[], output: Output): string {
  const width = Math.max(...results.map((r) => r.id.length), 2);
  const count = (state: RunResult['state']) => results.filter((r) => r.state === state).length;
  const lines = results.map((r) => {
    const state =
      r.state === 'complete' || r.state === 'skipped'
        ? paint(output, 'green', r.state.padEnd(11))
        : paint(output, 'red', r.state.padEnd(11));
    const wall = r.wallMs ? formatDuration(Math.round(r.wallMs / 100) * 100_000) : '';
    return `  ${r.id.padEnd(width)}  ${state}  ${wall.padStart(7)}  ${r.errors.join('; ')}`.trimEnd();
  });
  const totals = (['complete', 'skipped', 'failed', 'interrupted', 'not run'] as const)
    .filter((state) => count(state) > 0)
    .map((state) => `${count(state)} ${state}`)
    .join(', ');
  return [`sweep: ${results.length} runs: ${totals}`, ...lines].join('\n');
}
