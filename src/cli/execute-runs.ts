// `damon-exp run` and `guest-run` on the command line: the scheduler (sweep/scheduler.ts) with the
// backends built from typed options, its progress drawn on stderr, its results on stdout.
import { EventEmitter } from 'node:events';
import { localBackend, type LocalBackendOptions } from '../backends/local.js';
import { qemuBackend } from '../backends/qemu/index.js';
import type { QemuBackendOptions } from '../backends/qemu/options.js';
import type { Backends } from '../backends/choose.js';
import type { Run } from '../manifest/run.js';
import { describeActions } from '../plan/actions.js';
import { runRuns, type AfterRun, type RunResult, type Schedule, type SchedulerEvents } from '../sweep/scheduler.js';
import { rerunReasons } from '../sweep/dry-run.js';
import { paint, type Output } from './output.js';
import { readRunJson, RUN_FILES, type RunStatus } from '../record/run-files.js';
import { Progress, SweepProgress } from './progress.js';
import { formatDuration } from '../util/format.js';

export type { RunResult };

export interface ExecuteOptions {
  /** Where the results go and how the runs are run, as the scheduler takes it. */
  schedule: Schedule;
  json: boolean;
  /** Stage lines only, never a live line (the guest's console is a file). */
  plainProgress: boolean;
  local: LocalBackendOptions;
  qemu: QemuBackendOptions;
  /** Backends instead of the local and qemu ones the options describe (tests). */
  backends?: Partial<Backends>;
  /** Where SIGINT, SIGTERM and SIGHUP arrive; default this process. */
  signals?: EventEmitter;
  /** After each run that produced a directory (the host's `run` makes the report here). */
  afterRun?: (dir: string) => Promise<AfterRun>;
  /** After the runs of a sweep, with every run's result (the host's `run` writes the sweep's index). */
  afterSweep?: (results: RunResult[]) => Promise<string | null>;
  /** A suspect run makes the exit status 1 (--strict). */
  strict?: boolean;
}

/** Runs the runs; prints their directories (or JSON) on stdout; 0 when every run completed or was skipped. */
export async function executeRuns(runs: Run[], options: ExecuteOptions, output: Output): Promise<number> {
  const sweep = runs.length > 1;
  const interactive = process.stderr.isTTY === true && !options.json && !options.plainProgress;
  // In a guest, the machine schemes act on is the VM: nothing to warn its host about.
  const sayActions = options.local.statusBackend !== 'qemu';
  const { resume, force, runDir, resultsRoot } = options.schedule;
  // What changed since a result --resume does not keep, or --force sets aside, said as its run
  // starts (only said: the scheduler meets, and reports, whatever makes it fail).
  const reasons =
    (resume || force) && !runDir ? await rerunReasons(runs, resultsRoot, { resume, force }).catch(() => []) : [];
  const view = sweep
    ? new SweepView(output, interactive, runs, sayActions, reasons)
    : new SingleView(output, interactive, runs[0]!, sayActions, reasons[0] ?? null);
  let outcome: Awaited<ReturnType<typeof runRuns>>;
  try {
    outcome = await runRuns(runs, options.schedule, {
      backends: {
        local: options.backends?.local ?? localBackend(options.local),
        qemu: options.backends?.qemu ?? qemuBackend(options.qemu),
      },
      signals: options.signals ?? process,
      afterRun: options.afterRun,
      events: view,
    });
  } finally {
    view.close();
  }
  return finishSweep(outcome.results, { ...options, stopped: outcome.stopped }, output);
}

/**
 * How a sweep ends, wherever its runs ran (here, or as Slurm's tasks): the summary, the index (and
 * figures), the result directories (or JSON: `json`, by default the results) on stdout; 0 when
 * every run completed or was skipped and nothing stopped it.
 */
export async function finishSweep(
  results: RunResult[],
  options: {
    json: boolean;
    stopped: boolean;
    afterSweep?: ((results: RunResult[]) => Promise<string | null>) | undefined;
    jsonValue?: unknown;
    /** A suspect run (analysis/validity.ts) makes the exit status 1. */
    strict?: boolean | undefined;
  },
  output: Output,
): Promise<number> {
  if (results.length > 1) output.err(summaryTable(results, output));
  const suspects = results.flatMap((r) => {
    const validity = r.validity ?? (r.dir && r.state !== 'not run' ? storedValidity(r.dir) : null);
    return validity?.verdict === 'suspect' ? [{ ...r, validity }] : [];
  });
  if (options.afterSweep) {
    const index = await options.afterSweep(results).catch((error: unknown) => {
      output.err(`damon-exp: warning: no sweep index: ${(error as Error).message}`);
      return null;
    });
    if (index) output.err(`index: ${index}`);
  }
  for (const r of suspects)
    output.err(
      `damon-exp: warning: ${r.id} is suspect: ${r.validity.headline ?? 'its own data do not vouch for its numbers'} (see ${r.dir}/report.html)`,
    );
  if (suspects.length && results.length > 1)
    output.err(
      `damon-exp: ${suspects.length} of ${results.length} runs are suspect: index, figures and compare leave them out unless --include-suspect`,
    );
  if (options.json) output.out(JSON.stringify(options.jsonValue ?? results, null, 2));
  else for (const r of results) if (r.dir && r.state !== 'not run') output.out(r.dir);
  const finished = results.every((r) => r.state === 'complete' || r.state === 'skipped') && !options.stopped;
  return finished && !(options.strict && suspects.length) ? 0 : 1;
}

