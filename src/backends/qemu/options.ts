// What the qemu backend is given (its options), what a boot takes of a run's request, and what its
// preflight hands to the run.
import type { Checked } from '../backend.js';
import type { Kernel } from '../../kernel-images/resolve.js';
import type { Accel } from './vm.js';

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
