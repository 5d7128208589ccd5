// `damon-exp record`: ad hoc monitoring of a process that runs, or of a command, through the same
// path as run (the emulator behind --sysfs-root).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../src/record/run-files.js';
import { main } from '../../src/cli/main.js';
import { claimRecordingFolder } from '../../src/cli/recording-folder.js';
import { lockSysfs } from '../../src/damon-sysfs/lock.js';
import type { Output } from '../../src/cli/output.js';
import type { Plan } from '../../src/plan/plan.js';
import { emulatedSysfs } from '../helpers/async-sysfs.js';
import { alive, FAKE_PERF, fakeHost, type Host } from '../helpers/harness.js';

async function record(host: Host, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const output: Output = {
    out: (t) => (stdout += `${t.replace(/\n$/, '')}\n`),
    err: (t) => (stderr += `${t.replace(/\n$/, '')}\n`),
    color: false,
  };
  const status = await main(
    [
      'record',
      ...argv,
      '--sysfs-root',
      host.emulator.root,
      '--tracefs',
      host.options.tracefsRoot!,
      '--perf',
      FAKE_PERF,
      '--out',
      host.options.resultsRoot,
    ],
    output,
    {
      sysfsFor: () => emulatedSysfs(host.emulator),
      env: host.options.env,
      lockPath: host.options.lockPath,
    },
  );
  return { status, stdout, stderr };
}

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const others: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of others.splice(0)) child.kill('SIGKILL');
});

