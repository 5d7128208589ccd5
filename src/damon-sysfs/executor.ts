// Executes a Plan against a DAMON sysfs tree: every write retried while the sysfs lock is busy and
// read back, processes started through hooks, and a teardown that always runs and touches only
// what this execution started.
import type { Plan, Step } from '../plan/plan.js';
import { admin, stateOwner } from '../plan/sysfs-tree.js';
import { KernelError } from './errors.js';
import { DEFAULT_BUSY_RETRIES, writeRetrying, type BusyRetries } from './write.js';
import type { Sysfs } from './sysfs.js';

/** What the executor asks of the world outside sysfs: processes, perf. */
export interface ProcessHooks {
  /** Starts workload `ref`; resolves to its pid once it runs. */
  startWorkload(ref: string): Promise<number>;
  /**
   * Resolves once every workload started has set itself up (masim: mapped its regions), awaited
   * before DAMON is switched on (or, without DAMON, before the measured time): the workloads
   * start one after another but set themselves up side by side.
   */
  workloadsReady?(): Promise<void>;
  /** Ends workload `ref` by its pid, if it still runs. */
  stopWorkload(ref: string): Promise<void>;
  /** Checks that process `pid`, which runs already and is not ours, is there to monitor. */
  attachWorkload(ref: string, pid: number): Promise<void>;
  startRecorder(step: Extract<Step, { op: 'start-recorder' }>): Promise<void>;
  /** Stops perf (SIGINT) and waits for it to write its file. */
  stopRecorder(): Promise<void>;
  convertTrace(step: Extract<Step, { op: 'convert-trace' }>): Promise<void>;
  /** DAMON is on: kdamond `index` runs as thread `pid`. */
  kdamondStarted?(index: number, pid: number): void;
}

export type Stage = 'setup' | 'recording' | 'teardown' | 'finalize';

export interface ExecuteOptions {
  sysfs: Sysfs;
  hooks: ProcessHooks;
  /** Aborting ends the steps early (Ctrl-C, a workload that died); teardown still runs. */
  abort?: AbortSignal;
  onStage?(stage: Stage, detail?: { durationUs?: number }): void;
  /** Attempts and first delay for writes that fail with EBUSY (the delay doubles). */
  busyRetries?: BusyRetries;
  /** How long a kdamond may take to reach a state. */
  stateTimeoutMs?: number;
  /** Awaited when the measurement ends, before anything is torn down (the last CPU samples). */
  beforeTeardown?(): Promise<void>;
  /** How often the recording checks that DAMON still runs. */
  statePollMs?: number;
}

export interface ExecutionResult {
  outcome: 'complete' | 'aborted' | 'failed';
  /** Why the steps did not complete. */
  error?: Error;
  abortReason?: string;
  /** Problems while tearing down or converting the trace (each step still ran). */
  cleanupErrors: Error[];
  /** Things worth knowing that did not fail the run (the kdamonds stopped by themselves). */
  warnings: string[];
  kdamondPids: Record<number, number>;
  /** Milliseconds since the start of the execution, for the run's status. */
  timings: {
    onAt?: number;
    recordingEndedAt?: number;
    teardownStartedAt?: number;
    teardownEndedAt?: number;
    finalizedAt?: number;
  };
  /**
   * CLOCK_MONOTONIC (ns), the clock of the trace (perf -k CLOCK_MONOTONIC), of masim's phase log
   * and of the samplers: when the first kdamond was on, and the measurement's window (the
   * recording's sleep, which a run without DAMON has too).
   */
  clock: { onNs?: number; measureStartNs?: number; measureEndNs?: number };
}

/** CLOCK_MONOTONIC in ns (Node's hrtime is CLOCK_MONOTONIC on Linux). */
const monotonicNs = (): number => Number(process.hrtime.bigint());

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function abortableDelay(ms: number, abort?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      abort?.removeEventListener('abort', done);
      resolve();
    }
    abort?.addEventListener('abort', done, { once: true });
  });
}

