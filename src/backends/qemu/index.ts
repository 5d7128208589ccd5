// The qemu backend: boots a DAMON kernel in QEMU with the host's root shared read-only, runs the
// same executor inside the guest (damon-exp guest-run, the local backend there), and brings the
// run directory back to the host.
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileError, isOsError } from '../../util/errors.js';
import { refuseLineBreak, shellQuote } from '../../util/shell.js';
import { readPart } from '../../util/input-file.js';
import { buildPlan, PlanError } from '../../plan/build.js';
import { UPSTREAM_CAPS } from '../../plan/caps.js';
import { renderPlanJson } from '../../plan/render-json.js';
import type { Run } from '../../manifest/run.js';
import { allContexts } from '../../manifest/run.js';
import { gitState } from '../../record/environment.js';
import { RunDirectory } from '../../record/run-directory.js';
import {
  CorruptFileError,
  LOGS_DIR,
  newStatus,
  readRunJson,
  RUN_FILES,
  VM_DIR,
  type RunStatus,
  type VmStatus,
} from '../../record/run-files.js';
import { packagePath } from '../../util/version.js';
import {
  RefusedError,
  type Backend,
  type Checked,
  runAlone,
  type LoneRun,
  type PreflightContext,
  type RunRequest,
} from '../backend.js';
import type { RunOutcome } from '../../record/outcome.js';
import {
  GUEST_OUT,
  GUEST_SCRIPT,
  initramfsFor,
  KEEP_PATHS_FILE,
  STOP_FILE,
  SWAP_DEVICE,
  SWAP_ON_MARK,
  TLB_REFRESH_FILE,
} from './initramfs.js';
import { missingForSwap, missingOptions } from './kernel.js';
import {
  damonOptions,
  findKernel,
  kernelIdentity,
  KernelImageError,
  type Kernel,
} from '../../kernel-images/resolve.js';
import { kvmUsable, qemuVersion, runVm, type Accel, type VmResult } from './vm.js';
import { KernelCacheError, rememberProbe } from '../../kernel-images/cache.js';
import { buildKernel, KernelBuildError } from '../../kernel-images/build.js';
import { machineFacts, type Environment } from '../../record/environment.js';
import {
  tlbRefreshProgram,
  parseTlbRefreshLog,
  TLB_REFRESH_REF,
  type TlbRefreshLog,
} from '../../record/tlb-refresh.js';
import { formatBytes } from '../../util/format.js';

export interface QemuBackendOptions {
  /** Overrides the run's backend.kernel. */
  kernel?: string;
  accel?: 'auto' | Accel;
  append?: string;
  bootTimeoutMs?: number;
  /** How long the guest command may take once started (default: the run's duration and three minutes). */
  commandTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** More host paths the guest needs (programs under /tmp or /run). */
  keepPaths?: string[];
  /** How long a guest asked to stop (Ctrl-C, a timeout) may take to tear down and write its data. */
  stopGraceMs?: number;
  /** The host CPUs the run may use (a Slurm task's allocation): fewer than the VM's vCPUs runs TCG on one thread. */
  hostCpus?: number;
}

/** What bootAndRun needs of a run's request. */
export interface BootOptions extends QemuBackendOptions {
  abort?: AbortSignal;
  onStage?(stage: string): void;
  /** How many VMs run at once: beyond one, TCG runs each VM in one host thread. */
  parallelVms?: number;
}

export interface QemuChecked extends Checked {
  kernel: Kernel;
  warnings: string[];
}

export function qemuBackend(options: QemuBackendOptions = {}): Backend<QemuChecked> {
  return {
    kind: 'qemu',
    maxParallel: Infinity,
    preflight: (run, context) => preflightQemu(run, options, context),
    run: (run, checked, request) => runChecked(run, checked, request, options),
  };
}

const builds = new Map<string, Promise<string>>();

