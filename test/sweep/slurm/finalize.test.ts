// How a job's end is recorded in its runs' directories when Slurm, not the task, ended it (out of
// time or memory, a lost node, cancelled before it started, a task killed outright): what the
// real cluster cannot be made to do in a test, with Slurm's answers given by a client of our own.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../../src/manifest/load.js';
import type { Run } from '../../../src/manifest/run.js';
import { newStatus, partialName, type RunStatus } from '../../../src/record/run-files.js';
import type { EndedTask, QueuedTask, SlurmClient } from '../../../src/sweep/slurm/client.js';
import { readJobRecords, writeJobRecord, type JobRecord } from '../../../src/sweep/slurm/job-record.js';
import { finalizeJob, observeJob } from '../../../src/sweep/slurm/watch.js';

function sweep(): { resultsRoot: string; runs: Run[] } {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-finalize-'));
  const file = join(dir, 'sweep.yaml');
  writeFileSync(
    file,
    [
      'name: fin',
      'workloads: {w: {command: "sleep 60"}}',
      'layout: {kind: one-target, workloads: [w]}',
      'duration: 1s',
      'matrix:',
      '  monitoring.sample: [1ms, 2ms, 3ms, 4ms, 5ms]',
      '',
    ].join('\n'),
  );
  return { resultsRoot: join(dir, 'results'), runs: loadExperiment(file).runs };
}

function client(queued: QueuedTask[], ended: EndedTask[] | null): SlurmClient {
  return {
    submit: () => Promise.reject(new Error('not here')),
    queue: () => Promise.resolve(queued),
    ended: () => Promise.resolve(ended),
    cancel: () => Promise.resolve(),
    nodes: () => Promise.resolve(['n1']),
    maxArraySize: () => Promise.resolve(1001),
  };
}

const end = (taskId: number, state: string, exitCode = '0:0'): EndedTask => ({
  taskId,
  state,
  exitCode,
  reason: null,
  node: 'n1',
});

/** A run directory in its place, as a task writes it (stamped with its job and task). */
function placeRun(resultsRoot: string, run: Run, status: RunStatus): string {
  const dir = join(resultsRoot, run.manifest.name, run.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(join(dir, 'status.json'), `${JSON.stringify(status, null, 2)}\n`);
  return dir;
}

const jobRecord = (jobId: string, runs: Run[], script = 'x'): JobRecord => ({
  format: 'damon-exp.slurm-job/1',
  jobId,
  name: 'fin',
  script,
  submittedAt: new Date().toISOString(),
  backend: 'qemu',
  runs,
});

const readStatus = (dir: string) => JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')) as RunStatus;

describe('finalizeJob', () => {
  it("gives each task Slurm ended a run directory naming Slurm's state, the job and the task; a task's own result is kept", async () => {
    const { resultsRoot, runs } = sweep();
    const sweepDir = join(resultsRoot, 'fin');
    const record = jobRecord('42', runs, join(sweepDir, 'slurm/job-x.sh'));
    await writeJobRecord(sweepDir, record);
    // Task 3 completed and wrote its result; task 4 was killed outright mid-run (SIGKILL on the
    // time limit): its partial directory stays, of a pid that is gone.
    placeRun(resultsRoot, runs[3]!, {
      ...newStatus(runs[3]!.id, 'qemu', 'complete'),
      endedAt: new Date().toISOString(),
      slurm: { jobId: '42', taskId: 3, node: 'n1' },
    });
    const partial = join(sweepDir, partialName(runs[4]!.id, 999_999_999));
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'status.json'), JSON.stringify(newStatus(runs[4]!.id, 'qemu')));
    writeFileSync(join(sweepDir, 'slurm', '42_0.out'), 'booting\nthe last words of task 0\n');

    const slurm = client(
      [],
      [
        end(0, 'TIMEOUT', '0:15'),
        end(1, 'OUT_OF_MEMORY', '0:125'),
        end(2, 'NODE_FAIL'),
        end(3, 'COMPLETED'),
        end(4, 'TIMEOUT'),
      ],
    );
    const { views, active } = await observeJob(record, slurm, resultsRoot);
    expect(active).toBe(false);
    expect(views.map((v) => v.phase)).toEqual(['failed', 'failed', 'failed', 'complete', 'failed']);
    await finalizeJob(record, views, resultsRoot, { cancelled: false });

    const words = ['ran over its time limit', 'ran out of memory', 'lost its node'];
    for (const [taskId, state] of ['TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL'].entries()) {
      const status = readStatus(join(sweepDir, runs[taskId]!.id));
      expect(status.state).toBe('failed');
      expect(status.slurm).toMatchObject({ jobId: '42', taskId, node: 'n1', state });
      expect(status.errors[0]).toContain(`Slurm task 42_${taskId} on n1 ${words[taskId]}`);
    }
    expect(readStatus(join(sweepDir, runs[0]!.id)).errors.join(' ')).toContain('the last words of task 0');
    const kept = readStatus(join(sweepDir, runs[3]!.id));
    expect(kept.state).toBe('complete');
    expect(kept.errors).toEqual([]);
    // The killed task's partial directory is kept aside, visibly; its run gets Slurm's word.
    expect(existsSync(partial)).toBe(false);
    expect(readdirSync(sweepDir).filter((n) => n.startsWith(`${runs[4]!.id}.before-abandoned-`))).toHaveLength(1);
    expect(readStatus(join(sweepDir, runs[4]!.id)).slurm).toMatchObject({ taskId: 4, state: 'TIMEOUT' });

    const [finalized] = await readJobRecords(sweepDir);
    expect(finalized!.finalizedAt).toBeDefined();
    expect(finalized!.tasks!.map((t) => t.phase)).toEqual(['failed', 'failed', 'failed', 'complete', 'failed']);
  });

  it("adds Slurm's word to the status of a task that was killed after it wrote one", async () => {
    const { resultsRoot, runs } = sweep();
    const record = jobRecord('7', runs.slice(0, 1));
    const dir = placeRun(resultsRoot, runs[0]!, {
      ...newStatus(runs[0]!.id, 'qemu', 'interrupted'),
      errors: ['the VM: stopped: SIGTERM'],
      slurm: { jobId: '7', taskId: 0, node: 'n1' },
    });
    const { views } = await observeJob(record, client([], [end(0, 'TIMEOUT', '0:15')]), resultsRoot);
    expect(views[0]!.phase).toBe('interrupted');
    await finalizeJob(record, views, resultsRoot, { cancelled: false });
    const status = readStatus(dir);
    expect(status.state).toBe('interrupted');
    expect(status.slurm).toMatchObject({ jobId: '7', taskId: 0, state: 'TIMEOUT', exitCode: '0:15' });
    expect(status.errors).toEqual(['the VM: stopped: SIGTERM', expect.stringContaining('ran over its time limit')]);
  });

  it('leaves a job Slurm still runs alone', async () => {
    const { resultsRoot, runs } = sweep();
    const record = jobRecord('8', runs.slice(0, 2));
    const { views, active } = await observeJob(
      record,
      client(
        [
          { taskId: 0, state: 'RUNNING', node: 'n1' },
          { taskId: 1, state: 'PENDING', node: null },
        ],
        null,
      ),
      resultsRoot,
    );
    expect(active).toBe(true);
    expect(views.map((v) => [v.phase, v.node])).toEqual([
      ['running', 'n1'],
      ['pending', null],
    ]);
  });
});

