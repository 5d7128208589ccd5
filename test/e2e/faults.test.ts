// Faults of a run in QEMU, on Debian's DAMON kernel: Ctrl-C while the VM boots and while it
// records, the runner killed outright, a guest that outlives its timeout, a disk that fills up.
// Each asserts what survives, the exit status, and that no VM is left running.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/plan.js';
import type { RunStatus } from '../../src/record/run-files.js';
import { fill, tmpfs, unmountAll } from '../helpers/mounts.js';
import { aggregatedLines } from './trace.js';
import { KERNEL_CACHE } from '../../src/kernel-images/cache.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/damon-exp.js');
const VM_TEST_TIMEOUT = 300_000;
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

beforeAll(() => {
  if (!existsSync(join(KERNEL_CACHE, 'default')))
    throw new Error('no Debian DAMON kernel in the cache: run make kernel (part of make test)');
});
afterEach(unmountAll);

interface Runner {
  child: ChildProcess;
  /** Where it writes the run while it runs. */
  partial: string;
  exit: Promise<{ status: number | null; stdout: string; stderr: string; at: number }>;
}

function startRun(out: string, args: string[]): Runner {
  const child = spawn(
    process.execPath,
    [CLI, 'run', join(ROOT, 'experiments/one_target.yaml'), '--backend', 'qemu', '--out', out, ...args],
    {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A process group of its own, like a command started from a shell: a terminal's Ctrl-C
      // reaches that whole group (see ctrlC).
      detached: true,
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ status: number | null; stdout: string; stderr: string; at: number }>((resolve) =>
    child.once('close', (status) => resolve({ status, stdout, stderr, at: Date.now() })),
  );
  return { child, partial: '', exit };
}

/** What a terminal does on Ctrl-C: SIGINT to every process of the foreground group. */
function ctrlC(runner: Runner): void {
  process.kill(-runner.child.pid!, 'SIGINT');
}

async function until(what: string, condition: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function partialOf(out: string, runner: Runner): string {
  return join(out, 'one_target', `.duration-30s.partial-${runner.child.pid}`);
}

/** QEMU processes sharing `dir` with a guest. */
function vmsOn(dir: string): string[] {
  const found = spawnSync('pgrep', ['-af', `qemu-system-x86_64.*path=${dir}`], { encoding: 'utf8' }).stdout.trim();
  return found ? found.split('\n') : [];
}

/** The guest has switched DAMON on: its plan is the probed one and the workload runs. */
function recording(partial: string): boolean {
  try {
    const plan = readJson<Plan>(join(partial, 'plan.json'));
    // DAMON is on: the guest's progress line on the console (perf writes masim.data earlier, and
    // the workloads map their regions before DAMON is switched on).
    return (
      plan.caps.source.startsWith('probed') &&
      readFileSync(join(partial, 'logs/console.log'), 'utf8').includes(': recording for ') &&
      statSync(join(partial, 'masim.data')).size > 0
    );
  } catch {
    return false;
  }
}

describe('Ctrl-C', () => {
  it(
    'while the VM boots: the VM stops at once, and the run is kept, marked interrupted, with its plan and console log',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-int-'));
      const runner = startRun(out, ['--set', 'duration=30s']);
      const partial = partialOf(out, runner);
      await until('the VM to start', () => existsSync(join(partial, 'logs/console.log')));
      ctrlC(runner);
      const sent = Date.now();
      const { status, stdout, at } = await runner.exit;
      expect(status).toBe(1);
      expect(at - sent).toBeLessThan(15_000);
      const dir = stdout.trim();
      expect(dir).toBe(join(out, 'one_target', 'duration-30s'));
      const runStatus = readJson<RunStatus>(join(dir, 'status.json'));
      expect(runStatus).toMatchObject({ state: 'interrupted', backend: 'qemu' });
      expect(runStatus.errors.join('\n')).toContain('the VM: stopped: SIGINT');
      for (const file of ['run.json', 'plan.json', 'logs/console.log'])
        expect(existsSync(join(dir, file)), file).toBe(true);
      expect(existsSync(join(dir, 'vm'))).toBe(false);
      expect(vmsOn(partial)).toEqual([]);
    },
    VM_TEST_TIMEOUT,
  );

  it(
    'while it records: the guest tears down and writes what it recorded before the VM stops',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-int-'));
      const runner = startRun(out, ['--set', 'duration=30s']);
      const partial = partialOf(out, runner);
      await until('the recording', () => recording(partial));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      ctrlC(runner);
      const { status, stdout, stderr } = await runner.exit;
      expect(status).toBe(1);
      expect(stderr).toContain('duration-30s: interrupted: stopped early: SIGINT');
      const dir = stdout.trim();
      const runStatus = readJson<RunStatus>(join(dir, 'status.json'));
      expect(runStatus.state).toBe('interrupted');
      expect(runStatus.errors).toContain('stopped early: SIGINT');
      expect(runStatus.vm!.exitStatus).toBe(1); // the guest's own runner ended, not killed
      expect(readJson<Plan>(join(dir, 'plan.json')).caps.source).toMatch(/^probed /);
      expect(aggregatedLines(readFileSync(join(dir, 'masim.script'), 'utf8')).length).toBeGreaterThan(10);
      expect(existsSync(join(dir, 'report.html'))).toBe(true);
      expect(vmsOn(partial)).toEqual([]);
    },
    VM_TEST_TIMEOUT,
  );
});

