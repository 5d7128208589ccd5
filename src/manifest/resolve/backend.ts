// Where a run happens: the backend (local or qemu), the kernel it boots (a name, or a source tree
// resolved against the manifest, checked once per spec) and the VM's size.
import { resolve as resolvePath } from 'node:path';
import { shorten } from '../../errors.js';
import { kernelSourceProblem } from '../kernel-path.js';
import type { Manifest } from '../manifest.types.js';
import { DEFAULT_BACKEND, type Run, type RunWorkload } from '../run.js';
import type { Report, ResolveContext, Size } from './context.js';

export function resolveBackend(
  manifest: Manifest,
  workloads: Record<string, RunWorkload>,
  ctx: ResolveContext,
  report: Report,
  size: Size,
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
    const problem = kernelSourceProblem(kernel.source, kernel.config);
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
    memoryBytes,
    cpus: backend.cpus ?? DEFAULT_BACKEND.cpus,
    accel: backend.accel ?? DEFAULT_BACKEND.accel,
    swapBytes: backend.swap !== undefined ? size(backend.swap, ['backend', 'swap']) : pagesOut ? memoryBytes : 0,
    thp: backend.thp ?? null,
  };
}
