// The Slurm executor's command line without a cluster: what a task runs on its node (in-process,
// the emulator behind --sysfs-root), the job script --dry-run shows, the manifest's executor, and
// what is refused before anything is submitted. A real cluster: test/e2e/slurm.test.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadExperiment } from '../../src/manifest/load.js';
import { lockResults } from '../../src/record/run-directory.js';
import type { RunStatus } from '../../src/record/run-files.js';
import type { QueuedTask, SlurmClient } from '../../src/sweep/slurm/client.js';
import { captureOutput } from '../helpers/capture.js';
import { EXPERIMENTS, fakeHost, runCli } from '../helpers/harness.js';

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

async function damonExp(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  const { output, result } = captureOutput();
  const status = await main(argv, output, { env });
  return { status, ...result() };
}

function manifestFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-slurm-cli-'));
  const file = join(dir, 'sweep.yaml');
  writeFileSync(file, text);
  return file;
}

const SWEEP = [
  'name: slurm_cli',
  'workloads: {w: {command: "sleep 60"}}',
  'layout: {kind: one-target, workloads: [w]}',
  'duration: 1m',
  'backend: {cpus: 2, memory: 2GiB}',
  'matrix:',
  '  monitoring.sample: [5ms, 10ms, 20ms]',
  '',
].join('\n');

