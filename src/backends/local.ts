// The local backend: runs a Run on this host's DAMON (or on the sysfs tree given), through the
// one executor. Its preflight refuses, before changing anything, what it must not touch, and
// finds everything the run needs (perf, the kernel's capabilities, the plan): the run reuses it.
import { admin } from '../plan/sysfs-tree.js';
import { lockSysfs } from '../damon-sysfs/lock.js';
import { KernelError } from '../damon-sysfs/errors.js';
import { existingKdamonds, probeCaps } from '../damon-sysfs/probe.js';
import { DAMON_ADMIN_ROOT, FsSysfs, type Sysfs } from '../damon-sysfs/sysfs.js';
import { withRetryingReads } from '../damon-sysfs/write.js';
import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import type { Run } from '../manifest/run.js';
import { actingSchemes, refusedOnThisHost } from '../plan/actions.js';
import { UPSTREAM_CAPS } from '../plan/caps.js';
import { buildPlan, PlanError } from '../plan/build.js';
import type { Plan } from '../plan/plan.js';
import { renderPlanJson } from '../plan/render-json.js';
import { checkProgram, masimProgram } from '../record/masim-program.js';
import { perfVersionOnly, probePerf, type EarlyPerfVersion, type PerfProbe } from '../record/perf.js';
import { RunDirectory, type ResultFs } from '../record/run-directory.js';
import { newStatus, type RunStatus } from '../record/run-files.js';
import { recordSession } from '../record/session.js';
import { tlbRefreshProgram } from '../record/tlb-refresh.js';
import {
  BackendRefusal,
  RefusedError,
  type Backend,
  type Checked,
  runAlone,
  type LoneRun,
  type RunRequest,
} from './backend.js';
import type { RunOutcome } from '../record/outcome.js';
import { setupCommand } from '../util/places.js';

export interface LocalBackendOptions {
  sysfsRoot?: string;
  /** For tests: the sysfs tree to use instead of the files under sysfsRoot. */
  sysfs?: Sysfs;
  tracefsRoot?: string;
  procRoot?: string;
  perf?: string;
  env?: NodeJS.ProcessEnv;
  lockPath?: string;
  resultFs?: ResultFs;
  cpuIntervalMs?: number;
  /**
   * Whether to probe perf with a short recording first. The qemu guest skips it: under TCG it
   * costs ten seconds, and perf that cannot record fails as clearly when the recording starts.
   */
  probePerf?: boolean;
  /** Without the probe: a `perf --version` the QEMU guest's script started beside Node's start-up. */
  perfVersionStartedEarly?: EarlyPerfVersion;
  /** false: leave masim.data for the host of a QEMU guest to convert (perf script under TCG takes seconds). */
  convertTrace?: boolean;
  /** Where this host says its THP setting (tests). */
  thpFile?: string;
  /** The backend status.json names: the guest of the qemu backend says qemu. */
  statusBackend?: RunStatus['backend'];
  /** Run the TLB refresher while measuring, every this many µs (a QEMU TCG guest: record/tlb-refresh.ts). */
  tlbRefreshUs?: number;
}

export interface LocalChecked extends Checked {
  sysfs: Sysfs;
  perf: PerfProbe;
  perfProgram: string;
  plan: Plan;
  warnings: string[];
  /** From the start of the preflight to its first sysfs write (the capability probe). */
  checksMs: number;
}

export function localBackend(options: LocalBackendOptions = {}): Backend<LocalChecked> {
  return {
    kind: 'local',
    maxParallel: 1,
    preflight: (run, { abort }) => preflightLocal(run, options, abort),
    run: (run, checked, request) =>
      runChecked(run, checked, request, options).catch((error: unknown) => {
        // The contract: a backend that cannot serve says so with a RefusedError.
        throw error instanceof KernelError ? new BackendRefusal('local', error) : error;
      }),
  };
}

/**
 * Takes this DAMON's lock (held until the run ends), checks that nobody else uses it, that the
 * workloads and perf can run, probes the kernel and plans the run for it.
 */
