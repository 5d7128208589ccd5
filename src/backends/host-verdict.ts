// Which backend can serve runs on this host, from doctor's checks and what the qemu backend has:
// this host's DAMON when none of its checks fails, else QEMU when it can boot a DAMON kernel and
// the programs every run needs are there, else none (and what to do about it).
import type { Check } from './host-check.js';
import { FROM_CHECKOUT } from '../util/places.js';

/** What the qemu backend has on this host (probed by host-check.ts, given in tests). */
export interface QemuReadiness {
  /** The first line of `qemu-system-x86_64 --version`; null when it does not run. */
  qemu: string | null;
  /** The guest's init (busybox-static). */
  busybox: boolean;
  /** The TLB refresher a TCG guest runs (native/tlb-refresh). */
  tlbRefresh: boolean;
  /** Debian's DAMON kernel in the cache: its release, or why there is none. */
  kernel: { release: string } | { problem: string };
  /** Whether /dev/kvm is there to use. */
  kvm: boolean;
  /** Why KVM failed on this host since it booted (then QEMU emulates); null when it did not. */
  kvmFailed: string | null;
}

export type Verdict =
  | { serves: 'local'; line: string }
  | { serves: 'qemu'; accel: 'kvm' | 'tcg'; line: string }
  | { serves: null; line: string };

/** Checks about this host's own DAMON: their failures do not stop the qemu backend. */
export const LOCAL_ONLY = new Set(['root', 'DAMON sysfs', 'DAMON in use', 'DAMON tracepoints', 'local backend']);

/**
 * Whether a failed check stops this host's DAMON only. perf and masim are the host's programs the
 * guest runs too: missing, they stop both; a perf that is there but cannot record here is this
 * kernel's matter.
 */
export function localOnly(check: Check, perfFound: boolean): boolean {
  return LOCAL_ONLY.has(check.check) || (check.check === 'perf' && perfFound);
}

/** Why the qemu backend cannot boot a DAMON kernel here (under `accel`); empty when it can. */
export function qemuProblems(readiness: QemuReadiness, accel: 'kvm' | 'tcg'): string[] {
  const problems: string[] = [];
  if (readiness.qemu === null) problems.push('qemu-system-x86_64 is not installed');
  if (!readiness.busybox) problems.push('busybox is missing (busybox-static)');
  // Under TCG a guest needs it, or DAMON goes blind to a process alone on a vCPU.
  if (accel === 'tcg' && !readiness.tlbRefresh) problems.push('the TLB refresher is not built (TCG guests run it)');
  if ('problem' in readiness.kernel) problems.push(readiness.kernel.problem);
  return problems;
}

export function accelOf(readiness: QemuReadiness): 'kvm' | 'tcg' {
  return readiness.kvm && readiness.kvmFailed === null ? 'kvm' : 'tcg';
}

export const QEMU_SETUP = FROM_CHECKOUT
  ? "make setup installs QEMU and busybox-static, builds native/ (make native) and fetches Debian's DAMON kernel (make kernel)"
  : "damon-exp setup says which Debian packages to install (QEMU, busybox-static), builds masim and the TLB refresher and fetches Debian's DAMON kernel";

/** The verdict from the checks of this host (failed ones tagged by localOnly) and the qemu backend's readiness. */
export function verdictOf(checks: readonly Check[], readiness: QemuReadiness, perfFound: boolean): Verdict {
  const failed = checks.filter((c) => c.state === 'fail');
  if (!failed.length) return { serves: 'local', line: 'this host can serve runs (its DAMON)' };
  const local = failed.filter((c) => localOnly(c, perfFound) && c.check !== 'local backend');
  const shared = failed.filter((c) => !localOnly(c, perfFound));
  const accel = accelOf(readiness);
  const problems = qemuProblems(readiness, accel);
  if (!shared.length && !problems.length) {
    const why = local.map((c) => `${c.check} (${c.detail})`).join('; ');
    const how = accel === 'kvm' ? 'KVM' : 'TCG, slow';
    return { serves: 'qemu', accel, line: `runs will go to QEMU (${how}): this host's DAMON cannot serve: ${why}` };
  }
  const todo = [
    ...shared.map((c) => `${c.check}: ${c.hint ?? c.detail}`),
    ...(problems.length ? [`for QEMU (${problems.join('; ')}): ${QEMU_SETUP}`] : []),
    ...(local.length && shared.length === 0
      ? [`or for this host's DAMON: ${local.map((c) => c.hint ?? c.detail).join('; ')}`]
      : []),
  ];
  return { serves: null, line: `no backend can serve runs here: ${todo.join('; ')}` };
}
