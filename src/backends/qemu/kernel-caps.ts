// A kernel's DAMON as the host knows it before booting it (capsOfKernel), and what a run asks that
// it lacks, with the cached kernel that has it: refused before any VM boots (the preflight, run
// --dry-run, validate), at the manifest's line when the manifest is at hand.
import { dirname } from 'node:path';
import type { Run } from '../../manifest/run.js';
import type { RunRefusal } from '../../manifest/run-place.js';
import { capsRefusals, type CapsRefusal } from '../../plan/caps-check.js';
import type { KernelCaps } from '../../plan/caps.js';
import { capsFromFacts, versionOf } from '../../plan/kernel-caps.js';
import { DEBIAN, findCachedKernel, listCachedKernels, type CachedKernel } from '../../kernel-images/cache.js';
import { readKernelConfig } from '../../kernel-images/config.js';
import { findKernel, KernelImageError, type Kernel } from '../../kernel-images/resolve.js';

/** The name `make fork-kernel` gives the multi-context fork (docs/kernels-and-qemu.md), the one mark of it before a probe. */
const FORK_NAME = 'damon-multi-contexts';

/** How messages name a kernel: "Debian's 6.12 kernel", "the damon-multi-contexts kernel (6.9.0-rc4+)". */
export function kernelTitle(kernel: Pick<Kernel, 'name' | 'release' | 'cached'>): string {
  const version = versionOf(kernel.release);
  if (kernel.name === DEBIAN && version) return `Debian's ${version.join('.')} kernel`;
  return kernel.cached ? `the ${kernel.name} kernel (${kernel.release})` : `the kernel ${kernel.release}`;
}

/**
 * What the kernel's DAMON offers, known before it boots: what a guest's probe found and stored
 * with the cached kernel, else derived from its release and config (plan/kernel-caps.ts).
 */
export function capsOfKernel(kernel: Pick<Kernel, 'name' | 'release' | 'config' | 'cached'>): KernelCaps {
  return capsFromFacts({
    title: kernelTitle(kernel),
    release: kernel.release,
    config: kernel.config,
    multiContext: kernel.name === FORK_NAME,
    probed: kernel.cached?.probe ?? null,
  });
}

/** What `run` asks that `kernel` lacks, each saying which other cached kernel has it. */
export function kernelRefusals(run: Run, kernel: Kernel): RunRefusal[] {
  // A kernel without DAMON's sysfs is refused whole by the preflight, with every option it lacks.
  if (kernel.config.get('CONFIG_DAMON') !== 'y' || kernel.config.get('CONFIG_DAMON_SYSFS') !== 'y') return [];
  const refusals = capsRefusals(run, capsOfKernel(kernel), kernelTitle(kernel));
  if (!refusals.length) return [];
  const others = otherKernels(kernel);
  return refusals.map((refusal) => {
    const having = others.filter((other) => !other.refusals(run).some((r) => r.feature === refusal.feature));
    const who = having.length
      ? `${having.map((o) => o.title).join(', ')} ${having.length === 1 ? 'has' : 'have'} it`
      : 'no other cached kernel (damon-exp kernel list) has it';
    return { ...refusal, message: `${refusal.message}; ${who}` };
  });
}

/**
 * A check of each run against the kernel it is to boot (`kernel`, else its backend.kernel), for
 * manifest loading. Runs it does not serve (`serves`: runs of another backend) are not checked;
 * kernels still to be built, and kernels that cannot be found, are left to the preflight.
 */
export function kernelCapsCheck(
  kernel: string | null,
  serves: (run: Run) => boolean = (run) => run.backend.kind === 'qemu',
): (run: Run) => RunRefusal[] {
  const found = new Map<string, Kernel | null>();
  return (run) => {
    const spec = kernel ?? run.backend.kernel;
    if (!serves(run) || (spec !== null && typeof spec !== 'string')) return [];
    const baseDir = dirname(run.manifest.file);
    const key = `${spec ?? ''}\0${baseDir}`;
    if (!found.has(key)) found.set(key, findOrNull(spec, baseDir));
    const target = found.get(key)!;
    return target ? kernelRefusals(run, target) : [];
  };
}

function findOrNull(spec: string | null, baseDir: string): Kernel | null {
  try {
    return findKernel(spec, baseDir);
  } catch (error) {
    if (error instanceof KernelImageError) return null;
    throw error;
  }
}

interface OtherKernel {
  title: string;
  refusals(run: Run): CapsRefusal[];
}

const othersSeen = new Map<string, OtherKernel[]>();

/** The cached kernels with DAMON's sysfs interface other than `kernel`, one per name (read once per cache state). */
function otherKernels(kernel: Kernel): OtherKernel[] {
  const listed = listCachedKernels();
  const key = JSON.stringify([kernel.cached?.dir ?? kernel.image, listed.map((k) => [k.dir, k.probe?.at])]);
  let others = othersSeen.get(key);
  if (!others) othersSeen.set(key, (others = readOtherKernels(kernel, listed)));
  return others;
}

function readOtherKernels(kernel: Kernel, listed: CachedKernel[]): OtherKernel[] {
  const names = [...new Set(listed.map((k) => k.name))];
  return names
    .map((name) => findCachedKernel(name))
    .filter((cached): cached is CachedKernel => cached !== undefined && cached.dir !== kernel.cached?.dir)
    .flatMap((cached) => {
      let config: Map<string, string>;
      try {
        config = readKernelConfig(cached.config);
      } catch {
        return [];
      }
      if (config.get('CONFIG_DAMON_SYSFS') !== 'y') return [];
      const other = { name: cached.name, release: cached.release, config, cached };
      const caps = capsOfKernel(other);
      return [{ title: kernelTitle(other), refusals: (run: Run) => capsRefusals(run, caps) }];
    });
}
