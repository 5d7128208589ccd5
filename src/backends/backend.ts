// What the scheduler asks of a backend: whether it can serve a run here (preflight), and to run it
// into its run directory (run). Everything a backend takes is data (the resolved run, typed
// options) and everything it gives back is in the run directory (status.json names the outcome),
// so a run can execute in another process, on another machine, as long as the directory is shared.
import { DamonExpError } from '../util/errors.js';
import type { Run } from '../manifest/run.js';
import type { RunOutcome, StageDetail } from '../record/outcome.js';

export type BackendKind = 'local' | 'qemu';

/** A reason this backend cannot serve the run, found before anything was changed, with what to do. */
export class RefusedError extends DamonExpError {}

/** A preflight that refused, with the backend that refused (the run's directory names it). */
export class BackendRefusal extends RefusedError {
  constructor(
    readonly backend: BackendKind,
    error: DamonExpError,
  ) {
    super(error.message, error.hint);
  }
}

export interface RunRequest {
  resultsRoot: string;
  force: boolean;
  resume: boolean;
  /**
   * Write the run into this directory as it is, instead of results/<name>/<id>: the qemu
   * backend's guest writes into the run directory its host opened (and moves into place).
   */
  runDir?: string;
  /** Aborting (Ctrl-C, SIGTERM, --fail-fast) ends the run early; teardown still runs. */
  abort: AbortSignal;
  /** A stage as words a user reads ('booting the kernel in QEMU (tcg)'), or a known stage name. */
  onStage(stage: string, detail?: StageDetail): void;
  /** Why this backend serves the run (auto's choice), for env.json. */
  why: string;
  /** How many runs of this backend run at once (TCG gives each VM one host thread beyond one). */
  parallel: number;
}

/**
 * What a preflight found, for its run; `release` gives back what it holds (the sysfs lock) when the
 * run does not follow.
 */
export interface Checked {
  release(): void;
}

export interface PreflightContext {
  abort: AbortSignal;
  /** A preflight that takes long (a kernel built from its source) says so. */
  onStage?(stage: string): void;
}

export interface Backend<C extends Checked = Checked> {
  readonly kind: BackendKind;
  /** Runs of this backend that may run at once (this host's DAMON: one). */
  readonly maxParallel: number;
  /** Everything that would make the run touch what it must not, or fail half-way: RefusedError says what. */
  preflight(run: Run, context: PreflightContext): Promise<C>;
  /** Runs the run that `checked` is the preflight of, and releases it. */
  run(run: Run, checked: C, request: RunRequest): Promise<RunOutcome>;
}

/** A run on its own (tests, one-off callers): its request's fields, defaulted where a lone run does not care. */
export type LoneRun = Partial<RunRequest> & { resultsRoot: string };

/** One run on its own: its backend's preflight, then the run. */
export async function runAlone<C extends Checked>(
  backend: Backend<C>,
  run: Run,
  options: LoneRun,
): Promise<RunOutcome> {
  const abort = options.abort ?? new AbortController().signal;
  const onStage = options.onStage ?? (() => undefined);
  onStage('preflight');
  const checked = await backend.preflight(run, { abort, onStage });
  return backend.run(run, checked, {
    resultsRoot: options.resultsRoot,
    force: options.force ?? false,
    resume: options.resume ?? false,
    ...(options.runDir ? { runDir: options.runDir } : {}),
    abort,
    onStage,
    why: options.why ?? 'asked for',
    parallel: options.parallel ?? 1,
  });
}