export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ExecutionResult> {
  const { sysfs, hooks } = options;
  const retries = options.busyRetries ?? DEFAULT_BUSY_RETRIES;
  const stateTimeoutMs = options.stateTimeoutMs ?? 10_000;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pids = new Map<string, number>();
  const running = new Set<string>();
  let sized = false;
  let recording = false;
  const result: ExecutionResult = {
    outcome: 'complete',
    cleanupErrors: [],
    warnings: [],
    kdamondPids: {},
    timings: {},
    clock: {},
  };

  const write = async (path: string, value: string, readBack = true) => {
    await writeRetrying(sysfs, path, value, retries);
    if (path === admin.kdamonds.nr_kdamonds) sized = value !== '0';
    if (!readBack) return;
    const actual = await sysfs.read(path);
    if (!sameValue(actual, value)) {
      throw new KernelError(
        `wrote '${value}' to ${sysfs.root}/${path} but it reads back '${actual}'`,
        path,
        undefined,
        'another tool may be writing DAMON sysfs at the same time',
      );
    }
  };

  /** Kdamond `k`'s state file. */
  const stateFile = (k: number) => admin.kdamonds.kdamond(k).state;

  const awaitState = async (kdamond: number, state: string) => {
    const deadline = performance.now() + stateTimeoutMs;
    for (;;) {
      const now = await sysfs.read(stateFile(kdamond));
      if (now === state) return;
      if (performance.now() > deadline) {
        throw new KernelError(
          `kdamond ${kdamond} did not turn ${state} within ${stateTimeoutMs / 1000} s (it reads '${now}')`,
          stateFile(kdamond),
          undefined,
        );
      }
      await delay(10);
    }
  };

  /** Sleeps through the recording; ends early on abort, or when every kdamond has stopped by itself. */
  const record = async (us: number) => {
    const deadline = performance.now() + us / 1000;
    const pollMs = options.statePollMs ?? 500;
    while (!options.abort?.aborted) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      await abortableDelay(Math.min(left, pollMs), options.abort);
      if (options.abort?.aborted || performance.now() >= deadline) return;
      const states = await Promise.all(plan.layout.kdamonds.map((k) => sysfs.read(stateFile(k.index)))).catch(
        () => null,
      );
      if (plan.layout.kdamonds.length && states?.every((state) => state !== 'on')) {
        // an unreadable state is no news: look again later
        result.warnings.push(
          `every kdamond stopped by itself ${((us / 1000 - left) / 1000).toFixed(1)} s into the recording (their target processes exited): the trace is shorter than planned`,
        );
        return;
      }
    }
  };

  const run = async (step: Step) => {
    switch (step.op) {
      case 'write':
        if (step.value === 'on' && stateOwner(step.path) !== null) await hooks.workloadsReady?.();
        // A state file takes commands (on, commit) and reads back on or off.
        return write(step.path, step.value, stateOwner(step.path) === null);
      case 'write-pid': {
        const pid = pids.get(step.ref);
        if (pid === undefined) throw new Error(`plan bug: the pid of ${step.ref} is written before ${step.ref} starts`);
        return write(step.path, String(pid));
      }
      case 'start-workload': {
        const pid = await hooks.startWorkload(step.ref);
        pids.set(step.ref, pid);
        running.add(step.ref);
        return;
      }
      case 'attach-workload':
        await hooks.attachWorkload(step.ref, step.pid);
        pids.set(step.ref, step.pid); // not in `running`: teardown leaves it alone
        return;
      case 'start-recorder':
        recording = true; // even if starting fails half-way, stopping it is safe
        await hooks.startRecorder(step);
        return;
      case 'await-state':
        await awaitState(step.kdamond, step.state);
        if (step.state === 'on' && result.timings.onAt === undefined) {
          result.timings.onAt = elapsed();
          result.clock.onNs = monotonicNs();
        }
        return;
      case 'read-kdamond-pid': {
        const pid = Number(await sysfs.read(admin.kdamonds.kdamond(step.kdamond).pid));
        result.kdamondPids[step.kdamond] = pid;
        hooks.kdamondStarted?.(step.kdamond, pid);
        return;
      }
      case 'sleep':
        await hooks.workloadsReady?.();
        options.onStage?.('recording', { durationUs: step.us });
        result.clock.measureStartNs = monotonicNs();
        await record(step.us);
        result.clock.measureEndNs = monotonicNs();
        result.timings.recordingEndedAt = elapsed();
        return;
      case 'stop-recorder':
        if (recording) await hooks.stopRecorder();
        recording = false;
        return;
      case 'stop-kdamond':
        if (!sized) return;
        if ((await sysfs.read(stateFile(step.kdamond))) !== 'on') return; // stopped by itself
        try {
          await write(stateFile(step.kdamond), 'off', false);
        } catch (error) {
          // It may have stopped between the read and the write (its targets exited).
          if ((await sysfs.read(stateFile(step.kdamond))) === 'on') throw error;
        }
        await awaitState(step.kdamond, 'off');
        return;
      case 'stop-workload':
        if (running.has(step.ref)) await hooks.stopWorkload(step.ref);
        running.delete(step.ref);
        return;
      case 'convert-trace':
        return hooks.convertTrace(step);
    }
  };

  options.onStage?.('setup');
  let recorderRan = false;
  try {
    for (const step of plan.steps) {
      if (options.abort?.aborted) break;
      await run(step);
      if (step.op === 'start-recorder') recorderRan = true;
    }
    if (options.abort?.aborted) {
      result.outcome = 'aborted';
      result.abortReason = String(options.abort.reason ?? 'aborted');
    }
  } catch (error) {
    result.outcome = options.abort?.aborted ? 'aborted' : 'failed';
    if (options.abort?.aborted) result.abortReason = String(options.abort.reason ?? 'aborted');
    result.error = error as Error;
  }

  try {
    await options.beforeTeardown?.();
  } catch (error) {
    result.cleanupErrors.push(error as Error);
  }
  options.onStage?.('teardown');
  result.timings.teardownStartedAt = elapsed();
  for (const step of plan.teardown) {
    // The nr_kdamonds reset is the plan's last sysfs step of teardown: only for a tree we sized.
    if (step.op === 'write' && !sized) continue;
    try {
      await run(step);
    } catch (error) {
      result.cleanupErrors.push(error as Error);
    }
  }
  result.timings.teardownEndedAt = elapsed();

  if (recorderRan) {
    options.onStage?.('finalize');
    for (const step of plan.finalize) {
      try {
        await run(step);
      } catch (error) {
        result.cleanupErrors.push(error as Error);
      }
    }
    result.timings.finalizedAt = elapsed();
  }
  return result;
}

function sameValue(actual: string, written: string): boolean {
  const a = actual.trim();
  const w = written.trim();
  return a === w || (/^-?[0-9]+$/.test(a) && /^-?[0-9]+$/.test(w) && BigInt(a) === BigInt(w));
}
