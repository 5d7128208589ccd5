// Sweeps handed to a real Slurm (Debian's 22.05, a single-node cluster on this machine that the
// tests start and stop by pid), each task a short QEMU run under TCG: the index holds a local sweep's runs,
// a failed run is resubmitted alone with --resume (here also --detach, followed with status and
// finished by index), Ctrl-C cancels the job and leaves nothing running, and what a node would
// miss is refused before anything is submitted. Slow (a VM boot a run), so the runs are few and short.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src/record/run-files.js';
import { fakeHost, runCli } from '../helpers/harness.js';
import { ELSEWHERE, startSlurmCluster, type SlurmCluster } from '../helpers/slurm-cluster.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/damon-exp.js');
const TIMEOUT = 400_000;

let cluster: SlurmCluster;
let dir: string;
/** Present: the sweep's made-to-fail run completes. Under the project (the guest sees it; not /tmp). */
let flag: string;
let manifest: string;

beforeAll(async () => {
  cluster = await startSlurmCluster();
  dir = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-slurm-'));
  mkdirSync(join(ROOT, 'test/artifacts'), { recursive: true });
  flag = join(ROOT, 'test/artifacts', `slurm-flag-${process.pid}`);
  rmSync(flag, { force: true });
  manifest = join(dir, 'slurm_sweep.yaml');
  writeFileSync(
    manifest,
    [
      'name: slurm_sweep',
      'workloads:',
      `  z: {masim: ${JSON.stringify(join(ROOT, 'experiments/masim/zigzag_small.cfg'))}, args: ["--repeat", "0"]}`,
      'layout: {kind: one-target, workloads: [z]}',
      'duration: 3s',
      'backend: {cpus: 1, memory: 1GiB}',
      'matrix:',
      '  monitoring.sample: [5ms, 10ms, 20ms]',
      '  include:',
      '    # fails until the flag file exists: its workload ends at once',
      `    - {monitoring.sample: 7ms, workloads.z: {command: ${JSON.stringify(`test -e ${flag} && exec sleep 60`)}}}`,
      '',
    ].join('\n'),
  );
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
  if (flag) rmSync(flag, { force: true });
});

function damonExp(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...cluster.env, NO_COLOR: '1', ...env },
    timeout: TIMEOUT,
  });
}

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const squeue = () => cluster.client('squeue', ['-h', '-o', '%i %T']).trim();
const summaryOf = (sweepDir: string) =>
  readJson<{ runs: { id: string; state: string; params: Record<string, unknown> }[] }>(join(sweepDir, 'summary.json'))
    .runs;
const jobRecords = (sweepDir: string) =>
  readdirSync(join(sweepDir, 'slurm'))
    .filter((name) => /^job-\d+\.json$/.test(name))
    .map((name) => readJson<{ jobId: string; runs: { id: string }[] }>(join(sweepDir, 'slurm', name)));

