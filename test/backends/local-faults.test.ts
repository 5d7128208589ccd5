// Every fault ends with the emulator back in its initial state, no stray process, and a
// status.json that tells what happened.
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLocal, type LocalOptions } from '../../src/backends/local.js';
import { RefusedError } from '../../src/backends/backend.js';
import type { RunStatus } from '../../src/record/run-files.js';
import { LockError } from '../../src/util/lock.js';
import { lockSysfs } from '../../src/damon-sysfs/lock.js';
import { alive, fakeHost, shortRun, type Host } from '../helpers/harness.js';

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

async function refusal(promise: Promise<unknown>): Promise<RefusedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RefusedError) return error;
    throw error;
  }
  throw new Error('the run was not refused');
}

/** Runs and checks what every ending must leave: DAMON as found, no process of ours alive. */
async function runAndCheck(host: Host, options: Partial<LocalOptions> = {}, run = shortRun('many_contexts')) {
  const initial = host.emulator.snapshot();
  const outcome = await runLocal(run, { ...host.options, ...options });
  expect(host.emulator.snapshot()).toEqual(initial);
  const status = readJson<RunStatus>(join(outcome.dir!, 'status.json'));
  expect(status).toEqual(outcome.status);
  expect(status.processes.filter((p) => p.pid !== null && alive(p.pid)).map((p) => `${p.ref} still runs`)).toEqual([]);
  return { dir: outcome.dir!, status };
}