describe('damon-exp record', () => {
  it('attaches to a running process, monitors it, and leaves it running', async () => {
    const host = fakeHost();
    const victim = spawn('sleep', ['60']);
    others.push(victim);
    const { status, stdout } = await record(host, [String(victim.pid), '--duration', '0.5s', '--name', 'attached']);
    expect(status).toBe(0);
    const dir = stdout.trim();
    expect(dir).toBe(join(host.options.resultsRoot, 'attached', 'run'));
    const plan = readJson<Plan>(join(dir, 'plan.json'));
    expect(plan.steps).toContainEqual({ op: 'attach-workload', ref: 'w0', pid: victim.pid });
    expect(plan.teardown.filter((s) => s.op === 'stop-workload')).toEqual([]);
    expect(host.emulator.log).toContainEqual({
      path: 'kdamonds/0/contexts/0/targets/0/pid_target',
      value: String(victim.pid),
    });
    expect(readJson<RunStatus>(join(dir, 'status.json')).state).toBe('complete');
    expect(alive(victim.pid!)).toBe(true);
    expect(readFileSync(join(host.options.resultsRoot, 'attached', 'manifest.yaml'), 'utf8')).toContain(
      `pid: ${victim.pid}`,
    );
  });

  it('gives two unnamed recordings started in the same second folders of their own', async () => {
    const host = fakeHost();
    const other = fakeHost(); // a DAMON of its own: one DAMON serves one experiment at a time
    const sameOut = { ...other, options: { ...other.options, resultsRoot: host.options.resultsRoot } };
    const [first, second] = await Promise.all([
      record(host, ['--cmd', 'sleep 0.2', '--duration', '0.4s']),
      record(sameOut, ['--cmd', 'sleep 0.2', '--duration', '0.4s']),
    ]);
    const dirs = [first, second].map((result) => {
      expect(result.status, result.stderr).toBe(0);
      return result.stdout.trim();
    });
    expect(new Set(dirs).size).toBe(2);
    for (const dir of dirs) {
      expect(dir).toMatch(/\/record-\d{8}-\d{6}(-\d+)?\/run$/);
      expect(readJson<RunStatus>(join(dir, 'status.json')).state).toBe('complete');
    }
  });

  it('leaves no folder behind for an unnamed recording refused because DAMON is busy', async () => {
    const host = fakeHost();
    const release = lockSysfs(host.emulator.root, host.options.lockPath!);
    try {
      const refused = await record(host, ['--cmd', 'sleep 0.2', '--duration', '0.4s']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`another damon-exp (pid ${process.pid}) is using the DAMON sysfs tree`);
    } finally {
      release();
    }
    expect(readdirSync(host.options.resultsRoot).filter((name) => name.startsWith('record-'))).toEqual([]);
  });

  it('names a recording after the next free number when its second is taken', () => {
    const out = mkdtempSync(join(tmpdir(), 'damon-exp-claim-'));
    const now = new Date('2026-12-07T16:10:51.400Z');
    expect([1, 2, 3].map(() => claimRecordingFolder(out, now))).toEqual([
      'record-20261207-161051',
      'record-20261207-161051-2',
      'record-20261207-161051-3',
    ]);
    expect(readdirSync(out).sort()).toHaveLength(3);
  });

  it('ends the recording when the command ends by itself', async () => {
    const host = fakeHost();
    const started = Date.now();
    const { status, stdout, stderr } = await record(host, [
      '--cmd',
      'sleep 0.5; echo done',
      '--duration',
      '20s',
      '--name',
      'cmd',
    ]);
    expect(status).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    const dir = stdout.trim();
    const runStatus = readJson<RunStatus>(join(dir, 'status.json'));
    expect(runStatus.state).toBe('complete');
    expect(runStatus.warnings).toContain('the recording ended early: workload w0 (target) finished');
    expect(stderr).toContain('run: warning: the recording ended early');
    expect(readFileSync(join(dir, 'logs/w0.log'), 'utf8')).toBe('done\n');
    expect(existsSync(join(dir, 'masim.script'))).toBe(true);
  });

  it('writes a long command into manifest.yaml as one line, as the user typed it', async () => {
    const host = fakeHost();
    const long = `true ${'/a/deeply/nested/path/to/some/config-file.cfg '.repeat(4)}`.trim();
    const { status } = await record(host, ['--cmd', long, '--duration', '0.3s', '--name', 'long']);
    expect(status).toBe(0);
    const manifest = readFileSync(join(host.options.resultsRoot, 'long', 'manifest.yaml'), 'utf8');
    expect(manifest.split('\n')).toContain(`    command: ${long}`);
  });

  it('fails when the command fails', async () => {
    const host = fakeHost();
    const { status, stdout } = await record(host, [
      '--cmd',
      'sleep 0.3; exit 3',
      '--duration',
      '20s',
      '--name',
      'failing',
    ]);
    expect(status).toBe(1);
    expect(readJson<RunStatus>(join(stdout.trim(), 'status.json')).errors).toEqual([
      'stopped early: workload w0 (target) exited with status 3 before the recording ended (see logs/w0.log)',
    ]);
  });

  it('fails clearly for a pid that is not there', async () => {
    const host = fakeHost();
    // The largest pid Linux can give (PID_MAX_LIMIT - 1): no process has it unless pid_max was raised that far.
    const { status, stdout } = await record(host, ['4194303', '--duration', '1s', '--name', 'ghost']);
    expect(status).toBe(1);
    expect(readJson<RunStatus>(join(stdout.trim(), 'status.json')).errors).toEqual([
      'there is no process 4194303 to monitor (w0)',
    ]);
  });

  it('wants a pid or a command, not both', async () => {
    const host = fakeHost();
    expect((await record(host, [])).status).toBe(2);
    expect((await record(host, ['12', '--cmd', 'x'])).status).toBe(2);
    expect((await record(host, ['0'])).stderr).toContain("'0' is not a pid");
    expect((await record(host, ['sleep', '1'])).stderr).toContain('quote the command ("sleep 1")');
    expect((await record(host, ['sleep 1', '--cmd', 'x'])).status).toBe(2);
    const inVm = await record(host, ['12', '--backend', 'qemu']);
    expect(inVm.status).toBe(2);
    expect(inVm.stderr).toContain("--backend qemu: pid 12 is this host's and means nothing inside a VM");
    expect((await record(host, ['--cmd', 'x', '--backend', 'kvm'])).stderr).toContain(
      '--backend must be one of local, qemu, auto',
    );
  });
});

