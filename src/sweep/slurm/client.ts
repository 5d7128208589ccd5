// Slurm's commands as damon-exp uses them: sbatch to submit, squeue for what is pending or running,
// scontrol (or sacct, where accounting is on) for how each task ended, scancel by job id. The
// parsers are pure; `slurmClient` runs the commands.
import { execa } from 'execa';
import { DamonExpError } from '../../util/errors.js';

export class SlurmError extends DamonExpError {}

/** A task Slurm still lists: pending, running (and where), or ending. */
export interface QueuedTask {
  taskId: number;
  state: string;
  node: string | null;
}

/** How a task ended, as far as Slurm knows. */
export interface EndedTask {
  taskId: number;
  /** COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, PREEMPTED, … */
  state: string;
  exitCode: string | null;
  reason: string | null;
  node: string | null;
}

export interface SlurmClient {
  /** Submits the script; returns the job id. */
  submit(script: string): Promise<string>;
  /** The job's tasks Slurm still lists (an empty list: none left, or the job is unknown). */
  queue(jobId: string): Promise<QueuedTask[]>;
  /** How its tasks ended; null when Slurm no longer knows the job. */
  ended(jobId: string): Promise<EndedTask[] | null>;
  cancel(jobId: string): Promise<void>;
  /** The nodes a job may run on (of the partition, or of the default one). */
  nodes(partition?: string): Promise<string[]>;
  /** The cluster's MaxArraySize (task ids go up to one less), when it says. */
  maxArraySize(): Promise<number | null>;
}

const TASK_STATES_DONE = new Set([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'OUT_OF_MEMORY',
  'NODE_FAIL',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
]);

export const isEndState = (state: string) => TASK_STATES_DONE.has(state.split(/\s/)[0]!);

/** `squeue -h -r -j JOB -o '%i %T %N'`: "123_4 RUNNING node1" per task ("123_[5-7%2] PENDING" without -r). */
export function parseQueue(text: string, jobId: string): QueuedTask[] {
  const tasks: QueuedTask[] = [];
  for (const line of text.split('\n')) {
    const [id, state, node] = line.trim().split(/\s+/);
    if (!id || !state) continue;
    const match = /^(\d+)_(\d+)$/.exec(id);
    if (!match || match[1] !== jobId) continue;
    tasks.push({ taskId: Number(match[2]), state, node: node && node !== '(null)' ? node : null });
  }
  return tasks;
}

/** Array task ids as Slurm writes them: "4", "2-5", "1,3,6-8", with a "%N" throttle or not. */
export function taskIdsOf(text: string): number[] {
  const ids: number[] = [];
  for (const part of text.replace(/%\d+$/, '').split(',')) {
    const range = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part);
    if (!range) return [];
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    const step = range[3] === undefined ? 1 : Math.max(1, Number(range[3]));
    if (last - first > 1_000_000) return [];
    for (let id = first; id <= last; id += step) ids.push(id);
  }
  return ids;
}

/** `scontrol -o show job JOB`: a line of Key=Value pairs per array task. */
export function parseScontrol(text: string, jobId: string): EndedTask[] {
  const tasks: EndedTask[] = [];
  for (const line of text.split('\n')) {
    const fields = new Map<string, string>();
    for (const match of line.matchAll(/(\w+)=(\S*)/g)) if (!fields.has(match[1]!)) fields.set(match[1]!, match[2]!);
    if (fields.get('ArrayJobId') !== jobId) continue;
    // Tasks not started yet are one line together ("2-3%2"), which a cancel ends together.
    const taskIds = taskIdsOf(fields.get('ArrayTaskId') ?? '');
    const node = fields.get('BatchHost') ?? fields.get('NodeList');
    const reason = fields.get('Reason');
    for (const taskId of taskIds)
      tasks.push({
        taskId,
        state: fields.get('JobState') ?? 'UNKNOWN',
        exitCode: fields.get('ExitCode') ?? null,
        reason: reason && reason !== 'None' ? reason : null,
        node: node && node !== '(null)' ? node : null,
      });
  }
  return tasks;
}

/** `sacct -n -P -X -j JOB -o JobID,State,ExitCode,NodeList,Reason`. */
export function parseSacct(text: string, jobId: string): EndedTask[] {
  const tasks: EndedTask[] = [];
  for (const line of text.split('\n')) {
    const [id, state, exitCode, node, reason] = line.trim().split('|');
    // "12_3", or tasks that never started together: "12_[1-3%1]"
    const match = /^(\d+)_(?:(\d+)|\[([^\]]+)\])$/.exec(id ?? '');
    if (!match || match[1] !== jobId || !state) continue;
    for (const taskId of taskIdsOf(match[2] ?? match[3]!))
      tasks.push({
        taskId,
        // "CANCELLED by 0"
        state: state.split(' ')[0]!,
        exitCode: exitCode || null,
        reason: reason && reason !== 'None' ? reason : null,
        node: node && node !== 'None assigned' ? node : null,
      });
  }
  return tasks;
}

