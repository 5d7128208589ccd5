// The kernel cache (kernels/ of the user's cache, util/places.ts): Debian's DAMON kernel (damon-exp
// kernel fetch, which setup and make kernel run: an unpacked package that
// `default` points at) and kernels built from source or imported (a directory each, holding
// bzImage, config and kernel.json, the facts of where the kernel came from). A manifest names a
// cached kernel by its name (`debian`, `damon-multi-contexts`) or by its directory's name.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { DamonExpError, shorten } from '../util/errors.js';
import { checkRegularFile, MAX_RUN_FILE_BYTES, readInputFile } from '../util/input-file.js';
import { USER_CACHE } from '../util/places.js';
import { bzImageVersion, releaseOfVersion } from './bzimage.js';
import { makeDirs } from '../util/make-dirs.js';

export const KERNEL_CACHE = join(USER_CACHE, 'kernels');
export const KERNEL_RECORD = 'kernel.json';
const RECORD_FORMAT = 'damon-exp.kernel/1';
/** The name the cached Debian kernel answers to. */
export const DEBIAN = 'debian';

export class KernelCacheError extends DamonExpError {}

/** Where a kernel's source was, when it was built from (or described by) one. */
export interface SourceFacts {
  /** The tree it was built from (absent for an imported kernel). */
  path: string | null;
  commit: string | null;
  /** Whether the tree had changes that are not committed; their digest when it had. */
  dirty: boolean | null;
  diffSha256: string | null;
}

export interface KernelRecord {
  format: typeof RECORD_FORMAT;
  name: string;
  release: string;
  /** The bzImage's whole version string. */
  version: string;
  image: string;
  config: string;
  imageSha256: string;
  configSha256: string;
  source: SourceFacts | null;
  /** How it was built (kernel build), or null for an imported kernel. */
  build: {
    at: string;
    seconds: number;
    jobs: number;
    fragments: string[];
    log: string;
    /** The digest of the config fragments it was built with. */ inputsSha256: string;
  } | null;
  imported: { from: string; at: string } | null;
}

/** What a run learnt of a kernel's DAMON when it probed it (written beside kernel.json). */
export interface KernelProbe {
  maxContextsPerKdamond: number | null;
  at: string;
  /** Everything the probe found (plan.json's caps), kept as it is: plan/ reads it. Absent in older records. */
  caps?: Record<string, unknown>;
}
const PROBE_FILE = 'probed.json';

/** What env.json says of the kernel a VM booted: enough to tell two kernels apart. */
export interface KernelIdentity {
  name: string;
  release: string;
  version: string | null;
  image: string;
  imageSha256: string;
  config: string;
  configSha256: string;
  sourceCommit: string | null;
  sourceDirty: boolean | null;
  cacheId: string | null;
}

export interface CachedKernel {
  /** Its directory's name: unique in the cache. */
  id: string;
  dir: string;
  name: string;
  release: string;
  image: string;
  config: string;
  record: KernelRecord | null;
  probe: KernelProbe | null;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readInputFile(path, 'a kernel cache file', MAX_RUN_FILE_BYTES)) as T;
  } catch {
    return null;
  }
}

/** An unpacked kernel package's boot/vmlinuz-<release> and boot/config-<release>, or null when it has not both. */
export function unpackedKernel(dir: string): { image: string; config: string; release: string } | null {
  const boot = join(dir, 'boot');
  let files: string[];
  try {
    files = readdirSync(boot);
  } catch {
    return null;
  }
  const image = files.find((f) => f.startsWith('vmlinuz-'));
  const config = files.find((f) => f.startsWith('config-'));
  return image && config
    ? { image: join(boot, image), config: join(boot, config), release: image.slice('vmlinuz-'.length) }
    : null;
}