async function preflightLocal(run: Run, options: LocalBackendOptions, abort: AbortSignal): Promise<LocalChecked> {
  if (options.statusBackend !== 'qemu') refusePhysicalActions(run); // in a VM, the machine is the run's own
  const started = performance.now();
  const sysfsRoot = options.sysfs?.root ?? options.sysfsRoot ?? DAMON_ADMIN_ROOT;
  // The lock first: the checks below must still hold when the run starts.
  const release = lockSysfs(sysfsRoot, options.lockPath);
  try {
    const sysfs = withRetryingReads(options.sysfs ?? new FsSysfs(sysfsRoot));
    await refuseForeignDamon(sysfs, options);
    await checkMasim(run, options);
    checkCommandFolders(run, options);
    await checkTlbRefresh(options);
    await refuseOtherThp(run, options.thpFile ?? THP_ENABLED);
    // A baseline takes the same host and the same checks as the runs it is compared with, but
    // neither perf nor DAMON: its workloads run alone.
    if (run.monitoring === 'off') return withoutDamon(run, sysfs, options, started, release);
    const env = options.env ?? process.env;
    const perfProgram = options.perf ?? env.PERF ?? 'perf';
    const perf =
      options.probePerf === false
        ? await perfVersionOnly(perfProgram, env, options.perfVersionStartedEarly)
        : await probePerf(perfProgram, run.events, env);
    if (!perf.ok) throw new RefusedError(perf.problem!, perf.hint);
    refuseIfStopped(abort);
    const checksMs = Math.round(performance.now() - started); // what comes before the first sysfs write
    const caps = await probeCaps(sysfs, options.tracefsRoot ?? '/sys/kernel/tracing');
    refuseIfStopped(abort);
    let plan: Plan;
    try {
      plan = buildPlan(run, caps);
    } catch (error) {
      if (error instanceof PlanError)
        throw new RefusedError(`this kernel cannot serve run '${run.id}': ${error.message}`, error.hint);
      throw error;
    }
    const warnings = perf.monotonicClock
      ? []
      : ["perf cannot record with -k CLOCK_MONOTONIC here: trace times are on perf's clock, not the workloads'"];
    return { sysfs, perf, perfProgram, plan, warnings, checksMs, release };
  } catch (error) {
    release();
    throw error;
  }
}

async function checkMasim(run: Run, options: LocalBackendOptions): Promise<void> {
  for (const workload of Object.values(run.workloads)) {
    if (workload.kind !== 'masim') continue;
    const problem = await checkProgram(masimProgram(workload.binary, options.env));
    if (problem)
      throw new RefusedError(
        `cannot run the workload: ${problem}`,
        `build native/masim with ${setupCommand('native')}, or set MASIM=/path/to/masim`,
      );
  }
}

/** A command's folder (`cwd`) is there: without it, starting the command would fail as "spawn ENOENT". */
function checkCommandFolders(run: Run, options: LocalBackendOptions): void {
  for (const [name, workload] of Object.entries(run.workloads)) {
    if (workload.kind !== 'command' || workload.cwd === undefined) continue;
    let folder = false;
    try {
      folder = statSync(workload.cwd).isDirectory();
    } catch {
      // not there: said below
    }
    if (folder) continue;
    throw new RefusedError(
      `workload '${name}' starts in ${workload.cwd}, which is not a folder${options.statusBackend === 'qemu' ? ' in the VM' : ' here'}`,
      options.statusBackend === 'qemu'
        ? "the VM sees the host's files read-only, except what was under /tmp and /run when the VM booted: start it from another folder"
        : 'give the folder it should start in (cwd:)',
    );
  }
}

async function checkTlbRefresh(options: LocalBackendOptions): Promise<void> {
  if (options.tlbRefreshUs === undefined) return;
  const problem = await checkProgram(tlbRefreshProgram(options.env));
  if (problem)
    throw new RefusedError(
      `cannot run the TLB refresher that keeps DAMON from going blind under TCG: ${problem}`,
      `build it with ${setupCommand('native')}, or set backend.tlb_refresh: off`,
    );
}

function withoutDamon(
  run: Run,
  sysfs: Sysfs,
  options: LocalBackendOptions,
  started: number,
  release: () => void,
): LocalChecked {
  const caps = { ...UPSTREAM_CAPS, source: 'not probed: monitoring is off, DAMON is not used' };
  return {
    sysfs,
    perf: { ok: true, version: null, monotonicClock: true, control: false },
    perfProgram: options.perf ?? 'perf',
    plan: buildPlan(run, caps),
    warnings: [],
    checksMs: Math.round(performance.now() - started),
    release,
  };
}

/**
 * A scheme on paddr acts on every process of the machine (and on the machine's own kdamond's
 * neighbours): on this host only when the manifest says so. stat changes nothing.
 */
