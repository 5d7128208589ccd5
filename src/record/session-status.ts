// How what happened in a recording session becomes its status: what was thrown around the
// execution, the executor's outcome (its error, an abort, a workload that finished and ended the
// recording early, the kdamonds that stopped by themselves, teardown's errors), the samplers'
// problems and the processes' ends give the run's state, errors and warnings. Pure: data in, data out.
import { fileError, isOsError } from '../util/errors.js';
import type { ExecutionResult } from '../damon-sysfs/executor.js';
import { KernelError } from '../damon-sysfs/errors.js';
import type { ProcessRecord } from './processes.js';
import type { ProcessStatus, RunStatus } from './run-files.js';

export interface SessionEvents {
  /** What the executor gave back; absent when something was thrown before it returned. */
  result?: ExecutionResult;
  /** What was thrown around the execution (writing the run's first files, an executor bug). */
  thrown?: { error: unknown };
  /** Why a workload that finished ended the recording early: the run is complete, with a warning. */
  finishedEarly?: string;
  /** What the scheme counters' sampler could not do (warnings). */
  schemeProblems: string[];
  /** From the start of the run to its first sysfs write. */
  checksMs: number;
  processes: readonly ProcessRecord[];
  endedAt: string;
}

/** `status` (as the session began) with what happened: a new status, `status` untouched. */
export function sessionStatus(status: RunStatus, events: SessionEvents): RunStatus {
  const { result, finishedEarly } = events;
  const errors = [...status.errors];
  const warnings = [...status.warnings];
  if (events.thrown) errors.push(describe(events.thrown.error));
  warnings.push(...events.schemeProblems);
  if (result) {
    warnings.push(...result.warnings);
    if (result.error) errors.push(describe(result.error));
    if (result.outcome === 'aborted' && !result.error) {
      if (finishedEarly && result.abortReason === finishedEarly)
        warnings.push(`the recording ended early: ${finishedEarly}`);
      else errors.push(`stopped early: ${result.abortReason}`);
    }
    errors.push(...result.cleanupErrors.map((e) => `cleaning up: ${describe(e)}`));
  }
  const interrupted = result?.outcome === 'aborted' && /^SIG/.test(result.abortReason ?? '');
  const completed =
    result?.outcome === 'complete' ||
    (result?.outcome === 'aborted' && finishedEarly !== undefined && result.abortReason === finishedEarly);
  return {
    ...status,
    warnings,
    ...(result
      ? {
          timings: { checksMs: events.checksMs, ...result.timings },
          clock: result.clock,
          kdamondPids: result.kdamondPids,
        }
      : {}),
    errors,
    processes: events.processes.map(processStatus),
    state: errors.length === 0 && completed ? 'complete' : interrupted ? 'interrupted' : 'failed',
    endedAt: events.endedAt,
  };
}

function processStatus(p: ProcessRecord): ProcessStatus {
  return {
    ref: p.ref,
    program: p.program,
    args: p.args,
    pid: p.pid,
    exitCode: p.exit?.exitCode ?? null,
    signal: p.exit?.signal ?? null,
    endedOnItsOwn: p.exit ? p.exit.unexpected : null,
    wallMs:
      p.exit?.unexpected && p.startedMs !== null && p.endedMs !== null ? Math.round(p.endedMs - p.startedMs) : null,
    ...(p.endedNs !== null ? { endedNs: p.endedNs } : {}),
  };
}

/** An error as status.json says it: a kernel error with its hint, a file error with its path. */
export function describe(error: unknown): string {
  if (error instanceof KernelError) return error.hint ? `${error.message} (${error.hint})` : error.message;
  if (isOsError(error)) return fileError(error).message;
  return error instanceof Error ? error.message : String(error);
}