/**
 * The kernel a run names, as findKernel takes it: a kernel to build from a source tree is built
 * first (a cache hit once built; runs of one sweep that name the same tree wait for one build).
 */
async function kernelSpecOf(
  run: Run,
  options: QemuBackendOptions,
  { abort, onStage }: PreflightContext,
): Promise<string | null> {
  const spec = options.kernel ?? run.backend.kernel;
  if (spec === null || typeof spec === 'string') return spec;
  const key = JSON.stringify(spec);
  let build = builds.get(key);
  if (!build) {
    onStage?.(
      'building the kernel from its source tree (or taking it from the cache); damon-exp kernel build shows its progress',
    );
    build = buildKernel({
      source: spec.source,
      ...(spec.config ? { fragment: spec.config } : {}),
      ...(spec.name ? { name: spec.name } : {}),
      abort,
    }).then((result) => result.kernel.id);
    builds.set(key, build);
    build.catch(() => builds.delete(key));
  }
  try {
    return await build;
  } catch (error) {
    if (error instanceof KernelBuildError || error instanceof KernelCacheError)
      throw new RefusedError(error.message, error.hint);
    throw error;
  }
}

/** The kernel for a run, refused with the missing options named when it cannot serve it. */
export function kernelFor(run: Run, spec?: string | null): Kernel {
  const named = spec === undefined ? run.backend.kernel : spec;
  if (named !== null && typeof named === 'object')
    throw new Error(`kernelFor: the kernel of ${run.id} is to be built first (kernelSpecOf)`);
  let kernel: Kernel;
  try {
    kernel = findKernel(named, dirname(run.manifest.file));
  } catch (error) {
    if (error instanceof KernelImageError) throw new RefusedError(error.message, error.hint);
    throw error;
  }
  const operations = [...new Set(allContexts(run.layout).map((c) => c.operations))];
  const missing = missingOptions(kernel, operations);
  if (missing.length) {
    throw new RefusedError(
      `the kernel ${kernel.release} cannot serve this run: it lacks ${missing.join(', ')}`,
      "use a kernel with DAMON (make kernel fetches Debian's 6.12), or build one with these options",
    );
  }
  if (run.backend.swapBytes > 0) {
    const lacking = missingForSwap(kernel);
    if (lacking.length)
      throw new RefusedError(
        `the kernel ${kernel.release} cannot give the guest swap for pageout: it lacks ${lacking.join(', ')}`,
        "use a kernel with swap, such as Debian's 6.12 (backend.kernel: debian), or set backend.swap: 0 to run without swap (pageout then reclaims only file-backed memory)",
      );
  }
  return kernel;
}

/** A POSIX sh script for the guest: environment, then the command, keeping its exit status. */
export function guestScript(command: string[], env: Record<string, string>): string {
  return [
    '#!/bin/sh',
    'export HOME=/tmp LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    'cd /tmp || exit 125',
    command.map(shellQuote).join(' '),
    '',
  ].join('\n');
}

/** The guest's bundle (guest-run only): one file to read over 9p (the modules of dist/ take ten seconds under TCG). */
export const CLI_BUNDLE = packagePath('dist/damon-exp-guest.mjs');

/**
 * The guest runs the run with the local backend straight into the share, which is the run's
 * directory on the host (perf writes its output as a stream, which 9p takes), and stops when the
 * host asks it to (the stop file).
 */
export function guestRunScript(env: Record<string, string>): string {
  return guestScript(
    [
      process.execPath,
      CLI_BUNDLE,
      'guest-run',
      `${GUEST_OUT}/${RUN_FILES.run}`,
      '--run-dir',
      GUEST_OUT,
      '--stop-file',
      `${GUEST_OUT}/${STOP_FILE}`,
      '--tlb-refresh-file',
      `${GUEST_OUT}/${TLB_REFRESH_FILE}`,
      '--no-perf-probe',
    ],
    env,
  );
}

export interface GuestRun {
  result: VmResult;
  retries: string[];
}

