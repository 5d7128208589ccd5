// Kernels by name or path, resolved to a bootable kernel: Debian's (kernel fetch), a cached kernel
// (built or imported), a bzImage with its config beside it, or an unpacked kernel package. The
// same rules check a manifest's backend.kernel (KERNEL_RESOLVER, given to manifest validation) and
// find the kernel a VM boots (findKernel), so that a wrong path is reported at its line when the
// manifest is checked, not when a VM is to boot.
import { existsSync, readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DamonExpError, shorten } from '../util/errors.js';
import { checkRegularFile } from '../util/input-file.js';
import { bzImageVersion, releaseOfVersion } from './bzimage.js';
import {
  cachedKernelNames,
  DEBIAN,
  findCachedKernel,
  KERNEL_CACHE,
  sha256File,
  unpackedKernel,
  type CachedKernel,
  type KernelIdentity,
} from './cache.js';
import { readKernelConfig } from './config.js';
import { checkSourceTree } from './source-tree.js';
import { kernelBuild } from './build-identity.js';
import { FROM_CHECKOUT, setupCommand } from '../util/places.js';

const WHAT_A_KERNEL_IS =
  'name a cached kernel (damon-exp kernel list), a kernel image (a bzImage with its config beside it as <image>.config), or an unpacked kernel package (boot/, lib/modules/); a path is relative to the manifest';

/** What is wrong with the kernel `spec` names (a cached kernel, or a path relative to `manifestDir`), or undefined. */
export function kernelPathProblem(spec: string, manifestDir: string): { message: string; hint: string } | undefined {
  if (spec === DEBIAN || findCachedKernel(spec)) return undefined;
  const path = resolve(manifestDir, spec);
  const shown = shorten(path, 200);
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    if ((code === 'ENOENT' || code === 'ENOTDIR') && /^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(spec)) {
      const cached = cachedKernelNames();
      return {
        message: `no kernel named '${shorten(spec, 80)}' in the cache, and no file ${shown}`,
        hint: `cached kernels: ${cached.length ? cached.join(', ') : 'none'}; damon-exp kernel build SRC builds one from a source tree, damon-exp kernel import IMAGE --name NAME imports a bzImage${FROM_CHECKOUT ? " (make fork-kernel installs the multi-context fork's when ../shared has it)" : ''}`,
      };
    }
    return {
      message:
        code === 'ENOENT' || code === 'ENOTDIR'
          ? `no kernel at ${shown}`
          : `cannot look at the kernel ${shown} (${code})`,
      hint: WHAT_A_KERNEL_IS,
    };
  }
  if (stats.isDirectory()) {
    if (!unpackedKernel(path))
      return {
        message: `${shown} is not a kernel: it has no boot/vmlinuz-* and boot/config-*`,
        hint: WHAT_A_KERNEL_IS,
      };
    return undefined;
  }
  if (!stats.isFile())
    return { message: `${shown} is not a regular file: it cannot be a kernel image`, hint: WHAT_A_KERNEL_IS };
  if (kernelConfigOf(path) === undefined) {
    return {
      message: `no config for the kernel ${shown}`,
      hint: `put its .config beside it as ${shorten(basename(path), 80)}.config (or in the build tree's .config)`,
    };
  }
  return undefined;
}

/** What is wrong with a kernel to build from `source` (and a config fragment), or undefined. */
export function kernelSourceProblem(
  source: string,
  config: string | null,
): { field: 'source' | 'config'; message: string; hint: string } | undefined {
  const problem = (field: 'source' | 'config', error: unknown) => {
    if (!(error instanceof DamonExpError)) throw error;
    return { field, message: error.message, hint: error.hint ?? 'name a Linux source tree with DAMON' };
  };
  try {
    checkSourceTree(source);
  } catch (error) {
    return problem('source', error);
  }
  if (config !== null) {
    try {
      checkRegularFile(config, 'a kernel config fragment');
    } catch (error) {
      return problem('config', error);
    }
  }
  return undefined;
}

/** A kernel named on the command line: a cached kernel's name as it is, a path from the working directory. */
export function commandLineKernel(text: string): string {
  return text === DEBIAN || findCachedKernel(text) ? text : resolve(text);
}

/**
 * What a run id calls the kernel `spec` names: a cached kernel's name, else the release of the
 * image (read from the bzImage's header, or the tree's boot/vmlinuz-<release>); undefined when it
 * cannot tell (the spec's text is used then).
 */
export function kernelLabel(spec: unknown, manifestDir: string): string | undefined {
  if (typeof spec !== 'string') return undefined;
  if (spec === DEBIAN) return DEBIAN;
  const cached = findCachedKernel(spec);
  if (cached) return cached.name;
  const path = resolve(manifestDir, spec);
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return unpackedKernel(path)?.release;
    if (!stats.isFile()) return undefined; // a FIFO would block the read
    const version = bzImageVersion(path);
    return version === null ? undefined : releaseOfVersion(version);
  } catch {
    return undefined;
  }
}

