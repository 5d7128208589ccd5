// Where each task of a Slurm job stands, from what Slurm says (squeue while it is listed, then
// scontrol or sacct) and from what the run directories hold (status.json, stamped with the task
// that wrote it). The run directory is the truth once there: Slurm only fills in what a task
// could not write itself (killed for memory, time, a lost node, cancelled before it started).
import type { RunStatus } from '../../record/run-files.js';
import type { EndedTask, QueuedTask } from './client.js';
import type { JobRecord } from './job-record.js';

export type TaskPhase = 'pending' | 'running' | 'complete' | 'failed' | 'interrupted' | 'skipped' | 'lost';

export interface TaskView {
  taskId: number;
  id: string;
  phase: TaskPhase;
  node: string | null;
  /** Slurm's state of the task, when known. */
  slurmState: string | null;
  exitCode: string | null;
  errors: string[];
  /** Whether the run directory says how it ended (else Slurm's word must be recorded there). */
  recorded: boolean;
  /** How long the run took, from its status.json (0: unknown). */
  wallMs: number;
  /** Where the task's result is when not in the run's place (an attempt kept beside a complete result). */
  aside?: string;
}

/** What a run's place holds now, for the task views. */
export interface PlaceNow {
  status: RunStatus | null;
  /** Its run.json is the run the job was given. */
  sameRun: boolean;
  /**
   * Where the job's task wrote the run when that is not its place: an attempt that did not
   * complete, kept beside a complete result (<id>.attempt-<time>-<state>).
   */
  aside?: string;
}

const RUNNING = new Set(['RUNNING', 'COMPLETING', 'CONFIGURING', 'STAGE_OUT', 'SIGNALING', 'RESIZING']);

/** Why a task ended without a result of its own, in a user's words. */
export function describeEnd(jobId: string, task: EndedTask): string {
  const where = task.node ? ` on ${task.node}` : '';
  const exit = task.exitCode && task.exitCode !== '0:0' ? ` (exit ${task.exitCode})` : '';
  const what: Record<string, string> = {
    CANCELLED: 'was cancelled',
    TIMEOUT: 'ran over its time limit (executor.time, or --slurm-opt=--time=…)',
    OUT_OF_MEMORY: 'ran out of memory (--slurm-opt=--mem=…)',
    NODE_FAIL: 'lost its node',
    PREEMPTED: 'was preempted',
    BOOT_FAIL: 'could not boot its node',
    DEADLINE: 'missed its deadline',
    FAILED: 'failed',
  };
  const said = what[task.state] ?? `ended ${task.state}`;
  return `Slurm task ${jobId}_${task.taskId}${where} ${said}${exit}${task.reason ? ` (${task.reason})` : ''}`;
}

export function taskViews(
  record: JobRecord,
  queued: readonly QueuedTask[],
  places: ReadonlyMap<string, PlaceNow>,
  ended: readonly EndedTask[] | null,
): TaskView[] {
  return record.runs.map((run, taskId) => {
    const place = places.get(run.id) ?? { status: null, sameRun: false };
    const { status } = place;
    const queue = queued.find((q) => q.taskId === taskId);
    const end = ended?.find((e) => e.taskId === taskId);
    const view: TaskView = {
      taskId,
      id: run.id,
      phase: 'pending',
      node: queue?.node ?? end?.node ?? null,
      slurmState: queue?.state ?? end?.state ?? null,
      exitCode: end?.exitCode ?? null,
      errors: [],
      recorded: false,
      wallMs: 0,
    };
    const mine = status?.slurm?.jobId === record.jobId && status.slurm.taskId === taskId;
    if (mine && status.state !== 'running') {
      return {
        ...view,
        phase: status.state,
        node: status.slurm!.node ?? view.node,
        slurmState: status.slurm!.state ?? view.slurmState,
        errors: status.errors,
        ...(place.aside ? { aside: place.aside } : {}),
        wallMs: status.endedAt ? Math.max(0, Date.parse(status.endedAt) - Date.parse(status.startedAt)) || 0 : 0,
        recorded: status.state === 'complete' || status.slurm!.state !== undefined || end === undefined,
      };
    }
    if (queue) return { ...view, phase: RUNNING.has(queue.state) ? 'running' : 'pending' };
    if (end && !/^(PENDING|RUNNING|COMPLETING|CONFIGURING|REQUEUED|SUSPENDED)$/.test(end.state)) {
      // The task found its run complete already (the script submitted again), and left it alone.
      if (end.state === 'COMPLETED' && status?.state === 'complete' && place.sameRun)
        return { ...view, phase: 'skipped', recorded: true };
      return {
        ...view,
        phase: end.state === 'CANCELLED' ? 'interrupted' : 'failed',
        errors: [`${describeEnd(record.jobId, end)} without a result of its own`],
      };
    }
    if (end) return { ...view, phase: end.state === 'RUNNING' ? 'running' : 'pending' };
    return {
      ...view,
      phase: 'lost',
      errors: [
        `Slurm no longer knows task ${record.jobId}_${taskId} (its accounting is off, or the job ended long ago), and it left no result`,
      ],
    };
  });
}

/** The tasks of a job Slurm still lists. */
export const jobActive = (queued: readonly QueuedTask[]) => queued.length > 0;
