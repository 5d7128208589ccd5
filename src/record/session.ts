// One recording session: the workloads and perf started around the plan's execution, kdamond CPU
// sampled while it runs, and the run directory's files and status written as it ends, whatever
// ends it. The local backend opens the directory and the preflight; this records into it.
import { executePlan, type ExecutionResult, type ProcessHooks } from '../damon-sysfs/executor.js';
import type { Sysfs } from '../damon-sysfs/sysfs.js';
import type { Run } from '../manifest/run.js';
import type { Plan } from '../plan/plan.js';
import { renderPlanSh } from '../plan/render-sh.js';
import type { RunOutcome, StageDetail } from './outcome.js';
import { captureEnvironment } from './environment.js';
import { masimProgram } from './masim-program.js';
import type { PerfProbe } from './perf.js';
import { LocalProcesses } from './processes.js';
import type { RunDirectory } from './run-directory.js';
import { RUN_FILES, type RunStatus } from './run-files.js';
import { SessionSamplers, type Measurements } from './session-samplers.js';
import { describe, sessionStatus, type SessionEvents } from './session-status.js';

export interface SessionOptions {
  sysfs: Sysfs;
  perf: PerfProbe;
  perfProgram: string;
  /** From the start of the run to its first sysfs write (the capability probe). */
  checksMs: number;
  env?: NodeJS.ProcessEnv;
  procRoot?: string;
  cpuIntervalMs?: number;
  /** How often workloads' memory and schemes' counters are sampled (default: 30 samples a run, 250 ms to 1 s apart). */
  sampleIntervalMs?: number;
  abort?: AbortSignal;
  why: string;
  onStage?(stage: string, detail?: StageDetail): void;
  /** Run the TLB refresher while the run measures (a QEMU TCG guest): its program and interval. */
  tlbRefresh?: { program: string; intervalUs: number };
  /** false: leave the recording unconverted (masim.data only), for the host of a QEMU guest to convert. */
  convertTrace?: boolean;
}

export async function recordSession(
  run: Run,
  plan: Plan,
  dir: RunDirectory,
  status: RunStatus,
  options: SessionOptions,
): Promise<RunOutcome> {
  const ending = new SessionEnding(options.abort);
  const processes = startProcesses(plan, dir, options, ending);
  const samplers = new SessionSamplers(plan, options);
  const happened: Pick<SessionEvents, 'result' | 'thrown'> = {};
  try {
    await writeRunFiles(run, plan, dir, options);
    happened.result = await execute(plan, processes, samplers, ending.signal, options);
  } catch (error) {
    happened.thrown = { error };
  } finally {
    ending.release();
  }
  await processes.stopTlbRefresh();
  const measured = await samplers.measurements();
  Object.assign(
    status,
    sessionStatus(status, {
      ...happened,
      ...(ending.finishedEarly !== undefined ? { finishedEarly: ending.finishedEarly } : {}),
      schemeProblems: measured.schemeStats.problems,
      checksMs: options.checksMs,
      processes: processes.records,
      endedAt: new Date().toISOString(),
    }),
  );
  await writeResults(dir, status, measured);
  options.onStage?.('done');
  const closed = await dir.close();
  return { dir: closed.dir, status, ...(closed.notPlaced ? { notPlaced: closed.notPlaced } : {}) };
}

/**
 * What ends a session early: the caller's abort (Ctrl-C, a timeout), a process of ours that ended
 * on its own, or a workload that finished (complete: `finishedEarly` says why).
 */
class SessionEnding {
  private readonly controller = new AbortController();
  finishedEarly: string | undefined;
  private readonly forward = () => this.controller.abort(this.outer?.reason ?? 'interrupted');