describe('the runner killed outright', () => {
  it(
    'takes its VM with it and leaves what the guest had written readable',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-kill-'));
      const runner = startRun(out, ['--set', 'duration=30s']);
      const partial = partialOf(out, runner);
      await until('the recording', () => recording(partial));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      runner.child.kill('SIGKILL');
      await runner.exit;
      await until('the VM to end', () => vmsOn(partial).length === 0, 10_000);
      expect(readJson<RunStatus>(join(partial, 'status.json')).state).toBe('running');
      for (const file of ['run.json', 'plan.json', 'logs/console.log'])
        expect(existsSync(join(partial, file)), file).toBe(true);
      // perf streamed its recording into the run directory: what it wrote is readable.
      const wss = spawnSync(process.execPath, [CLI, 'wss', partial, '--json'], { encoding: 'utf8' });
      expect(wss.status).toBe(0);
      expect((JSON.parse(wss.stdout) as { snapshots: number }[])[0]!.snapshots).toBeGreaterThan(5);
    },
    VM_TEST_TIMEOUT,
  );
});

describe('a guest that outlives its timeout', () => {
  it(
    'is asked to stop, and its recording is kept',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'damon-exp-e2e-timeout-'));
      // The timeout counts from the guest command's start, before Node loads, the checks run and the
      // workload maps its regions (up to 20 s under TCG on a loaded host: a CI rehearsal beside
      // other test runs recorded nothing within 20 s); 35 s leaves seconds of recording and still
      // ends the run long before its 60 s.
      const runner = startRun(out, ['--set', 'duration=60s', '--guest-timeout', '35s']);
      const { status, stdout } = await runner.exit;
      expect(status).toBe(1);
      const dir = stdout.trim();
      const runStatus = readJson<RunStatus>(join(dir, 'status.json'));
      expect(runStatus.state).toBe('failed');
      expect(runStatus.errors.join('\n')).toContain('the VM: the guest command did not end within 35 s');
      expect(aggregatedLines(readFileSync(join(dir, 'masim.script'), 'utf8')).length).toBeGreaterThan(0);
    },
    VM_TEST_TIMEOUT,
  );
});

describe('a disk that fills up during the run', () => {
  it(
    'stops the run, keeps what was recorded and a status.json that says why, and leaves no VM',
    async () => {
      const disk = tmpfs(8 << 20);
      const runner = startRun(disk.dir, ['--set', 'duration=30s']);
      const partial = partialOf(disk.dir, runner);
      await until('the recording', () => recording(partial));
      fill(partial);
      const { status, stdout } = await runner.exit;
      expect(status).toBe(1);
      const dir = stdout.trim();
      expect(dir).toBe(join(disk.dir, 'one_target', 'duration-30s'));
      const runStatus = readJson<RunStatus>(join(dir, 'status.json'));
      expect(runStatus.state).toBe('failed');
      expect(runStatus.errors.length).toBeGreaterThan(0);
      for (const file of ['run.json', 'plan.json', 'masim.data', 'logs/console.log'])
        expect(existsSync(join(dir, file)), file).toBe(true);
      expect(readdirSync(join(disk.dir, 'one_target')).filter((n) => n.startsWith('.') && n !== '.lock')).toEqual([]);
      expect(vmsOn(partial)).toEqual([]);
    },
    VM_TEST_TIMEOUT,
  );
});