/** The guest's swap disk in the share (backend.swap): a sparse raw file, gone with the VM's directory. */
export const SWAP_DISK_FILE = `${VM_DIR}/swap.img`;

/** Creates the swap disk of `bytes` (sparse: it takes disk space only as the guest swaps); returns its path. */
export async function createSwapDisk(shared: string, bytes: number): Promise<string> {
  const path = join(shared, SWAP_DISK_FILE);
  await mkdir(dirname(path), { recursive: true });
  const file = await open(path, 'w');
  try {
    await file.truncate(bytes);
  } finally {
    await file.close();
  }
  return path;
}

/**
 * Boots the kernel and runs `command` in the guest with `shared` as /tmp/out, with a swap disk in
 * the share's vm/ (which the caller removes) when the run asks for swap. One retry for a panic
 * while booting; KVM falls back to TCG.
 */
export async function bootAndRun(
  kernel: Kernel,
  run: Pick<Run, 'backend' | 'durationUs'>,
  shared: string,
  consoleLog: string,
  options: BootOptions,
): Promise<GuestRun> {
  const initrd = initramfsFor(kernel);
  // The guest mounts tmpfs on /tmp and /run; what it runs from there (this project, Node, masim,
  // perf) must stay visible.
  const keep = [packagePath('.'), dirname(process.execPath), ...(options.keepPaths ?? [])];
  // The guest's init reads them a line each: a line break would slip another path (or none) in.
  for (const path of [...keep, shared])
    refuseLineBreak(path, `the path ${path.split(/[\r\n]/)[0]}…`, 'use paths without line breaks');
  await mkdir(dirname(join(shared, KEEP_PATHS_FILE)), { recursive: true });
  await writeFile(join(shared, KEEP_PATHS_FILE), `${[...new Set(keep)].join('\n')}\n`);
  const swapDisk = run.backend.swapBytes > 0 ? await createSwapDisk(shared, run.backend.swapBytes) : null;
  const append = kernelArgs(run, options.append);
  const wanted = options.accel ?? run.backend.accel;
  let accel: Accel = wanted === 'auto' ? ((await kvmUsable()) ? 'kvm' : 'tcg') : wanted;
  const retries: string[] = [];
  const knownBad = wanted === 'auto' && accel === 'kvm' ? await kvmFailedSinceBoot() : null;
  if (knownBad) {
    accel = 'tcg';
    retries.push(
      `KVM failed on this host since it booted (${knownBad}); used TCG (remove ${KVM_MEMO} to try KVM again)`,
    );
  }
  for (let attempt = 0; ; attempt++) {
    await offerTlbRefresh(shared, accel, run.backend.tlbRefresh?.intervalUs ?? null);
    options.onStage?.(`booting the kernel in QEMU (${accel})`);
    const result = await runVm({
      image: kernel.image,
      initrd,
      memoryBytes: run.backend.memoryBytes,
      cpus: run.backend.cpus,
      accel,
      tcgThreads: tcgThreadsFor(run, options),
      shared,
      ...(swapDisk ? { swapDisk } : {}),
      ...(append ? { append } : {}),
      consoleLog,
      bootTimeoutMs: options.bootTimeoutMs ?? (accel === 'kvm' ? 30_000 : 90_000),
      commandTimeoutMs: options.commandTimeoutMs ?? run.durationUs / 1000 + 180_000,
      ...(options.stopGraceMs !== undefined ? { stopGraceMs: options.stopGraceMs } : {}),
      ...(options.abort ? { abort: options.abort } : {}),
    });
    const beforeBoot = result.bootMs === null;
    if (
      attempt === 0 &&
      result.failure &&
      beforeBoot &&
      wanted === 'auto' &&
      accel === 'kvm' &&
      result.failure.kind !== 'aborted'
    ) {
      retries.push(`KVM did not work (${result.failure.message}); retried with TCG`);
      await rememberKvmFailure(result.failure.message);
      await rename(consoleLog, `${consoleLog}.attempt-${attempt + 1}`).catch(() => undefined);
      accel = 'tcg';
      continue;
    }
    if (attempt < 2 && result.failure?.kind === 'panic' && beforeBoot && retries.every((r) => !r.startsWith('panic'))) {
      retries.push(`panic while booting (${result.failure.message}); retried once`);
      await rename(consoleLog, `${consoleLog}.attempt-${attempt + 1}`).catch(() => undefined);
      continue;
    }
    return { result, retries };
  }
}

