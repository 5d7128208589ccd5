// damon-exp setup's steps, in order: the Debian packages (checked; installed when root asks),
// our native programs built from the shipped C source, Debian's DAMON kernel fetched, kernels given
// by path imported. Each step says what it found or did; none undoes another's work, and a second
// setup finds everything done.
import { fetchDebianKernel } from '../kernel-images/debian-fetch.js';
import { importKernelImage } from '../kernel-images/import.js';
import { DamonExpError } from '../util/errors.js';
import { nativeProgram, USER_CACHE } from '../util/places.js';
import { buildNative } from './native.js';
import { aptLine, checkPackages, installPackages, missingPackages, type PackageReport } from './packages.js';

/** ok: there already; done: this setup did it; missing: the user has to act; failed: it went wrong; info: optional. */
export type StepState = 'ok' | 'done' | 'missing' | 'failed' | 'info';

export interface StepResult {
  step: string;
  state: StepState;
  detail: string;
  hint?: string;
}

export interface SetupOptions {
  /** Install missing Debian packages (root only). */
  install: boolean;
  /** Fetch Debian's DAMON kernel. */
  kernel: boolean;
  /** Kernels to import by path. */
  imports: { name: string; image: string; config?: string }[];
  env: NodeJS.ProcessEnv;
  onProgress(line: string): void;
}

const why = (error: unknown) => ({
  detail: error instanceof Error ? error.message : String(error),
  ...(error instanceof DamonExpError && error.hint
    ? { hint: error.hint }
    : typeof (error as NodeJS.ErrnoException).code === 'string'
      ? { hint: `set DAMON_EXP_CACHE to a folder you can write (the cache is ${USER_CACHE})` }
      : {}),
});

async function packageSteps(options: SetupOptions): Promise<StepResult[]> {
  let report: PackageReport = await checkPackages(options.env);
  let missing = missingPackages(report);
  const results: StepResult[] = [];
  if (missing.length && options.install && report.dpkg) {
    if (process.getuid?.() !== 0) {
      results.push({
        step: 'packages',
        state: 'failed',
        detail: `installing ${missing.join(' ')} needs root`,
        hint: 'sudo damon-exp setup --install',
      });
      return results;
    }
    try {
      await installPackages(missing, options.onProgress, options.env);
      report = await checkPackages(options.env);
      missing = missingPackages(report);
      if (!missing.length) results.push({ step: 'packages', state: 'done', detail: 'installed what runs need' });
    } catch (error) {
      return [{ step: 'packages', state: 'failed', ...why(error) }];
    }
  }
  const word = report.dpkg ? 'Debian packages' : 'commands';
  if (missing.length) {
    results.push({
      step: 'packages',
      state: 'missing',
      detail: `missing ${word} that runs need: ${missing.join(' ')}`,
      hint: report.dpkg ? aptLine(missing) : `install what gives ${missing.join(', ')}`,
    });
  } else if (!results.length) {
    results.push({ step: 'packages', state: 'ok', detail: `the ${word} runs need are installed` });
  }
  for (const group of report.groups.filter((g) => !g.needed && g.missing.length))
    results.push({
      step: 'packages',
      state: 'info',
      detail: `optional, for ${group.purpose}: ${group.missing.join(' ')}`,
      ...(report.dpkg ? { hint: aptLine(group.missing) } : {}),
    });
  return results;
}

async function nativeSteps(options: SetupOptions): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const name of ['masim', 'tlb-refresh'] as const) {
    const program = nativeProgram(name);
    try {
      const build = await buildNative(program, options.env, options.onProgress);
      results.push({
        step: name,
        state: build.built ? 'done' : 'ok',
        detail: `${build.built ? 'built' : 'built already'}: ${build.path}`,
      });
    } catch (error) {
      results.push({ step: name, state: 'failed', ...why(error) });
    }
  }
  return results;
}

async function kernelSteps(options: SetupOptions): Promise<StepResult[]> {
  const results: StepResult[] = [];
  if (options.kernel) {
    try {
      const fetched = await fetchDebianKernel({ onProgress: options.onProgress });
      results.push({
        step: 'kernel debian',
        state: fetched.fetched ? 'done' : 'ok',
        detail: `${fetched.fetched ? 'fetched' : 'in the cache already'}: ${fetched.package}`,
      });
    } catch (error) {
      results.push({ step: 'kernel debian', state: 'failed', ...why(error) });
    }
  }
  for (const request of options.imports) {
    try {
      const kernel = importKernelImage(request);
      results.push({
        step: `kernel ${kernel.name}`,
        state: 'done',
        detail: `imported ${kernel.release} from ${request.image}`,
      });
    } catch (error) {
      results.push({ step: `kernel ${request.name}`, state: 'failed', ...why(error) });
    }
  }
  return results;
}

export async function runSetup(options: SetupOptions): Promise<StepResult[]> {
  return [...(await packageSteps(options)), ...(await nativeSteps(options)), ...(await kernelSteps(options))];
}
