// What the qemu backend refuses before anything is made: host pids, workloads larger than the VM,
// a missing guest bundle or TLB refresher, a kernel that cannot serve the run or cannot boot.
import { existsSync } from 'node:fs';
import { formatBytes } from '../../util/format.js';
import type { Run } from '../../manifest/run.js';
import { allContexts } from '../../manifest/run.js';
import { KernelImageError } from '../../kernel-images/resolve.js';
import { tlbRefreshProgram } from '../../record/tlb-refresh.js';
import { RefusedError, type PreflightContext } from '../backend.js';
import { CLI_BUNDLE } from './guest-script.js';
import { initramfsFor } from './initramfs.js';
import type { QemuBackendOptions, QemuChecked } from './options.js';
import { kernelFor, kernelSpecOf } from './provision.js';
import { FROM_CHECKOUT, setupCommand } from '../../util/places.js';

export async function preflightQemu(
  run: Run,
  options: QemuBackendOptions,
  context: PreflightContext,
): Promise<QemuChecked> {
  refuseHostPids(run);
  const memoryWarning = checkMemory(run);
  if (!existsSync(CLI_BUNDLE))
    throw new RefusedError(
      `${CLI_BUNDLE} is missing`,
      FROM_CHECKOUT ? 'run make build' : 'reinstall damon-exp: its package is incomplete',
    );
  const accel = options.accel ?? run.backend.accel;
  const refresher = tlbRefreshProgram(options.env);
  if (accel !== 'kvm' && (run.backend.tlbRefresh?.intervalUs ?? null) !== null && !existsSync(refresher))
    throw new RefusedError(
      `${refresher} is missing: under TCG the guest runs it so that DAMON does not go blind to a process alone on a vCPU`,
      `build it with ${setupCommand('native')}, or set backend.tlb_refresh: off`,
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