/**
 * `sinfo -h -N -o '%N %P'`: a node and a partition a line, the default partition marked with '*';
 * without a partition, the nodes of the default one (where sbatch sends a job that names none).
 */
export function parseNodes(text: string, partition?: string): string[] {
  const nodes = new Set<string>();
  for (const line of text.split('\n')) {
    const [node, part] = line.trim().split(/\s+/);
    if (!node || !part) continue;
    if (partition ? part.replace(/\*$/, '') === partition : part.endsWith('*')) nodes.add(node);
  }
  return [...nodes];
}

/** `scontrol show config`: "MaxArraySize            = 1001". */
export function parseMaxArraySize(text: string): number | null {
  const match = /^MaxArraySize\s*=\s*(\d+)\s*$/m.exec(text);
  return match ? Number(match[1]) : null;
}

/** `sbatch --parsable`: "123" or "123;cluster". */
export function parseSubmitted(text: string): string | null {
  const match = /^(\d+)(;\S+)?$/.exec(text.trim());
  return match ? match[1]! : null;
}

async function slurm(command: string, args: string[], env: NodeJS.ProcessEnv, what: string) {
  try {
    return await execa(command, args, { env, extendEnv: false, reject: false, timeout: 60_000 });
  } catch (error) {
    throw new SlurmError(`cannot ${what}: ${command}: ${(error as Error).message}`);
  }
}

function failed(command: string, result: { exitCode?: number | undefined; stderr: unknown; code?: string }): string {
  if (result.code === 'ENOENT')
    return `${command} is not installed here (Slurm's client commands: Debian's slurm-client)`;
  return `${command} exited with status ${result.exitCode}: ${String(result.stderr).trim().split('\n').slice(-3).join(' ')}`;
}

export function slurmClient(env: NodeJS.ProcessEnv = process.env): SlurmClient {
  const run = async (command: string, args: string[], what: string, allowFailure = false) => {
    const result = await slurm(command, args, env, what);
    if (result.failed && !allowFailure) {
      throw new SlurmError(
        `cannot ${what}: ${failed(command, result)}`,
        (result as { code?: string }).code === 'ENOENT'
          ? 'run damon-exp on a machine of the cluster (a login node), or install slurm-client'
          : 'check that the cluster answers (sinfo), and the options given to sbatch (--slurm-opt)',
      );
    }
    return result;
  };
  return {
    async submit(script) {
      const result = await run('sbatch', ['--parsable', script], 'submit the job');
      const jobId = parseSubmitted(String(result.stdout));
      if (!jobId) throw new SlurmError(`sbatch did not print a job id: '${String(result.stdout).trim()}'`);
      return jobId;
    },
    async queue(jobId) {
      const result = await run('squeue', ['-h', '-r', '-j', jobId, '-o', '%i %T %N'], 'ask squeue', true);
      // A job squeue no longer knows: "Invalid job id specified" (exit 1).
      if (result.failed) {
        if (/Invalid job id/i.test(String(result.stderr))) return [];
        throw new SlurmError(`cannot ask squeue: ${failed('squeue', result)}`);
      }
      return parseQueue(String(result.stdout), jobId);
    },
    async ended(jobId) {
      const shown = await run('scontrol', ['-o', 'show', 'job', jobId], 'ask scontrol', true);
      const tasks = shown.failed ? [] : parseScontrol(String(shown.stdout), jobId);
      if (tasks.length) return tasks;
      // Past MinJobAge, only accounting knows (where it is on).
      const accounted = await run(
        'sacct',
        ['-n', '-P', '-X', '-j', jobId, '-o', 'JobID,State,ExitCode,NodeList,Reason'],
        'ask sacct',
        true,
      );
      const fromSacct = accounted.failed ? [] : parseSacct(String(accounted.stdout), jobId);
      return fromSacct.length ? fromSacct : null;
    },
    async cancel(jobId) {
      await run('scancel', [jobId], `cancel job ${jobId}`);
    },
    async maxArraySize() {
      const result = await run('scontrol', ['show', 'config'], 'ask scontrol for the configuration', true);
      return result.failed ? null : parseMaxArraySize(String(result.stdout));
    },
    async nodes(partition) {
      const result = await run(
        'sinfo',
        ['-h', '-N', '-o', '%N %P', ...(partition ? ['-p', partition] : [])],
        'ask sinfo for the nodes',
      );
      return parseNodes(String(result.stdout), partition);
    },
  };
}