/**
 * Under TCG the guest runs the TLB refresher while it measures (record/tlb-refresh.ts): the file
 * that says so is there for a TCG attempt and gone for a KVM one, whose hardware TLB behaves.
 */
export async function offerTlbRefresh(shared: string, accel: Accel, intervalUs: number | null): Promise<void> {
  const file = join(shared, TLB_REFRESH_FILE);
  if (accel === 'tcg' && intervalUs !== null) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${intervalUs}\n`);
  } else await rm(file, { force: true });
}

/** The guest kernel's extra command line: the run's THP setting, then --append. */
function kernelArgs(run: Pick<Run, 'backend'>, append: string | undefined): string {
  return [run.backend.thp ? `transparent_hugepage=${run.backend.thp}` : '', append ?? ''].join(' ').trim();
}

/**
 * Where a KVM failure is remembered until the host reboots: on hosts where /dev/kvm exists but
 * KVM cannot run guests (nested virtualization), every VM would lose seconds finding out again.
 */
const KVM_MEMO = packagePath('.cache/kvm-unusable.json');

async function bootId(): Promise<string | null> {
  return readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (text) => text.trim(),
    () => null,
  );
}

async function kvmFailedSinceBoot(): Promise<string | null> {
  try {
    const memo = JSON.parse(await readFile(KVM_MEMO, 'utf8')) as { bootId: string; message: string };
    return memo.bootId === (await bootId()) ? memo.message : null;
  } catch {
    return null;
  }
}

async function rememberKvmFailure(message: string): Promise<void> {
  try {
    await mkdir(dirname(KVM_MEMO), { recursive: true });
    await writeFile(KVM_MEMO, `${JSON.stringify({ bootId: await bootId(), message })}\n`);
  } catch {
    // Only a memo: the next VM finds out again.
  }
}

async function preflightQemu(run: Run, options: QemuBackendOptions, context: PreflightContext): Promise<QemuChecked> {
  refuseHostPids(run);
  const memoryWarning = checkMemory(run);
  if (!existsSync(CLI_BUNDLE)) throw new RefusedError(`${CLI_BUNDLE} is missing`, 'run make build');
  const accel = options.accel ?? run.backend.accel;
  const refresher = tlbRefreshProgram(options.env);
  if (accel !== 'kvm' && (run.backend.tlbRefresh?.intervalUs ?? null) !== null && !existsSync(refresher))
    throw new RefusedError(
      `${refresher} is missing: under TCG the guest runs it so that DAMON does not go blind to a process alone on a vCPU`,
      'build it with make native (make setup), or set backend.tlb_refresh: off',
    );
  const kernel = kernelFor(run, await kernelSpecOf(run, options, context));
  try {
    initramfsFor(kernel); // before the run directory: a missing busybox refuses the run cleanly
  } catch (error) {
    if (error instanceof KernelImageError) throw new RefusedError(error.message, error.hint);
    throw error;
  }
  return { kernel, warnings: memoryWarning ? [memoryWarning] : [], release: () => undefined };
}

/** One run in QEMU: its preflight, then the run (for tests and one-off callers). */
export function runQemu(run: Run, options: QemuBackendOptions & LoneRun): Promise<RunOutcome> {
  return runAlone(qemuBackend(options), run, options);
}

async function runChecked(
  run: Run,
  { kernel, warnings }: QemuChecked,
  request: RunRequest,
  backendOptions: QemuBackendOptions,
): Promise<RunOutcome> {
  const options: BootOptions & RunRequest = { ...backendOptions, ...request, parallelVms: request.parallel };
  const runJson = `${JSON.stringify(run, null, 2)}\n`;
  const hostStatus = newStatus(run.id, 'qemu');
  hostStatus.warnings.push(...warnings);
  // The guest writes into this very directory (the VM's share) as the run goes: whatever ends
  // the VM, what it recorded is on the host already.
  const dir = await RunDirectory.open(options.resultsRoot, run.manifest.name, run.id, runJson, {
    status: hostStatus,
    force: options.force,
    resume: options.resume,
    ...planBeforeBoot(run, kernel),
  });
  if (!dir) return { dir: null, status: null };
  const shared = dir.tmp;
  let vm: VmStatus | null = null;
  try {
    await mkdir(join(shared, VM_DIR), { recursive: true });
    const env: Record<string, string> = { NO_COLOR: '1' }; // the console log is a file
    for (const key of ['MASIM', 'PERF', 'TLB_REFRESH']) if (options.env?.[key]) env[key] = options.env[key]!;
    const repository = await gitState(); // git over 9p is slow in the guest: tell it
    env.DAMON_EXP_GIT = `${repository.commit ?? '-'} ${repository.dirty === null ? 'unknown' : repository.dirty ? 'dirty' : 'clean'}`;
    await writeFile(join(shared, GUEST_SCRIPT), guestRunScript(env));
    const programs = Object.values(run.workloads).flatMap((w) =>
      w.kind === 'masim' && w.binary?.includes('/') ? [dirname(w.binary)] : [],
    );
    for (const key of ['MASIM', 'PERF', 'TLB_REFRESH'])
      if (options.env?.[key]?.includes('/')) programs.push(dirname(options.env[key]!));
    const consoleLog = dir.path(join(LOGS_DIR, 'console.log'));
    const { result, retries } = await bootAndRun(kernel, run, shared, consoleLog, {
      ...options,
      keepPaths: [...(options.keepPaths ?? []), ...programs],
    });
    options.onStage?.('done');
    vm = {
      kernel: kernel.release,
      image: kernel.image,
      accel: result.accel,
      tcgThreads: result.accel === 'tcg' ? tcgThreadsFor(run, options) : null,
      bootMs: result.bootMs,
      wallMs: result.wallMs,
      retries,
      exitStatus: result.exitStatus,
      failure: result.failure ?? null,
    };
    const status = guestOutcome(hostStatus, readGuestStatus(shared, hostStatus), result, vm);
    const swap = run.backend.swapBytes > 0 ? await swapOfGuest(run.backend.swapBytes, consoleLog, shared) : null;
    // A guest that never got to its command says why already.
    if (swap && !swap.active && result.bootMs !== null) status.warnings.push(NO_SWAP_WARNING);
    await dir.writeStatus(status);
    const tlbRefresh = await tlbRefreshOfGuest(run, vm, shared);
    await recordVmInEnvironment(dir, vm, options.why, kernel, swap, tlbRefresh);
    rememberCaps(shared, kernel);
    await rm(join(shared, VM_DIR), { recursive: true, force: true });
    const closed = await dir.close();
    return { dir: closed.dir, status, ...(closed.notPlaced ? { notPlaced: closed.notPlaced } : {}) };
  } catch (error) {
    // Whatever went wrong on the host (a full disk, a QEMU that could not start), the run's
    // directory keeps what the guest wrote, and says what happened. The VM's files (the swap disk
    // too) go first, whatever fails after.
    await rm(join(shared, VM_DIR), { recursive: true, force: true }).catch(() => undefined);
    const status = {
      ...(readGuestStatus(shared, hostStatus) ?? hostStatus),
      backend: 'qemu' as const,
      ...(vm ? { vm } : {}),
    };
    status.state = 'failed';
    status.errors = [...status.errors, `the qemu backend: ${describeError(error)}`];
    status.endedAt = new Date().toISOString();
    await dir.writeStatus(status).catch(() => undefined);
    const closed = await dir.close();
    return { dir: closed.dir, status, ...(closed.notPlaced ? { notPlaced: closed.notPlaced } : {}) };
  }
}

/**
 * The plan as the host expects the guest to make it, from the kernel's release (intervals_goal
 * from 6.15) and what an earlier run's probe found of a cached kernel (else an upstream kernel:
 * one context per kdamond), so that plan.json is there from the start. The guest probes
 * its DAMON and writes the plan it executes over it; the caps' source says which this is.
 */
function planBeforeBoot(run: Run, kernel: Kernel): { planJson?: string } {
  const [major = 0, minor = 0] = kernel.release.split('.').map(Number);
  const probe = kernel.cached?.probe;
  const caps = {
    ...UPSTREAM_CAPS,
    ...(probe
      ? {
          kind: probe.maxContextsPerKdamond === 1 ? ('upstream' as const) : ('multi-context' as const),
          maxContextsPerKdamond: probe.maxContextsPerKdamond,
        }
      : {}),
    source: `assumed on the host for ${kernel.name} (${kernel.release})${probe ? ` as a guest probed it on ${probe.at.slice(0, 10)}` : ''}, before the guest probed its DAMON`,
    intervalsGoal: major > 6 || (major === 6 && minor >= 15),
  };
  try {
    return { planJson: renderPlanJson(buildPlan(run, caps)) };
  } catch (error) {
    if (error instanceof PlanError) return {}; // the guest's kernel may still serve it (the multi-context fork)
    throw error;
  }
}

/**
 * TCG's threads: a thread per vCPU, unless the VM shares the host with others (--jobs) or has fewer
 * host CPUs than vCPUs (a Slurm task's allocation): then one thread for them all.
 */
function tcgThreadsFor(
  run: Pick<Run, 'backend'>,
  options: { parallelVms?: number; hostCpus?: number },
): 'single' | 'multi' {
  const sharing = (options.parallelVms ?? 1) > 1;
  const fewerCpus = options.hostCpus !== undefined && options.hostCpus < run.backend.cpus;
  return sharing || fewerCpus ? 'single' : 'multi';
}

/** Host pids mean nothing inside a VM: a `pid:` workload would monitor whatever has that pid in the guest. */
function refuseHostPids(run: Run): void {
  const attached = Object.entries(run.workloads).filter(([, w]) => w.kind === 'pid');
  if (attached.length) {
    const [name, workload] = attached[0]!;
    throw new RefusedError(
      `workload '${name}' attaches to pid ${(workload as { pid: number }).pid} of this host, which means nothing inside a VM`,
      'monitor a process of this host with the local backend (--backend local), or describe the workload as masim: or command: to run it in the VM',
    );
  }
}

/**
 * The masim workloads' memory against the VM's: more than it has cannot run. Swap does not change
 * that: masim populates all of its regions up front, and the guest's swap is there for pageout.
 */
function checkMemory(run: Run): string | null {
  // One process per target.
  const needed = allContexts(run.layout)
    .flatMap((context) => context.targets)
    .reduce((sum, target) => {
      const workload = target.workload === null ? undefined : run.workloads[target.workload];
      return sum + (workload?.kind === 'masim' ? workload.sizeBytes : 0);
    }, 0);
  const memory = run.backend.memoryBytes;
  if (needed > memory) {
    const swap = run.backend.swapBytes;
    throw new RefusedError(
      `the masim workloads map ${formatBytes(needed)}, more than the VM's ${formatBytes(memory)} of memory ${
        swap > 0
          ? `(the guest's ${formatBytes(swap)} of swap is for pageout: masim populates all of its regions up front)`
          : '(the guest has no swap)'
      }`,
      'give the VM more memory (backend.memory) or the workloads smaller regions',
    );
  }
  return needed > memory * 0.75
    ? `the masim workloads map ${formatBytes(needed)} of the VM's ${formatBytes(memory)}: the guest may run out of memory`
    : null;
}

