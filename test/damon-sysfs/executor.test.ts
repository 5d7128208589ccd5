// The plan executor against the sysfs emulator, with pretend processes: the plan's writes in its
// order, each read back; EBUSY retried; a tree it did not size left alone; teardown and finalize
// whatever ends the steps; the recording ended early by an abort or by kdamonds that stopped.
// (The executor with schemes: test/plan/schemes.test.ts; through the local backend with real
// processes: test/backends/local.test.ts and local-faults.test.ts.)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executePlan, type ExecuteOptions, type ProcessHooks, type Stage } from '../../src/damon-sysfs/executor.js';
import type { Sysfs } from '../../src/damon-sysfs/sysfs.js';
import type { Run } from '../../src/manifest/run.js';
import { buildPlan } from '../../src/plan/build.js';
import { UPSTREAM_CAPS } from '../../src/plan/caps.js';
import type { Plan } from '../../src/plan/plan.js';
import { pretendProcesses } from '../helpers/apply-plan.js';
import { emulatedSysfs } from '../helpers/async-sysfs.js';
import { shortRun } from '../helpers/harness.js';
import { SysfsEmulator } from '../helpers/sysfs-emulator.js';

/** An emulated upstream kernel, pretend processes, and the plan of `run` for it. */
function setUp(run: Run) {
  const processes = pretendProcesses();
  const emulator = new SysfsEmulator(mkdtempSync(join(tmpdir(), 'damon-exp-executor-')), {
    kernel: 'upstream',
    pidExists: processes.exists,
  });
  const plan = buildPlan(run, UPSTREAM_CAPS);
  /** What the hooks were asked, in order. */
  const calls: string[] = [];
  let nextPid = 5000;
  const hooks: ProcessHooks = {
    startWorkload: async (ref) => {
      const pid = nextPid++;
      processes.pids.set(ref, pid);
      processes.live.add(pid);
      calls.push(`start ${ref}`);
      return pid;
    },
    stopWorkload: async (ref) => {
      processes.live.delete(processes.pids.get(ref)!);
      calls.push(`stop ${ref}`);
    },
    attachWorkload: async (ref, pid) => void calls.push(`attach ${ref} ${pid}`),
    startRecorder: async () => void calls.push('start perf'),
    stopRecorder: async () => void calls.push('stop perf'),
    convertTrace: async () => void calls.push('convert'),
    kdamondStarted: (k, pid) => void calls.push(`kdamond ${k} ${pid}`),
  };
  /** The sysfs operations, in order: 'w path=value' and 'r path'. */
  const operations: string[] = [];
  const emulated = emulatedSysfs(emulator);
  const sysfs: Sysfs = {
    ...emulated,
    read: (path) => (operations.push(`r ${path}`), emulated.read(path)),
    write: (path, value) => (operations.push(`w ${path}=${value}`), emulated.write(path, value)),
  };
  const stages: Stage[] = [];
  const execute = (options: Partial<ExecuteOptions> = {}) =>
    executePlan(plan, {
      sysfs,
      hooks,
      stateTimeoutMs: 1000,
      statePollMs: 20,
      busyRetries: { attempts: 3, firstDelayMs: 1 },
      onStage: (stage) => void stages.push(stage),
      ...options,
    });
  return { emulator, processes, plan, hooks, calls, operations, stages, execute };
}

/** The values a plan's steps write, with the pids its workloads got (from 5000, in order). */
function setupWrites(plan: Plan): string[] {
  const pids = new Map(plan.workloads.map((w, i) => [w.ref, 5000 + i]));
  return plan.steps.flatMap((s) =>
    s.op === 'write' ? [`${s.path}=${s.value}`] : s.op === 'write-pid' ? [`${s.path}=${pids.get(s.ref)}`] : [],
  );
}

const successfulWrites = (emulator: SysfsEmulator) =>
  emulator.log.filter((w) => !w.error).map((w) => `${w.path}=${w.value}`);

