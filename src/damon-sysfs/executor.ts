// Executes a Plan against a DAMON sysfs tree: every write retried while the sysfs lock is busy and
// read back, processes started through hooks, and a teardown that always runs and touches only
// what this execution started.
import type { Plan, Step } from '../plan/plan.js';
import { admin, stateOwner } from '../plan/sysfs-tree.js';
import { KernelError } from './errors.js';
import { awaitState, recordFor, stateFile } from './kdamond-state.js';
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
  /** The measured time begins: workloads that wait to be told (masim --wait-start) run their phases. */
  releaseWorkloads?(): void;
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

/** The plan's stages: setup (its steps), the last samples, teardown, and finalize once perf has recorded. */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ExecutionResult> {
  const execution = new Execution(plan, options);
  const recorderRan = await setUp(plan, execution, options);
  await beforeTeardown(execution, options);
  await tearDown(plan, execution, options);
  if (recorderRan) await finalize(plan, execution, options);
  return execution.result;
}

/** The plan's steps until one fails or the run is aborted; whether perf was started. */
async function setUp(plan: Plan, execution: Execution, options: ExecuteOptions): Promise<boolean> {
  const { result } = execution;
  options.onStage?.('setup');
  let recorderRan = false;
  try {
    for (const step of plan.steps) {
      if (options.abort?.aborted) break;
      await execution.run(step);
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
  return recorderRan;
}

async function beforeTeardown(execution: Execution, options: ExecuteOptions): Promise<void> {
  try {
    await options.beforeTeardown?.();
  } catch (error) {
    execution.result.cleanupErrors.push(error as Error);
  }
}

/** Every teardown step, whatever fails before it. */
async function tearDown(plan: Plan, execution: Execution, options: ExecuteOptions): Promise<void> {
  const { result } = execution;
  options.onStage?.('teardown');
  result.timings.teardownStartedAt = execution.elapsed();
  for (const step of plan.teardown) {
    // The nr_kdamonds reset is the plan's last sysfs step of teardown: only for a tree we sized.
    if (step.op === 'write' && !execution.sized) continue;
    await execution.runCollectingErrors(step);
  }
  result.timings.teardownEndedAt = execution.elapsed();
}

/** The trace converted (perf script), once perf has recorded. */
async function finalize(plan: Plan, execution: Execution, options: ExecuteOptions): Promise<void> {
  options.onStage?.('finalize');
  for (const step of plan.finalize) await execution.runCollectingErrors(step);
  execution.result.timings.finalizedAt = execution.elapsed();
}

/**
 * One execution of a plan: how each step is made, and what the execution keeps on its way (the
 * workloads' pids, the ones it started, whether it sized the tree and started perf) and gives back.
 */
class Execution {
  readonly result: ExecutionResult = {
    outcome: 'complete',
    cleanupErrors: [],
    warnings: [],
    kdamondPids: {},
    timings: {},
    clock: {},
  };
  /** Whether nr_kdamonds was written non-zero: the teardown's sysfs writes are for a tree it sized. */
  sized = false;
  private readonly started = performance.now();
  private readonly pids = new Map<string, number>();
  /** The workloads this execution started (not the attached ones): the ones teardown stops. */
  private readonly running = new Set<string>();
  private recording = false;
  private readonly retries: BusyRetries;
  private readonly stateTimeoutMs: number;

  constructor(
    private readonly plan: Plan,
    private readonly options: ExecuteOptions,
  ) {
    this.retries = options.busyRetries ?? DEFAULT_BUSY_RETRIES;
    this.stateTimeoutMs = options.stateTimeoutMs ?? 10_000;
  }

  /** Milliseconds since the execution started. */
  elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  async runCollectingErrors(step: Step): Promise<void> {
    try {
      await this.run(step);
    } catch (error) {
      this.result.cleanupErrors.push(error as Error);
    }
  }

  async run(step: Step): Promise<void> {
    const { hooks } = this.options;
    switch (step.op) {
      case 'write':
        if (step.value === 'on' && stateOwner(step.path) !== null) await hooks.workloadsReady?.();
        // A state file takes commands (on, commit) and reads back on or off.
        return this.write(step.path, step.value, stateOwner(step.path) === null);
      case 'write-pid': {
        const pid = this.pids.get(step.ref);
        if (pid === undefined) throw new Error(`plan bug: the pid of ${step.ref} is written before ${step.ref} starts`);
        return this.write(step.path, String(pid));
      }
      case 'start-workload':
        this.pids.set(step.ref, await hooks.startWorkload(step.ref));
        this.running.add(step.ref);
        return;
      case 'attach-workload':
        await hooks.attachWorkload(step.ref, step.pid);
        this.pids.set(step.ref, step.pid); // not in `running`: teardown leaves it alone
        return;
      case 'start-recorder':
        this.recording = true; // even if starting fails half-way, stopping it is safe
        return hooks.startRecorder(step);
      case 'await-state':
        return this.awaitState(step.kdamond, step.state);
      case 'read-kdamond-pid':
        return this.readKdamondPid(step.kdamond);
      case 'sleep':
        return this.measure(step.us);
      case 'stop-recorder':
        if (this.recording) await hooks.stopRecorder();
        this.recording = false;
        return;
      case 'stop-kdamond':
        return this.stopKdamond(step.kdamond);
      case 'stop-workload':
        if (this.running.has(step.ref)) await hooks.stopWorkload(step.ref);
        this.running.delete(step.ref);
        return;
      case 'convert-trace':
        return hooks.convertTrace(step);
    }
  }

  /** Writes, retrying EBUSY, and reads the value back unless `readBack` is false (a state file's command). */
  private async write(path: string, value: string, readBack = true): Promise<void> {
    const { sysfs } = this.options;
    await writeRetrying(sysfs, path, value, this.retries);
    if (path === admin.kdamonds.nr_kdamonds) this.sized = value !== '0';
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
  }

  private async awaitState(kdamond: number, state: string): Promise<void> {
    await awaitState(this.options.sysfs, kdamond, state, this.stateTimeoutMs);
    if (state === 'on' && this.result.timings.onAt === undefined) {
      this.result.timings.onAt = this.elapsed();
      this.result.clock.onNs = monotonicNs();
    }
  }

  private async readKdamondPid(kdamond: number): Promise<void> {
    const pid = Number(await this.options.sysfs.read(admin.kdamonds.kdamond(kdamond).pid));
    this.result.kdamondPids[kdamond] = pid;
    this.options.hooks.kdamondStarted?.(kdamond, pid);
  }

  /** The measured time: the workloads ready, then the recording's sleep. */
  private async measure(us: number): Promise<void> {
    const { sysfs, hooks, abort, statePollMs } = this.options;
    await hooks.workloadsReady?.();
    this.options.onStage?.('recording', { durationUs: us });
    this.result.clock.measureStartNs = monotonicNs();
    hooks.releaseWorkloads?.();
    const kdamonds = this.plan.layout.kdamonds.map((k) => k.index);
    const stoppedByItself = await recordFor(sysfs, kdamonds, us, {
      ...(abort ? { abort } : {}),
      pollMs: statePollMs ?? 500,
    });
    if (stoppedByItself) this.result.warnings.push(stoppedByItself);
    this.result.clock.measureEndNs = monotonicNs();
    this.result.timings.recordingEndedAt = this.elapsed();
  }

  private async stopKdamond(kdamond: number): Promise<void> {
    const { sysfs } = this.options;
    if (!this.sized) return;
    if ((await sysfs.read(stateFile(kdamond))) !== 'on') return; // stopped by itself
    try {
      await this.write(stateFile(kdamond), 'off', false);
    } catch (error) {
      // It may have stopped between the read and the write (its targets exited).
      if ((await sysfs.read(stateFile(kdamond))) === 'on') throw error;
    }
    await this.awaitState(kdamond, 'off');
  }
}

function sameValue(actual: string, written: string): boolean {
  const a = actual.trim();
  const w = written.trim();
  return a === w || (/^-?[0-9]+$/.test(a) && /^-?[0-9]+$/.test(w) && BigInt(a) === BigInt(w));
}