function readGuestStatus(shared: string, hostStatus: RunStatus): RunStatus | null {
  try {
    const status = readRunJson<RunStatus>(shared, RUN_FILES.status);
    // The host's own status (written when the directory was made) means the guest wrote none.
    return status && status.startedAt !== hostStatus.startedAt ? status : null;
  } catch (error) {
    if (error instanceof CorruptFileError) return { ...hostStatus, errors: [...hostStatus.errors, error.message] };
    throw error;
  }
}

/** The run's status from the guest's and from how the VM went. */
function guestOutcome(hostStatus: RunStatus, guest: RunStatus | null, result: VmResult, vm: VmStatus): RunStatus {
  const status: RunStatus = { ...(guest ?? hostStatus), backend: 'qemu', vm };
  status.warnings = [
    ...hostStatus.warnings.filter((w) => !status.warnings.includes(w)),
    ...status.warnings,
    ...vm.retries,
  ];
  const failure = result.failure;
  const failed = (error: string) => {
    status.state = failure?.kind === 'aborted' ? 'interrupted' : 'failed';
    status.errors = [...status.errors, error];
  };
  if (!guest)
    failed(
      failure
        ? `the VM: ${failure.message} (see logs/console.log)`
        : `the guest command ended with status ${result.exitStatus} without a result (see logs/console.log)`,
    );
  else if (status.state === 'running') {
    // The VM ended while the guest's run went on: what it recorded up to then is here.
    failed(
      `the VM: ${failure?.message ?? `the guest command ended with status ${result.exitStatus} before its run did`} (see logs/console.log); the data recorded until then is kept`,
    );
  } else if (failure && status.state === 'complete' && result.stop?.graceful) {
    status.warnings.push(`the guest was asked to stop (${failure.message}) as its run ended`);
  } else if (failure) failed(`the VM: ${failure.message} (see logs/console.log)`);
  else if (result.exitStatus !== 0 && status.state === 'complete') {
    status.state = 'failed';
    status.errors = [
      ...status.errors,
      `the guest command ended with status ${result.exitStatus} although its run completed: the result may be incomplete (see logs/console.log)`,
    ];
  }
  status.endedAt ??= new Date().toISOString();
  return status;
}

