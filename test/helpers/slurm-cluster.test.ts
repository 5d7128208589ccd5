// The Slurm test cluster itself (the ground the Slurm executor's tests will stand on): it starts,
// runs a throttled job array whose tasks see their array index, reports a failed task's state and
// exit code, cancels by job id, and stops by pid leaving nothing running.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, startSlurmCluster, type SlurmCluster } from './slurm-cluster.js';

let cluster: SlurmCluster;

beforeAll(async () => {
  cluster = await startSlurmCluster();
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

/** The states of a job's array tasks, by index, once none is pending or running. */
async function finished(jobId: string, tasks: number): Promise<Map<number, { state: string; exit: string }>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const text = cluster.client('scontrol', ['-o', 'show', 'job', jobId]);
    const states = new Map<number, { state: string; exit: string }>();
    for (const line of text.trim().split('\n')) {
      const field = (name: string) => new RegExp(`(?:^| )${name}=(\\S+)`).exec(line)?.[1];
      const task = field('ArrayTaskId');
      if (task !== undefined && /^\d+$/.test(task))
        states.set(Number(task), { state: field('JobState')!, exit: field('ExitCode')! });
    }
    const done = [...states.values()].filter(
      (s) => !['PENDING', 'RUNNING', 'CONFIGURING', 'COMPLETING'].includes(s.state),
    );
    if (states.size === tasks && done.length === tasks) return states;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish: ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the Slurm test cluster', () => {
  it('runs a job array, the throttle respected, a failed task named with its exit code', async () => {
    const script = join(cluster.dir, 'array.sh');
    writeFileSync(
      script,
      [
        '#!/bin/sh',
        `echo "$SLURM_ARRAY_TASK_ID $(date +%s%N)" >> ${join(cluster.dir, 'starts')}`,
        `echo "task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_JOB_ID" > ${join(cluster.dir, 'task-')}$SLURM_ARRAY_TASK_ID`,
        'sleep 1',
        `echo "$SLURM_ARRAY_TASK_ID $(date +%s%N)" >> ${join(cluster.dir, 'ends')}`,
        '[ "$SLURM_ARRAY_TASK_ID" != 2 ]',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const jobId = cluster
      .client('sbatch', [
        '--parsable',
        '--array=0-3%2',
        '--mem=64M',
        '--time=2',
        `--output=${join(cluster.dir, 'out-%a')}`,
        script,
      ])
      .trim();
    expect(jobId).toMatch(/^\d+$/);
    const states = await finished(jobId, 4);
    expect([...states.entries()].sort(([a], [b]) => a - b)).toEqual([
      [0, { state: 'COMPLETED', exit: '0:0' }],
      [1, { state: 'COMPLETED', exit: '0:0' }],
      [2, { state: 'FAILED', exit: '1:0' }],
      [3, { state: 'COMPLETED', exit: '0:0' }],
    ]);
    for (const task of [0, 1, 2, 3])
      expect(readFileSync(join(cluster.dir, `task-${task}`), 'utf8')).toBe(`task ${task} of ${jobId}\n`);
    // %2: never more than two tasks at once.
    const events = [
      ...readFileSync(join(cluster.dir, 'starts'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => [BigInt(l.split(' ')[1]!), 1] as const),
      ...readFileSync(join(cluster.dir, 'ends'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => [BigInt(l.split(' ')[1]!), -1] as const),
    ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    expect(events).toHaveLength(8);
    let running = 0;
    let most = 0;
    for (const [, step] of events) most = Math.max(most, (running += step));
    expect(most).toBe(2);
  }, 90_000);

  it('cancels a job by its id, and the cancelled tasks say so', async () => {
    const script = join(cluster.dir, 'long.sh');
    writeFileSync(script, '#!/bin/sh\nsleep 300\n', { mode: 0o755 });
    const jobId = cluster
      .client('sbatch', ['--parsable', '--array=0-1', '--mem=64M', '--time=10', `--output=/dev/null`, script])
      .trim();
    const deadline = Date.now() + 30_000;
    while (!/RUNNING/.test(cluster.client('squeue', ['-h', '-j', jobId, '-o', '%T'])) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    cluster.client('scancel', [jobId]);
    const states = await finished(jobId, 2);
    expect([...states.values()].map((s) => s.state)).toEqual(['CANCELLED', 'CANCELLED']);
  }, 90_000);

  it('stops by pid, leaving nothing running and nothing behind', async () => {
    const { pids, dir } = cluster;
    expect(Object.values(pids).filter(alive)).toHaveLength(3);
    await cluster.stop();
    expect(Object.values(pids).filter(alive)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  }, 30_000);
});
