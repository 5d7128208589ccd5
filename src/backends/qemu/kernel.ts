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

/** A module the guest loads from the initramfs when its kernel has it as a module. */
export interface GuestModule {
  name: string;
  /** The option that makes it (=m: a module to load; =y: built in, nothing to load). */
  option: string;
  /**
   * What the guest needs it for: 9p (every run: the host's root and the run's share), swap (runs
   * with backend.swap).
   */
  neededFor: '9p' | 'swap';
}

/** The modules the guest loads, in load order. */
export const GUEST_MODULES: readonly GuestModule[] = [
  { name: 'netfs', option: 'CONFIG_NETFS_SUPPORT', neededFor: '9p' },
  { name: '9pnet', option: 'CONFIG_NET_9P', neededFor: '9p' },
  { name: '9pnet_virtio', option: 'CONFIG_NET_9P_VIRTIO', neededFor: '9p' },
  { name: '9p', option: 'CONFIG_9P_FS', neededFor: '9p' },
  { name: 'virtio_blk', option: 'CONFIG_VIRTIO_BLK', neededFor: 'swap' },
];

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
  missing.push(...missingModules(kernel, '9p'));
  return missing;
}

/**
 * What the kernel lacks to give the guest swap on a virtio disk (a run with backend.swap, so that
 * pageout can reclaim anonymous memory); empty when it can.
 */
export function missingForSwap(kernel: Kernel): string[] {
  const missing: string[] = [];
  if (kernel.config.get('CONFIG_SWAP') !== 'y') missing.push('CONFIG_SWAP=y');
  const virtioBlk = kernel.config.get('CONFIG_VIRTIO_BLK');
  if (virtioBlk !== 'y' && virtioBlk !== 'm') missing.push('CONFIG_VIRTIO_BLK=y or m');
  else if (virtioBlk === 'm' && !kernel.modulesDir)
    missing.push('CONFIG_VIRTIO_BLK is a module, but the kernel has no lib/modules directory');
  missing.push(...missingModules(kernel, 'swap'));
  return missing;
}

/** The modules for `neededFor` that the config says are modules but the modules directory lacks. */
function missingModules(kernel: Kernel, neededFor: GuestModule['neededFor']): string[] {
  if (!kernel.modulesDir) return [];
  const found = new Set(guestModuleFiles(kernel).map((m) => m.name));
  return GUEST_MODULES.filter(
    (m) => m.neededFor === neededFor && kernel.config.get(m.option) === 'm' && !found.has(m.name),
  ).map((m) => `the module ${m.name}.ko (${m.option}=m) in ${kernel.modulesDir}`);
}

/**
 * The .ko files of GUEST_MODULES that the kernel has as modules and its modules directory holds,
 * in load order; empty when all are built in. A kernel without virtio_blk.ko boots without swap
 * support (the preflight refuses only the runs that need swap).
 */
export function guestModuleFiles(kernel: Kernel): (GuestModule & { path: string })[] {
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
  if (existsSync(join(kernel.modulesDir, 'kernel'))) walk(join(kernel.modulesDir, 'kernel'));
  return GUEST_MODULES.filter((m) => kernel.config.get(m.option) === 'm' && all.has(m.name)).map((m) => ({
    ...m,
    path: all.get(m.name)!,
  }));
}

/** A module file's content, decompressed. */
export function moduleBytes(path: string): Buffer {
  if (path.endsWith('.xz')) return execFileSync('xz', ['-dc', path], { maxBuffer: 1 << 28 });
  if (path.endsWith('.zst')) return execFileSync('zstd', ['-dc', path], { maxBuffer: 1 << 28 });
  if (path.endsWith('.gz')) return execFileSync('gzip', ['-dc', path], { maxBuffer: 1 << 28 });
  return readFileSync(path);
}