/** env.json's record of the guest's swap (backend.swap): its disk, and whether the guest swaps on it. */
export interface SwapRecord {
  device: 'virtio-blk';
  bytes: number;
  active: boolean;
}

export const NO_SWAP_WARNING = 'the guest has no swap: pageout could not reclaim anonymous memory';

/**
 * Whether the guest swapped on its disk: init's console line (SWAP_ON_MARK), else the guest's
 * /proc/swaps as its env.json keeps it.
 */
export async function swapOfGuest(bytes: number, consoleLog: string, shared: string): Promise<SwapRecord> {
  // init says it early: the console's first MiB holds it (a guest may print far more after).
  const text = readPart(consoleLog, 1 << 20, 'head') ?? '';
  const at = text.indexOf(`${SWAP_ON_MARK} (`);
  let active = at >= 0 && parseInt(text.slice(at + SWAP_ON_MARK.length + 2), 10) > 0;
  if (!active) {
    try {
      const env = readRunJson<Partial<Environment>>(shared, RUN_FILES.env);
      active = (env?.memoryManagement?.swaps ?? []).some((l) => l.split(/\s+/)[0] === SWAP_DEVICE);
    } catch {
      // No env.json of the guest's (or a torn one): the console said no.
    }
  }
  return { device: 'virtio-blk', bytes, active };
}

