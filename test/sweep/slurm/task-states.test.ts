// Where each task of a Slurm job stands: the run directory's status.json, stamped by the task,
// is the truth once there; Slurm's word (squeue, then scontrol or sacct) fills in the rest.
import { describe, expect, it } from 'vitest';
import type { Run } from '../../../src/manifest/run.js';
import { newStatus, type RunState, type RunStatus } from '../../../src/record/run-files.js';
import type { EndedTask, QueuedTask } from '../../../src/sweep/slurm/client.js';
import type { JobRecord } from '../../../src/sweep/slurm/job-record.js';
import { describeEnd, taskViews, type PlaceNow } from '../../../src/sweep/slurm/task-states.js';

const IDS = ['a_rep1', 'b_rep1', 'c_rep1'];

const record: JobRecord = {
  format: 'damon-exp.slurm-job/1',
  jobId: '12',
  name: 'sweep',
  script: '/results/sweep/slurm/job-12.sh',
  submittedAt: '2024-05-01T10:00:00.000Z',
  backend: 'qemu',
  runs: IDS.map((id) => ({ id, manifest: { name: 'sweep' } }) as unknown as Run),
};

/** A status.json as task `taskId` of job `jobId` wrote it. */
function stamped(
  taskId: number,
  state: RunState,
  { jobId = '12', node = 'node1', slurmState, errors = [] as string[] } = {} as {
    jobId?: string;
    node?: string;
    slurmState?: string;
    errors?: string[];
  },
): RunStatus {
  return {
    ...newStatus(IDS[taskId]!, 'qemu', state),
    startedAt: '2024-05-01T10:00:00.000Z',
    ...(state === 'running' ? {} : { endedAt: '2024-05-01T10:01:30.000Z' }),
    errors,
    slurm: { jobId, taskId, node, ...(slurmState ? { state: slurmState } : {}) },
  };
}

const place = (status: RunStatus | null, sameRun = true, aside?: string): PlaceNow => ({
  status,
  sameRun,
  ...(aside ? { aside } : {}),
});

const ended = (taskId: number, state: string, more: Partial<EndedTask> = {}): EndedTask => ({
  taskId,
  state,
  exitCode: '0:0',
  reason: null,
  node: 'node1',
  ...more,
});

/** The view of task 0 alone, with what is known of it. */
function view0(
  status: RunStatus | null,
  queued: QueuedTask[],
  end: EndedTask[] | null,
  options: { sameRun?: boolean; aside?: string } = {},
) {
  const places = new Map([[IDS[0]!, place(status, options.sameRun ?? true, options.aside)]]);
  return taskViews(record, queued, places, end)[0]!;
}

