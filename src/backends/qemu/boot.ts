// Booting a kernel in QEMU to run the guest's command: the paths the guest keeps visible, the swap
// disk, the kernel's entry (PVH when it has one), KVM or TCG (KVM falls back to TCG), TCG's
// threads, the kernel's command line, and one retry for a panic while booting.
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { refuseLineBreak } from '../../util/shell.js';
import { packagePath } from '../../util/version.js';
import type { Run } from '../../manifest/run.js';
import type { Kernel } from '../../kernel-images/resolve.js';
import { pvhKernel } from '../../kernel-images/pvh.js';
import { initramfsFor, KEEP_PATHS_FILE } from './initramfs.js';
import { KVM_MEMO, kvmFailedSinceBoot, rememberKvmFailure } from './kvm-memo.js';
import type { BootOptions } from './options.js';
import { createSwapDisk } from './swap.js';
import { offerTlbRefresh } from './tlb-refresh.js';
import { kvmUsable, runVm, type Accel, type VmResult } from './vm.js';
import { makeDirs } from '../../util/make-dirs.js';

export interface GuestRun {
  result: VmResult;
  retries: string[];
  /** How QEMU entered the kernel: its uncompressed ELF's PVH entry, or the bzImage's loader. */
  entry: 'pvh' | 'bzImage';
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
  makeDirs(dirname(join(shared, KEEP_PATHS_FILE)));
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
    // PVH under TCG only: there the bzImage's self-decompression costs a second, and with a KVM
    // that cannot run the guest (nested KVM here) the bzImage fails at once with "emulation
    // failure" where the PVH entry hangs until the boot timeout.
    const image = (accel === 'tcg' ? pvhKernel(kernel) : null) ?? kernel.image;
    const result = await runVm({
      image,
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
      // A stop (ours, someone's signal, a SIGKILL) says nothing of KVM.
      !['aborted', 'signalled', 'killed'].includes(result.failure.kind)
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
    return { result, retries, entry: image === kernel.image ? 'bzImage' : 'pvh' };
  }
}

/** The guest kernel's extra command line: the run's THP setting, then --append. */
function kernelArgs(run: Pick<Run, 'backend'>, append: string | undefined): string {
  return [run.backend.thp ? `transparent_hugepage=${run.backend.thp}` : '', append ?? ''].join(' ').trim();
}

/**
 * TCG's threads: a thread per vCPU, unless the VM shares the host with others (--jobs) or has fewer
 * host CPUs than vCPUs (a Slurm task's allocation): then one thread for them all.
 */
export function tcgThreadsFor(
  run: Pick<Run, 'backend'>,
  options: { parallelVms?: number; hostCpus?: number },
): 'single' | 'multi' {
  const sharing = (options.parallelVms ?? 1) > 1;
  const fewerCpus = options.hostCpus !== undefined && options.hostCpus < run.backend.cpus;
  return sharing || fewerCpus ? 'single' : 'multi';
}
