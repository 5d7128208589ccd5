// Where damon-exp keeps what it makes for its user, and which set-up command a hint names. The
// package is read-only to us: an installed one (npm install -g, npx) lives where its user may not
// write and is replaced by the next install. Kernels, the native programs built from the shipped
// C source, probes and boot images go to the user's cache ($DAMON_EXP_CACHE, else
// $XDG_CACHE_HOME/damon-exp, else ~/.cache/damon-exp), in a checkout as in a package; results go to
// ./results of the folder a command runs in.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { packagePath, VERSION } from './version.js';

/** The user's cache for damon-exp; a relative XDG_CACHE_HOME is ignored, as the XDG spec says. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DAMON_EXP_CACHE) return resolve(env.DAMON_EXP_CACHE);
  const xdg = env.XDG_CACHE_HOME;
  return join(
    xdg && isAbsolute(xdg) ? xdg : join(env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir(), '.cache'),
    'damon-exp',
  );
}

/** Read once, as the modules load (tests set DAMON_EXP_CACHE before they import them). */
export const USER_CACHE = userCacheDir();

/**
 * A checkout (the Makefile and the native programs' makefiles beside dist/) builds its native
 * programs in native/ with make; an installed package carries only what it needs to run.
 */
export const FROM_CHECKOUT = existsSync(packagePath('Makefile')) && existsSync(packagePath('native/masim/Makefile'));

/** A set-up step a hint can send the user to. */
export type SetupStep = 'all' | 'packages' | 'native' | 'kernel';

const CHECKOUT_STEPS: Record<SetupStep, string> = {
  all: 'make setup',
  packages: 'make setup',
  native: 'make native',
  kernel: 'make kernel',
};

/** The command that does `step` for this user: make in a checkout, damon-exp setup for a package. */
export function setupCommand(step: SetupStep, fromCheckout = FROM_CHECKOUT): string {
  return fromCheckout ? CHECKOUT_STEPS[step] : 'damon-exp setup';
}

/** A native program of ours: its C source in the package and where its executable is built. */
export interface NativeProgram {
  name: 'masim' | 'tlb-refresh';
  /** The folder of its C source (native/NAME). */
  sourceDir: string;
  sources: readonly string[];
  /** The executable: native/NAME/NAME in a checkout (make native), else in the user's cache, by version and source digest. */
  path: string;
}

const SOURCES: Record<NativeProgram['name'], readonly string[]> = {
  masim: ['masim.c', 'config.c', 'config.h'],
  'tlb-refresh': ['tlb-refresh.c'],
};

/** The digest of a program's shipped source: a package upgrade with new source builds anew. */
export function sourceDigest(sourceDir: string, sources: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of sources) {
    hash.update(`${file}\0`);
    try {
      hash.update(readFileSync(join(sourceDir, file)));
    } catch {
      hash.update('\0missing\0');
    }
  }
  return hash.digest('hex').slice(0, 12);
}

export function nativeProgram(
  name: NativeProgram['name'],
  fromCheckout = FROM_CHECKOUT,
  cache = USER_CACHE,
): NativeProgram {
  const sourceDir = packagePath(`native/${name}`);
  const sources = SOURCES[name];
  const path = fromCheckout
    ? join(sourceDir, name)
    : join(cache, 'native', `${name}-${VERSION}-${sourceDigest(sourceDir, sources)}`, name);
  return { name, sourceDir, sources, path };
}
