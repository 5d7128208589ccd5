// The local backend: runs a Run on this host's DAMON (or on the sysfs tree given), through the
// one executor. Refuses, before changing anything, what it must not touch.
import { DamonExpError } from '../errors.js';
import { executePlan, type ExecutionResult, type Stage } from '../kernel/executor.js';
import { KernelError } from '../kernel/errors.js';
import { acquireLock, defaultLockPath } from '../kernel/lock.js';
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
import { RunDirectory, type ResultFs, type RunState } from '../record/run-directory.js';

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
}

export interface RunStatus {
  format: 'damon-exp.status/1';
  state: RunState;
  runId: string;
  backend: 'local';
  startedAt: string;
  endedAt?: string;
  /** Milliseconds from the start of the execution; checksMs: from the start of the run to its first sysfs write. */
  timings: ExecutionResult['timings'] & { checksMs?: number };
  kdamondPids: Record<number, number>;
  processes: { ref: string; program: string; args: string[]; pid: number | null; exitCode: number | null; signal: string | null; endedOnItsOwn: boolean | null }[];
  errors: string[];
  warnings: string[];
}

export interface LocalOutcome {
  /** null: skipped by --resume. */
  dir: string | null;
  status: RunStatus | null;
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
    throw new RefusedError('damon-exp must run as root to use DAMON sysfs', 'run it with sudo, or use the qemu backend');
  }
  if (!(await sysfs.exists('kdamonds/nr_kdamonds'))) {
    throw new RefusedError(`no DAMON sysfs at ${sysfs.root}`, 'the kernel needs CONFIG_DAMON_SYSFS (Linux 5.18+), and sysfs must be mounted');
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
    if (problem) throw new RefusedError(`cannot run the workload: ${problem}`, 'build native/masim with make setup, or set MASIM=/path/to/masim');
  }
  const perfProgram = options.perf ?? options.env?.PERF ?? process.env.PERF ?? 'perf';
  const perf =
    options.probePerf === false
      ? await perfVersionOnly(perfProgram, options.env ?? process.env)
      : await probePerf(perfProgram, run.events, options.env ?? process.env);
  if (!perf.ok) throw new RefusedError(perf.problem!, perf.hint);
  const warnings = perf.monotonicClock ? [] : ['perf cannot record with -k CLOCK_MONOTONIC here: trace times are on perf\'s clock, not the workloads\''];
  return { sysfs, perf, perfProgram, warnings };
}

export async function runLocal(run: Run, options: LocalOptions): Promise<LocalOutcome> {
  options.onStage?.('preflight');
  const started = performance.now();
  const sysfsRoot = options.sysfs?.root ?? options.sysfsRoot ?? DAMON_ADMIN_ROOT;
  // The lock first: the checks below must still hold when the run starts.
  const release = acquireLock(options.lockPath ?? defaultLockPath(sysfsRoot), sysfsRoot);
  try {
    const checked = await preflight(run, options);
    const stopIfAsked = () => {
      if (options.abort?.aborted) throw new RefusedError(`stopped (${String(options.abort.reason)}) before the run started; nothing was changed`);
    };
    stopIfAsked();
    const checksMs = Math.round(performance.now() - started); // what comes before the first sysfs write
    const caps = await probeCaps(checked.sysfs, options.tracefsRoot ?? '/sys/kernel/tracing');
    stopIfAsked();
    let plan: Plan;
    try {
      plan = buildPlan(run, caps);
    } catch (error) {
      if (error instanceof PlanError) throw new RefusedError(`this kernel cannot serve run '${run.id}': ${error.message}`, error.hint);
      throw error;
    }
    const runJson = `${JSON.stringify(run, null, 2)}\n`;
    const dir = await RunDirectory.open(options.resultsRoot, run.manifest.name, run.id, runJson, { force: options.force, resume: options.resume, fs: options.resultFs });
    if (!dir) return { dir: null, status: null };
    return await execute(run, plan, runJson, dir, { ...checked, checksMs }, options);
  } finally {
    release();
  }
}

async function execute(run: Run, plan: Plan, runJson: string, dir: RunDirectory, checked: Preflight, options: LocalOptions): Promise<LocalOutcome> {
  const status: RunStatus = {
    format: 'damon-exp.status/1',
    state: 'running',
    runId: run.id,
    backend: 'local',
    startedAt: new Date().toISOString(),
    timings: {},
    kdamondPids: {},
    processes: [],
    errors: [],
    warnings: [...checked.warnings],
  };
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
    await dir.write('run.json', runJson);
    await dir.write('plan.json', renderPlanJson(plan));
    await dir.write('plan.sh', renderPlanSh(plan));
    for (const [path, text] of Object.entries(plan.files)) await dir.write(path, text);
    await dir.writeJson('status.json', status);
    await dir.writeJson('env.json', {
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
      if (finishedEarly && result.abortReason === finishedEarly) status.warnings.push(`the recording ended early: ${finishedEarly}`);
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
  const completed = result?.outcome === 'complete' || (result?.outcome === 'aborted' && finishedEarly !== undefined && result.abortReason === finishedEarly);
  status.state = status.errors.length === 0 && completed ? 'complete' : interrupted ? 'interrupted' : 'failed';
  status.endedAt = new Date().toISOString();
  for (const [file, data] of [
    ['kdamond-cpu.json', kdamondCpu],
    ['status.json', status],
  ] as const) {
    try {
      await dir.writeJson(file, data);
    } catch (error) {
      status.state = 'failed';
      status.errors.push(`writing ${file}: ${describe(error)}`);
    }
  }
  options.onStage?.('done');
  return { dir: await dir.close(), status };
}

function describe(error: unknown): string {
  if (error instanceof KernelError) return error.hint ? `${error.message} (${error.hint})` : error.message;
  return error instanceof Error ? error.message : String(error);
}
