// What manifest validation asks about kernels. Finding kernels (the cache, images, source trees)
// is kernel-images/'s; the commands give its KERNEL_RESOLVER to loadExperiment, so that the
// manifest layer knows the rules' results, not the file system behind them.

export interface KernelProblem {
  message: string;
  hint: string;
}

export interface KernelResolver {
  /** What is wrong with the kernel `spec` names (a cached kernel, or a path relative to `manifestDir`), or undefined. */
  pathProblem(spec: string, manifestDir: string): KernelProblem | undefined;
  /** What is wrong with a kernel to build from `source` (and a config fragment), or undefined. */
  sourceProblem(source: string, config: string | null): (KernelProblem & { field: 'source' | 'config' }) | undefined;
  /** What a run id calls the kernel `spec` names, or undefined when it cannot tell (the spec's text is used then). */
  label(spec: unknown, manifestDir: string): string | undefined;
  /**
   * Which build of the kernel `spec` names (null: Debian's) boots: a cached kernel's directory and
   * its image's digest, an image's digest; null when it cannot tell before the run (not found, or
   * built from a source tree as the run starts). A rebuilt kernel of the same name is another run.
   */
  build(spec: string | null, manifestDir: string): string | null;
}

/**
 * Takes every kernel as written: no look at the cache or the file system. For reading a manifest
 * for what does not depend on its kernel (its figures), and for tests of everything else.
 */
export const KERNELS_AS_WRITTEN: KernelResolver = {
  pathProblem: () => undefined,
  sourceProblem: () => undefined,
  label: () => undefined,
  build: () => null,
};
