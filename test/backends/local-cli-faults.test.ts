// Faults around a run on the local backend (the sysfs emulator behind --sysfs-root): results that
// cannot be written, a disk that fills up during the run, two runners at once, a runner killed
// outright. Each asserts what survives, the exit status, and that nothing is left running.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { RunStatus } from '../../src/record/run-files.js';
import { captureOutput } from '../helpers/capture.js';
import { alive, EXPERIMENTS, fakeHost, runCli, type Host } from '../helpers/harness.js';
import { readOnly, tmpfs, unmountAll } from '../helpers/mounts.js';

afterEach(unmountAll);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/damon-exp.js');
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

/** A one-target manifest whose workload is `command` (a list: no shell). */
function commandManifest(host: Host, name: string, command: string[], duration = '2s'): string {
  const file = join(host.dir, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}\nworkloads:\n  w: {command: ${JSON.stringify(command)}}\nlayout: {kind: one-target, workloads: [w]}\nduration: ${duration}\n`,
  );
  return file;
}

function processesOf(dir: string): RunStatus['processes'] {
  return readJson<RunStatus>(join(dir, 'status.json')).processes;
}

describe('results that cannot be written', () => {
  it('a read-only results directory: one line naming it, exit 1, nothing changed', async () => {
    const host = fakeHost();
    mkdirSync(host.options.resultsRoot);
    readOnly(host.options.resultsRoot);
    const { status, stderr } = await runCli(host, [join(EXPERIMENTS, 'one_target.yaml'), '--set', 'duration=1s']);
    expect(status).toBe(1);
    expect(stderr).toBe(
      `damon-exp: cannot create the directory ${join(host.options.resultsRoot, 'one_target')}: the file system is read-only (EROFS)\n  hint: remount it read-write, or work elsewhere (run and record take --out DIR)\n`,
    );
    expect(host.emulator.log).toEqual([]);
  });

  it('a results path that is a file, or an immutable directory: one line naming it, exit 1', async () => {
    const host = fakeHost();
    writeFileSync(host.options.resultsRoot, 'not a directory\n');
    const file = await runCli(host, [join(EXPERIMENTS, 'one_target.yaml'), '--set', 'duration=1s']);
    expect(file.status).toBe(1);
    expect(file.stderr).toMatch(
      new RegExp(
        `^damon-exp: cannot create the directory ${host.options.resultsRoot}/one_target: a part of the path is not a directory \\(ENOTDIR\\)\\n`,
      ),
    );

    const immutable = fakeHost();
    mkdirSync(immutable.options.resultsRoot);
    execFileSync('chattr', ['+i', immutable.options.resultsRoot]);
    try {
      const refused = await runCli(immutable, [join(EXPERIMENTS, 'one_target.yaml'), '--set', 'duration=1s']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /^damon-exp: cannot create the directory .*\/one_target: operation not permitted .*\(EPERM\)\n  hint: /,
      );
      expect(immutable.emulator.log).toEqual([]);
    } finally {
      execFileSync('chattr', ['-i', immutable.options.resultsRoot]);
    }
  });
});

describe('a disk that fills up during the run', () => {
  it('keeps what was recorded, writes status.json all the same, tears down, and exits 1', async () => {
    const host = fakeHost();
    const disk = tmpfs(3 << 20);
    // The workload fills the disk the results are on, a second into the recording.
    const manifest = commandManifest(host, 'full', [
      'sh',
      '-c',
      `sleep 1; dd if=/dev/zero of=${disk.dir}/filler bs=4k 2> /dev/null; sleep 30`,
    ]);
    const initial = host.emulator.snapshot();
    const { status, stdout, stderr } = await runCli(host, [manifest, '--out', disk.dir, '--backend', 'local']);
    expect(status).toBe(1);
    const dir = stdout.trim();
    expect(dir).toBe(join(disk.dir, 'full', 'run'));
    const runStatus = readJson<RunStatus>(join(dir, 'status.json'));
    expect(runStatus.state).toBe('failed');
    expect(runStatus.errors.join('\n')).toMatch(/no space left on the device \(ENOSPC\)/);
    for (const file of ['run.json', 'plan.json', 'masim.data']) expect(existsSync(join(dir, file)), file).toBe(true);
    expect(stderr).toMatch(/run: failed: .*ENOSPC/);
    expect(host.emulator.snapshot()).toEqual(initial);
    const processes = processesOf(dir);
    expect(processes.length).toBeGreaterThan(0);
    expect(processes.filter((p) => p.pid !== null && alive(p.pid)).map((p) => `${p.ref} still runs`)).toEqual([]);
  });
});

describe('two runners on the same results', () => {
  it('refuses the second at once, naming the first, which completes', async () => {
    const host = fakeHost();
    const first = runCli(host, [join(EXPERIMENTS, 'one_target.yaml'), '--set', 'duration=3s']);
    const lock = join(host.options.resultsRoot, 'one_target', '.lock');
    for (let i = 0; i < 100 && !existsSync(lock); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    // Another process, which would boot a VM if it were let through.
    const second = spawnSync(
      process.execPath,
      [
        CLI,
        'run',
        join(EXPERIMENTS, 'one_target.yaml'),
        '--set',
        'duration=3s',
        '--backend',
        'qemu',
        '--out',
        host.options.resultsRoot,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 20_000,
      },
    );
    expect(second.status).toBe(1);
    expect(second.stderr).toBe(
      `damon-exp: another damon-exp (pid ${process.pid}) is using the results directory ${join(host.options.resultsRoot, 'one_target')} (lock ${lock})\n  hint: wait for it to finish, or write elsewhere with --out DIR\n`,
    );
    const done = await first;
    expect(done.status).toBe(0);
    expect(readdirSync(join(host.options.resultsRoot, 'one_target'))).toEqual(['duration-3s']);
  });
});

describe('a runner killed outright', () => {
  it('takes its processes with it (they get SIGTERM when it dies)', async () => {
    // A runner that starts a child through the same code as the workloads and perf, then is SIGKILLed.
    const script = `
      import { Child } from ${JSON.stringify(join(ROOT, 'dist/util/child.js'))};
      const child = await Child.start('w0', 'sleep', ['600'], { logFile: '/dev/null', env: process.env, onUnexpectedExit: () => {} });
      console.log(child.pid);
      setInterval(() => {}, 1000);
    `;
    const runner = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve) =>
      runner.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
    );
    expect(alive(pid)).toBe(true);
    runner.kill('SIGKILL');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(alive(pid)).toBe(false);
  });
});

describe('an attempt that does not complete', () => {
  it('never takes the place of a complete result, and --resume re-runs it when it was the only one', async () => {
    const host = fakeHost();
    const manifest = join(EXPERIMENTS, 'one_target.yaml');
    const sweep = join(host.options.resultsRoot, 'one_target');
    expect((await runCli(host, [manifest, '--set', 'duration=3s'])).status).toBe(0);
    const interrupt = (argv: string[]) => {
      const signals = new EventEmitter();
      setTimeout(() => signals.emit('SIGINT'), 1500);
      return runCli(host, argv, signals);
    };

    const forced = await interrupt([manifest, '--set', 'duration=3s', '--force']);
    expect(forced.status).toBe(1);
    const attempt = readdirSync(sweep).find((n) => /^duration-3s\.attempt-[0-9T]+-interrupted$/.test(n))!;
    expect(forced.stdout.trim()).toBe(join(sweep, attempt));
    expect(readJson<RunStatus>(join(sweep, 'duration-3s', 'status.json')).state).toBe('complete');
    expect(readJson<RunStatus>(join(sweep, attempt, 'status.json')).state).toBe('interrupted');
    const { output, result } = captureOutput();
    expect(await main(['index', sweep, '--json'], output)).toBe(0);
    expect(result().stdout).toContain('"state": "complete"');
    expect(result().stdout).not.toContain('interrupted');

    // An interrupted run alone in its place is the same run, re-run by --resume (not "changed").
    expect((await interrupt([manifest, '--set', 'duration=5s'])).status).toBe(1);
    const dry = captureOutput();
    await main(
      ['run', manifest, '--set', 'duration=5s', '--dry-run', '--resume', '--out', host.options.resultsRoot],
      dry.output,
    );
    expect(dry.result().stdout).toBe('duration-5s  re-run: interrupted before\n');
  });
});
