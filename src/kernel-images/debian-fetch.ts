// Debian's DAMON kernel for the qemu backend: `apt-get download` of a kernel package, unpacked
// into the kernel cache (kernels/PACKAGE/, with `default` pointing at Debian's DAMON kernel).
// Without a package named: the one linux-image-6.12-amd64 depends on (Debian 12), else the default
// linux-image-amd64's when that is 6.12 or newer. A kernel is kept only when its config has
// CONFIG_DAMON_SYSFS=y. Idempotent: a kernel in the cache is not fetched again, and no network
// or package list is needed then.
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { KERNEL_CACHE, KernelCacheError } from './cache.js';
import { makeDirs, removeStalePartials } from '../util/make-dirs.js';

export interface FetchedKernel {
  package: string;
  /** The unpacked package in the cache. */
  dir: string;
  /** False when the cache had it already. */
  fetched: boolean;
}

export interface FetchOptions {
  /** A kernel package to fetch instead of Debian's DAMON kernel (not made the default). */
  package?: string;
  root?: string;
  /** Keep a kernel without CONFIG_DAMON_SYSFS=y (the tests of the refusal of one). */
  allowNoDamon?: boolean;
  onProgress?(line: string): void;
}

const PACKAGE_NAME = /^linux-image-[A-Za-z0-9.+~-]+$/;

function hasVmlinuz(dir: string): boolean {
  try {
    return readdirSync(join(dir, 'boot')).some((name) => name.startsWith('vmlinuz-'));
  } catch {
    return false;
  }
}

async function dependsOf(pkg: string): Promise<string | null> {
  const result = await execa('apt-cache', ['depends', pkg], { reject: false });
  const line = /^ *Depends: (linux-image-[0-9][^ ]*)$/m.exec(String(result.stdout ?? ''));
  return line ? line[1]! : null;
}

/** 6.12 or newer, from a package name such as linux-image-6.12.118+deb12-amd64. */
export function isDamonRelease(pkg: string): boolean {
  const version = /^linux-image-([0-9]+)\.([0-9]+)/.exec(pkg);
  if (!version) return false;
  const [major, minor] = [Number(version[1]), Number(version[2])];
  return major > 6 || (major === 6 && minor >= 12);
}

async function resolvePackage(): Promise<string | null> {
  const pinned = await dependsOf('linux-image-6.12-amd64');
  if (pinned) return pinned;
  const latest = await dependsOf('linux-image-amd64');
  return latest && isDamonRelease(latest) ? latest : null;
}

async function updateLists(onProgress: (line: string) => void): Promise<void> {
  if (process.getuid?.() !== 0)
    throw new KernelCacheError(
      "the package lists do not name Debian's DAMON kernel (linux-image-6.12-amd64)",
      'update them as root once: sudo apt-get update',
    );
  onProgress('updating the package lists (apt-get update)');
  const result = await execa('apt-get', ['update', '-qq'], { reject: false });
  if (result.exitCode !== 0)
    throw new KernelCacheError(`apt-get update failed: ${String(result.stderr).trim().split('\n').pop() ?? ''}`);
}

function configOf(dir: string): string {
  const name = readdirSync(join(dir, 'boot')).find((n) => n.startsWith('config-'));
  return name ? readFileSync(join(dir, 'boot', name), 'utf8') : '';
}

export async function fetchDebianKernel(options: FetchOptions = {}): Promise<FetchedKernel> {
  const root = options.root ?? KERNEL_CACHE;
  const progress = options.onProgress ?? (() => {});
  if (options.package !== undefined && !PACKAGE_NAME.test(options.package))
    throw new KernelCacheError(
      `'${options.package}' is not a Debian kernel package`,
      'name one as linux-image-VERSION',
    );
  makeDirs(root);
  const defaultLink = join(root, 'default');
  if (options.package === undefined && hasVmlinuz(defaultLink)) {
    const dir = realpathSync(defaultLink);
    return { package: dir.split('/').pop()!, dir, fetched: false };
  }
  const apt = await execa('apt-get', ['--version'], { reject: false });
  if (apt.exitCode !== 0)
    throw new KernelCacheError(
      "apt-get is not here: Debian's kernel package cannot be fetched",
      'build a kernel with damon-exp kernel build SRC, or import one with damon-exp kernel import IMAGE --name NAME',
    );
  let pkg = options.package ?? (await resolvePackage());
  if (pkg === null) {
    await updateLists(progress);
    pkg = await resolvePackage();
    if (pkg === null)
      throw new KernelCacheError(
        'no Debian kernel 6.12 or newer is available (linux-image-6.12-amd64)',
        "add Debian 12's bookworm-backports or Debian 13 to the apt sources, or build a kernel: damon-exp kernel build SRC",
      );
  }
  const dir = join(root, pkg);
  let fetched = false;
  if (!hasVmlinuz(dir)) {
    const known = await execa('apt-cache', ['show', pkg], { reject: false });
    if (known.exitCode !== 0) await updateLists(progress);
    // Several fetches may race: each unpacks into its own folder, the first rename wins.
    removeStalePartials(root);
    const partial = join(root, `.${pkg}.partial-${process.pid}`);
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial);
    try {
      progress(`downloading ${pkg} (apt-get download)`);
      const download = await execa('apt-get', ['download', pkg], { cwd: partial, reject: false, all: true });
      if (download.exitCode !== 0)
        throw new KernelCacheError(
          `apt-get download ${pkg} failed: ${
            String(download.all ?? '')
              .trim()
              .split('\n')
              .pop() ?? ''
          }`,
          'check the network and the apt sources (apt-get download needs no root)',
        );
      const deb = readdirSync(partial).find((name) => name.endsWith('.deb'));
      if (!deb) throw new KernelCacheError(`apt-get download ${pkg} left no .deb`);
      progress(`unpacking ${deb}`);
      const unpack = await execa('dpkg-deb', ['-x', join(partial, deb), join(partial, 'root')], {
        reject: false,
        all: true,
      });
      if (unpack.exitCode !== 0) throw new KernelCacheError(`dpkg-deb -x ${deb} failed: ${String(unpack.all).trim()}`);
      if (!hasVmlinuz(dir)) {
        rmSync(dir, { recursive: true, force: true }); // what an interrupted fetch of old left
        renameSync(join(partial, 'root'), dir);
      }
      fetched = true;
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  if (!/^CONFIG_DAMON_SYSFS=y$/m.test(configOf(dir)) && options.allowNoDamon !== true)
    throw new KernelCacheError(
      `${pkg} has no CONFIG_DAMON_SYSFS=y: not a DAMON kernel`,
      'fetch a 6.12 or newer package, or build a kernel: damon-exp kernel build SRC',
    );
  if (options.package === undefined) {
    // Pointed at atomically: a runner reading `default` sees the old kernel or the new one.
    const link = join(root, `.default-${process.pid}`);
    rmSync(link, { force: true });
    symlinkSync(pkg, link);
    renameSync(link, defaultLink);
  }
  return { package: pkg, dir: realpathSync(dir), fetched };
}
