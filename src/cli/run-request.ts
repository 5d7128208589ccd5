// run's options in, a sweep's request out (sweep/request.ts): the manifest loaded with --set, the
// runs asked for checked, the executor decided, and what each option says in the request's terms.
import { resolve } from 'node:path';
import { MixedBackendsError, slurmBackendOf } from '../backends/choose.js';
import { kernelCapsCheck } from '../backends/qemu/kernel-caps.js';
import { kernelFor } from '../backends/qemu/provision.js';
import { DAMON_ADMIN_ROOT } from '../damon-sysfs/sysfs.js';
import { commandLineKernel, KERNEL_RESOLVER } from '../kernel-images/resolve.js';
import { loadExperiment } from '../manifest/load.js';
import type { RunSettings, SweepRequest } from '../sweep/request.js';
import { shorten } from '../util/errors.js';
import type { Values } from './command.js';
import { UsageError, UserError } from './output.js';
import type { runOptions } from './run-options.js';

export type RunValues = Values<typeof runOptions>;

const DEFAULT_TRACEFS = '/sys/kernel/tracing';

/** What run's options say of how the runs are run, wherever they run. */
export function runSettingsOf(values: RunValues, file: string): RunSettings {
  return {
    manifest: { file, sets: values.set ?? [], maxRuns: values['max-runs'] },
    resultsRoot: resolve(values.out),
    backend: values.backend ?? null,
    host: hostSettingsOf(values),
    qemu: qemuSettingsOf(values),
    force: values.force === true,
    resume: values.resume === true,
  };
}

/** --kernel, --accel, --append, --boot-timeout and --guest-timeout in the request's terms: null when not given. */
export function qemuSettingsOf(
  values: Partial<Pick<RunValues, 'kernel' | 'accel' | 'append' | 'boot-timeout' | 'guest-timeout'>>,
): RunSettings['qemu'] {
  return {
    kernel: values.kernel === undefined ? null : commandLineKernel(values.kernel),
    accel: values.accel ?? null,
    append: values.append ?? null,
    bootTimeout: values['boot-timeout'] ?? null,
    guestTimeout: values['guest-timeout'] ?? null,
  };
}

/** --sysfs-root, --tracefs and --perf (hostOptions) in the request's terms: null for the usual. */
export function hostSettingsOf(values: { 'sysfs-root': string; tracefs: string; perf?: string | undefined }) {
  return {
    sysfsRoot: values['sysfs-root'] === DAMON_ADMIN_ROOT ? null : values['sysfs-root'],
    tracefsRoot: values.tracefs === DEFAULT_TRACEFS ? null : values.tracefs,
    perf: values.perf ?? null,
  };
}

/** What a sweep is asked beyond its runs' settings: which runs, how many at once, where, its end. */
export interface SweepAsked {
  only: string[];
  jobs: number | null;
  failFast: boolean;
  executor: 'local' | 'slurm' | null;
  slurmTask: boolean;
  slurmOptions: string[];
  detach: boolean;
  assumeShared: boolean;
  dryRun: boolean;
  json: boolean;
  strict: boolean;
  png: boolean;
}

/** A sweep asked for nothing beyond its settings: every run, here, one at a time. */
export const PLAIN_SWEEP: SweepAsked = {
  only: [],
  jobs: null,
  failFast: false,
  executor: null,
  slurmTask: false,
  slurmOptions: [],
  detach: false,
  assumeShared: false,
  dryRun: false,
  json: false,
  strict: false,
  png: true,
};

