// env.json of a run in a VM: the guest's, completed by the host.
import { damonOptions, kernelIdentity, type Kernel } from '../../kernel-images/resolve.js';
import { machineFacts, type Environment } from '../../record/environment.js';
import type { RunDirectory } from '../../record/run-directory.js';
import { CorruptFileError, readRunJson, RUN_FILES, type VmStatus } from '../../record/run-files.js';
import type { SwapRecord } from './swap.js';
import type { TlbRefreshRecord } from './tlb-refresh.js';
import { qemuVersion } from './vm.js';

/**
 * The guest's env.json describes the guest (kernel, memory); the host adds the kernel image's
 * identity (and its DAMON options when the guest cannot read its config: Debian's has no
 * /proc/config.gz), the host machine and QEMU, and how the VM went.
 */
export async function recordVmInEnvironment(
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
