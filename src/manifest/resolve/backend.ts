// Where a run happens: the backend (local or qemu), the kernel it boots (a name, or a source tree
// resolved against the manifest, checked once per spec) and the VM's size.
import { resolve as resolvePath } from 'node:path';
import { shorten } from '../../util/errors.js';
import type { Manifest } from '../manifest.types.js';
import { DEFAULT_BACKEND, type Run, type RunWorkload, type TlbRefreshSetting } from '../run.js';
import type { Duration, Report, ResolveContext, Size } from './context.js';
import { formatDuration } from '../../util/format.js';

export function resolveBackend(
  manifest: Manifest,
  workloads: Record<string, RunWorkload>,
  ctx: ResolveContext,
  report: Report,
  { size, duration }: { size: Size; duration: Duration },
  /** What backend.tlb_refresh's auto follows: the layout's shortest sampling interval (µs), and its workload processes. */
  layout: { shortestSampleUs: number; processes: number },
  /** Some scheme pages out: the guest gets swap unless backend.swap says otherwise. */
  pagesOut = false,
): Run['backend'] {
  const backend = manifest.backend ?? {};
  let kernel: Run['backend']['kernel'] = DEFAULT_BACKEND.kernel;
  if (typeof backend.kernel === 'string') {
    kernel = backend.kernel;
    const problem = ctx.kernelProblem(backend.kernel);
    if (problem) report(['backend', 'kernel'], problem.message, problem.hint);
  } else if (backend.kernel !== undefined) {
    kernel = {
      source: resolvePath(ctx.manifestDir, backend.kernel.source),
      config: backend.kernel.config === undefined ? null : resolvePath(ctx.manifestDir, backend.kernel.config),
      name: backend.kernel.name ?? null,
    };
    const problem = ctx.kernelSourceProblem(kernel.source, kernel.config);
    if (problem) report(['backend', 'kernel', problem.field], problem.message, problem.hint);
  }
  const kind = backend.kind ?? DEFAULT_BACKEND.kind;
  if (kind === 'qemu') {
    for (const [name, workload] of Object.entries(workloads)) {
      if (workload.kind !== 'pid') continue;
      report(
        ['workloads', name, 'pid'],
        `workload '${shorten(name)}' monitors pid ${workload.pid} of this host, but backend.kind is qemu: the run happens in a VM, where host pids mean nothing`,
        'use a masim or command workload, or the local backend (backend.kind: local)',
      );
    }
  }
  const memoryBytes =
    backend.memory === undefined ? DEFAULT_BACKEND.memoryBytes : size(backend.memory, ['backend', 'memory']);
  return {
    kind,
    kernel,
    kernelBuild: kind === 'local' || (kernel !== null && typeof kernel !== 'string') ? null : ctx.kernelBuild(kernel),
    memoryBytes,
    cpus: backend.cpus ?? DEFAULT_BACKEND.cpus,
    accel: backend.accel ?? DEFAULT_BACKEND.accel,
    swapBytes: backend.swap !== undefined ? size(backend.swap, ['backend', 'swap']) : pagesOut ? memoryBytes : 0,
    thp: backend.thp ?? null,
    tlbRefresh: tlbRefreshOf(
      backend.tlb_refresh ?? 'auto',
      layout,
      backend.cpus ?? DEFAULT_BACKEND.cpus,
      duration,
      report,
    ),
  };
}

/**
 * backend.tlb_refresh: `auto` runs the refresher once per sampling interval when a workload may
 * have a vCPU to itself (no more workload processes than vCPUs); with more, their switches between
 * each other empty QEMU's TLB already, and the refresher would only cost them and the kdamonds
 * (measured: docs/reliability.md, "DAMON under emulation").
 */
function tlbRefreshOf(
  setting: string,
  { shortestSampleUs, processes }: { shortestSampleUs: number; processes: number },
  cpus: number,
  duration: Duration,
  report: Report,
): TlbRefreshSetting {
  if (setting === 'off') return { mode: 'off', intervalUs: null, why: 'backend.tlb_refresh: off' };
  if (setting === 'auto') {
    if (processes > cpus)
      return {
        mode: 'auto',
        intervalUs: null,
        why: `auto: ${processes} workload processes share ${cpus} vCPU${cpus === 1 ? '' : 's'}, and their switches between each other empty QEMU's TLB`,
      };
    const intervalUs = autoRefreshIntervalUs(shortestSampleUs);
    return {
      mode: 'auto',
      intervalUs,
      why: `auto: ${processes} workload process${processes === 1 ? '' : 'es'} on ${cpus} vCPU${cpus === 1 ? '' : 's'}, a refresh every sampling interval (${formatDuration(intervalUs)})`,
    };
  }
  const us = duration(setting, ['backend', 'tlb_refresh']);
  if (us < 50 || us > 10_000_000)
    report(
      ['backend', 'tlb_refresh'],
      `backend.tlb_refresh: a TLB refresh every ${setting} is out of range (50us to 10s)`,
      "auto refreshes once per sampling interval; 'off' turns it off",
    );
  return { mode: 'fixed', intervalUs: us, why: `backend.tlb_refresh: ${setting}` };
}

/**
 * backend.tlb_refresh: auto's interval for a run whose shortest sampling interval is `sampleUs`:
 * one refresh per sampling interval, between 500 µs and 20 ms. Measured under TCG (docs/reliability.md, "DAMON
 * under emulation"): every 1 ms cost the workload enough speed to lower recall; every 2.5 and
 * every 5 ms (half and all of the default 5 ms) gave the same recall, and each refresh costs the
 * workload and the kdamonds the page walks that refill an emptied TLB, so the fewer the better.
 */
export function autoRefreshIntervalUs(sampleUs: number): number {
  return Math.min(20_000, Math.max(500, sampleUs));
}
