// Whether a directory is a Linux source tree damon-exp kernel build can build a guest from.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DamonExpError, shorten } from '../util/errors.js';

export class KernelBuildError extends DamonExpError {}

/** Refuses what is not a kernel source tree with DAMON; returns its real path. */
export function checkSourceTree(source: string): string {
  let real: string;
  try {
    real = realpathSync(source);
  } catch {
    throw new KernelBuildError(
      `no kernel source tree at ${shorten(source, 200)}`,
      'name the top directory of a Linux source tree (the one with MAINTAINERS and Kconfig)',
    );
  }
  if (!statSync(real).isDirectory())
    throw new KernelBuildError(
      `${shorten(source, 200)} is not a directory`,
      'name the top directory of a Linux source tree',
    );
  const missing = ['Makefile', 'Kconfig', 'arch/x86/boot', 'scripts/kconfig'].filter(
    (entry) => !existsSync(join(real, entry)),
  );
  if (missing.length)
    throw new KernelBuildError(
      `${shorten(source, 200)} is not a Linux source tree: it has no ${missing.join(', ')}`,
      'name the top directory of a Linux source tree (the one with MAINTAINERS and Kconfig)',
    );
  if (!existsSync(join(real, 'mm/damon')))
    throw new KernelBuildError(
      `${shorten(source, 200)} has no DAMON (no mm/damon/): DAMON came with Linux 5.15, its sysfs interface with 5.18`,
      'build a tree of Linux 5.18 or newer, or a DAMON fork',
    );
  if (existsSync(join(real, '.config')) || existsSync(join(real, 'include/config/auto.conf'))) {
    throw new KernelBuildError(
      `${shorten(source, 200)} has been configured in place (a .config or include/config/ in the tree), so the kernel refuses to build it into another directory`,
      `run make mrproper in ${shorten(source, 200)} (it removes the in-tree build), or build from a clean clone`,
    );
  }
  return real;
}
