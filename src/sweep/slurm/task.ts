// A task of a Slurm job, on its node: which task it is (Slurm's environment), whether the manifest
// is still the one the job was made from, how it runs its one run (its run locked, not the results
// directory the submitter holds while it waits; a complete result skipped unless the job said
// --force), and the stamp on the run's status.json with its job and task, which tells the
// submitter (and `status`, `index`) that the directory is this task's result.
import { resolve } from 'node:path';
import { DamonExpError } from '../../util/errors.js';
import type { Run } from '../../manifest/run.js';
import { updateStatus } from '../../record/run-files.js';
import type { RunSettings, SlurmRequest, SweepRequest } from '../request.js';
import type { Schedule } from '../scheduler.js';

/** A task that must not run its run (the manifest changed since the job was submitted). */
export class SlurmTaskError extends DamonExpError {}

export interface SlurmTask {
  jobId: string;
  taskId: number;
  node: string | null;
  /** The CPUs Slurm gave the task, when it says. */
  cpus: number | null;
}

/** The task's place in its job, from the environment Slurm gives it; null outside an array task. */
export function slurmTaskOf(env: NodeJS.ProcessEnv): SlurmTask | null {
  const jobId = env.SLURM_ARRAY_JOB_ID;
  const taskId = env.SLURM_ARRAY_TASK_ID;
  if (!jobId || !/^\d+$/.test(jobId) || !taskId || !/^\d+$/.test(taskId)) return null;
  const cpus = Number(env.SLURM_CPUS_PER_TASK ?? env.SLURM_CPUS_ON_NODE);
  return {
    jobId,
    taskId: Number(taskId),
    node: env.SLURMD_NODENAME ?? null,
    cpus: Number.isInteger(cpus) && cpus > 0 ? cpus : null,
  };
}

/** Refuses a manifest whose sha256 is not the job's (DAMON_EXP_MANIFEST_SHA256, from its script): other runs. */
export function checkJobManifest(run: Run, sha256: string, task: SlurmTask, env: NodeJS.ProcessEnv): void {
  const expected = env.DAMON_EXP_MANIFEST_SHA256;
  if (expected && expected !== sha256)
    throw new SlurmTaskError(
      `${run.manifest.file} changed since Slurm job ${task.jobId} was submitted (its sha256 is not the job's ${expected.slice(0, 12)}…)`,
      'submit the sweep again (damon-exp run MANIFEST --executor slurm --resume): a changed manifest makes other runs',
    );
}

/** How a task runs its one run, as its job script says (--force, or else --resume; its run locked only). */
export function taskSchedule(settings: RunSettings): Schedule {
  return {
    resultsRoot: settings.resultsRoot,
    backend: settings.backend ?? undefined,
    jobs: 1,
    failFast: false,
    // --force keeps an earlier result aside; otherwise a complete one is skipped.
    force: settings.force,
    resume: !settings.force,
    lockScope: 'runs',
  };
}

/** Writes the task's job, task and node into the run's status.json: the result is this task's. */
export async function stampTask(dir: string, task: SlurmTask): Promise<void> {
  await updateStatus(dir, (status) => {
    status.slurm = { jobId: task.jobId, taskId: task.taskId, node: task.node };
    return true;
  });
}

/**
 * The settings every task of the request's job runs its run with: the job's one backend, paths a
 * node finds (absolute), and a complete result skipped unless the job says --force (a task finds
 * its place empty, the submitter checked, unless its script is submitted again by hand).
 */
export function taskSettings(request: SweepRequest, slurm: Pick<SlurmRequest, 'backend'>): RunSettings {
  const { settings } = request;
  return {
    ...settings,
    manifest: { ...settings.manifest, file: resolve(settings.manifest.file) },
    backend: slurm.backend,
    host: { ...settings.host, perf: settings.host.perf === null ? null : absolutePerf(settings.host.perf) },
    resume: !settings.force,
  };
}

/** A perf named by its path is found from any directory; a bare name is looked up on PATH. */
export const absolutePerf = (perf: string) => (perf.includes('/') ? resolve(perf) : perf);

/**
 * What a task runs after `damon-exp run`, up to `--only ID`: the settings written out as run's
 * options (parsing them back gives the same settings), then --slurm-task.
 */
export function taskArgv(settings: RunSettings): string[] {
  const { manifest, host, qemu } = settings;
  const option = (name: string, value: string | null | undefined) => (value == null ? [] : [`--${name}`, value]);
  return [
    manifest.file,
    ...manifest.sets.flatMap((set) => ['--set', set]),
    ...option('kernel', qemu.kernel),
    ...option('accel', qemu.accel),
    ...option('append', qemu.append),
    ...option('boot-timeout', qemu.bootTimeout?.text),
    ...option('guest-timeout', qemu.guestTimeout?.text),
    ...option('perf', host.perf),
    ...option('max-runs', String(manifest.maxRuns)),
    ...option('tracefs', host.tracefsRoot),
    ...option('sysfs-root', host.sysfsRoot),
    ...option('backend', settings.backend),
    ...option('out', settings.resultsRoot),
    ...(settings.force ? ['--force'] : []),
    ...(settings.resume ? ['--resume'] : []),
    '--slurm-task',
  ];
}