describe('refusals before anything changes', () => {
  it('refuses a running kdamond it did not start, naming it and its thread', async () => {
    const host = fakeHost();
    const pid = host.emulator.startForeignKdamond();
    const before = host.emulator.snapshot();
    const writes = host.emulator.log.length;
    const error = await refusal(runLocal(shortRun('one_target'), host.options));
    expect(error.message).toBe(`DAMON is in use by someone else: kdamond 0 (thread ${pid}) is running`);
    expect(error.hint).toContain('never stops kdamonds it did not start');
    expect(host.emulator.snapshot()).toEqual(before);
    expect(host.emulator.log.length).toBe(writes);
    expect(existsSync(host.options.resultsRoot)).toBe(false);
  });

  it('refuses kdamonds someone set up and left stopped', async () => {
    const host = fakeHost();
    host.emulator.write('kdamonds/nr_kdamonds', '2');
    const error = await refusal(runLocal(shortRun('one_target'), host.options));
    expect(error.message).toBe('DAMON sysfs holds 2 kdamonds set up by someone else (stopped)');
    expect(host.emulator.read('kdamonds/nr_kdamonds')).toBe('2\n');
  });

  it('refuses when there is no DAMON sysfs', async () => {
    const host = fakeHost();
    const error = await refusal(
      runLocal(shortRun('one_target'), { ...host.options, sysfs: undefined, sysfsRoot: join(host.dir, 'nothing') }),
    );
    expect(error.message).toBe(`no DAMON sysfs at ${join(host.dir, 'nothing')}`);
  });

  it('refuses when perf is missing or cannot record the tracepoint', async () => {
    const host = fakeHost();
    expect(
      (await refusal(runLocal(shortRun('one_target'), { ...host.options, perf: '/nonexistent/perf' }))).message,
    ).toBe('perf not found (/nonexistent/perf)');
    const broken = fakeHost({}, { FAKE_PERF: 'broken' });
    const error = await refusal(runLocal(shortRun('one_target'), broken.options));
    expect(error.message).toContain('perf cannot record damon:damon_aggregated: event syntax error');
    expect(error.hint).toContain('libtraceevent');
    expect(broken.emulator.log).toEqual([]);
  });

  it('refuses a masim that is not there', async () => {
    const host = fakeHost({}, { MASIM: '/nonexistent/masim' });
    expect((await refusal(runLocal(shortRun('one_target'), host.options))).message).toBe(
      'cannot run the workload: /nonexistent/masim is not an executable file',
    );
  });

  it('refuses a second runner on the same tree', async () => {
    const host = fakeHost();
    const release = lockSysfs(host.emulator.root, host.options.lockPath!);
    try {
      await expect(runLocal(shortRun('one_target'), host.options)).rejects.toThrow(LockError);
      await expect(runLocal(shortRun('one_target'), host.options)).rejects.toThrow(
        `another damon-exp (pid ${process.pid}) is using the DAMON sysfs tree`,
      );
    } finally {
      release();
    }
  });

  it('refuses a run the probed kernel cannot serve', async () => {
    const host = fakeHost();
    const error = await refusal(
      runLocal(shortRun('many_contexts', '1s', ['layout.contexts_per_kdamond=many']), host.options),
    );
    expect(error.message).toContain(
      "this kernel cannot serve run 'duration-1s_contexts_per_kdamond-many': the layout puts 3 contexts in one kdamond",
    );
    expect(host.emulator.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
  });
});

describe('faults during the run', () => {
  it('rides out a storm of EBUSY from a contended sysfs lock', async () => {
    const host = fakeHost();
    const original = host.emulator.write.bind(host.emulator);
    let n = 0;
    host.emulator.write = (path, value) => {
      if (++n % 3 === 0) host.emulator.busyWrites = 2; // every third write meets two EBUSY first
      original(path, value);
    };
    const { status } = await runAndCheck(host);
    expect(status.state).toBe('complete');
    expect(host.emulator.log.filter((w) => w.error === 'EBUSY').length).toBeGreaterThan(10);
  });

  it('rides out EBUSY on reads too, as a real kernel gives them while a kdamond holds the lock', async () => {
    const host = fakeHost();
    const original = host.emulator.read.bind(host.emulator);
    let n = 0;
    host.emulator.read = (path) => {
      if (++n % 4 === 0) host.emulator.busyReads = 2;
      return original(path);
    };
    const { status } = await runAndCheck(host, {}, shortRun('many_contexts', '1.5s'));
    expect(status.errors).toEqual([]);
    expect(status.state).toBe('complete');
  });

  it('fails with the sysfs path and errno when EBUSY does not end, and tears down', async () => {
    const host = fakeHost();
    host.emulator.failures.set('kdamonds/1/contexts/0/monitoring_attrs/intervals/aggr_us', 'EBUSY');
    const { status } = await runAndCheck(host);
    expect(status.state).toBe('failed');
    expect(status.errors[0]).toBe(
      `writing '100000' to ${host.emulator.root}/kdamonds/1/contexts/0/monitoring_attrs/intervals/aggr_us failed with EBUSY: the DAMON sysfs lock stayed busy through every retry (another tool is writing DAMON sysfs at the same time; try again when it is done)`,
    );
    expect(status.processes).toEqual([]); // it failed before any workload started
  });

  it('fails when a value does not read back as written', async () => {
    const host = fakeHost();
    const read = host.emulator.read.bind(host.emulator);
    host.emulator.read = (path) => (path.endsWith('/update_us') ? '60000000\n' : read(path));
    const { status } = await runAndCheck(host);
    expect(status.state).toBe('failed');
    expect(status.errors[0]).toBe(
      `wrote '1000000' to ${host.emulator.root}/kdamonds/0/contexts/0/monitoring_attrs/intervals/update_us but it reads back '60000000' (another tool may be writing DAMON sysfs at the same time)`,
    );
  });

  it('explains EINVAL when DAMON refuses to switch on', async () => {
    const host = fakeHost({ pidExists: () => false });
    const { status } = await runAndCheck(host);
    expect(status.state).toBe('failed');
    expect(status.errors[0]).toMatch(
      /^writing 'on' to .*\/kdamonds\/0\/state failed with EINVAL: DAMON refused the configuration \(it checks: min nr_regions >= 3/,
    );
    expect(status.processes.map((p) => [p.ref, p.endedOnItsOwn])).toEqual([
      ['perf', false],
      ['w0', false],
      ['w1', false],
      ['w2', false],
    ]);
  });

  it('stops when a workload dies, and says which', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-crash-'));
    const crasher = join(dir, 'crashing-masim');
    writeFileSync(crasher, '#!/bin/sh\nsleep 0.3\nexit 7\n');
    chmodSync(crasher, 0o755);
    const host = fakeHost({}, { MASIM: crasher });
    const started = Date.now();
    const { status } = await runAndCheck(host, {}, shortRun('one_target', '20s'));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(status.state).toBe('failed');
    expect(status.errors).toEqual([
      'stopped early: workload w0 (zigzag) exited with status 7 before the recording ended (see logs/w0.log)',
    ]);
    expect(status.processes.find((p) => p.ref === 'w0')).toMatchObject({ exitCode: 7, endedOnItsOwn: true });
  });

  it('stops when perf dies', async () => {
    const host = fakeHost({}, { FAKE_PERF: 'die:300' });
    const { dir, status } = await runAndCheck(host, {}, shortRun('one_target', '20s'));
    expect(status.state).toBe('failed');
    expect(status.errors[0]).toBe(
      'stopped early: perf exited with status 3 before the recording ended (see logs/perf.log)',
    );
    expect(existsSync(join(dir, 'masim.script'))).toBe(true);
  });

  it('tears down on SIGINT mid-run, and a second one does not skip it', async () => {
    const host = fakeHost();
    const controller = new AbortController();
    const outcome = runAndCheck(
      host,
      {
        abort: controller.signal,
        onStage: (stage) => {
          if (stage === 'recording') {
            setTimeout(() => controller.abort('SIGINT'), 200);
          }
          if (stage === 'teardown') controller.abort('SIGINT (again)');
        },
      },
      shortRun('many_contexts', '30s'),
    );
    const { status } = await outcome;
    expect(status.state).toBe('interrupted');
    expect(status.errors).toEqual(['stopped early: SIGINT']);
    expect(status.timings.teardownEndedAt! - status.timings.teardownStartedAt!).toBeLessThan(5000);
  });

  it('records a full disk as a failure, and still tears down', async () => {
    const host = fakeHost();
    const fullDisk = {
      writeFile: async (path: string, data: string | Buffer) => {
        if (path.includes('env.json'))
          throw Object.assign(new Error(`ENOSPC: no space left on device, open '${path}'`), {
            code: 'ENOSPC',
            syscall: 'open',
            path,
          });
        writeFileSync(path, data);
      },
    };
    const { status } = await runAndCheck(host, { resultFs: fullDisk });
    expect(status.state).toBe('failed');
    expect(status.errors[0]).toMatch(/^cannot write .*env\.json: no space left on the device \(ENOSPC\)$/);
  });
});

describe('earlier results are never lost', () => {
  it('refuses to overwrite, keeps the old result beside with --force, and skips complete ones with --resume', async () => {
    const host = fakeHost();
    const run = shortRun('one_target', '0.3s');
    const first = await runLocal(run, host.options);
    await expect(runLocal(run, host.options)).rejects.toThrow(`${first.dir} already holds a result (complete)`);
    const resumed = await runLocal(run, { ...host.options, resume: true });
    expect(resumed).toEqual({ dir: null, status: null });
    const forced = await runLocal(run, { ...host.options, force: true });
    expect(forced.dir).toBe(first.dir);
    const entries = readdirSync(join(host.options.resultsRoot, 'one_target')).sort();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toBe('duration-0.3s');
    expect(entries[1]).toMatch(/^duration-0\.3s\.before-[0-9T]+$/);
  });

  it('re-runs a failed result on --resume, keeping the failed one beside', async () => {
    const host = fakeHost({ pidExists: () => false });
    const run = shortRun('one_target', '0.3s');
    expect((await runLocal(run, host.options)).status!.state).toBe('failed');
    const again = fakeHost();
    const resumed = await runLocal(run, { ...again.options, resultsRoot: host.options.resultsRoot, resume: true });
    expect(resumed.status!.state).toBe('complete');
    expect(readdirSync(join(host.options.resultsRoot, 'one_target'))).toHaveLength(2);
  });
});

describe('endings that come from outside', () => {
  it('does nothing when stopped while it checks the host', async () => {
    const host = fakeHost();
    const controller = new AbortController();
    controller.abort('SIGINT');
    const error = await refusal(runLocal(shortRun('one_target'), { ...host.options, abort: controller.signal }));
    expect(error.message).toBe('stopped (SIGINT) before the run started; nothing was changed');
    expect(host.emulator.log).toEqual([]);
    expect(existsSync(host.options.resultsRoot)).toBe(false);
  });

  it('ends the recording early, with a warning, when the kdamonds stop by themselves', async () => {
    const host = fakeHost();
    const { spawn } = await import('node:child_process');
    // Long enough to outlive the checks and the set-up on a slow host (0.8 s did not, once in six).
    const victim = spawn('sleep', ['2']);
    const run = { ...shortRun('one_target', '20s'), workloads: { zigzag: { kind: 'pid' as const, pid: victim.pid! } } };
    const started = Date.now();
    const { status } = await runAndCheck(host, {}, run);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(status.state).toBe('complete');
    expect(status.warnings).toEqual([
      expect.stringMatching(
        /^every kdamond stopped by itself [0-9.]+ s into the recording \(their target processes exited\)/,
      ),
    ]);
  });
});