describe('executing a plan', () => {
  it("writes the plan's values in its order, reads each back, and tears down to the tree it found", async () => {
    const { emulator, plan, calls, operations, stages, execute } = setUp(shortRun('many_contexts', '200ms'));
    const before = emulator.snapshot();
    const result = await execute();
    expect(result).toMatchObject({ outcome: 'complete', cleanupErrors: [], warnings: [] });
    expect(result.error).toBeUndefined();
    expect(plan.layout.kdamonds).toHaveLength(3);
    const offs = plan.layout.kdamonds.map((k) => `kdamonds/${k.index}/state=off`);
    expect(successfulWrites(emulator)).toEqual([...setupWrites(plan), ...offs, 'kdamonds/nr_kdamonds=0']);
    expect(emulator.snapshot()).toEqual(before);

    // Every write but a state file's command is read back at once.
    const writes = operations.flatMap((op, i) => (op.startsWith('w ') ? [i] : []));
    expect(writes.length).toBeGreaterThan(20);
    for (const i of writes) {
      const path = operations[i]!.slice(2).split('=')[0]!;
      if (path.endsWith('/state')) continue;
      expect(operations[i + 1], operations[i]).toBe(`r ${path}`);
    }

    expect(calls).toEqual([
      'start perf',
      'start w0',
      'start w1',
      'start w2',
      ...[0, 1, 2].map((k) => `kdamond ${k} ${result.kdamondPids[k]}`),
      'stop perf',
      'stop w0',
      'stop w1',
      'stop w2',
      'convert',
    ]);
    expect(Object.keys(result.kdamondPids)).toEqual(['0', '1', '2']);
    expect(stages).toEqual(['setup', 'recording', 'teardown', 'finalize']);
    const { onAt, recordingEndedAt, teardownStartedAt, teardownEndedAt, finalizedAt } = result.timings;
    expect([onAt, recordingEndedAt, teardownStartedAt, teardownEndedAt, finalizedAt].every(Number.isInteger)).toBe(
      true,
    );
    expect(recordingEndedAt! - onAt!).toBeGreaterThanOrEqual(190);
    expect(onAt! <= recordingEndedAt! && recordingEndedAt! <= teardownStartedAt!).toBe(true);
    expect(teardownStartedAt! <= teardownEndedAt! && teardownEndedAt! <= finalizedAt!).toBe(true);
    const { onNs, measureStartNs, measureEndNs } = result.clock;
    expect(onNs! <= measureStartNs! && measureEndNs! - measureStartNs! >= 190e6).toBe(true);
  });

  it('retries a write that meets EBUSY, and goes on', async () => {
    const { emulator, plan, execute } = setUp(shortRun('one_target', '100ms'));
    emulator.busyWrites = 2;
    const result = await execute();
    expect(result.outcome).toBe('complete');
    const first = `kdamonds/nr_kdamonds=1`;
    expect(emulator.log.slice(0, 3).map((w) => [`${w.path}=${w.value}`, w.error])).toEqual([
      [first, 'EBUSY'],
      [first, 'EBUSY'],
      [first, undefined],
    ]);
    expect(successfulWrites(emulator).slice(0, setupWrites(plan).length)).toEqual(setupWrites(plan));
  });

  it('gives up on EBUSY after its attempts, naming the path and errno, and then touches nothing it did not size', async () => {
    const { emulator, calls, execute } = setUp(shortRun('one_target', '100ms'));
    emulator.busyWrites = 3;
    const result = await execute();
    expect(result.outcome).toBe('failed');
    expect(result.error?.message).toBe(
      `writing '1' to ${emulator.root}/kdamonds/nr_kdamonds failed with EBUSY: a kdamond is running, and nr_kdamonds cannot change while any does`,
    );
    expect(emulator.log.map((w) => w.error)).toEqual(['EBUSY', 'EBUSY', 'EBUSY']); // no nr_kdamonds=0 after
    expect(calls).toEqual([]); // nothing started: nothing stopped, no trace to convert
  });

  it("refuses to set up over another tool's running kdamond, and leaves it running", async () => {
    const { emulator, operations, execute } = setUp(shortRun('one_target', '100ms'));
    const pid = emulator.startForeignKdamond();
    const theirs = emulator.snapshot();
    const result = await execute();
    expect(result.outcome).toBe('failed');
    expect(result.error?.message).toMatch(/^writing '1' to .*\/kdamonds\/nr_kdamonds failed with EBUSY/);
    expect(result.cleanupErrors).toEqual([]);
    expect(operations.filter((op) => op.startsWith('w '))).toEqual([
      'w kdamonds/nr_kdamonds=1',
      'w kdamonds/nr_kdamonds=1',
      'w kdamonds/nr_kdamonds=1',
    ]);
    expect(emulator.snapshot()).toEqual(theirs);
    expect(emulator.read('kdamonds/0/state').trim()).toBe('on');
    expect(Number(emulator.read('kdamonds/0/pid'))).toBe(pid);
  });

  it('fails when a value does not read back as written, and still tears down', async () => {
    const { emulator, execute } = setUp(shortRun('one_target', '100ms'));
    const read = emulator.read.bind(emulator);
    emulator.read = (path) => (path.endsWith('/update_us') ? '60000000\n' : read(path));
    const result = await execute();
    expect(result.outcome).toBe('failed');
    expect(result.error?.message).toBe(
      `wrote '1000000' to ${emulator.root}/kdamonds/0/contexts/0/monitoring_attrs/intervals/update_us but it reads back '60000000'`,
    );
    expect(emulator.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
  });

  it('switches DAMON off, stops perf and the workloads, and converts the trace when a step fails after on', async () => {
    const { emulator, processes, calls, execute } = setUp(shortRun('one_target', '1s'));
    const sysfs = emulatedSysfs(emulator);
    const failing: Sysfs = {
      ...sysfs,
      read: async (path) => {
        if (path === 'kdamonds/0/pid') throw Object.assign(new Error('EIO: kdamonds/0/pid'), { code: 'EIO' });
        return sysfs.read(path);
      },
    };
    const result = await execute({ sysfs: failing });
    expect(result.outcome).toBe('failed');
    expect(result.error?.message).toBe('EIO: kdamonds/0/pid');
    expect(result.cleanupErrors).toEqual([]);
    expect(emulator.log.filter((w) => w.path === 'kdamonds/0/state').map((w) => w.value)).toEqual(['on', 'off']);
    expect(emulator.log.at(-1)).toEqual({ path: 'kdamonds/nr_kdamonds', value: '0' });
    expect(calls).toEqual(['start perf', 'start w0', 'stop perf', 'stop w0', 'convert']);
    expect(processes.live.size).toBe(0);
  });

  it('runs every teardown step when some fail, and keeps their errors apart from the outcome', async () => {
    const { emulator, hooks, calls, execute } = setUp(shortRun('one_target', '100ms'));
    const result = await execute({
      hooks: { ...hooks, stopRecorder: async () => Promise.reject(new Error('perf would not stop')) },
      beforeTeardown: async () => Promise.reject(new Error('the last samples failed')),
    });
    expect(result.outcome).toBe('complete');
    expect(result.cleanupErrors.map((e) => e.message)).toEqual(['the last samples failed', 'perf would not stop']);
    expect(calls.slice(-2)).toEqual(['stop w0', 'convert']);
    expect(emulator.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
  });
});

describe('endings from outside', () => {
  it('ends the recording on abort, says why, and tears down', async () => {
    const { emulator, calls, execute } = setUp(shortRun('one_target', '30s'));
    const abort = new AbortController();
    const started = performance.now();
    const result = await execute({
      abort: abort.signal,
      onStage: (stage) => {
        if (stage === 'recording') setTimeout(() => abort.abort('SIGINT'), 50);
      },
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.outcome).toBe('aborted');
    expect(result.abortReason).toBe('SIGINT');
    expect(result.error).toBeUndefined();
    expect(calls.slice(-3)).toEqual(['stop perf', 'stop w0', 'convert']);
    expect(emulator.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
  });

  it('starts nothing once aborted, and has no trace to convert', async () => {
    const { emulator, calls, stages, execute } = setUp(shortRun('one_target', '1s'));
    const abort = new AbortController();
    abort.abort('SIGTERM');
    const result = await execute({ abort: abort.signal });
    expect(result).toMatchObject({ outcome: 'aborted', abortReason: 'SIGTERM', cleanupErrors: [] });
    expect(calls).toEqual([]);
    expect(emulator.log).toEqual([]);
    expect(stages).toEqual(['setup', 'teardown']);
  });

  it('ends the recording early, with a warning, when every kdamond stops by itself', async () => {
    const { emulator, processes, execute } = setUp(shortRun('one_target', '30s'));
    const result = await execute({
      onStage: (stage) => {
        if (stage === 'recording') setTimeout(() => processes.live.clear(), 50); // the target exits
      },
    });
    expect(result.outcome).toBe('complete');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /^every kdamond stopped by itself \d+\.\d s into the recording \(their target processes exited\): the trace is shorter than planned$/,
    );
    // Stopped by itself: teardown does not switch it off again.
    expect(emulator.log.filter((w) => w.path === 'kdamonds/0/state').map((w) => w.value)).toEqual(['on']);
    expect(emulator.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
  });

  it('leaves a process it attached to running', async () => {
    const run = shortRun('one_target', '100ms');
    const { processes, calls, execute } = setUp({
      ...run,
      workloads: { zigzag: { kind: 'pid' as const, pid: 4242 } },
    });
    processes.live.add(4242);
    const result = await execute();
    expect(result.outcome).toBe('complete');
    expect(calls.filter((c) => !c.startsWith('kdamond'))).toEqual([
      'start perf',
      'attach w0 4242',
      'stop perf',
      'convert',
    ]);
    expect(processes.live.has(4242)).toBe(true);
  });
});