/**
 * The guest's env.json describes the guest (kernel, memory); the host adds the kernel image's
 * identity (and its DAMON options when the guest cannot read its config: Debian's has no
 * /proc/config.gz), the host machine and QEMU, and how the VM went.
 */
async function recordVmInEnvironment(
  dir: RunDirectory,
  vm: VmStatus,
  why: string | undefined,
  kernel: Kernel,
  swap: SwapRecord | null,
  tlbRefresh: TlbRefreshRecord,
): Promise<void> {
  let guestEnv: Partial<Environment> & Record<string, unknown> = {};
  try {
    guestEnv = readRunJson<Partial<Environment> & Record<string, unknown>>(dir.tmp, RUN_FILES.env) ?? {};
  } catch (error) {
    if (!(error instanceof CorruptFileError)) throw error;
  }
  const guestKernel = guestEnv.kernel ?? {
    release: kernel.release,
    cmdline: null,
    damonConfig: null,
    configSource: null,
  };
  const fromImage = guestKernel.damonConfig === null;
  const kernelFacts = {
    ...guestKernel,
    ...(fromImage ? { damonConfig: damonOptions(kernel), configSource: kernel.configFile } : {}),
    identity: kernelIdentity(kernel),
  };
  await dir.writeJson(RUN_FILES.env, {
    ...guestEnv,
    kernel: kernelFacts,
    host: { ...machineFacts(), qemu: await qemuVersion() },
    backend: { kind: 'qemu', why: why ?? 'asked for', ...vm, swap, tlbRefresh },
  });
}

