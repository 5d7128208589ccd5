// Kernels for the qemu backend: Debian's DAMON kernel from the cache (make kernel), or one the
// manifest names (a bzImage with its config, or an unpacked tree), checked for what a run needs.
import { DamonExpError } from '../../errors.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkRegularFile, readInputFile } from '../../input-file.js';
import { bzImageVersion, releaseOfVersion } from '../../kernels/bzimage.js';
import {
  DEBIAN,
  findCachedKernel,
  KERNEL_CACHE,
  sha256File,
  unpackedKernel,
  type CachedKernel,
  type KernelIdentity,
} from '../../kernels/cache.js';
import { kernelConfigOf, kernelPathProblem } from '../../manifest/kernel-path.js';

export { KERNEL_CACHE };

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

function readConfig(path: string): Map<string, string> {
  const config = new Map<string, string>();
  for (const line of readInputFile(path, 'a kernel config', 64 << 20).split('\n')) {
    const match = /^(CONFIG_[A-Z0-9_]+)=(.*)$/.exec(line);
    if (match) config.set(match[1]!, match[2]!);
  }
  return config;
}

/**
 * `spec`: null or 'debian' for the cached Debian kernel; a cached kernel's name (kernel list);
 * else a bzImage or an unpacked tree.
 */
export function findKernel(spec: string | null, baseDir = process.cwd()): Kernel {
  if (spec === null || spec === DEBIAN) {
    const tree = join(KERNEL_CACHE, 'default');
    if (!existsSync(tree))
      throw new KernelImageError('no Debian DAMON kernel in the cache', 'run make kernel (part of make setup)');
    return { ...fromTree(tree), name: DEBIAN, cached: findCachedKernel(DEBIAN) ?? null };
  }
  const cached = findCachedKernel(spec);
  if (cached) {
    if (cached.record === null) return { ...fromTree(cached.dir), name: cached.name, cached };
    return {
      image: cached.image,
      release: cached.release,
      config: readConfig(cached.config),
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
    config: readConfig(configFile),
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
    config: readConfig(config),
    configFile: config,
    modulesDir: existsSync(modulesDir) ? modulesDir : null,
    name: release,
    cached: null,
  };
}

/** The 9p modules the guest loads, in load order (empty when 9p is built in). */
export const NINE_P_MODULES = ['netfs', '9pnet', '9pnet_virtio', '9p'];

/** What the kernel lacks for a run that needs `operations`; empty when it can boot it. */
export function missingOptions(kernel: Kernel, operations: string[]): string[] {
  const missing: string[] = [];
  const has = (option: string, allowModule = false) => {
    const value = kernel.config.get(option);
    return value === 'y' || (allowModule && value === 'm');
  };
  for (const option of ['CONFIG_DAMON', 'CONFIG_DAMON_SYSFS']) if (!has(option)) missing.push(`${option}=y`);
  if (operations.some((o) => o === 'vaddr' || o === 'fvaddr') && !has('CONFIG_DAMON_VADDR'))
    missing.push('CONFIG_DAMON_VADDR=y');
  if (operations.includes('paddr') && !has('CONFIG_DAMON_PADDR')) missing.push('CONFIG_DAMON_PADDR=y');
  for (const option of ['CONFIG_VIRTIO_PCI', 'CONFIG_DEVTMPFS', 'CONFIG_SERIAL_8250_CONSOLE', 'CONFIG_TRACING'])
    if (!has(option)) missing.push(`${option}=y`);
  for (const option of ['CONFIG_NET_9P', 'CONFIG_NET_9P_VIRTIO', 'CONFIG_9P_FS']) {
    if (!has(option, true)) missing.push(`${option}=y or m`);
    else if (kernel.config.get(option) === 'm' && !kernel.modulesDir)
      missing.push(`${option} is a module, but the kernel has no lib/modules directory`);
  }
  const found = new Set(ninePModuleFiles(kernel).map((m) => m.name));
  for (const name of NINE_P_MODULES) {
    if (kernel.modulesDir && kernel.config.get(configOf(name)) === 'm' && !found.has(name))
      missing.push(`the module ${name}.ko (${configOf(name)}=m) in ${kernel.modulesDir}`);
  }
  return missing;
}

/** The .ko files to load for 9p, decompressed, in order; empty when 9p is built in. */
export function ninePModuleFiles(kernel: Kernel): { name: string; path: string }[] {
  if (!kernel.modulesDir) return [];
  const all = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ko(\.xz|\.zst|\.gz)?$/.test(entry.name))
        all.set(entry.name.replace(/\.ko(\.xz|\.zst|\.gz)?$/, '').replace(/-/g, '_'), path);
    }
  };
  walk(join(kernel.modulesDir, 'kernel'));
  return NINE_P_MODULES.filter((name) => kernel.config.get(configOf(name)) === 'm' && all.has(name)).map((name) => ({
    name,
    path: all.get(name)!,
  }));
}

function configOf(module: string): string {
  return {
    netfs: 'CONFIG_NETFS_SUPPORT',
    '9pnet': 'CONFIG_NET_9P',
    '9pnet_virtio': 'CONFIG_NET_9P_VIRTIO',
    '9p': 'CONFIG_9P_FS',
  }[module]!;
}

/** A module file's content, decompressed. */
export function moduleBytes(path: string): Buffer {
  if (path.endsWith('.xz')) return execFileSync('xz', ['-dc', path], { maxBuffer: 1 << 28 });
  if (path.endsWith('.zst')) return execFileSync('zstd', ['-dc', path], { maxBuffer: 1 << 28 });
  if (path.endsWith('.gz')) return execFileSync('gzip', ['-dc', path], { maxBuffer: 1 << 28 });
  return readFileSync(path);
}
