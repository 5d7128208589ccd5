// backend.kernel, looked at as the qemu backend will look for it (findKernel in
// src/backends/qemu/kernel.ts): whether the path is there and has a kernel's shape, so that a
// wrong path is reported at its line when the manifest is checked, not when a VM is to boot.
import { existsSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DamonExpError, shorten } from '../errors.js';
import { checkRegularFile } from '../input-file.js';
import { bzImageVersion, releaseOfVersion } from '../kernels/bzimage.js';
import { cachedKernelNames, DEBIAN, findCachedKernel, unpackedKernel } from '../kernels/cache.js';
import { checkSourceTree } from '../kernels/source-tree.js';

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
        hint: `cached kernels: ${cached.length ? cached.join(', ') : 'none'}; damon-exp kernel build SRC builds one from a source tree (make fork-kernel installs the multi-context fork's when ../shared has it)`,
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
 * image (read from the bzImage's header, or the tree's boot/vmlinuz-<release>), or a source
 * tree's kernel name; undefined when it cannot tell (the spec's text is used then).
 */
export function kernelLabel(spec: unknown, manifestDir: string): string | undefined {
  if (spec !== null && typeof spec === 'object' && typeof (spec as { source?: unknown }).source === 'string') {
    const { source, name } = spec as { source: string; name?: unknown };
    return typeof name === 'string' ? name : basename(resolve(manifestDir, source));
  }
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
