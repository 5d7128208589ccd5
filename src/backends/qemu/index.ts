// The qemu backend: boots a DAMON kernel in QEMU with the host's root shared read-only, runs the
// same executor inside the guest (damon-exp guest-run, the local backend there), and brings the
// run directory back to the host.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Run } from '../../manifest/run.js';
import { allContexts } from '../../manifest/run.js';
import { gitState } from '../../record/environment.js';
import { RunDirectory } from '../../record/run-directory.js';
import { packagePath } from '../../version.js';
import { RefusedError, type LocalOutcome, type RunStatus } from '../local.js';
import { GUEST_OUT, GUEST_SCRIPT, initramfsFor, KEEP_PATHS_FILE } from './initramfs.js';
import { findKernel, KernelImageError, missingOptions, type Kernel } from './kernel.js';
import { kvmUsable, runVm, type Accel, type VmResult } from './vm.js';

export interface QemuOptions {
  resultsRoot: string;
  /** Overrides the run's backend.kernel. */
  kernel?: string;
  accel?: 'auto' | Accel;
  append?: string;
  bootTimeoutMs?: number;
  force?: boolean;
  resume?: boolean;
  env?: NodeJS.ProcessEnv;
  abort?: AbortSignal;
  /** Why this backend serves the run (auto's choice), for env.json. */
  why?: string;
  onStage?(stage: 'preflight' | 'boot' | 'guest' | 'done', detail?: { accel?: Accel }): void;
  /** More host paths the guest needs (programs under /tmp or /run). */
  keepPaths?: string[];
  /** How many VMs run at once: beyond one, TCG runs each VM in one host thread. */
  parallelVms?: number;
}

/** The kernel for a run, refused with the missing options named when it cannot serve it. */
export function kernelFor(run: Run, spec?: string): Kernel {
  let kernel: Kernel;
  try {
    kernel = findKernel(spec ?? run.backend.kernel, dirname(run.manifest.file));
  } catch (error) {
    if (error instanceof KernelImageError) throw new RefusedError(error.message, error.hint);
    throw error;
  }
  const operations = [...new Set(allContexts(run.layout).map((c) => c.operations))];
  const missing = missingOptions(kernel, operations);
  if (missing.length) {
    throw new RefusedError(`the kernel ${kernel.release} cannot serve this run: it lacks ${missing.join(', ')}`, 'use a kernel with DAMON (make kernel fetches Debian\'s 6.12), or build one with these options');
  }
  return kernel;
}

/** A POSIX sh script for the guest: environment, then the command, keeping its exit status. */
export function guestScript(command: string[], env: Record<string, string>): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    '#!/bin/sh',
    'export HOME=/tmp LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...Object.entries(env).map(([k, v]) => `export ${k}=${quote(v)}`),
    'cd /tmp || exit 125',
    command.map(quote).join(' '),
    '',
  ].join('\n');
}

/** The guest's bundle (guest-run only): one file to read over 9p (the modules of dist/ take ten seconds under TCG). */
export const CLI_BUNDLE = packagePath('dist/damon-exp-guest.mjs');

/**
 * The guest runs the run with the local backend into its tmpfs (perf cannot mmap its output on
 * 9p), then copies the result onto the share.
 */
export function guestRunScript(env: Record<string, string>): string {
  if (!existsSync(CLI_BUNDLE)) throw new RefusedError(`${CLI_BUNDLE} is missing`, 'run make build');
  const run = guestScript([process.execPath, CLI_BUNDLE, 'guest-run', `${GUEST_OUT}/run.json`, '--out', '/tmp/results', '--no-perf-probe'], env).trimEnd();
  return `${run}\nstatus=$?\nmkdir -p ${GUEST_OUT}/results && cp -a /tmp/results/. ${GUEST_OUT}/results/ || status=125\nexit $status\n`;
}

export interface GuestRun {
  result: VmResult;
  retries: string[];
}