/** A run's validity as its status.json keeps it (a run skipped as complete, a Slurm task's). */
function storedValidity(dir: string): RunResult['validity'] | null {
  try {
    const validity = readRunJson<RunStatus>(dir, RUN_FILES.status)?.validity;
    return validity ? { verdict: validity.verdict, headline: validity.headline ?? null } : null;
  } catch {
    return null;
  }
}

/** One run: a line per stage (a live line while recording on a terminal), then its outcome. */
class SingleView implements SchedulerEvents {
  private readonly progress: Progress;

  constructor(
    private readonly output: Output,
    interactive: boolean,
    private readonly run: Run,
    private readonly sayActions: boolean,
    private readonly rerun: string | null,
  ) {
    this.progress = new Progress(output, interactive, run.id);
  }

  message(text: string): void {
    this.output.err(text);
  }
  started(): void {
    if (this.rerun) this.output.err(`${this.run.id}: ${this.rerun}`);
  }
  chose(_index: number, backend: { kind: string; why: string; auto: boolean }): void {
    if (backend.auto) this.output.err(`${this.run.id}: ${backend.kind} backend: ${backend.why}`);
    if (backend.kind === 'local' && this.sayActions) sayLocalActions(this.output, this.run);
  }
  stage(_index: number, stage: string, detail?: { durationUs?: number }): void {
    this.progress.stage(stage, detail);
  }
  finished(_index: number, result: RunResult): void {
    this.progress.close();
    if (result.state === 'skipped') this.output.err(`${this.run.id}: skipped (complete already)`);
    else {
      const mark =
        result.state === 'complete' ? paint(this.output, 'green', 'complete') : paint(this.output, 'red', result.state);
      this.output.err(`${this.run.id}: ${mark}${result.errors.length ? `: ${result.errors.join('; ')}` : ''}`);
    }
  }
  close(): void {
    this.progress.close();
  }
}

/** A sweep: a line per finished run, and on a terminal a live line of what runs, with an ETA. */
export class SweepView implements SchedulerEvents {
  private progress: SweepProgress | null = null;

  constructor(
    private readonly output: Output,
    private readonly interactive: boolean,
    private readonly runs: Run[],
    private readonly sayActions: boolean,
    private readonly reasons: (string | null)[] = [],
  ) {}

  private view(): SweepProgress {
    this.progress ??= new SweepProgress(this.output, this.interactive, this.runs, 1);
    return this.progress;
  }
  message(text: string): void {
    this.output.err(text);
  }
  jobs(jobs: number): void {
    this.progress?.close();
    this.progress = new SweepProgress(this.output, this.interactive, this.runs, jobs);
  }
  started(index: number): void {
    const rerun = this.reasons[index];
    if (rerun) this.view().note(`${this.runs[index]!.id}: ${rerun}`);
    this.view().started(index);
  }
  chose(index: number, backend: { kind: string }): void {
    const run = this.runs[index];
    const layout = JSON.stringify(run?.layout);
    // Once per distinct layout: a sweep of many runs with the same schemes says it once.
    if (backend.kind === 'local' && this.sayActions && run && !this.saidActions.has(layout)) {
      this.saidActions.add(layout);
      sayLocalActions(this.output, run);
    }
  }
  private readonly saidActions = new Set<string>();
  stage(index: number, stage: string): void {
    this.view().stage(index, stage);
  }
  finished(index: number, result: RunResult): void {
    this.view().finished(index, result);
  }
  close(): void {
    this.progress?.close();
  }
}

export function summaryTable(results: RunResult[], output: Output): string {
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

/** Schemes act on this host's memory: say which actions, on which processes, before they do. */
function sayLocalActions(output: Output, run: Run): void {
  for (const line of describeActions(run)) output.err(`${run.id}: DAMOS on this host: ${line}`);
}
