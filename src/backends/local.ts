// The local backend: runs a Run on this host's DAMON (or on the sysfs tree given), through the
// one executor. Refuses, before changing anything, what it must not touch.
import { DamonExpError, fileError, isOsError } from '../errors.js';
import { executePlan, type ExecutionResult, type Stage } from '../kernel/executor.js';
import { KernelError } from '../kernel/errors.js';
import { lockSysfs } from '../kernel/lock.js';
import { existingKdamonds, probeCaps } from '../kernel/probe.js';
import { DAMON_ADMIN_ROOT, FsSysfs, type Sysfs } from '../kernel/sysfs.js';
import { withRetryingReads } from '../kernel/write.js';
import type { Run } from '../manifest/run.js';
import { buildPlan, PlanError } from '../plan/build.js';
import type { Plan } from '../plan/plan.js';
import { renderPlanJson } from '../plan/render-json.js';
import { renderPlanSh } from '../plan/render-sh.js';
import { KdamondCpuSampler, type KdamondCpu } from '../record/cpu.js';
import { captureEnvironment } from '../record/environment.js';
import { checkProgram, masimProgram } from '../record/masim-program.js';
import { perfVersionOnly, probePerf, type PerfProbe } from '../record/perf.js';
import { LocalProcesses } from '../record/processes.js';
import { RunDirectory, type ResultFs } from '../record/run-directory.js';
import { newStatus, RUN_FILES, type RunStatus } from '../record/run-files.js';

/** A reason this host cannot serve the run, with what to do. */
export class RefusedError extends DamonExpError {}

export interface LocalOptions {
  resultsRoot: string;
  sysfsRoot?: string;
  /** For tests: the sysfs tree to use instead of the files under sysfsRoot. */
  sysfs?: Sysfs;
  tracefsRoot?: string;
  procRoot?: string;
  perf?: string;
  env?: NodeJS.ProcessEnv;
  lockPath?: string;
  force?: boolean;
  resume?: boolean;
  resultFs?: ResultFs;
  /** Aborting (Ctrl-C, SIGTERM) ends the run early; teardown still runs. */
  abort?: AbortSignal;
  onStage?(stage: Stage | 'preflight' | 'done', detail?: { durationUs?: number }): void;
  /** Why this backend serves the run (auto's choice), for env.json. */
  why?: string;
  cpuIntervalMs?: number;
  /**
   * Whether to probe perf with a short recording first. The qemu guest skips it: under TCG it
   * costs ten seconds, and perf that cannot record fails as clearly when the recording starts.
   */
  probePerf?: boolean;
  /**
   * Write the run into this directory as it is, instead of results/<name>/<id>: the qemu
   * backend's guest writes into the run directory its host opened (and moves into place).
   */
  runDir?: string;
  /** The backend status.json names: the guest of the qemu backend says qemu. */
  statusBackend?: RunStatus['backend'];
}

export interface LocalOutcome {
  /** null: skipped by --resume. */
  dir: string | null;
  status: RunStatus | null;
  /** Why the result is not in its place, when it could not be moved there (it is in `dir`). */
  notPlaced?: string;
}

interface Preflight {
  /** From the start of the run to its first sysfs write (the capability probe). */
  checksMs?: number;
  sysfs: Sysfs;
  perf: PerfProbe;
  perfProgram: string;
  warnings: string[];
}

/** Checks everything that would make the run touch what it must not, or fail half-way. */
export async function preflight(run: Run, options: LocalOptions): Promise<Preflight> {
  const sysfsRoot = options.sysfsRoot ?? DAMON_ADMIN_ROOT;
  const sysfs = withRetryingReads(options.sysfs ?? new FsSysfs(sysfsRoot));
  if (!options.sysfs && sysfsRoot === DAMON_ADMIN_ROOT && process.getuid?.() !== 0) {
    throw new RefusedError(
      'damon-exp must run as root to use DAMON sysfs',
      'run it with sudo, or use the qemu backend',
    );
  }
  if (!(await sysfs.exists('kdamonds/nr_kdamonds'))) {
    throw new RefusedError(
      `no DAMON sysfs at ${sysfs.root}`,
      'the kernel needs CONFIG_DAMON_SYSFS (Linux 5.18+), and sysfs must be mounted',
    );
  }
  const kdamonds = await existingKdamonds(sysfs);
  const running = kdamonds.filter((k) => k.state === 'on');
  if (running.length) {
    throw new RefusedError(
      `DAMON is in use by someone else: ${running.map((k) => `kdamond ${k.index} (thread ${k.pid})`).join(', ')} ${running.length === 1 ? 'is' : 'are'} running`,
      'damon-exp never stops kdamonds it did not start; stop them with the tool that started them (damo stop, or echo off > .../state), or use the qemu backend',
    );
  }
  if (kdamonds.length) {
    throw new RefusedError(
      `DAMON sysfs holds ${kdamonds.length} kdamond${kdamonds.length === 1 ? '' : 's'} set up by someone else (stopped)`,
      `if they are yours, remove them with: echo 0 > ${sysfs.root}/kdamonds/nr_kdamonds`,
    );
  }
  for (const workload of Object.values(run.workloads)) {
    if (workload.kind !== 'masim') continue;
    const problem = await checkProgram(masimProgram(workload.binary, options.env));
    if (problem)
      throw new RefusedError(
        `cannot run the workload: ${problem}`,
        'build native/masim with make setup, or set MASIM=/path/to/masim',
      );
  }
  const perfProgram = options.perf ?? options.env?.PERF ?? process.env.PERF ?? 'perf';
  const perf =
    options.probePerf === false
      ? await perfVersionOnly(perfProgram, options.env ?? process.env)
      : await probePerf(perfProgram, run.events, options.env ?? process.env);
  if (!perf.ok) throw new RefusedError(perf.problem!, perf.hint);
  const warnings = perf.monotonicClock
    ? []
    : ["perf cannot record with -k CLOCK_MONOTONIC here: trace times are on perf's clock, not the workloads'"];
  return { sysfs, perf, perfProgram, warnings };
}