  constructor(private readonly outer: AbortSignal | undefined) {
    if (outer?.aborted) this.forward();
    outer?.addEventListener('abort', this.forward, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  unexpectedExit(reason: string): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  workloadFinished(reason: string): void {
    if (this.controller.signal.aborted) return;
    this.finishedEarly = reason;
    this.controller.abort(reason);
  }

  /** The caller's abort no longer concerns this session. */
  release(): void {
    this.outer?.removeEventListener('abort', this.forward);
  }
}

function startProcesses(plan: Plan, dir: RunDirectory, options: SessionOptions, ending: SessionEnding) {
  return new LocalProcesses({
    plan,
    dir: dir.tmp,
    perf: options.perfProgram,
    perfMonotonicClock: options.perf.monotonicClock,
    perfControl: options.perf.control,
    env: options.env,
    ...(options.tlbRefresh ? { tlbRefresh: options.tlbRefresh } : {}),
    onUnexpectedExit: (reason) => ending.unexpectedExit(reason),
    onWorkloadFinished: (reason) => ending.workloadFinished(reason),
  });
}

/** plan.sh, the plan's files (masim configs) and env.json, before anything runs. */
async function writeRunFiles(run: Run, plan: Plan, dir: RunDirectory, options: SessionOptions): Promise<void> {
  await dir.write(RUN_FILES.planSh, renderPlanSh(plan));
  for (const [path, text] of Object.entries(plan.files)) await dir.write(path, text);
  await dir.writeJson(RUN_FILES.env, {
    ...(await captureEnvironment({
      perfVersion: options.perf.version,
      perfMonotonicClock: options.perf.monotonicClock,
      masimPrograms: plan.workloads.flatMap((w) => (w.kind === 'masim' ? [masimProgram(w.binary, options.env)] : [])),
      manifestFile: run.manifest.file,
      manifestSha256: run.manifest.sha256,
    })),
    backend: { kind: 'local', why: options.why, sysfsRoot: options.sysfs.root },
  });
}

/** The plan executed with our processes, the samplers told of each workload and kdamond. */
function execute(
  plan: Plan,
  processes: LocalProcesses,
  samplers: SessionSamplers,
  abort: AbortSignal,
  options: SessionOptions,
): Promise<ExecutionResult> {
  const hooks: ProcessHooks = {
    startWorkload: async (ref) => {
      const pid = await processes.startWorkload(ref);
      samplers.memory.add(ref, pid);
      return pid;
    },
    attachWorkload: async (ref, pid) => {
      await processes.attachWorkload(ref, pid);
      samplers.memory.add(ref, pid);
    },
    workloadsReady: () => processes.workloadsReady(),
    releaseWorkloads: () => processes.releaseWorkloads(),
    stopWorkload: (ref) => processes.stopWorkload(ref),
    startRecorder: (step) => processes.startRecorder(step),
    stopRecorder: () => processes.stopRecorder(),
    // A QEMU guest leaves it to its host, where perf script takes a tenth of a second, not seconds.
    convertTrace: (step) => (options.convertTrace === false ? Promise.resolve() : processes.convertTrace(step)),
    kdamondStarted: (k: number, pid: number) => {
      samplers.cpu.add(k, pid);
      samplers.schemeStats.add(k);
    },
  };
  return executePlan(plan, {
    sysfs: options.sysfs,
    hooks,
    abort,
    // The last samples while the kdamonds and workloads still run, then the processes may end quietly.
    beforeTeardown: async () => {
      processes.quiet();
      await samplers.stopTogether();
      await processes.stopTlbRefresh();
    },
    onStage: (stage, detail) => options.onStage?.(stage, detail),
  });
}

/** The samplers' files, then status.json; a file that cannot be written fails the run. */
async function writeResults(dir: RunDirectory, status: RunStatus, measured: Measurements): Promise<void> {
  const files: [string, unknown][] = [
    [RUN_FILES.kdamondCpu, measured.kdamondCpu],
    [RUN_FILES.memory, measured.memory],
    ...(measured.schemeStats.schemes.length
      ? [[RUN_FILES.schemeStats, measured.schemeStats] as [string, unknown]]
      : []),
  ];
  for (const [file, data] of files) {
    try {
      await dir.writeJson(file, data);
    } catch (error) {
      status.state = 'failed';
      status.errors.push(`writing ${file}: ${describe(error)}`);
    }
  }
  try {
    await dir.writeStatus(status);
  } catch (error) {
    status.state = 'failed';
    status.errors.push(`writing ${RUN_FILES.status}: ${describe(error)}`);
  }
}
