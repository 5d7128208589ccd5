// The kernel a run boots: built from its source tree first when the run names one, then found and
// refused, with the options it lacks named, when it cannot serve the run.
import { dirname } from 'node:path';
import type { Run } from '../../manifest/run.js';
import { allContexts } from '../../manifest/run.js';
import { findKernel, KernelImageError, type Kernel } from '../../kernel-images/resolve.js';
import { KernelCacheError } from '../../kernel-images/cache.js';
import { buildKernel, KernelBuildError } from '../../kernel-images/build.js';
import { RefusedError, type PreflightContext } from '../backend.js';
import { missingForSwap, missingOptions } from './kernel.js';
import { kernelRefusals } from './kernel-caps.js';
import type { QemuBackendOptions } from './options.js';
import { setupCommand } from '../../util/places.js';

const builds = new Map<string, Promise<string>>();

/**
 * The kernel a run names, as findKernel takes it: a kernel to build from a source tree is built
 * first (a cache hit once built; runs of one sweep that name the same tree wait for one build).
 */
export async function kernelSpecOf(
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

/** The kernel for a run, refused with what it lacks named (options, DAMON features) when it cannot serve it. */
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
      `use a kernel with DAMON (${setupCommand('kernel')} fetches Debian's 6.12), or build one with these options`,
    );
  }
  refuseWhatItLacks(run, kernel);
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

/** What the run asks of DAMON that the kernel is known to lack: refused before it boots, not ~40 s into the VM. */
function refuseWhatItLacks(run: Run, kernel: Kernel): void {
  const [first, ...more] = kernelRefusals(run, kernel);
  if (!first) return;
  throw new RefusedError(
    `${first.message}${more.length ? ` (and ${more.length} more: damon-exp validate ${run.manifest.file} --kernel ${kernel.cached?.name ?? kernel.image} lists them)` : ''}`,
    first.hint,
  );
}
