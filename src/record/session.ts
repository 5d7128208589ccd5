// One recording session: the workloads and perf started around the plan's execution, kdamond CPU
// sampled while it runs, and the run directory's files and status written as it ends, whatever
// ends it. The local backend opens the directory and the preflight; this records into it.
import { fileError, isOsError } from '../util/errors.js';
import { executePlan, type ExecutionResult } from '../damon-sysfs/executor.js';
import { KernelError } from '../damon-sysfs/errors.js';
import type { Sysfs } from '../damon-sysfs/sysfs.js';
import type { Run } from '../manifest/run.js';
import type { Plan } from '../plan/plan.js';
import { renderPlanSh } from '../plan/render-sh.js';
import type { RunOutcome, StageDetail } from './outcome.js';
import { KdamondCpuSampler, type KdamondCpu } from './cpu.js';
import { captureEnvironment } from './environment.js';
import { masimProgram } from './masim-program.js';
import type { PerfProbe } from './perf.js';
import { MemorySampler, type WorkloadMemory } from './memory.js';
import { LocalProcesses } from './processes.js';
import { SchemeStatsSampler, type SchemeStats } from './scheme-stats.js';
import type { RunDirectory } from './run-directory.js';
import { RUN_FILES, type RunStatus } from './run-files.js';

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
}

export async function recordSession(
  run: Run,
  plan: Plan,
  dir: RunDirectory,
  status: RunStatus,
  options: SessionOptions,
): Promise<RunOutcome> {
  const abort = new AbortController();
  let finishedEarly: string | undefined;
  const forward = () => abort.abort(options.abort?.reason ?? 'interrupted');
  if (options.abort?.aborted) forward();
  options.abort?.addEventListener('abort', forward, { once: true });
  const processes = new LocalProcesses({
    plan,
    dir: dir.tmp,
    perf: options.perfProgram,
    perfMonotonicClock: options.perf.monotonicClock,
    perfControl: options.perf.control,
    env: options.env,
    ...(options.tlbRefresh ? { tlbRefresh: options.tlbRefresh } : {}),
    onUnexpectedExit: (reason) => {
      if (!abort.signal.aborted) abort.abort(reason);
    },
    onWorkloadFinished: (reason) => {
      if (abort.signal.aborted) return;
      finishedEarly = reason;
      abort.abort(reason);
    },
  });
  const cpu = new KdamondCpuSampler(options.procRoot ?? '/proc', options.cpuIntervalMs ?? 1000);
  const sampleMs = options.sampleIntervalMs ?? Math.min(1000, Math.max(250, Math.round(plan.durationUs / 1000 / 30)));
  // The workloads are real processes even where the kdamonds are not (the sysfs emulator's, under procRoot).
  const memory = new MemorySampler('/proc', sampleMs);
  const schemeStats = new SchemeStatsSampler(options.sysfs, plan, sampleMs);
  let memoryUse: WorkloadMemory | undefined;
  let schemeCounters: SchemeStats | undefined;
  let kdamondCpu: KdamondCpu | undefined;
  let result: ExecutionResult | undefined;
  try {
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
    result = await executePlan(plan, {
      sysfs: options.sysfs,
      hooks: {
        startWorkload: async (ref) => {
          const pid = await processes.startWorkload(ref);
          memory.add(ref, pid);
          return pid;
        },
        attachWorkload: async (ref, pid) => {
          await processes.attachWorkload(ref, pid);
          memory.add(ref, pid);
        },
        workloadsReady: () => processes.workloadsReady(),
        stopWorkload: (ref) => processes.stopWorkload(ref),
        startRecorder: (step) => processes.startRecorder(step),
        stopRecorder: () => processes.stopRecorder(),
        convertTrace: (step) => processes.convertTrace(step),
        kdamondStarted: (k: number, pid: number) => {
          cpu.add(k, pid);
          schemeStats.add(k);
        },
      },
      abort: abort.signal,
      // The last samples while the kdamonds and workloads still run, then the processes may end quietly.
      beforeTeardown: async () => {
        processes.quiet();
        [kdamondCpu, memoryUse, schemeCounters] = await Promise.all([
          cpu.stop(),
          memory.stop(),
          schemeStats.stop(statsPatienceMs(plan)),
        ]);
        await processes.stopTlbRefresh();
      },
      onStage: (stage, detail) => options.onStage?.(stage, detail),
    });
  } catch (error) {
    status.errors.push(describe(error));
  } finally {
    options.abort?.removeEventListener('abort', forward);
  }
  await processes.stopTlbRefresh();
  kdamondCpu ??= await cpu.stop();
  memoryUse ??= await memory.stop();
  schemeCounters ??= await schemeStats.stop(statsPatienceMs(plan));
  if (schemeCounters.problems.length) status.warnings.push(...schemeCounters.problems);
  if (result) {
    status.warnings.push(...result.warnings);
    status.timings = { checksMs: options.checksMs, ...result.timings };
    status.clock = result.clock;
    status.kdamondPids = result.kdamondPids;
    if (result.error) status.errors.push(describe(result.error));
    if (result.outcome === 'aborted' && !result.error) {
      if (finishedEarly && result.abortReason === finishedEarly)
        status.warnings.push(`the recording ended early: ${finishedEarly}`);
      else status.errors.push(`stopped early: ${result.abortReason}`);
    }
    status.errors.push(...result.cleanupErrors.map((e) => `cleaning up: ${describe(e)}`));
  }
  status.processes = processes.records.map((p) => ({
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
  }));
  const interrupted = result?.outcome === 'aborted' && /^SIG/.test(result.abortReason ?? '');
  const completed =
    result?.outcome === 'complete' ||
    (result?.outcome === 'aborted' && finishedEarly !== undefined && result.abortReason === finishedEarly);
  status.state = status.errors.length === 0 && completed ? 'complete' : interrupted ? 'interrupted' : 'failed';
  status.endedAt = new Date().toISOString();
  const measured: [string, unknown][] = [
    [RUN_FILES.kdamondCpu, kdamondCpu],
    [RUN_FILES.memory, memoryUse],
    ...(schemeCounters.schemes.length ? [[RUN_FILES.schemeStats, schemeCounters] as [string, unknown]] : []),
  ];
  for (const [file, data] of measured) {
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
  options.onStage?.('done');
  const closed = await dir.close();
  return { dir: closed.dir, status, ...(closed.notPlaced ? { notPlaced: closed.notPlaced } : {}) };
}

/**
 * How long the last scheme counters may take once the measurement ended: a kdamond answers
 * update_schemes_stats within an aggregation interval or so; one busy applying a scheme (a slow
 * VM paging out) may not answer for many seconds, and its run is not held up for it (its counters
 * are those of the last answer, and its validity says so).
 */
function statsPatienceMs(plan: Plan): number {
  const aggrMs = plan.layout.kdamonds.flatMap((k) => k.contexts.map((c) => c.attrs.aggrUs / 1000));
  return Math.max(2000, 3 * Math.max(0, ...aggrMs));
}

function describe(error: unknown): string {
  if (error instanceof KernelError) return error.hint ? `${error.message} (${error.hint})` : error.message;
  if (isOsError(error)) return fileError(error).message;
  return error instanceof Error ? error.message : String(error);
}