export async function runLocal(run: Run, options: LocalOptions): Promise<LocalOutcome> {
  options.onStage?.('preflight');
  const started = performance.now();
  const sysfsRoot = options.sysfs?.root ?? options.sysfsRoot ?? DAMON_ADMIN_ROOT;
  // The lock first: the checks below must still hold when the run starts.
  const release = lockSysfs(sysfsRoot, options.lockPath);
  try {
    const checked = await preflight(run, options);
    const stopIfAsked = () => {
      if (options.abort?.aborted)
        throw new RefusedError(`stopped (${String(options.abort.reason)}) before the run started; nothing was changed`);
    };
    stopIfAsked();
    const checksMs = Math.round(performance.now() - started); // what comes before the first sysfs write
    const caps = await probeCaps(checked.sysfs, options.tracefsRoot ?? '/sys/kernel/tracing');
    stopIfAsked();
    let plan: Plan;
    try {
      plan = buildPlan(run, caps);
    } catch (error) {
      if (error instanceof PlanError)
        throw new RefusedError(`this kernel cannot serve run '${run.id}': ${error.message}`, error.hint);
      throw error;
    }
    const runJson = `${JSON.stringify(run, null, 2)}\n`;
    const status = newStatus(run.id, options.statusBackend ?? 'local');
    status.warnings.push(...checked.warnings);
    const opening = { status, planJson: renderPlanJson(plan), ...(options.resultFs ? { fs: options.resultFs } : {}) };
    const dir = options.runDir
      ? await RunDirectory.adopt(options.runDir, status, { ...opening, runJson })
      : await RunDirectory.open(options.resultsRoot, run.manifest.name, run.id, runJson, {
          ...opening,
          force: options.force,
          resume: options.resume,
        });
    if (!dir) return { dir: null, status: null };
    return await execute(run, plan, dir, status, { ...checked, checksMs }, options);
  } finally {
    release();
  }
}

async function execute(
  run: Run,
  plan: Plan,
  dir: RunDirectory,
  status: RunStatus,
  checked: Preflight,
  options: LocalOptions,
): Promise<LocalOutcome> {
  const abort = new AbortController();
  let finishedEarly: string | undefined;
  const forward = () => abort.abort(options.abort?.reason ?? 'interrupted');
  if (options.abort?.aborted) forward();
  options.abort?.addEventListener('abort', forward, { once: true });
  const processes = new LocalProcesses({
    plan,
    dir: dir.tmp,
    perf: checked.perfProgram,
    perfMonotonicClock: checked.perf.monotonicClock,
    perfControl: checked.perf.control,
    env: options.env,
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
  let kdamondCpu: KdamondCpu | undefined;
  let result: ExecutionResult | undefined;
  try {
    await dir.write(RUN_FILES.planSh, renderPlanSh(plan));
    for (const [path, text] of Object.entries(plan.files)) await dir.write(path, text);
    await dir.writeJson(RUN_FILES.env, {
      ...(await captureEnvironment({
        perfVersion: checked.perf.version,
        perfMonotonicClock: checked.perf.monotonicClock,
        masimPrograms: plan.workloads.flatMap((w) => (w.kind === 'masim' ? [masimProgram(w.binary, options.env)] : [])),
        manifestFile: run.manifest.file,
        manifestSha256: run.manifest.sha256,
      })),
      backend: { kind: 'local', why: options.why ?? 'asked for', sysfsRoot: checked.sysfs.root },
    });
    result = await executePlan(plan, {
      sysfs: checked.sysfs,
      hooks: Object.assign(processes, { kdamondStarted: (k: number, pid: number) => cpu.add(k, pid) }),
      abort: abort.signal,
      // The last CPU samples while the kdamonds still run, then the processes may end quietly.
      beforeTeardown: async () => {
        processes.quiet();
        kdamondCpu = await cpu.stop();
      },
      onStage: (stage, detail) => options.onStage?.(stage, detail),
    });
  } catch (error) {
    status.errors.push(describe(error));
  } finally {
    options.abort?.removeEventListener('abort', forward);
  }
  kdamondCpu ??= await cpu.stop();
  if (result) {
    status.warnings.push(...result.warnings);
    status.timings = { checksMs: checked.checksMs, ...result.timings };
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
  }));
  const interrupted = result?.outcome === 'aborted' && /^SIG/.test(result.abortReason ?? '');
  const completed =
    result?.outcome === 'complete' ||
    (result?.outcome === 'aborted' && finishedEarly !== undefined && result.abortReason === finishedEarly);
  status.state = status.errors.length === 0 && completed ? 'complete' : interrupted ? 'interrupted' : 'failed';
  status.endedAt = new Date().toISOString();
  try {
    await dir.writeJson(RUN_FILES.kdamondCpu, kdamondCpu);
  } catch (error) {
    status.state = 'failed';
    status.errors.push(`writing ${RUN_FILES.kdamondCpu}: ${describe(error)}`);
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

function describe(error: unknown): string {
  if (error instanceof KernelError) return error.hint ? `${error.message} (${error.hint})` : error.message;
  if (isOsError(error)) return fileError(error).message;
  return error instanceof Error ? error.message : String(error);
}