describe("damon-exp record in damo's spellings", () => {
  it('takes the command as its word, -s -a -u in µs, -n -m, --timeout in seconds, and writes -o FILE', async () => {
    const host = fakeHost();
    const here = mkdtempSync(join(tmpdir(), 'damon-exp-record-o-'));
    const file = join(here, 'damon.data');
    const argv = ['sleep 30', '-s', '1000', '-a', '20000', '-u', '500000', '-n', '5', '-m', '50', '--timeout', '0.5'];
    const { status, stdout, stderr } = await record(host, [...argv, '-o', file, '--name', 'damo']);
    expect(stderr).toContain('run: complete');
    expect(status).toBe(0);
    const manifest = readFileSync(join(host.options.resultsRoot, 'damo', 'manifest.yaml'), 'utf8');
    expect(manifest).toContain('command: sleep 30');
    expect(manifest).toContain('duration: 0.5s');
    const attrs = 'kdamonds/0/contexts/0/monitoring_attrs';
    for (const [path, value] of [
      ['intervals/sample_us', '1000'],
      ['intervals/aggr_us', '20000'],
      ['intervals/update_us', '500000'],
      ['nr_regions/min', '5'],
      ['nr_regions/max', '50'],
    ])
      expect(host.emulator.log, path).toContainEqual({ path: `${attrs}/${path}`, value });
    // The trace, as damo's record file: the run's perf script text, byte for byte.
    const trace = readFileSync(join(stdout.trim(), 'masim.script'), 'utf8');
    expect(trace).toContain('damon:damon_aggregated');
    expect(readFileSync(file, 'utf8')).toBe(trace);
    expect(stderr).toContain(`wrote the trace to ${file}`);
    // Again: the earlier file is kept beside the new one.
    const again = await record(host, [...argv, '-o', file, '--name', 'damo2']);
    expect(again.status).toBe(0);
    const kept = readdirSync(here).filter((f) => f.startsWith('damon.data.before-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(here, kept[0]!), 'utf8')).toBe(trace);
    expect(again.stderr).toContain(`kept the earlier ${file} as`);
  });

  it('refuses what damo would not take, before recording', async () => {
    const host = fakeHost();
    const here = mkdtempSync(join(tmpdir(), 'damon-exp-record-o-'));
    for (const [argv, message] of [
      [['sleep 1', '-n', 'ten'], "-n needs a whole number, not 'ten'"],
      [['sleep 1', '--maxr', '1e3'], "--maxr needs a whole number, not '1e3'"],
      [['sleep 1', '--timeout', '5', '--duration', '3s'], '--duration and --timeout say the same thing'],
      [['sleep 1', '-s', '1.5x'], '-s needs a duration above 0'],
      [
        ['sleep 1', '--timeout=-1'],
        "--timeout needs a duration above 0 (5000us, 100ms, 2.5s; plain µs for -s, -a, -u, seconds for --timeout), not '-1'",
      ],
      [['sleep 1', '--duration', '0s'], '--duration needs a duration above 0'],
      [['sleep 1', '-o', here], 'is not a regular file: name a file to write the trace to'],
      [['sleep 1', '-o', '/nonexistent/damon.data'], 'no directory /nonexistent'],
    ] as const) {
      const { status, stderr } = await record(host, [...argv]);
      expect(status, argv.join(' ')).not.toBe(0);
      expect(stderr, argv.join(' ')).toContain(message);
    }
    expect(readdirSync(here)).toEqual([]);
    expect(existsSync(host.options.resultsRoot) ? readdirSync(host.options.resultsRoot) : []).toEqual([]);
  });
});

describe('damon-exp record --cmd with processes of its own', () => {
  it('ends the whole process group of the command at teardown, quickly', async () => {
    const host = fakeHost();
    const started = Date.now();
    const { status, stdout } = await record(host, [
      '--cmd',
      'sleep 30 & sleep 30; true',
      '--duration',
      '0.5s',
      '--name',
      'group',
    ]);
    expect(status).toBe(0);
    expect(Date.now() - started).toBeLessThan(8000);
    const runStatus = readJson<RunStatus>(join(stdout.trim(), 'status.json'));
    const leader = runStatus.processes.find((p) => p.ref === 'w0')!.pid!;
    // No process of the group is left (allowing the dead a moment to be reaped).
    const groupAlive = () => {
      try {
        process.kill(-leader, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 40 && groupAlive(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(groupAlive()).toBe(false);
  });

  it('keeps with the result what the command writes into $DAMON_EXP_OUTPUT_DIR (output/<ref>/)', async () => {
    const host = fakeHost();
    const { status, stdout, stderr } = await record(host, [
      '--cmd',
      'echo mine > "$DAMON_EXP_OUTPUT_DIR/status.json"; sleep 5',
      '--duration',
      '0.4s',
      '--name',
      'writes',
    ]);
    expect(status, stderr).toBe(0);
    expect(readFileSync(join(stdout.trim(), 'output', 'w0', 'status.json'), 'utf8')).toBe('mine\n');
    expect(readJson<RunStatus>(join(stdout.trim(), 'status.json')).state).toBe('complete'); // damon-exp's own
  });

  it("says what to do when the command failed on a read-only file system (the host's files in a VM)", async () => {
    const host = fakeHost();
    const { stdout } = await record(host, [
      '--cmd',
      'echo "bash: line 1: out.txt: Read-only file system" >&2; exit 1',
      '--duration',
      '2s',
      '--name',
      'read-only',
    ]);
    const runStatus = readJson<RunStatus>(join(stdout.trim(), 'status.json'));
    expect(runStatus.errors.join('\n')).toContain(
      "exited with status 1 before the recording ended (see logs/w0.log): its log says 'Read-only file system'. In a VM (--backend qemu) the host's files are read-only: write under /tmp (the guest's own) or into $DAMON_EXP_OUTPUT_DIR (kept with the result)",
    );
  });

  it('--force over a complete recording whose new one fails keeps the earlier one whole: run/, its manifest and -o FILE', async () => {
    const host = fakeHost();
    const here = mkdtempSync(join(tmpdir(), 'damon-exp-record-force-'));
    const file = join(here, 'damon.data');
    const first = await record(host, ['--cmd', 'sleep 5', '--duration', '0.4s', '--name', 'kept', '-o', file]);
    expect(first.status, first.stderr).toBe(0);
    const dir = join(host.options.resultsRoot, 'kept');
    const manifest = readFileSync(join(dir, 'manifest.yaml'), 'utf8');
    const trace = readFileSync(file, 'utf8');
    const started = readJson<RunStatus>(join(dir, 'run', 'status.json')).startedAt;

    const failing = ['--cmd', 'exit 3', '--duration', '2s', '--name', 'kept', '--force', '-o', file];
    const again = await record(host, failing);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`the new recording did not complete: the earlier one stays in ${join(dir, 'run')}`);
    expect(again.stderr).toContain(`${file} was not written: the new recording did not complete`);
    expect(readJson<RunStatus>(join(dir, 'run', 'status.json'))).toMatchObject({
      state: 'complete',
      startedAt: started,
    });
    expect(readFileSync(join(dir, 'manifest.yaml'), 'utf8')).toBe(manifest);
    const attempts = readdirSync(dir).filter((name) => name.startsWith('manifest.yaml.attempt-'));
    expect(attempts).toHaveLength(1);
    expect(readFileSync(join(dir, attempts[0]!), 'utf8')).toContain('exit 3');
    expect(readdirSync(dir).filter((name) => name.startsWith('run.attempt-'))).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(trace);
  });

  it('never overwrites an earlier recording of the same name', async () => {
    const host = fakeHost();
    const victim = spawn('sleep', ['60']);
    others.push(victim);
    expect((await record(host, [String(victim.pid), '--duration', '0.2s', '--name', 'same'])).status).toBe(0);
    const manifest = readFileSync(join(host.options.resultsRoot, 'same', 'manifest.yaml'), 'utf8');
    const again = await record(host, ['--cmd', 'sleep 1', '--duration', '0.2s', '--name', 'same']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('holds an earlier recording');
    expect(readFileSync(join(host.options.resultsRoot, 'same', 'manifest.yaml'), 'utf8')).toBe(manifest);
  });

  it('leaves nothing behind when it is refused before recording, and restores a manifest it set aside', async () => {
    const host = fakeHost();
    const pid = host.emulator.startForeignKdamond();
    const refused = await record(host, [
      '--cmd',
      'sleep 1',
      '--duration',
      '0.2s',
      '--name',
      'refused',
      '--backend',
      'local',
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`DAMON is in use by someone else: kdamond 0 (thread ${pid}) is running`);
    expect(existsSync(join(host.options.resultsRoot, 'refused'))).toBe(false);

    const free = fakeHost();
    const victim = spawn('sleep', ['60']);
    others.push(victim);
    expect((await record(free, [String(victim.pid), '--duration', '0.2s', '--name', 'kept'])).status).toBe(0);
    const manifest = readFileSync(join(free.options.resultsRoot, 'kept', 'manifest.yaml'), 'utf8');
    free.emulator.startForeignKdamond();
    const again = ['--cmd', 'sleep 1', '--duration', '0.2s', '--name', 'kept', '--force', '--backend', 'local'];
    expect((await record(free, again)).status).toBe(1);
    expect(readdirSync(join(free.options.resultsRoot, 'kept')).sort()).toEqual(['manifest.yaml', 'run']);
    expect(readFileSync(join(free.options.resultsRoot, 'kept', 'manifest.yaml'), 'utf8')).toBe(manifest);
  });
});