/** The request of run's command line. */
export function runRequestOf(values: RunValues, positionals: string[], say: (text: string) => void): SweepRequest {
  if (positionals.length !== 1) throw new UsageError('name one manifest', 'run');
  return sweepRequest(
    runSettingsOf(values, positionals[0]!),
    {
      only: [...(values.only ?? []), ...(values.run ?? [])],
      jobs: values.jobs ?? null,
      failFast: values['fail-fast'] === true,
      executor: values.executor ?? null,
      slurmTask: values['slurm-task'] === true,
      slurmOptions: values['slurm-opt'] ?? [],
      detach: values.detach === true,
      assumeShared: values['assume-shared'] === true,
      dryRun: values['dry-run'] === true,
      json: values.json === true,
      strict: values.strict === true,
      png: values['no-png'] !== true,
    },
    say,
  );
}

/** The request: the manifest loaded, the runs asked for and the command-line kernel checked, the executor decided. */
export function sweepRequest(settings: RunSettings, asked: SweepAsked, say: (text: string) => void): SweepRequest {
  const kernel = settings.qemu.kernel;
  const experiment = loadExperiment(settings.manifest.file, {
    kernels: KERNEL_RESOLVER,
    sets: settings.manifest.sets,
    maxRuns: settings.manifest.maxRuns,
    // What a VM's kernel lacks is refused at the manifest's line before anything boots (a dry run too).
    checkRun: kernelCapsCheck(kernel, (run) => {
      const backend = settings.backend ?? run.backend.kind;
      return kernel !== null ? backend !== 'local' : backend === 'qemu';
    }),
  });
  const unknown = asked.only.filter((id) => !experiment.runs.some((run) => run.id === id));
  if (unknown.length) {
    const ids = experiment.runs.map((r) => r.id);
    const some =
      ids.length > 10 ? `${ids.slice(0, 10).join(', ')}, … (${ids.length} in all: damon-exp list)` : ids.join(', ');
    throw new UserError(
      `'${experiment.name}' has no run ${unknown
        .slice(0, 3)
        .map((id) => `'${shorten(id)}'`)
        .join(', ')}${unknown.length > 3 ? ', …' : ''}`,
      `its runs: ${some}`,
    );
  }
  const runs = asked.only.length ? experiment.runs.filter((run) => asked.only.includes(run.id)) : experiment.runs;
  // A kernel named on the command line is checked before anything runs (a dry run too).
  if (settings.qemu.kernel !== null)
    for (const run of runs.filter((r) => (settings.backend ?? r.backend.kind) !== 'local'))
      kernelFor(run, settings.qemu.kernel);
  const { dryRun, json, strict, png } = asked;
  const common = { settings, experiment, runs, jobs: asked.jobs, failFast: asked.failFast, dryRun, json, strict, png };
  if (asked.slurmTask) {
    if (asked.only.length !== 1 || runs.length !== 1)
      throw new UsageError('--slurm-task runs one run: name it with --only ID', 'run');
    return { ...common, executor: { kind: 'slurm-task' } };
  }
  if ((asked.executor ?? experiment.executor.kind) === 'slurm') {
    if (asked.failFast)
      throw new UsageError(
        "--fail-fast stops a local sweep; a Slurm job's tasks run apart (scancel stops them)",
        'run',
      );
    let backend: 'local' | 'qemu';
    try {
      backend = slurmBackendOf(runs, settings.backend ?? undefined, say);
    } catch (error) {
      if (!(error instanceof MixedBackendsError)) throw error;
      throw new UsageError(`${error.message}: ${error.hint}`, 'run');
    }
    const manifest = experiment.executor.settings;
    return {
      ...common,
      executor: {
        kind: 'slurm',
        backend,
        settings: { ...manifest, options: [...manifest.options, ...asked.slurmOptions] },
        detach: asked.detach,
        assumeShared: asked.assumeShared,
      },
    };
  }
  for (const [option, given] of [
    ['slurm-opt', asked.slurmOptions.length > 0],
    ['detach', asked.detach],
    ['assume-shared', asked.assumeShared],
  ] as const)
    if (given) throw new UsageError(`--${option} is for the Slurm executor: add --executor slurm`, 'run');
  return { ...common, executor: { kind: 'local' } };
}