export function refusePhysicalActions(run: Run): void {
  const first = actingSchemes(run).find((a) => refusedOnThisHost(run, a));
  if (!first) return;
  throw new RefusedError(
    `run '${run.id}' has a '${first.action}' scheme on paddr (kdamond ${first.kdamond}, context ${first.context}): on this host it would act on the whole machine's memory, every process's`,
    'run it in a VM (--backend qemu), or set allow_physical_actions: true in the manifest if this machine is yours to change',
  );
}

const THP_ENABLED = '/sys/kernel/mm/transparent_hugepage/enabled';

/** A run that asks for a THP setting runs only where it holds: changing the host's is not ours to do. */
async function refuseOtherThp(run: Run, file: string): Promise<void> {
  const wanted = run.backend.thp;
  if (wanted === null) return;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RefusedError(
      `the run asks for transparent huge pages '${wanted}', but ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      'run it in QEMU (--backend qemu), or remove backend.thp',
    );
  }
  const current = /\[([a-z]+)\]/.exec(text)?.[1] ?? text.trim();
  if (current !== wanted)
    throw new RefusedError(
      `the run asks for transparent huge pages '${wanted}', but this host's are '${current}'`,
      `run it in QEMU (--backend qemu), which boots with transparent_hugepage=${wanted}; or, if this machine is yours to change: echo ${wanted} > ${file}`,
    );
}

function refuseIfStopped(abort: AbortSignal): void {
  if (abort.aborted)
    throw new RefusedError(`stopped (${String(abort.reason)}) before the run started; nothing was changed`);
}

async function refuseForeignDamon(sysfs: Sysfs, options: LocalBackendOptions): Promise<void> {
  if (!options.sysfs && sysfs.root === DAMON_ADMIN_ROOT && process.getuid?.() !== 0) {
    throw new RefusedError(
      'damon-exp must run as root to use DAMON sysfs',
      'run it with sudo, or use the qemu backend',
    );
  }
  if (!(await sysfs.exists(admin.kdamonds.nr_kdamonds))) {
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
      `damon-exp never stops kdamonds it did not start; stop them with the tool that started them (damo stop, or echo off > ${sysfs.root}/${admin.kdamonds.kdamond(running[0]!.index).state}), or use the qemu backend`,
    );
  }
  if (kdamonds.length) {
    throw new RefusedError(
      `DAMON sysfs holds ${kdamonds.length} kdamond${kdamonds.length === 1 ? '' : 's'} set up by someone else (stopped)`,
      `if they are yours, remove them with: echo 0 > ${sysfs.root}/${admin.kdamonds.nr_kdamonds}`,
    );
  }
}

async function runChecked(
  run: Run,
  checked: LocalChecked,
  request: RunRequest,
  options: LocalBackendOptions,
): Promise<RunOutcome> {
  try {
    refuseIfStopped(request.abort);
    const runJson = `${JSON.stringify(run, null, 2)}\n`;
    const status = newStatus(run.id, options.statusBackend ?? 'local');
    status.warnings.push(...checked.warnings);
    const opening = {
      status,
      planJson: renderPlanJson(checked.plan),
      ...(options.resultFs ? { fs: options.resultFs } : {}),
    };
    const dir = request.runDir
      ? await RunDirectory.adopt(request.runDir, status, { ...opening, runJson })
      : await RunDirectory.open(request.resultsRoot, run.manifest.name, run.id, runJson, {
          ...opening,
          force: request.force,
          resume: request.resume,
        });
    if (!dir) return { dir: null, status: null };
    return await recordSession(run, checked.plan, dir, status, {
      sysfs: checked.sysfs,
      perf: checked.perf,
      perfProgram: checked.perfProgram,
      checksMs: checked.checksMs,
      why: request.why,
      abort: request.abort,
      onStage: request.onStage,
      ...(options.env ? { env: options.env } : {}),
      ...(options.procRoot ? { procRoot: options.procRoot } : {}),
      ...(options.cpuIntervalMs ? { cpuIntervalMs: options.cpuIntervalMs } : {}),
      convertTrace: options.convertTrace,
      ...(options.tlbRefreshUs !== undefined
        ? { tlbRefresh: { program: tlbRefreshProgram(options.env), intervalUs: options.tlbRefreshUs } }
        : {}),
    });
  } finally {
    checked.release();
  }
}

/** The options of one run on this host, as tests and one-off callers give them. */
export type LocalOptions = LocalBackendOptions & LoneRun;

/** One run on this host: its preflight, then the run. */
export function runLocal(run: Run, options: LocalOptions): Promise<RunOutcome> {
  return runAlone(localBackend(options), run, options);
}
