// What resolving one run needs from around it (the manifest's file and directory, its masim
// configs, its kernels), made once per manifest and shared by its runs: a matrix names the same
// config and kernel in many runs, and each look would read a file or the kernel cache.
import { basename, relative, resolve } from 'node:path';
import { shorten } from '../util/errors.js';
import { InputFileError, readInputFile } from '../util/input-file.js';
import type { KernelResolver } from './kernels.js';
import type { ResolveContext } from './resolve.js';

export interface RunContexts {
  /** A fresh context for resolving one run (its problems are its own). */
  newContext(): ResolveContext;
  /** What a run id calls the kernel `spec` names (undefined: its text). */
  kernelRunLabel(spec: unknown): string | undefined;
}

export function runContexts(file: string, manifestDir: string, sha256: string, kernels: KernelResolver): RunContexts {
  const configCache = new Map<string, { file: string; text: string } | { error: string; hint?: string }>();
  const readMasimConfig = (relativePath: string) => {
    const absolute = resolve(manifestDir, relativePath);
    let entry = configCache.get(absolute);
    if (!entry) {
      const relativeToCwd = relative(process.cwd(), absolute) || absolute;
      const shown = relativeToCwd.startsWith('..') ? absolute : relativeToCwd;
      try {
        entry = { file: shown, text: readInputFile(shown, 'a masim config') };
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        const hint =
          error.errno === 'ENOENT' ? `the path is relative to the manifest (${shorten(manifestDir, 120)})` : error.hint;
        entry = { error: error.message, ...(hint ? { hint } : {}) };
      }
      configCache.set(absolute, entry);
    }
    return entry;
  };
  const kernelProblem = memoized((spec: string) => kernels.pathProblem(spec, manifestDir));
  const kernelBuild = memoized((spec: string | null) => kernels.build(spec, manifestDir));
  return {
    newContext: () => ({
      manifestFile: file,
      manifestDir,
      sha256,
      readMasimConfig,
      kernelProblem,
      kernelSourceProblem: kernels.sourceProblem,
      kernelBuild,
      external: [],
      problems: [],
    }),
    kernelRunLabel: memoized((spec: unknown) => kernelLabelOf(spec, manifestDir, kernels)),
  };
}

/** `compute` once per argument (by its JSON). */
function memoized<A, R>(compute: (argument: A) => R): (argument: A) => R {
  const results = new Map<string, R>();
  return (argument) => {
    const key = JSON.stringify(argument);
    if (!results.has(key)) results.set(key, compute(argument));
    return results.get(key)!;
  };
}

/**
 * What a run id calls the kernel `spec` names: a source tree's kernel by its name (or the tree's
 * directory name), else what the resolver tells (a cached kernel's name, an image's release).
 */
function kernelLabelOf(spec: unknown, manifestDir: string, kernels: KernelResolver): string | undefined {
  if (spec !== null && typeof spec === 'object' && typeof (spec as { source?: unknown }).source === 'string') {
    const { source, name } = spec as { source: string; name?: unknown };
    return typeof name === 'string' ? name : basename(resolve(manifestDir, source));
  }
  return kernels.label(spec, manifestDir);
}
