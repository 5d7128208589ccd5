// What a kernel must have to boot a run in QEMU (options, modules for 9p and swap), checked
// before the VM starts. Finding the kernel is kernel-images/resolve.ts's.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kernel } from '../../kernel-images/resolve.js';
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
