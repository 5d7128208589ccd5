// What a task of a Slurm job runs on its node: `damon-exp run MANIFEST --only ID --slurm-task`, one
// run of the sweep into the shared results directory, as sweep/slurm/task.ts says a task runs (its
// run locked only, the manifest checked, status.json stamped with its job and task).
import { qemuBackendOptions, type SweepRequest } from '../sweep/request.js';
import { checkJobManifest, slurmTaskOf, stampTask, taskSchedule } from '../sweep/slurm/task.js';
import type { Deps } from './command.js';
import { executeRuns } from './execute-runs.js';
import { localOptionsFor } from './host-options.js';
import { UsageError, type Output } from './output.js';
import { reportAfterRun } from './report.js';

export async function runSlurmTask(request: SweepRequest, output: Output, deps: Deps): Promise<number> {
  const { settings } = request;
  const env = deps.env ?? process.env;
  const task = slurmTaskOf(env);
  if (!task)
    throw new UsageError(
      '--slurm-task is what the tasks of a Slurm job run: SLURM_ARRAY_JOB_ID and SLURM_ARRAY_TASK_ID are not set here',
      'run',
    );
  const run = request.runs[0]!;
  checkJobManifest(run, request.experiment.sha256, task, env);
  return executeRuns(
    [run],
    {
      schedule: taskSchedule(settings),
      json: request.json,
      // A task's output is a file: stage lines, never a live line.
      plainProgress: true,
      local: localOptionsFor(settings, deps),
      qemu: { ...qemuBackendOptions(settings, env), hostCpus: task.cpus ?? undefined },
      signals: deps.signals,
      backends: deps.backends,
      // Stamped first: a task killed while it writes the report has still said the result is its own.
      afterRun: async (dir) => {
        await stampTask(dir, task);
        return reportAfterRun(dir);
      },
    },
    output,
  );
}
