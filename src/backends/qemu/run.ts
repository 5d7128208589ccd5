// One run in a VM, on the host's side: the run directory is opened on the host and shared with the
// guest, which writes into it as the run goes; once the VM has ended, the host adds the VM's story
// (status, env.json, swap, the TLB refresher) and moves the directory into place.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../../util/errors.js';
import type { Run } from '../../manifest/run.js';
import type { Kernel } from '../../kernel-images/resolve.js';
import type { RunOutcome } from '../../record/outcome.js';
import { RunDirectory } from '../../record/run-directory.js';
import { LOGS_DIR, newStatus, VM_DIR, type RunStatus, type VmStatus } from '../../record/run-files.js';
import type { RunRequest } from '../backend.js';
import { bootAndRun, tcgThreadsFor, type GuestRun } from './boot.js';
import { planBeforeBoot, rememberCaps } from './guest-caps.js';
import { recordVmInEnvironment } from './guest-environment.js';
import { guestEnvironment, guestRunScript, programDirectories } from './guest-script.js';
import { guestConsoleMessage, guestOutcome, readGuestStatus } from './guest-status.js';
import { GUEST_SCRIPT } from './initramfs.js';
import type { BootOptions, QemuBackendOptions, QemuChecked } from './options.js';
import { NO_SWAP_WARNING, swapOfGuest } from './swap.js';
import { tlbRefreshOfGuest } from './tlb-refresh.js';
import { convertOnHost } from './trace-on-host.js';
import { makeDirs } from '../../util/make-dirs.js';

type RunOptions = BootOptions & RunRequest;

export async function runChecked(
  run: Run,
  { kernel, warnings }: QemuChecked,
  request: RunRequest,
  backendOptions: QemuBackendOptions,
): Promise<RunOutcome> {
  const options: RunOptions = { ...backendOptions, ...request, parallelVms: request.parallel };
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
    makeDirs(join(shared, VM_DIR));
    await writeFile(join(shared, GUEST_SCRIPT), guestRunScript(await guestEnvironment(options.env)));
    const programs = programDirectories(run, options.env);
    const consoleLog = dir.path(join(LOGS_DIR, 'console.log'));
    const guestRun = await bootAndRun(kernel, run, shared, consoleLog, {
      ...options,
      keepPaths: [...(options.keepPaths ?? []), ...programs],
    });
    options.onStage?.('done');
    vm = vmStatus(run, kernel, guestRun, options);
    return await handBack(run, kernel, dir, hostStatus, guestRun, vm, consoleLog, options);
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
    return closeWith(dir, status);
  }
}

/** status.json's record of how the VM went. */
function vmStatus(run: Run, kernel: Kernel, { result, retries, entry }: GuestRun, options: RunOptions): VmStatus {
  return {
    kernel: kernel.release,
    image: kernel.image,
    entry,
    accel: result.accel,
    tcgThreads: result.accel === 'tcg' ? tcgThreadsFor(run, options) : null,
    bootMs: result.bootMs,
    wallMs: result.wallMs,
    retries,
    exitStatus: result.exitStatus,
    failure: result.failure ?? null,
  };
}

/** The run's status and env.json from what the guest left in the share and how the VM went; the VM's files removed. */
async function handBack(
  run: Run,
  kernel: Kernel,
  dir: RunDirectory,
  hostStatus: RunStatus,
  { result }: GuestRun,
  vm: VmStatus,
  consoleLog: string,
  options: RunOptions,
): Promise<RunOutcome> {
  const shared = dir.tmp;
  const status = guestOutcome(
    hostStatus,
    readGuestStatus(shared, hostStatus),
    result,
    vm,
    guestConsoleMessage(consoleLog),
  );
  await convertOnHost(shared, status, options.env);
  const swap = run.backend.swapBytes > 0 ? await swapOfGuest(run.backend.swapBytes, consoleLog, shared) : null;
  // A guest that never got to its command says why already.
  if (swap && !swap.active && result.bootMs !== null) status.warnings.push(NO_SWAP_WARNING);
  await dir.writeStatus(status);
  const tlbRefresh = await tlbRefreshOfGuest(run, vm, shared);
  await recordVmInEnvironment(dir, vm, options.why, kernel, swap, tlbRefresh);
  rememberCaps(shared, kernel);
  await rm(join(shared, VM_DIR), { recursive: true, force: true });
  return closeWith(dir, status);
}

async function closeWith(dir: RunDirectory, status: RunStatus): Promise<RunOutcome> {
  const closed = await dir.close();
  return { dir: closed.dir, status, ...(closed.notPlaced ? { notPlaced: closed.notPlaced } : {}) };
}