describe('a job record read back from a shared results tree', () => {
  it('is left out, named, when a run id would climb out of the sweep: nothing is written outside it', async () => {
    const { resultsRoot, runs } = sweep();
    const sweepDir = join(resultsRoot, 'fin');
    const victim = join(resultsRoot, '..', 'victimrun');
    mkdirSync(victim, { recursive: true });
    writeFileSync(join(victim, 'keep'), 'mine');
    const hostile = { ...runs[0]!, id: '../../victimrun' };
    await writeJobRecord(sweepDir, jobRecord('43', [hostile, runs[1]!]));
    const problems: string[] = [];
    expect(await readJobRecords(sweepDir, problems)).toEqual([]);
    expect(problems).toEqual([
      `${join(sweepDir, 'slurm/job-43.json')}: corrupt: task 0's run id "../../victimrun" is not a run id (it would name a directory outside the sweep): left out`,
    ]);
    expect(readdirSync(victim)).toEqual(['keep']);
    expect(readdirSync(join(resultsRoot, '..')).filter((n) => n.startsWith('victimrun'))).toEqual(['victimrun']);
  });

  it.each([
    ['a record without submittedAt', { submittedAt: undefined }, 'corrupt: submittedAt undefined is not a time'],
    ['a job id that is no number', { jobId: '1;rm' }, 'corrupt: job id "1;rm"'],
    ['a sweep name with a slash', { name: '../x' }, 'corrupt: sweep name "../x" is not a manifest name'],
    ['a backend of no kind', { backend: 5 }, 'corrupt: backend 5'],
    ['two tasks with one run', 'twice', 'corrupt: run sample-1ms is given to two tasks'],
  ])('leaves out %s, and keeps the others', async (_what, change, says) => {
    const { resultsRoot, runs } = sweep();
    const sweepDir = join(resultsRoot, 'fin');
    const good = jobRecord('50', runs.slice(0, 2));
    const bad =
      change === 'twice'
        ? jobRecord('51', [runs[0]!, runs[0]!])
        : { ...jobRecord('51', runs.slice(0, 2)), ...(change as Record<string, unknown>) };
    await writeJobRecord(sweepDir, good);
    writeFileSync(join(sweepDir, 'slurm/job-51.json'), JSON.stringify(bad));
    const problems: string[] = [];
    expect((await readJobRecords(sweepDir, problems)).map((r) => r.jobId)).toEqual(['50']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(says);
  });
});

describe("a task's output of gigabytes", () => {
  it('gives its last lines, read from its end (a 3 GB output, sparse here)', async () => {
    const { resultsRoot, runs } = sweep();
    const sweepDir = join(resultsRoot, 'fin');
    const record = jobRecord('60', runs.slice(0, 1));
    await writeJobRecord(sweepDir, record);
    const output = join(sweepDir, 'slurm', '60_0.out');
    const { openSync, ftruncateSync, closeSync } = await import('node:fs');
    const fd = openSync(output, 'w');
    ftruncateSync(fd, 3 * 2 ** 30);
    closeSync(fd);
    appendFileSync(output, '\nthe very last words\n');
    const { views } = await observeJob(record, client([], [end(0, 'TIMEOUT')]), resultsRoot);
    await finalizeJob(record, views, resultsRoot, { cancelled: false });
    expect(readStatus(join(sweepDir, runs[0]!.id)).errors.join(' ')).toContain('ends: the very last words');
  });
});
