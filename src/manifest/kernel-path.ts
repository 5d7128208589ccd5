// backend.kernel, looked at as the qemu backend will look for it (findKernel in
// src/backends/qemu/kernel.ts): whether the path is there and has a kernel's shape, so that a
// wrong path is reported at its line when the manifest is checked, not when a VM is to boot.
import { existsSync, readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { shorten } from '../errors.js';

const WHAT_A_KERNEL_IS = 'name a kernel image (a bzImage with its config beside it as <image>.config), an unpacked kernel package (boot/, lib/modules/), or debian; a path is relative to the manifest';

/** What is wrong with the kernel `spec` names (relative to `manifestDir`), or undefined. */
export function kernelPathProblem(spec: string, manifestDir: string): { message: string; hint: string } | undefined {
  if (spec === 'debian') return undefined;
  const path = resolve(manifestDir, spec);
  const shown = shorten(path, 200);
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    return { message: code === 'ENOENT' || code === 'ENOTDIR' ? `no kernel at ${shown}` : `cannot look at the kernel ${shown} (${code})`, hint: WHAT_A_KERNEL_IS };
  }
  if (stats.isDirectory()) {
    const boot = join(path, 'boot');
    let files: string[] = [];
    try {
      files = readdirSync(boot);
    } catch {
      // no boot/ directory: not a kernel tree
    }
    if (!files.some((f) => f.startsWith('vmlinuz-')) || !files.some((f) => f.startsWith('config-'))) {
      return { message: `${shown} is not a kernel: it has no boot/vmlinuz-* and boot/config-*`, hint: WHAT_A_KERNEL_IS };
    }
    return undefined;
  }
  if (!stats.isFile()) return { message: `${shown} is not a regular file: it cannot be a kernel image`, hint: WHAT_A_KERNEL_IS };
  if (kernelConfigOf(path) === undefined) {
    return { message: `no config for the kernel ${shown}`, hint: `put its .config beside it as ${shorten(basename(path), 80)}.config (or in the build tree's .config)` };
  }
  return undefined;
}

/** Where a kernel image's config is: beside it as <image>.config, or in its build tree. */
export function kernelConfigOf(image: string): string | undefined {
  const dir = dirname(image);
  return [`${image}.config`, join(dir, 'config'), join(dir, '.config'), join(dir, '../../../.config')].find((c) => existsSync(c));
}