describe('a Slurm task (run --slurm-task, what the job script runs on a node)', () => {
  const taskEnv = (sha256?: string) => ({
    SLURM_ARRAY_JOB_ID: '77',
    SLURM_ARRAY_TASK_ID: '3',
    SLURMD_NODENAME: 'node7',
    ...(sha256 ? { DAMON_EXP_MANIFEST_SHA256: sha256 } : {}),
  });
  const manifest = join(EXPERIMENTS, 'one_target.yaml');
  const sha256 = () => loadExperiment(manifest, { sets: ['duration=1s'] }).sha256;

  it('runs its run while the submitter holds the results directory, and stamps status.json with its job, task and node', async () => {
    const host = fakeHost({}, taskEnv(sha256()));
    // The submitter waiting for the job holds the results directory.
    const release = await lockResults(host.options.resultsRoot, 'one_target');
    try {
      const { status, stdout, stderr } = await runCli(host, [
        manifest,
        '--set',
        'duration=1s',
        '--only',
        'duration-1s',
        '--resume',
        '--slurm-task',
      ]);
      expect(stderr).toContain('duration-1s: complete');
      expect(status).toBe(0);
      const dir = stdout.trim();
      const runStatus = readJson<RunStatus>(join(dir, 'status.json'));
      expect(runStatus.state).toBe('complete');
      expect(runStatus.slurm).toEqual({ jobId: '77', taskId: 3, node: 'node7' });
      expect(existsSync(join(dir, 'report.html'))).toBe(true);
    } finally {
      release();
    }
  });

  it('refuses a manifest changed since the job was submitted', async () => {
    const host = fakeHost({}, taskEnv('0'.repeat(64)));
    const { status, stderr } = await runCli(host, [
      manifest,
      '--set',
      'duration=1s',
      '--only',
      'duration-1s',
      '--slurm-task',
    ]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${manifest} changed since Slurm job 77 was submitted`);
    expect(existsSync(join(host.options.resultsRoot, 'one_target'))).toBe(false);
  });

  it('is refused outside a Slurm job, and without its one run', async () => {
    const outside = await runCli(fakeHost(), [
      manifest,
      '--only',
      'duration-1s',
      '--set',
      'duration=1s',
      '--slurm-task',
    ]);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('SLURM_ARRAY_JOB_ID and SLURM_ARRAY_TASK_ID are not set here');
    const noRun = await runCli(fakeHost({}, taskEnv()), [manifest, '--set', 'duration=1s', '--slurm-task']);
    expect(noRun.status).toBe(2);
    expect(noRun.stderr).toContain('--slurm-task runs one run: name it with --only ID');
  });
});

describe('run --executor slurm --dry-run', () => {
  it('prints the job script and the sbatch command, and writes nothing', async () => {
    const file = manifestFile(SWEEP);
    const out = join(mkdtempSync(join(tmpdir(), 'damon-exp-slurm-out-')), 'results');
    const { status, stdout, stderr } = await damonExp([
      'run',
      file,
      '--executor',
      'slurm',
      '--jobs',
      '2',
      '--slurm-opt=--constraint=avx2',
      '--out',
      out,
      '--dry-run',
    ]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^#!\/bin\/bash\n/);
    expect(stdout).toContain('#SBATCH --array=0-2%2\n');
    // KVM may serve the VM: its 2 vCPUs; 2 GiB and the margin; 1 min + 5 min + 2 min.
    expect(stdout).toContain('#SBATCH --cpus-per-task=2\n');
    expect(stdout).toContain('#SBATCH --mem=3072M\n');
    expect(stdout).toContain('#SBATCH --time=00:08:00\n');
    expect(stdout).toContain('#SBATCH --constraint=avx2\n');
    expect(stdout).toContain(`#SBATCH --output=${join(out, 'slurm_cli', 'slurm')}/%A_%a.out\n`);
    expect(stdout).toContain('ids=(sample-5ms sample-10ms sample-20ms)\n');
    expect(stdout).toMatch(
      /exec \S+ \S+\/bin\/damon-exp\.js run \S+\/sweep\.yaml .*--backend qemu --out \S+ --resume --slurm-task --only "\$id"\n/,
    );
    expect(stdout).toMatch(
      new RegExp(`# submitted as: sbatch --parsable ${join(out, 'slurm_cli', 'slurm')}/job-\\d{8}T\\d{6}\\.sh`),
    );
    expect(stderr).toContain('3 of 3 runs would be submitted');
    expect(stderr).toContain('the runs go to the qemu backend');
    expect(existsSync(out)).toBe(false);
  });

  it("takes the manifest's executor: kind, partition, account, qos, time, options", async () => {
    const file = manifestFile(
      `${SWEEP}executor: {kind: slurm, partition: short, account: lab, qos: low, time: 90m, options: ["--nice=10"]}\n`,
    );
    const { status, stdout } = await damonExp(['run', file, '--dry-run', '--out', join(tmpdir(), 'never-written')]);
    expect(status).toBe(0);
    for (const line of ['--partition=short', '--account=lab', '--qos=low', '--time=01:30:00', '--nice=10'])
      expect(stdout).toContain(`#SBATCH ${line}\n`);
    // --executor local on the command line runs it here instead.
    const local = await damonExp([
      'run',
      file,
      '--executor',
      'local',
      '--dry-run',
      '--out',
      join(tmpdir(), 'never-written'),
    ]);
    expect(local.stdout).not.toContain('#SBATCH');
  });

  it('says where a wrong executor is in the manifest', async () => {
    const file = manifestFile(`${SWEEP}executor: {kind: pbs}\n`);
    const { status, stderr } = await damonExp(['validate', file]);
    expect(status).toBe(1);
    expect(stderr).toMatch(new RegExp(`${file}:8:\\d+: executor.kind`));
    const badOption = manifestFile(`${SWEEP}executor: {kind: slurm, options: ["partition=x"]}\n`);
    const bad = await damonExp(['validate', badOption]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${badOption}:8:`);
  });
});

describe('run --executor slurm refuses before submitting', () => {
  it('the Slurm options without --executor slurm, --fail-fast, and runs that ask for different backends', async () => {
    const file = manifestFile(SWEEP);
    const detach = await damonExp(['run', file, '--detach', '--dry-run']);
    expect(detach.status).toBe(2);
    expect(detach.stderr).toContain('--detach is for the Slurm executor: add --executor slurm');
    const failFast = await damonExp(['run', file, '--executor', 'slurm', '--fail-fast']);
    expect(failFast.status).toBe(2);
    const mixed = manifestFile(
      SWEEP.replace('  monitoring.sample: [5ms, 10ms, 20ms]', '  backend.kind: [local, qemu]'),
    );
    const both = await damonExp(['run', mixed, '--executor', 'slurm', '--dry-run']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('these runs ask for different backends (local and qemu)');
  });

  it('a cluster it cannot reach, naming the command and what to check', async () => {
    const file = manifestFile(SWEEP);
    const out = join(mkdtempSync(join(tmpdir(), 'damon-exp-slurm-out-')), 'results');
    // No Slurm commands on the PATH.
    const { status, stderr } = await damonExp(['run', file, '--executor', 'slurm', '--out', out, '--accel', 'tcg'], {
      ...process.env,
      PATH: '/nonexistent',
    });
    expect(status).toBe(1);
    expect(stderr).toMatch(/not installed here|sinfo/);
    expect(existsSync(join(out, 'slurm_cli', 'slurm'))).toBe(false);
  });
});

describe('a sweep whose Slurm job still runs (submitted with --detach)', () => {
  const record = (sweepDir: string, jobId: string) => {
    mkdirSync(join(sweepDir, 'slurm'), { recursive: true });
    writeFileSync(
      join(sweepDir, 'slurm', `job-${jobId}.json`),
      JSON.stringify({
        format: 'damon-exp.slurm-job/1',
        jobId,
        name: 'one_target',
        script: join(sweepDir, 'slurm', 'job-x.sh'),
        submittedAt: new Date().toISOString(),
        backend: 'qemu',
        runs: loadExperiment(join(EXPERIMENTS, 'one_target.yaml'), { sets: ['duration=1s'] }).runs,
      }),
    );
  };
  const slurm = (queued: QueuedTask[]): SlurmClient => ({
    submit: () => Promise.reject(new Error('not here')),
    queue: () => Promise.resolve(queued),
    ended: () => Promise.resolve([]),
    cancel: () => Promise.resolve(),
    nodes: () => Promise.resolve(['n1']),
    maxArraySize: () => Promise.resolve(1001),
  });

  it('refuses to run its runs here meanwhile, naming the job; runs them once it ended', async () => {
    const host = fakeHost();
    const sweepDir = join(host.options.resultsRoot, 'one_target');
    record(sweepDir, '31');
    const args = [join(EXPERIMENTS, 'one_target.yaml'), '--set', 'duration=1s'];
    const running = await runCli(host, args, undefined, {
      slurm: slurm([{ taskId: 0, state: 'RUNNING', node: 'n1' }]),
    });
    expect(running.status).toBe(1);
    expect(running.stderr).toContain(`Slurm job 31 of ${sweepDir} is still pending or running`);
    expect(running.stderr).toContain('scancel 31');
    expect(existsSync(join(sweepDir, 'duration-1s'))).toBe(false);
    const ended = await runCli(host, args, undefined, { slurm: slurm([]) });
    expect(ended.status).toBe(0);
  });

  it('status refuses a job record that is a FIFO instead of waiting on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-slurm-fifo-'));
    mkdirSync(join(dir, 'slurm'));
    execFileSync('mkfifo', [join(dir, 'slurm', 'job-5.json')]);
    const { status, stderr } = await damonExp(['status', dir]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/job-5\.json.*(FIFO|not a regular file).*left out/);
    expect(stderr).toContain('holds no Slurm jobs');
  });
});