/** Where a kernel image's config is: beside it as <image>.config, or in its build tree. */
export function kernelConfigOf(image: string): string | undefined {
  const dir = dirname(image);
  return [`${image}.config`, join(dir, 'config'), join(dir, '.config'), join(dir, '../../../.config')].find((c) =>
    existsSync(c),
  );
}

export interface Kernel {
  /** The bzImage QEMU boots. */
  image: string;
  /** Identity (release) for caches and messages. */
  release: string;
  config: Map<string, string>;
  /** lib/modules/<release>, when the kernel has one. */
  modulesDir: string | null;
  /** Where its config was read from. */
  configFile: string;
  /** Its name in the cache (debian, damon-multi-contexts), or its release for a kernel named by path. */
  name: string;
  /** The cache entry, when it is a cached kernel. */
  cached: CachedKernel | null;
}

export function kernelIdentity(kernel: Kernel): KernelIdentity {
  const source = kernel.cached?.record?.source ?? null;
  return {
    name: kernel.name,
    release: kernel.release,
    version: kernel.cached?.record?.version ?? bzImageVersion(kernel.image),
    image: kernel.image,
    imageSha256: kernel.cached?.record?.imageSha256 ?? sha256File(kernel.image),
    config: kernel.configFile,
    configSha256: kernel.cached?.record?.configSha256 ?? sha256File(kernel.configFile),
    sourceCommit: source?.commit ?? null,
    sourceDirty: source?.dirty ?? null,
    cacheId: kernel.cached?.id ?? null,
  };
}

/** The CONFIG_DAMON* options of a kernel, as env.json keeps them. */
export function damonOptions(kernel: Kernel): Record<string, string> {
  return Object.fromEntries(
    [...kernel.config].filter(([key]) => key.startsWith('CONFIG_DAMON')).sort(([a], [b]) => a.localeCompare(b)),
  );
}

export class KernelImageError extends DamonExpError {}

/**
 * `spec`: null or 'debian' for the cached Debian kernel; a cached kernel's name (kernel list);
 * else a bzImage or an unpacked tree.
 */
export function findKernel(spec: string | null, baseDir = process.cwd()): Kernel {
  if (spec === null || spec === DEBIAN) {
    const tree = join(KERNEL_CACHE, 'default');
    if (!existsSync(tree))
      throw new KernelImageError('no Debian DAMON kernel in the cache', `run ${setupCommand('kernel')}`);
    return { ...fromTree(tree), name: DEBIAN, cached: findCachedKernel(DEBIAN) ?? null };
  }
  const cached = findCachedKernel(spec);
  if (cached) {
    if (cached.record === null) return { ...fromTree(cached.dir), name: cached.name, cached };
    return {
      image: cached.image,
      release: cached.release,
      config: readKernelConfig(cached.config),
      configFile: cached.config,
      modulesDir: null,
      name: cached.name,
      cached,
    };
  }
  // The same rules as a manifest's check (validate): one message whether found early or late.
  const problem = kernelPathProblem(spec, baseDir);
  if (problem) throw new KernelImageError(problem.message, problem.hint);
  const path = resolve(baseDir, spec);
  if (statSync(path).isDirectory()) return fromTree(path);
  checkRegularFile(path, 'a kernel image');
  const configFile = kernelConfigOf(path)!;
  const modulesDir = [join(dirname(path), 'lib/modules'), join(dirname(path), 'modules')].find((d) => existsSync(d));
  // The release the image says; else that of its modules, else its file name.
  const version = bzImageVersion(path);
  const modulesRelease = modulesDir ? readdirSync(modulesDir)[0] : undefined;
  const release = version ? releaseOfVersion(version) : (modulesRelease ?? basename(path));
  const modules = modulesDir
    ? join(modulesDir, existsSync(join(modulesDir, release)) ? release : (modulesRelease ?? release))
    : null;
  return {
    image: path,
    release,
    config: readKernelConfig(configFile),
    configFile,
    modulesDir: modules,
    name: release,
    cached: null,
  };
}

function fromTree(tree: string): Kernel {
  const unpacked = unpackedKernel(tree);
  if (!unpacked) throw new KernelImageError(`${tree} is not a kernel: it has no boot/vmlinuz-* and boot/config-*`);
  const { image, config, release } = unpacked;
  const modulesDir = join(tree, 'lib/modules', release);
  return {
    image,
    release,
    config: readKernelConfig(config),
    configFile: config,
    modulesDir: existsSync(modulesDir) ? modulesDir : null,
    name: release,
    cached: null,
  };
}

/** What manifest validation asks of kernels (manifest/kernels.ts), answered from the cache and the file system. */
export const KERNEL_RESOLVER = {
  pathProblem: kernelPathProblem,
  sourceProblem: kernelSourceProblem,
  label: kernelLabel,
  build: kernelBuild,
};
