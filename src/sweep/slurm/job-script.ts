// The Slurm job of a sweep, as data and as the script sbatch takes: one array task per run to do,
// each running `damon-exp run MANIFEST --only ID` on its node into the shared results directory.
// Every option is an #SBATCH line of the script, so `sbatch SCRIPT` repeats the submission.
import type { SlurmSettings } from '../../manifest/executor-spec.js';
import type { Run } from '../../manifest/run.js';
import { refuseLineBreak, shellQuote } from '../../util/shell.js';

export type { SlurmSettings };

/** What each task asks of its node: the same for every task of the array (the largest run's). */
export interface TaskRequest {
  cpus: number;
  /** 0: all of the node's memory (with --exclusive). */
  memoryMiB: number;
  timeLimitMinutes: number;
  exclusive: boolean;
}

/** Beyond the VM's memory: QEMU itself, and Node analysing the trace after the run. */
export const MEMORY_MARGIN_MIB = 1024;
/** Beyond the recording: a boot under TCG, the guest's teardown, perf's end. */
const START_AND_END_MARGIN_US = 5 * 60e6;
/** The analysis and report after the recording: at least two minutes, and more for long traces. */
const analysisMarginUs = (durationUs: number) => Math.max(2 * 60e6, durationUs);

/**
 * The request of a task running any of `runs` on `backend`. A QEMU run needs its VM's memory and
 * vCPUs (a TCG VM that shares its node runs on one host thread: one CPU); a run on a node's own
 * DAMON needs the node to itself (DAMON's sysfs is node-wide).
 */
export function taskRequest(
  runs: readonly Run[],
  backend: 'local' | 'qemu',
  settings: SlurmSettings,
  accel?: Run['backend']['accel'],
): TaskRequest {
  const longest = Math.max(...runs.map((run) => run.durationUs));
  const derivedUs = longest + START_AND_END_MARGIN_US + analysisMarginUs(longest);
  const timeLimitMinutes = Math.ceil((settings.timeLimitUs ?? derivedUs) / 60e6);
  if (backend === 'local') return { cpus: 1, memoryMiB: 0, timeLimitMinutes, exclusive: true };
  const cpus = Math.max(...runs.map((run) => ((accel ?? run.backend.accel) === 'tcg' ? 1 : run.backend.cpus)));
  const memoryMiB = Math.max(...runs.map((run) => Math.ceil(run.backend.memoryBytes / 2 ** 20))) + MEMORY_MARGIN_MIB;
  return { cpus, memoryMiB, timeLimitMinutes, exclusive: false };
}

export interface JobSpec {
  /** The sweep's name (the manifest's). */
  name: string;
  /** The runs' ids, by array task id. */
  ids: string[];
  /** The --jobs throttle: tasks at once (null: as many as Slurm gives). */
  throttle: number | null;
  request: TaskRequest;
  settings: SlurmSettings;
  /** Where each task's output goes (%A: the job id, %a: the task id). */
  outputPattern: string;
  /** sha256 of the manifest the ids were made from: a task refuses to run a manifest changed since. */
  manifestSha256: string;
  /** The command each task runs, up to (not including) `--only ID`: node, the CLI, run, and options. */
  command: string[];
}

export { shellQuote };

/**
 * Refuses a job whose script a value would break out of: a line break in an #SBATCH option (from
 * the manifest's executor.options or --slurm-opt), the output path (--out) or the task's command.
 */
export function refuseUnsafeJob(spec: JobSpec): void {
  for (const option of sbatchOptions(spec))
    refuseLineBreak(option, `the sbatch option ${option.split(/[=\r\n]/)[0]}`, 'give each sbatch option on one line');
  for (const word of spec.command)
    refuseLineBreak(
      word,
      "a word of the tasks' command (a path: --out, the manifest's)",
      'use paths without line breaks',
    );
  for (const id of spec.ids) refuseLineBreak(id, 'a run id');
}

function timeLimit(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const hhmm = `${String(hours).padStart(2, '0')}:${String(rest).padStart(2, '0')}:00`;
  return days ? `${days}-${hhmm}` : hhmm;
}

/** The sbatch options of the job, in the order the script gives them. */
export function sbatchOptions(spec: JobSpec): string[] {
  const { request, settings } = spec;
  const last = spec.ids.length - 1;
  return [
    `--job-name=damon-exp-${spec.name}`,
    `--array=${last === 0 ? '0' : `0-${last}`}${spec.throttle ? `%${spec.throttle}` : ''}`,
    '--ntasks=1',
    `--cpus-per-task=${request.cpus}`,
    `--mem=${request.memoryMiB === 0 ? '0' : `${request.memoryMiB}M`}`,
    `--time=${timeLimit(request.timeLimitMinutes)}`,
    `--output=${spec.outputPattern}`,
    ...(request.exclusive ? ['--exclusive'] : []),
    ...(settings.partition ? [`--partition=${settings.partition}`] : []),
    ...(settings.account ? [`--account=${settings.account}`] : []),
    ...(settings.qos ? [`--qos=${settings.qos}`] : []),
    ...settings.options,
  ];
}

/** The partition the job goes to: executor.partition, or one passed as an sbatch option (the last). */
export function partitionOf(settings: SlurmSettings): string | undefined {
  let partition = settings.partition;
  settings.options.forEach((option, i) => {
    const given = /^--partition=(.+)$/.exec(option)?.[1] ?? /^-p(.+)$/.exec(option)?.[1];
    if (given) partition = given;
    else if ((option === '--partition' || option === '-p') && settings.options[i + 1])
      partition = settings.options[i + 1];
  });
  return partition;
}

/**
 * An option as an #SBATCH line gives it to sbatch: a value with spaces (a path) quoted. sbatch reads
 * these lines with rules of its own, close to sh's but for one: a backslash escapes the next
 * character even within single quotes (`'a\b'` is `ab`), so backslashes are doubled.
 */
export function directive(option: string): string {
  const forSbatch = (text: string) => shellQuote(text.replace(/\\/g, '\\\\'));
  const keyed = /^(--[A-Za-z-]+=)(.*)$/s.exec(option);
  return keyed ? `${keyed[1]}${forSbatch(keyed[2]!)}` : forSbatch(option);
}

export function renderJobScript(spec: JobSpec): string {
  refuseUnsafeJob(spec);
  return [
    '#!/bin/bash',
    `# damon-exp: the runs of '${spec.name}', one per task of this job array.`,
    `# Submit it again as it is with: sbatch THIS_FILE (${spec.command.includes('--force') ? 'earlier results are kept aside: --force' : 'complete runs are skipped: --resume'}).`,
    ...sbatchOptions(spec).map((option) => `#SBATCH ${directive(option)}`),
    'set -eu',
    `ids=(${spec.ids.map(shellQuote).join(' ')})`,
    'id=${ids[$SLURM_ARRAY_TASK_ID]}',
    `export DAMON_EXP_MANIFEST_SHA256=${spec.manifestSha256}`,
    `exec ${spec.command.map(shellQuote).join(' ')} --only "$id"`,
    '',
  ].join('\n');
}
