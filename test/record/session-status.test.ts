// How what happened in a session becomes its status (record/session-status.ts), without a session:
// the state, the errors and warnings in their order, the executor's timings and the processes.
import { describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../src/damon-sysfs/executor.js';
import { KernelError } from '../../src/damon-sysfs/errors.js';
import type { ProcessRecord } from '../../src/record/processes.js';
import { newStatus, type RunStatus } from '../../src/record/run-files.js';
import { describe as describeError, sessionStatus, type SessionEvents } from '../../src/record/session-status.js';

const ENDED = '2025-01-01T00:00:10.000Z';

function result(fields: Partial<ExecutionResult> = {}): ExecutionResult {
  return {
    outcome: 'complete',
    cleanupErrors: [],
    warnings: [],
    kdamondPids: { 0: 40000 },
    timings: { onAt: 10, recordingEndedAt: 1010, teardownStartedAt: 1011, teardownEndedAt: 1020, finalizedAt: 1030 },
    clock: { onNs: 1, measureStartNs: 2, measureEndNs: 3 },
    ...fields,
  };
}

function started(): RunStatus {
  const status = newStatus('r', 'local');
  status.startedAt = '2025-01-01T00:00:00.000Z';
  status.warnings.push('a preflight warning');
  return status;
}

function settle(events: Partial<SessionEvents>, status = started()): RunStatus {
  return sessionStatus(status, { schemeProblems: [], checksMs: 7, processes: [], endedAt: ENDED, ...events });
}

describe("a session's status", () => {
  it('is complete with the executor’s timings, clock and kdamonds, and ends when told', () => {
    const status = settle({ result: result() });
    expect(status).toEqual({
      ...started(),
      state: 'complete',
      timings: {
        checksMs: 7,
        onAt: 10,
        recordingEndedAt: 1010,
        teardownStartedAt: 1011,
        teardownEndedAt: 1020,
        finalizedAt: 1030,
      },
      clock: { onNs: 1, measureStartNs: 2, measureEndNs: 3 },
      kdamondPids: { 0: 40000 },
      endedAt: ENDED,
    });
    // status.json's keys keep their order: what the session began with, then clock and endedAt.
    expect(Object.keys(status)).toEqual([...Object.keys(started()), 'clock', 'endedAt']);
  });

  it('leaves the status it is given as it was', () => {
    const before = started();
    const copy = structuredClone(before);
    settle({ result: result({ outcome: 'failed', error: new Error('x') }) }, before);
    expect(before).toEqual(copy);
  });

  it('is failed, with the error, when something was thrown before the executor returned', () => {
    const status = settle({
      thrown: {
        error: Object.assign(new Error('ENOSPC: no space'), { code: 'ENOSPC', syscall: 'open', path: '/r/env.json' }),
      },
    });
    expect(status.state).toBe('failed');
    expect(status.errors).toEqual(['cannot open /r/env.json: no space left on the device (ENOSPC)']);
    expect(status.timings).toEqual({}); // no execution: no timings
    expect(status.clock).toBeUndefined();
  });

  it('is failed with the executor’s error, a kernel error with its hint', () => {
    const error = new KernelError(
      "wrote '1' to /a/b but it reads back '2'",
      'b',
      undefined,
      'another tool may be writing',
    );
    const status = settle({ result: result({ outcome: 'failed', error }) });
    expect(status.state).toBe('failed');
    expect(status.errors).toEqual(["wrote '1' to /a/b but it reads back '2' (another tool may be writing)"]);
  });

  it('is interrupted when a signal aborted it, and failed when anything else did', () => {
    const bySignal = settle({ result: result({ outcome: 'aborted', abortReason: 'SIGINT' }) });
    expect(bySignal.state).toBe('interrupted');
    expect(bySignal.errors).toEqual(['stopped early: SIGINT']);
    const byExit = settle({
      result: result({ outcome: 'aborted', abortReason: 'perf exited with status 3 before the recording ended' }),
    });
    expect(byExit.state).toBe('failed');
    expect(byExit.errors).toEqual(['stopped early: perf exited with status 3 before the recording ended']);
  });

  it('says the error, not the abort, when a step failed as the run was aborted', () => {
    const status = settle({ result: result({ outcome: 'aborted', abortReason: 'SIGTERM', error: new Error('EIO') }) });
    expect(status.state).toBe('interrupted');
    expect(status.errors).toEqual(['EIO']);
  });

  it('is complete, with a warning, when a finished workload ended the recording', () => {
    const reason = 'workload w0 (zigzag) finished';
    const status = settle({ result: result({ outcome: 'aborted', abortReason: reason }), finishedEarly: reason });
    expect(status.state).toBe('complete');
    expect(status.errors).toEqual([]);
    expect(status.warnings).toEqual(['a preflight warning', `the recording ended early: ${reason}`]);
    // A workload that finished after the run was stopped for another reason does not make it complete.
    const other = settle({ result: result({ outcome: 'aborted', abortReason: 'SIGINT' }), finishedEarly: reason });
    expect(other.state).toBe('interrupted');
  });

  it('is failed by teardown’s errors, after the run’s own', () => {
    const status = settle({
      result: result({
        outcome: 'failed',
        error: new Error('first'),
        cleanupErrors: [new Error('perf would not stop')],
      }),
    });
    expect(status.errors).toEqual(['first', 'cleaning up: perf would not stop']);
    const clean = settle({ result: result({ cleanupErrors: [new Error('stop w0: ESRCH')] }) });
    expect(clean.state).toBe('failed');
    expect(clean.errors).toEqual(['cleaning up: stop w0: ESRCH']);
  });

  it("keeps warnings in order: the session's, the samplers', the executor's (kdamonds that stopped by themselves)", () => {
    const status = settle({
      schemeProblems: ['kdamond 0 did not answer update_schemes_stats'],
      result: result({ warnings: ['every kdamond stopped by itself 1.0 s into the recording'] }),
    });
    expect(status.state).toBe('complete');
    expect(status.warnings).toEqual([
      'a preflight warning',
      'kdamond 0 did not answer update_schemes_stats',
      'every kdamond stopped by itself 1.0 s into the recording',
    ]);
  });

  it('lists the processes: how each ended, and the wall time of one that ended on its own', () => {
    const record = (fields: Partial<ProcessRecord>): ProcessRecord => ({
      ref: 'w0',
      program: '/bin/masim',
      args: ['c.cfg'],
      pid: 100,
      exit: null,
      startedMs: 1000,
      endedMs: null,
      endedNs: null,
      ...fields,
    });
    const status = settle({
      result: result(),
      processes: [
        record({
          ref: 'perf',
          exit: { exitCode: null, signal: 'SIGINT', unexpected: false },
          endedMs: 3000,
          endedNs: 9,
        }),
        record({ exit: { exitCode: 0, signal: null, unexpected: true }, endedMs: 1500.4, endedNs: 5 }),
        record({ ref: 'w1', pid: null }),
      ],
    });
    expect(status.processes).toEqual([
      {
        ref: 'perf',
        program: '/bin/masim',
        args: ['c.cfg'],
        pid: 100,
        exitCode: null,
        signal: 'SIGINT',
        endedOnItsOwn: false,
        wallMs: null,
        endedNs: 9,
      },
      {
        ref: 'w0',
        program: '/bin/masim',
        args: ['c.cfg'],
        pid: 100,
        exitCode: 0,
        signal: null,
        endedOnItsOwn: true,
        wallMs: 500,
        endedNs: 5,
      },
      {
        ref: 'w1',
        program: '/bin/masim',
        args: ['c.cfg'],
        pid: null,
        exitCode: null,
        signal: null,
        endedOnItsOwn: null,
        wallMs: null,
      },
    ]);
  });
});

describe('errors as status.json says them', () => {
  it('gives a kernel error its hint, a file error its path, and anything else its message', () => {
    expect(describeError(new KernelError('EINVAL at on', 'kdamonds/0/state', undefined, 'check the intervals'))).toBe(
      'EINVAL at on (check the intervals)',
    );
    expect(describeError(new KernelError('no hint', 'p', undefined))).toBe('no hint');
    expect(describeError(new Error('plain'))).toBe('plain');
    expect(describeError('a string')).toBe('a string');
  });
});