describe('taskViews', () => {
  it('gives one view per run, in task order, named by the run', () => {
    const views = taskViews(record, [], new Map(), null);
    expect(views.map((v) => [v.taskId, v.id])).toEqual([
      [0, 'a_rep1'],
      [1, 'b_rep1'],
      [2, 'c_rep1'],
    ]);
  });

  it("takes the state of a status.json this task stamped over Slurm's, with its errors, node and wall time", () => {
    const status = stamped(0, 'failed', { node: 'node9', errors: ['the guest panicked'] });
    const view = view0(status, [], [ended(0, 'COMPLETED', { node: 'node1' })]);
    expect(view).toMatchObject({
      phase: 'failed',
      node: 'node9',
      slurmState: 'COMPLETED',
      errors: ['the guest panicked'],
      wallMs: 90_000,
    });
  });

  it('takes a complete status.json as the truth while squeue still lists the task ending', () => {
    const view = view0(stamped(0, 'complete'), [{ taskId: 0, state: 'COMPLETING', node: 'node1' }], null);
    expect(view.phase).toBe('complete');
    expect(view.recorded).toBe(true);
  });

  it("says Slurm's word must still be recorded where the task wrote how it ended but not Slurm's end", () => {
    const end = [ended(0, 'FAILED', { exitCode: '1:0' })];
    expect(view0(stamped(0, 'failed'), [], end).recorded).toBe(false);
    expect(view0(stamped(0, 'failed', { slurmState: 'FAILED' }), [], end).recorded).toBe(true);
    expect(view0(stamped(0, 'complete'), [], end).recorded).toBe(true);
  });

  it('does not take a status.json stamped by another job or another task as this task’s', () => {
    const pending: QueuedTask[] = [{ taskId: 0, state: 'PENDING', node: null }];
    expect(view0(stamped(0, 'complete', { jobId: '11' }), pending, null).phase).toBe('pending');
    const otherTask = { ...stamped(0, 'failed'), slurm: { jobId: '12', taskId: 1, node: 'node1' } };
    expect(view0(otherTask, pending, null).phase).toBe('pending');
  });

  it('follows squeue while the task runs: RUNNING or COMPLETING is running (with its node), PENDING pending', () => {
    expect(view0(stamped(0, 'running'), [{ taskId: 0, state: 'RUNNING', node: 'node3' }], null)).toMatchObject({
      phase: 'running',
      node: 'node3',
      slurmState: 'RUNNING',
    });
    expect(view0(null, [{ taskId: 0, state: 'COMPLETING', node: 'node3' }], null).phase).toBe('running');
    expect(view0(null, [{ taskId: 0, state: 'PENDING', node: null }], null)).toMatchObject({
      phase: 'pending',
      node: null,
    });
  });

  it("reads squeue's lines by task id", () => {
    const queued: QueuedTask[] = [
      { taskId: 2, state: 'RUNNING', node: 'node2' },
      { taskId: 0, state: 'PENDING', node: null },
      { taskId: 1, state: 'RUNNING', node: 'node1' },
    ];
    expect(taskViews(record, queued, new Map(), null).map((v) => [v.phase, v.node])).toEqual([
      ['pending', null],
      ['running', 'node1'],
      ['running', 'node2'],
    ]);
  });

  it('calls a task Slurm cancelled before it wrote a result interrupted, saying so', () => {
    const view = view0(null, [], [ended(0, 'CANCELLED', { exitCode: '0:15' })]);
    expect(view.phase).toBe('interrupted');
    expect(view.errors).toEqual(['Slurm task 12_0 on node1 was cancelled (exit 0:15) without a result of its own']);
  });

  it("calls a task killed by Slurm failed, in Slurm's words, although its status.json still says running", () => {
    const killed = (state: string) => view0(stamped(0, 'running'), [], [ended(0, state)]);
    expect(killed('TIMEOUT')).toMatchObject({ phase: 'failed', slurmState: 'TIMEOUT', recorded: false });
    expect(killed('TIMEOUT').errors).toEqual([expect.stringMatching(/^Slurm task 12_0 on node1 .*time limit/)]);
    expect(killed('OUT_OF_MEMORY').errors).toEqual([expect.stringMatching(/memory/)]);
    expect(killed('NODE_FAIL').errors).toEqual([expect.stringMatching(/lost its node/)]);
    expect(killed('FAILED').phase).toBe('failed');
  });

  it('calls a task skipped that ended COMPLETED leaving a complete result of the same run it did not write', () => {
    const earlier = stamped(0, 'complete', { jobId: '11' });
    const view = view0(earlier, [], [ended(0, 'COMPLETED')]);
    expect(view).toMatchObject({ phase: 'skipped', recorded: true, errors: [] });
    const unstamped = newStatus(IDS[0]!, 'qemu', 'complete');
    expect(view0(unstamped, [], [ended(0, 'COMPLETED')]).phase).toBe('skipped');
  });

  it('does not call a task skipped when the complete result there is of another run, or the task did not complete', () => {
    const earlier = stamped(0, 'complete', { jobId: '11' });
    expect(view0(earlier, [], [ended(0, 'COMPLETED')], { sameRun: false }).phase).toBe('failed');
    expect(view0(earlier, [], [ended(0, 'CANCELLED')]).phase).toBe('interrupted');
    expect(view0(null, [], [ended(0, 'COMPLETED')]).phase).toBe('failed');
  });

  it('calls a task Slurm still lists as going (by scontrol) pending or running', () => {
    expect(view0(null, [], [ended(0, 'PENDING', { node: null })]).phase).toBe('pending');
    expect(view0(null, [], [ended(0, 'RUNNING')]).phase).toBe('running');
  });

  it('calls a task lost when neither Slurm nor its run directory knows anything of it', () => {
    const lost = view0(null, [], null);
    expect(lost.phase).toBe('lost');
    expect(lost.errors).toEqual([expect.stringMatching(/^Slurm no longer knows task 12_0 .*left no result$/)]);
    // scontrol answers for the other tasks only.
    const views = taskViews(record, [], new Map(), [ended(1, 'COMPLETED'), ended(2, 'COMPLETED')]);
    expect(views.map((v) => v.phase)).toEqual(['lost', 'failed', 'failed']);
  });

  it('gives the view the place of an attempt kept beside a complete result', () => {
    const aside = '/results/sweep/a_rep1.attempt-20240501T100130-failed';
    const view = view0(stamped(0, 'failed', { errors: ['boom'] }), [], [ended(0, 'FAILED')], { aside });
    expect(view).toMatchObject({ phase: 'failed', aside, errors: ['boom'] });
    expect(view0(stamped(0, 'failed'), [], [ended(0, 'FAILED')])).not.toHaveProperty('aside');
  });
});

describe('describeEnd', () => {
  it('names the task, its node, what Slurm did, the exit code and the reason', () => {
    expect(describeEnd('12', ended(3, 'TIMEOUT', { exitCode: '0:15', reason: 'TimeLimit' }))).toBe(
      'Slurm task 12_3 on node1 ran over its time limit (executor.time, or --slurm-opt=--time=…) (exit 0:15) (TimeLimit)',
    );
  });

  it('says how to ask for more memory, and that a node was lost', () => {
    expect(describeEnd('12', ended(0, 'OUT_OF_MEMORY'))).toBe(
      'Slurm task 12_0 on node1 ran out of memory (--slurm-opt=--mem=…)',
    );
    expect(describeEnd('12', ended(0, 'NODE_FAIL', { node: null }))).toBe('Slurm task 12_0 lost its node');
  });

  it('leaves out a clean exit code, a missing node and reason, and names a state it has no words for', () => {
    expect(describeEnd('7', ended(1, 'SPECIAL_EXIT', { node: null, exitCode: '0:0' }))).toBe(
      'Slurm task 7_1 ended SPECIAL_EXIT',
    );
    expect(describeEnd('7', ended(1, 'FAILED', { node: null, exitCode: null }))).toBe('Slurm task 7_1 failed');
  });
});
