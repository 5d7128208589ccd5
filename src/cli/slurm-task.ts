// What a task of a Slurm job runs on its node: `damon-exp run MANIFEST --only ID --slurm-task`, one
// run of the sweep into the shared results directory, as sweep/slurm/task.ts says a task runs (its
// run locked only, the manifest checked, status.json stamped with its job and task).
import type { LocalBackendOptions } from '../backends/local.js';
import type { QemuBackendOptions } from '../backends/qemu/index.js';
import type { Run } from '../manifest/run.js';
import { checkJobManifest, slurmTaskOf, stampTask, taskScheduling } from '../sweep/slurm/task.js';
import type { Deps } from './command.js';
import { executeRuns } from './execute-runs.js';
import { UsageError, type Output } from './output.js';
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

export async function runSlurmTask(
  run: Run,
  sha256: string,
  context: SlurmTaskContext,
  output: Output,
): Promise<number> {
  const task = slurmTaskOf(context.env);
  if (!task)
    throw new UsageError(
      '--slurm-task is what the tasks of a Slurm job run: SLURM_ARRAY_JOB_ID and SLURM_ARRAY_TASK_ID are not set here',
      'run',
    );
  checkJobManifest(run, sha256, task, context.env);
  return executeRuns(
    [run],
    {
      resultsRoot: context.resultsRoot,
      ...(context.backend ? { backend: context.backend } : {}),
      ...taskScheduling(context.values.force === true),
      json: context.values.json === true,
      // A task's output is a file: stage lines, never a live line.
      plainProgress: true,
      local: context.local,
      qemu: { ...context.qemu, ...(task.cpus ? { hostCpus: task.cpus } : {}) },
      ...(context.deps.signals ? { signals: context.deps.signals } : {}),
      ...(context.deps.backends ? { backends: context.deps.backends } : {}),
      // Stamped first: a task killed while it writes the report has still said the result is its own.
      afterRun: async (dir) => {
        await stampTask(dir, task);
        return reportAfterRun(dir);
      },
    },
    output,
  );
}