async function until<T>(what: string, probe: () => T | null, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('a sweep through Slurm', () => {
  const out = () => join(dir, 'results');
  const sweepDir = () => join(out(), 'slurm_sweep');
  const failing = 'sample-7ms_z-';

  it(
    'runs each run as a task of one job array, two at once; the index holds the runs a local sweep holds; the failed run names its task',
    async () => {
      const result = damonExp([
        'run',
        manifest,
        '--executor',
        'slurm',
        '--jobs',
        '2',
        '--accel',
        'tcg',
        '--out',
        out(),
      ]);
      expect(result.stderr).toMatch(/submitted Slurm job \d+: 4 tasks \(qemu backend\) on 1 node, 2 at once/);
      expect(result.stderr).toContain('sweep: 4 runs: 3 complete, 1 failed');
      expect(result.status).toBe(1);
      expect(squeue()).toBe('');
      const [record] = jobRecords(sweepDir());
      expect(record!.runs).toHaveLength(4);
      const script = readdirSync(join(sweepDir(), 'slurm')).find((name) => name.endsWith('.sh'))!;
      const text = readFileSync(join(sweepDir(), 'slurm', script), 'utf8');
      expect(text).toContain('#SBATCH --array=0-3%2');
      expect(text).toContain('#SBATCH --cpus-per-task=1');
      expect(text).toContain('#SBATCH --mem=2048M');

      const runs = summaryOf(sweepDir());
      expect(runs.map((r) => r.state).sort()).toEqual(['complete', 'complete', 'complete', 'failed']);
      const failed = runs.find((r) => r.id.startsWith(failing))!;
      expect(failed.state).toBe('failed');
      const status = readJson<RunStatus>(join(sweepDir(), failed.id, 'status.json'));
      expect(status.slurm).toMatchObject({ jobId: record!.jobId, node: cluster.node, state: 'FAILED' });
      expect(record!.runs[status.slurm!.taskId]!.id).toBe(failed.id);
      for (const run of runs.filter((r) => r !== failed)) {
        const complete = readJson<RunStatus>(join(sweepDir(), run.id, 'status.json'));
        expect(complete.slurm?.jobId).toBe(record!.jobId);
        expect(existsSync(join(sweepDir(), run.id, 'masim.data'))).toBe(true);
        expect(existsSync(join(sweepDir(), run.id, 'report.html'))).toBe(true);
      }
      expect(readFileSync(join(sweepDir(), 'index.html'), 'utf8')).toContain(failed.id);

      // The same sweep with the local executor (here on the sysfs emulator, in-process: the
      // same runs, the same parameters, the same made-to-fail run failing).
      const host = fakeHost();
      const local = await runCli(host, [manifest, '--backend', 'local', '--jobs', '2']);
      expect(local.status).toBe(1);
      const localRuns = summaryOf(join(host.options.resultsRoot, 'slurm_sweep'));
      const set = (rs: typeof runs) => rs.map((r) => JSON.stringify([r.id, r.params, r.state])).sort();
      expect(set(runs)).toEqual(set(localRuns));
    },
    TIMEOUT,
  );

  it(
    '--resume --detach submits only the run not complete and returns its job id; status follows it; index records its end',
    async () => {
      const before = summaryOf(sweepDir()).filter((r) => !r.id.startsWith(failing));
      const startedBefore = before.map((r) => readJson<RunStatus>(join(sweepDir(), r.id, 'status.json')).startedAt);
      writeFileSync(flag, '');
      const submitted = damonExp([
        'run',
        manifest,
        '--executor',
        'slurm',
        '--resume',
        '--detach',
        '--accel',
        'tcg',
        '--out',
        out(),
      ]);
      expect(submitted.stderr).toContain('3 of 4 runs are complete already: skipped');
      expect(submitted.status).toBe(0);
      const jobId = submitted.stdout.trim();
      expect(jobId).toMatch(/^\d+$/);
      const record = jobRecords(sweepDir()).find((r) => r.jobId === jobId)!;
      expect(record.runs.map((r) => r.id)).toEqual([expect.stringMatching(new RegExp(`^${failing}`))]);

      const seen = await until(
        'the task to run and end',
        () => {
          const status = damonExp(['status', sweepDir()]);
          expect(status.status).toBe(0);
          const line = status.stdout.split('\n').find((l) => l.startsWith(`job ${jobId} `))!;
          expect(line).toMatch(/1 task\b/);
          return /\b1 (complete|failed|interrupted)\b/.test(line) ? status.stdout : null;
        },
        180_000,
      );
      expect(seen).toMatch(/1 complete/);
      const json = JSON.parse(damonExp(['status', sweepDir(), '--json']).stdout) as {
        jobId: string;
        tasks: { phase: string; node: string }[];
      }[];
      expect(json.find((j) => j.jobId === jobId)!.tasks).toEqual([
        expect.objectContaining({ phase: 'complete', node: cluster.node }),
      ]);

      const index = damonExp(['index', sweepDir()]);
      expect(index.status).toBe(0);
      expect(index.stderr).toContain(`Slurm job ${jobId}: ended; recorded in its run directories`);
      expect(summaryOf(sweepDir()).map((r) => r.state)).toEqual(['complete', 'complete', 'complete', 'complete']);
      expect(before.map((r) => readJson<RunStatus>(join(sweepDir(), r.id, 'status.json')).startedAt)).toEqual(
        startedBefore,
      );
      // The failed attempt is kept beside the new result.
      expect(
        readdirSync(sweepDir()).filter((name) => name.startsWith(failing) && name.includes('.before-')),
      ).not.toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'Ctrl-C on a waiting submitter cancels its job (scancel JOBID): nothing left running, the runs marked interrupted',
    async () => {
      const child = spawn(
        process.execPath,
        [
          CLI,
          'run',
          manifest,
          '--executor',
          'slurm',
          '--force',
          '--only',
          'sample-5ms',
          '--only',
          'sample-10ms',
          '--jobs',
          '1',
          '--accel',
          'tcg',
          '--out',
          out(),
        ],
        { env: { ...cluster.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const jobId = await until('the job to be submitted', () => /submitted Slurm job (\d+)/.exec(stderr)?.[1] ?? null);
      await until('the first task to run', () => (squeue().includes(`${jobId}_0 RUNNING`) ? true : null));
      // Into the VM's boot: the task must tear it down.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      child.kill('SIGINT');
      const code = await exited;
      expect(stderr).toContain(`cancelling Slurm job ${jobId} (scancel ${jobId})`);
      expect(code).toBe(1);
      expect(stderr).toContain('sweep: 2 runs: 2 interrupted');
      expect(squeue()).toBe('');
      // No task, VM or workload of this sweep (all name its results directory) still runs.
      expect(spawnSync('pgrep', ['-f', out()], { encoding: 'utf8' }).stdout).toBe('');
      // The running task's attempt says how it ended, kept beside the complete result it did not replace.
      const attempt = readdirSync(sweepDir()).find((n) => n.startsWith('sample-5ms.attempt-'))!;
      const status = readJson<RunStatus>(join(sweepDir(), attempt, 'status.json'));
      expect(status.state).toBe('interrupted');
      expect(status.slurm).toMatchObject({ jobId, taskId: 0, state: 'CANCELLED' });
      expect(readJson<RunStatus>(join(sweepDir(), 'sample-5ms', 'status.json')).state).toBe('complete');
      expect(stderr).toMatch(
        /sample-10ms +interrupted +Slurm task \d+_1 was cancelled \(a stop of the submitter\) before it wrote a result/,
      );
    },
    TIMEOUT,
  );

  it('refuses, before submitting, what a node would miss: a results directory it cannot write, masim, a path it may not share', () => {
    const jobsBefore = jobRecords(sweepDir()).length;
    writeFileSync(join(dir, 'a-file'), '');
    const notADirectory = damonExp(['run', manifest, '--executor', 'slurm', '--out', join(dir, 'a-file', 'results')]);
    expect(notADirectory.status).toBe(1);
    expect(notADirectory.stderr).toContain(join(dir, 'a-file', 'results'));

    const noMasim = damonExp(['run', manifest, '--executor', 'slurm', '--out', join(dir, 'elsewhere')], {
      MASIM: '/nonexistent/masim',
    });
    expect(noMasim.status).toBe(1);
    expect(noMasim.stderr).toContain('/nonexistent/masim is not an executable file');

    // A partition whose node is another machine: paths on this one's ext4 may not be there.
    const unshared = damonExp([
      'run',
      manifest,
      '--executor',
      'slurm',
      '--slurm-opt=--partition=elsewhere',
      '--out',
      join(dir, 'elsewhere'),
    ]);
    expect(unshared.status).toBe(1);
    expect(unshared.stderr).toMatch(new RegExp(`may not share with this machine|nodes \\(${ELSEWHERE}\\)`));
    expect(unshared.stderr).toContain('--assume-shared');

    expect(squeue()).toBe('');
    expect(jobRecords(sweepDir())).toHaveLength(jobsBefore);
    expect(existsSync(join(dir, 'elsewhere', 'slurm_sweep', 'slurm'))).toBe(false);
  });

  it("gives sbatch each option as it was written: quotes, backslashes, '#', $(…) and backquotes", () => {
    // sbatch reads #SBATCH lines by rules of its own (a backslash escapes even within single quotes).
    const comment = `it's "a" \\path\\ #1 $(touch ${join(dir, 'pwned')}) \`id\``;
    const dryRun = damonExp([
      'run',
      manifest,
      '--executor',
      'slurm',
      `--slurm-opt=--comment=${comment}`,
      '--out',
      join(dir, 'held'),
      '--dry-run',
    ]);
    expect(dryRun.status).toBe(0);
    const script = join(dir, 'held.sh');
    writeFileSync(script, dryRun.stdout);
    const job = cluster.client('sbatch', ['--parsable', '--hold', script]).trim();
    try {
      const shown = cluster.client('scontrol', ['show', 'job', job]);
      expect(/^ *Comment=(.*?) *$/m.exec(shown)?.[1]).toBe(comment);
    } finally {
      cluster.client('scancel', [job]);
    }
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });
});