/** Every kernel in the cache, Debian's first, then by name. */
export function listCachedKernels(root = KERNEL_CACHE): CachedKernel[] {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  let debianId: string | null = null;
  try {
    debianId = basename(realpathSync(join(root, 'default')));
  } catch {
    // no Debian kernel fetched
  }
  const kernels: CachedKernel[] = [];
  for (const id of entries.sort()) {
    if (id.startsWith('.') || id === 'default') continue;
    const dir = join(root, id);
    const record = readJson<KernelRecord>(join(dir, KERNEL_RECORD));
    const probe = readJson<KernelProbe>(join(dir, PROBE_FILE));
    if (record?.format === RECORD_FORMAT) {
      kernels.push({
        id,
        dir,
        name: record.name,
        release: record.release,
        image: join(dir, record.image),
        config: join(dir, record.config),
        record,
        probe,
      });
      continue;
    }
    const tree = unpackedKernel(dir);
    if (tree)
      kernels.push({
        id,
        dir,
        name: id === debianId ? DEBIAN : id,
        release: tree.release,
        image: tree.image,
        config: tree.config,
        record: null,
        probe,
      });
  }
  return kernels.sort(
    (a, b) =>
      Number(b.name === DEBIAN) - Number(a.name === DEBIAN) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/**
 * The cached kernel `spec` names: a directory's name, or a kernel's name when one kernel has it
 * (the newest when several builds share it). Undefined when none does.
 */
export function findCachedKernel(spec: string, root = KERNEL_CACHE): CachedKernel | undefined {
  if (spec.includes('/') || spec === '' || spec.startsWith('.')) return undefined;
  const kernels = listCachedKernels(root);
  const byId = kernels.find((k) => k.id === spec);
  if (byId) return byId;
  const named = kernels.filter((k) => k.name === spec);
  if (named.length <= 1) return named[0];
  const builtAt = (k: CachedKernel) => k.record?.build?.at ?? k.record?.imported?.at ?? '';
  return named.sort((a, b) => builtAt(b).localeCompare(builtAt(a)))[0];
}

export function cachedKernelNames(root = KERNEL_CACHE): string[] {
  return [...new Set(listCachedKernels(root).map((k) => k.name))];
}

/**
 * A cache directory's name: the kernel's name, its source commit (12 digits), and the digest of
 * uncommitted changes.
 */
export function kernelId(name: string, source: SourceFacts | null, extra?: string): string {
  const parts = [name];
  if (source?.commit) parts.push(source.commit.slice(0, 12));
  if (source?.dirty && source.diffSha256) parts.push(`dirty-${source.diffSha256.slice(0, 8)}`);
  if (extra) parts.push(extra);
  return parts.join('-');
}

export function checkKernelName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/.test(name) || name === 'default') {
    throw new KernelCacheError(
      `'${shorten(name, 80)}' cannot name a kernel`,
      'a name is up to 64 letters, digits, dots, dashes, pluses or underscores, starting with a letter or digit (and not "default")',
    );
  }
}

/**
 * Puts a kernel into the cache as one step: its files are written into a hidden directory that is
 * renamed into place, so the cache never holds half a kernel. An entry of the same id is replaced.
 */
export function installKernel(options: {
  root?: string;
  id: string;
  image: string;
  config: string;
  buildLog?: string;
  record: Omit<KernelRecord, 'format' | 'release' | 'version' | 'image' | 'config' | 'imageSha256' | 'configSha256'>;
}): CachedKernel {
  const root = options.root ?? KERNEL_CACHE;
  checkRegularFile(options.image, 'a kernel image');
  checkRegularFile(options.config, 'a kernel config');
  const version = bzImageVersion(options.image);
  if (version === null)
    throw new KernelCacheError(
      `${shorten(options.image, 200)} is not a bzImage (no boot protocol header with a version)`,
      'name the bzImage make builds (arch/x86/boot/bzImage)',
    );
  const record: KernelRecord = {
    format: RECORD_FORMAT,
    ...options.record,
    release: releaseOfVersion(version),
    version,
    image: 'bzImage',
    config: 'config',
    imageSha256: sha256File(options.image),
    configSha256: sha256File(options.config),
  };
  makeDirs(root);
  const final = join(root, options.id);
  const partial = join(root, `.${options.id}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial);
  try {
    copyFileSync(options.image, join(partial, 'bzImage'));
    copyFileSync(options.config, join(partial, 'config'));
    if (options.buildLog) copyFileSync(options.buildLog, join(partial, 'build.log'));
    writeFileSync(join(partial, KERNEL_RECORD), `${JSON.stringify(record, null, 2)}\n`);
    if (existsSync(final)) {
      const old = join(root, `.${options.id}.old-${process.pid}`);
      renameSync(final, old);
      renameSync(partial, final);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(partial, final);
    }
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  return listCachedKernels(root).find((k) => k.id === options.id)!;
}

/**
 * Remembers what a run found a cached kernel's DAMON can do: kernel list shows it, and later runs
 * check manifests against it before they boot the kernel.
 */
export function rememberProbe(
  kernelDir: string,
  maxContextsPerKdamond: number | null,
  caps?: Record<string, unknown>,
): void {
  try {
    if (!statSync(kernelDir).isDirectory()) return;
    const probe: KernelProbe = { maxContextsPerKdamond, at: new Date().toISOString(), ...(caps ? { caps } : {}) };
    const tmp = join(kernelDir, `.${PROBE_FILE}.${process.pid}`);
    writeFileSync(tmp, `${JSON.stringify(probe)}\n`);
    renameSync(tmp, join(kernelDir, PROBE_FILE));
  } catch {
    // Only a memo for kernel list.
  }
}
