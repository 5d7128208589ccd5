// Our native programs (masim, the TLB refresher) built from the C source the package ships, with
// the system's C compiler, into the place util/places.ts names: the user's cache for an installed
// package (keyed by version and source digest, so a package upgrade builds anew), native/ in a
// checkout. Built into a temporary file and renamed: a runner never sees half an executable.
import { accessSync, constants, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { DamonExpError } from '../util/errors.js';
import type { NativeProgram } from '../util/places.js';
import { makeDirs, removeStalePartials } from '../util/make-dirs.js';

export class NativeBuildError extends DamonExpError {}

export interface NativeBuild {
  path: string;
  /** False when an up-to-date build was there already. */
  built: boolean;
}

function upToDate(program: NativeProgram): boolean {
  try {
    accessSync(program.path, constants.X_OK);
    const made = statSync(program.path).mtimeMs;
    return program.sources.every((file) => statSync(join(program.sourceDir, file)).mtimeMs <= made);
  } catch {
    return false;
  }
}

export async function buildNative(
  program: NativeProgram,
  env: NodeJS.ProcessEnv = process.env,
  onProgress: (line: string) => void = () => {},
): Promise<NativeBuild> {
  if (upToDate(program)) return { path: program.path, built: false };
  onProgress(`building ${program.name} (${env.CC || 'cc'})`);
  const cc = env.CC || 'cc';
  const units = program.sources.filter((file) => file.endsWith('.c')).map((file) => join(program.sourceDir, file));
  try {
    makeDirs(dirname(program.path));
  } catch (error) {
    throw new NativeBuildError(
      `cannot create ${dirname(program.path)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      'set DAMON_EXP_CACHE to a folder you can write',
    );
  }
  removeStalePartials(dirname(program.path));
  const partial = `${program.path}.partial-${process.pid}`;
  try {
    const result = await execa(cc, ['-O2', '-g', '-std=gnu11', '-D_GNU_SOURCE', '-o', partial, ...units], {
      reject: false,
      all: true,
    });
    if (result.exitCode !== 0) {
      const why =
        result.exitCode === undefined
          ? `${cc} was not found`
          : String(result.all ?? '')
              .trim()
              .split('\n')
              .slice(-3)
              .join('\n');
      throw new NativeBuildError(
        `building ${program.name} failed: ${why}`,
        result.exitCode === undefined
          ? 'install a C compiler: sudo apt-get install gcc libc6-dev (or set CC)'
          : undefined,
      );
    }
    renameSync(partial, program.path);
  } finally {
    rmSync(partial, { force: true });
  }
  return { path: program.path, built: true };
}