/** Boots the kernel and runs `command` in the guest with `shared` as /tmp/out. One retry for a panic while booting; KVM falls back to TCG. */
export async function bootAndRun(kernel: Kernel, run: Pick<Run, 'backend' | 'durationUs'>, shared: string, consoleLog: string, options: QemuOptions): Promise<GuestRun> {
  const initrd = initramfsFor(kernel);
  // The guest mounts tmpfs on /tmp and /run; what it runs from there (this project, Node, masim,
  // perf) must stay visible.
  const keep = [packagePath('.'), dirname(process.execPath), ...(options.keepPaths ?? [])];
  await writeFile(join(shared, KEEP_PATHS_FILE), `${[...new Set(keep)].join('\n')}\n`);
  const wanted = options.accel ?? run.backend.accel;
  let accel: Accel = wanted === 'auto' ? ((await kvmUsable()) ? 'kvm' : 'tcg') : wanted;
  const retries: string[] = [];
  const knownBad = wanted === 'auto' && accel === 'kvm' ? await kvmFailedSinceBoot() : null;
  if (knownBad) {
    accel = 'tcg';
    retries.push(`KVM failed on this host since it booted (${knownBad}); used TCG (remove ${KVM_MEMO} to try KVM again)`);
  }
  for (let attempt = 0; ; attempt++) {
    options.onStage?.('boot', { accel });
    const result = await runVm({
      image: kernel.image,
      initrd,
      memoryBytes: run.backend.memoryBytes,
      cpus: run.backend.cpus,
      accel,
      tcgThreads: (options.parallelVms ?? 1) > 1 ? 'single' : 'multi',
      shared,
      ...(options.append ? { append: options.append } : {}),
      consoleLog,
      bootTimeoutMs: options.bootTimeoutMs ?? (accel === 'kvm' ? 30_000 : 90_000),
      commandTimeoutMs: run.durationUs / 1000 + 180_000,
      ...(options.abort ? { abort: options.abort } : {}),
    });
    const beforeBoot = result.bootMs === null;
    if (attempt === 0 && result.failure && beforeBoot && wanted === 'auto' && accel === 'kvm' && result.failure.kind !== 'aborted') {
      retries.push(`KVM did not work (${result.failure.message}); retried with TCG`);
      await rememberKvmFailure(result.failure.message);
      await writeFile(`${consoleLog}.attempt-${attempt + 1}`, await readFile(consoleLog, 'utf8').catch(() => ''));
      accel = 'tcg';
      continue;
    }
    if (attempt < 2 && result.failure?.kind === 'panic' && beforeBoot && retries.every((r) => !r.startsWith('panic'))) {
      retries.push(`panic while booting (${result.failure.message}); retried once`);
      await writeFile(`${consoleLog}.attempt-${attempt + 1}`, await readFile(consoleLog, 'utf8').catch(() => ''));
      continue;
    }
    return { result, retries };
  }
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

export async function runQemu(run: Run, options: QemuOptions): Promise<LocalOutcome> {
  options.onStage?.('preflight');
  const kernel = kernelFor(run, options.kernel);
  try {
    initramfsFor(kernel); // before the run directory: a missing busybox refuses the run cleanly
  } catch (error) {
    if (error instanceof KernelImageError) throw new RefusedError(error.message, error.hint);
    throw error;
  }
  const runJson = `${JSON.stringify(run, null, 2)}\n`;
  const dir = await RunDirectory.open(options.resultsRoot, run.manifest.name, run.id, runJson, { force: options.force, resume: options.resume });
  if (!dir) return { dir: null, status: null };
  const shared = await mkdtemp(join(tmpdir(), 'damon-exp-vm-'));
  try {
    await writeFile(join(shared, 'run.json'), runJson);
    const env: Record<string, string> = { NO_COLOR: '1' }; // the console log is a file
    for (const key of ['MASIM', 'PERF']) if (options.env?.[key]) env[key] = options.env[key]!;
    const repository = await gitState(); // git over 9p is slow in the guest: tell it
    env.DAMON_EXP_GIT = `${repository.commit ?? '-'} ${repository.dirty === null ? 'unknown' : repository.dirty ? 'dirty' : 'clean'}`;
    await writeFile(join(shared, GUEST_SCRIPT), guestRunScript(env));
    const consoleLog = join(shared, 'console.log');
    const started = new Date().toISOString();
    const programs = Object.values(run.workloads).flatMap((w) => (w.kind === 'masim' && w.binary?.includes('/') ? [dirname(w.binary)] : []));
    for (const key of ['MASIM', 'PERF']) if (options.env?.[key]?.includes('/')) programs.push(dirname(options.env[key]!));
    const { result, retries } = await bootAndRun(kernel, run, shared, consoleLog, { ...options, keepPaths: [...(options.keepPaths ?? []), ...programs] });
    options.onStage?.('done');

    const guestDir = join(shared, 'results', run.manifest.name, run.id);
    if (existsSync(guestDir)) await cp(guestDir, dir.tmp, { recursive: true, force: true });
    await mkdir(join(dir.tmp, 'logs'), { recursive: true });
    await cp(consoleLog, join(dir.tmp, 'logs', 'console.log'));
    for (const attempt of (await readdir(shared)).filter((f) => f.startsWith('console.log.attempt-'))) await cp(join(shared, attempt), join(dir.tmp, 'logs', attempt));
    const vm = { kernel: kernel.release, image: kernel.image, accel: result.accel, tcgThreads: result.accel === 'tcg' ? ((options.parallelVms ?? 1) > 1 ? 'single' : 'multi') : null, bootMs: result.bootMs, wallMs: result.wallMs, retries, exitStatus: result.exitStatus, failure: result.failure ?? null };
    const status: RunStatus & { vm?: unknown } = existsSync(join(guestDir, 'status.json'))
      ? (JSON.parse(await readFile(join(guestDir, 'status.json'), 'utf8')) as RunStatus)
      : { format: 'damon-exp.status/1', state: 'failed', runId: run.id, backend: 'local', startedAt: started, timings: {}, kdamondPids: {}, processes: [], errors: [], warnings: [] };
    (status as { backend: string }).backend = 'qemu';
    status.vm = vm;
    status.warnings.push(...retries);
    if (result.failure) {
      status.state = result.failure.kind === 'aborted' ? 'interrupted' : 'failed';
      status.errors.push(`the VM: ${result.failure.message} (see logs/console.log)`);
    } else if (!existsSync(join(guestDir, 'status.json'))) {
      status.errors.push(`the guest command ended with status ${result.exitStatus} without a result (see logs/console.log)`);
    } else if (result.exitStatus !== 0 && status.state === 'complete') {
      status.state = 'failed';
      status.errors.push(`the guest command ended with status ${result.exitStatus} although its run completed: the result may be incomplete (see logs/console.log)`);
    }
    status.endedAt ??= new Date().toISOString();
    await dir.writeJson('status.json', status);
    const envFile = join(dir.tmp, 'env.json');
    const guestEnv = existsSync(envFile) ? (JSON.parse(await readFile(envFile, 'utf8')) as Record<string, unknown>) : {};
    // The guest's env.json describes the guest (kernel, memory); the backend says how it was had.
    await dir.writeJson('env.json', { ...guestEnv, backend: { kind: 'qemu', why: options.why ?? 'asked for', ...vm } });
    return { dir: await dir.close(), status };
  } finally {
    await rm(shared, { recursive: true, force: true });
  }
}
