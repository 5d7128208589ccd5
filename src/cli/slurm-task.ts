// What a task of a Slurm job runs on its node: `damon-exp run MANIFEST --only ID --slurm-task`, one
// run of the sweep into the shared results directory. It locks its run only (the submitter holds
// the results directory while it waits), checks that the manifest is the one the job was made
// from, and stamps the run's status.json with its job and task, which tells the submitter (and
// `status`, `index`) that the directory is this task's result.
import type { LocalBackendOptions } from '../backends/local.js';
import type { QemuBackendOptions } from '../backends/qemu/index.js';
import type { Run } from '../manifest/run.js';
import { updateStatus } from '../record/run-files.js';
import type { Deps } from './command.js';
import { executeRuns } from './execute-runs.js';
import { UsageError, UserError, type Output } from './output.js';
import { reportAfterRun } from './report.js';

export interface SlurmTaskContext {
  env: NodeJS.ProcessEnv;
  resultsRoot: string;
  backend: 'auto' | 'local' | 'qemu' | undefined;
  local: LocalBackendOptions;
  qemu: QemuBackendOptions;
  values: { json?: boolean | undefined; force?: boolean | undefined };
  deps: Deps;
}

/** The task's place in its job, from the environment Slurm gives it. */
function taskOf(env: NodeJS.ProcessEnv): { jobId: string; taskId: number; node: string | null; cpus: number | null } {
  const jobId = env.SLURM_ARRAY_JOB_ID;
  const taskId = env.SLURM_ARRAY_TASK_ID;
  if (!jobId || !/^\d+$/.test(jobId) || !taskId || !/^\d+$/.test(taskId))
    throw new UsageError(
      '--slurm-task is what the tasks of a Slurm job run: SLURM_ARRAY_JOB_ID and SLURM_ARRAY_TASK_ID are not set here',
      'run',
    );
  const cpus = Number(env.SLURM_CPUS_PER_TASK ?? env.SLURM_CPUS_ON_NODE);
  return {
    jobId,
    taskId: Number(taskId),
    node: env.SLURMD_NODENAME ?? null,
    cpus: Number.isInteger(cpus) && cpus > 0 ? cpus : null,
  };
}

export async function runSlurmTask(
  run: Run,
  sha256: string,
  context: SlurmTaskContext,
  output: Output,
): Promise<number> {
  const { env } = context;
  const task = taskOf(env);
  const expected = env.DAMON_EXP_MANIFEST_SHA256;
  if (expected && expected !== sha256)
    throw new UserError(
      `${run.manifest.file} changed since Slurm job ${task.jobId} was submitted (its sha256 is not the job's ${expected.slice(0, 12)}…)`,
      'submit the sweep again (damon-exp run MANIFEST --executor slurm --resume): a changed manifest makes other runs',
    );
  const stamp = async (dir: string) =>
    updateStatus(dir, (status) => {
      status.slurm = { jobId: task.jobId, taskId: task.taskId, node: task.node };
      return true;
    });
  return executeRuns(
    [run],
    {
      resultsRoot: context.resultsRoot,
      ...(context.backend ? { backend: context.backend } : {}),
      jobs: 1,
      failFast: false,
      // As the job script says: --force keeps an earlier result aside; otherwise a complete one is skipped.
      force: context.values.force === true,
      resume: context.values.force !== true,
      json: context.values.json === true,
      // A task's output is a file: stage lines, never a live line.
      plainProgress: true,
      lockScope: 'runs',
      local: context.local,
      qemu: { ...context.qemu, ...(task.cpus ? { hostCpus: task.cpus } : {}) },
      ...(context.deps.signals ? { signals: context.deps.signals } : {}),
      ...(context.deps.backends ? { backends: context.deps.backends } : {}),
      // Stamped first: a task killed while it writes the report has still said the result is its own.
      afterRun: async (dir) => {
        await stamp(dir);
        return reportAfterRun(dir);
      },
    },
    output,
  );
}