/**
 * env.json's record of the TLB refresher (record/tlb-refresh.ts): whether the guest ran it, why,
 * and what its log says it did.
 */
export interface TlbRefreshRecord extends Partial<TlbRefreshLog> {
  state: 'ran' | 'off' | 'not-needed' | 'not-run';
  why: string;
}

export async function tlbRefreshOfGuest(
  run: Pick<Run, 'backend'>,
  vm: Pick<VmStatus, 'accel'>,
  shared: string,
): Promise<TlbRefreshRecord> {
  if (vm.accel !== 'tcg')
    return { state: 'not-needed', why: `${vm.accel}: the CPU's own TLB evicts translations as hardware does` };
  const setting = run.backend.tlbRefresh ?? { mode: 'off', intervalUs: null, why: 'backend.tlb_refresh: off' };
  if (setting.intervalUs === null)
    return setting.mode === 'auto'
      ? { state: 'not-needed', why: setting.why }
      : {
          state: 'off',
          why: `${setting.why}: under TCG, DAMON may see little of a process alone on a vCPU`,
        };
  // Two lines when all is well; a guest's log is read no further than that could be.
  const text = readPart(join(shared, LOGS_DIR, `${TLB_REFRESH_REF}.log`), 64 << 10, 'head');
  if (text === null) return { state: 'not-run', why: 'the guest did not start it (the run ended before it measured)' };
  return {
    state: 'ran',
    why: `tcg, ${setting.why}: each vCPU dropped its cached translations every interval while the run measured, as a real TLB does`,
    ...parseTlbRefreshLog(text),
  };
}

/** What the guest's probe found (plan.json's caps), remembered for a cached kernel (kernel list). */
function rememberCaps(shared: string, kernel: Kernel): void {
  if (!kernel.cached) return;
  try {
    const plan = readRunJson<{ caps?: { source?: string; maxContextsPerKdamond?: number | null } }>(
      shared,
      RUN_FILES.plan,
    );
    if (plan?.caps?.source?.startsWith('probed') && plan.caps.maxContextsPerKdamond !== undefined)
      rememberProbe(kernel.cached.dir, plan.caps.maxContextsPerKdamond);
  } catch {
    // Only a memo.
  }
}

function describeError(error: unknown): string {
  if (isOsError(error)) return fileError(error).message;
  return error instanceof Error ? error.message : String(error);
}
