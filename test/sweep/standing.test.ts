import { describe, expect, it } from 'vitest';
import { etaOf, standingOf, type RunOnFloor, type SweepFloor } from '../../src/sweep/standing.js';

const NOW = Date.parse('2026-12-07T10:00:00.000Z');
const RUNNER = 4242;
const GONE = 999_999;
const LOCKED_AT = Date.parse('2026-12-07T09:50:00.000Z');
const alive = (pid: number) => pid === RUNNER || pid === 4343;

function ended(id: string, state: 'complete' | 'failed' | 'interrupted', from: string, to: string): RunOnFloor {
  return {
    id,
    status: { state, startedAt: from, endedAt: to, errors: state === 'failed' ? ['it broke'] : [] },
    durationUs: 30e6,
  };
}

function started(id: string, at: string): RunOnFloor {
  return { id, status: { state: 'running', startedAt: at }, durationUs: 30e6 };
}

/** A runner (pid RUNNER) at work on a, b, c: a ended in 40 s, b runs since 12 s, c waits. */
function inProgress(): SweepFloor {
  return {
    resultsLock: { pid: RUNNER, sinceMs: LOCKED_AT },
    runLocks: ['a', 'b', 'c'].map((id) => ({ id, pid: RUNNER, sinceMs: LOCKED_AT })),
    places: [ended('a', 'complete', '2026-12-07T09:50:01.000Z', '2026-12-07T09:50:41.000Z')],
    partials: [{ ...started('b', '2026-12-07T09:59:48.000Z'), pid: RUNNER }],
  };
}

describe('standingOf: a local sweep from its directory', () => {
  it('in progress: a run complete, one running with its progress, one pending; the runner; an ETA', () => {
    const standing = standingOf(inProgress(), NOW, alive);
    expect(standing).toMatchObject({
      executor: 'local',
      runner: { pid: RUNNER, alive: true, since: '2026-12-07T09:50:00.000Z' },
      active: true,
      whole: true,
      counts: { complete: 1, running: 1, pending: 1 },
    });
    expect(standing.runs).toEqual([
      {
        id: 'a',
        phase: 'complete',
        pid: null,
        startedAt: '2026-12-07T09:50:01.000Z',
        endedAt: '2026-12-07T09:50:41.000Z',
        wallMs: 40_000,
        progress: null,
        errors: [],
      },
      {
        id: 'b',
        phase: 'running',
        pid: RUNNER,
        startedAt: '2026-12-07T09:59:48.000Z',
        endedAt: null,
        wallMs: null,
        progress: { elapsedMs: 12_000, durationMs: 30_000 },
        errors: [],
      },
      expect.objectContaining({ id: 'c', phase: 'pending', pid: null, progress: null }),
    ]);
    // 40 s a run, b and c left, one at a time.
    expect(standing.eta).toEqual({ ms: 80_000, meanWallMs: 40_000, runsLeft: 2, atOnce: 1 });
  });

  it('ETA: unknown before any run has ended; the runs running now are the runs at once', () => {
    const floor = inProgress();
    floor.places = [];
    floor.partials.push({ ...started('a', '2026-12-07T09:59:50.000Z'), pid: RUNNER });
    const standing = standingOf(floor, NOW, alive);
    expect(standing.counts).toEqual({ running: 2, pending: 1 });
    expect(standing.eta).toEqual({ ms: null, meanWallMs: null, runsLeft: 3, atOnce: 2 });
    const runs = [
      ...['x', 'y'].map((id) => ({ ...standing.runs[0]!, id, phase: 'complete' as const, wallMs: 10_000 })),
      ...standing.runs,
    ];
    expect(etaOf(runs)).toEqual({ ms: 15_000, meanWallMs: 10_000, runsLeft: 3, atOnce: 2 });
  });

  it('done: no runner, the run directories present, the total unknown, no ETA', () => {
    const floor: SweepFloor = {
      resultsLock: null,
      runLocks: [],
      places: [
        ended('a', 'complete', '2026-12-07T09:50:01.000Z', '2026-12-07T09:50:41.000Z'),
        ended('b', 'failed', '2026-12-07T09:50:41.000Z', '2026-12-07T09:50:42.000Z'),
      ],
      partials: [],
    };
    const standing = standingOf(floor, NOW, alive);
    expect(standing).toMatchObject({ runner: null, active: false, whole: false, eta: null });
    expect(standing.counts).toEqual({ complete: 1, failed: 1 });
    expect(standing.runs[1]).toMatchObject({ phase: 'failed', wallMs: 1000, errors: ['it broke'] });
  });

  it("with a record of the sweep's runs, the total is known once no runner is at work: the rest not run", () => {
    const floor: SweepFloor = {
      resultsLock: null,
      runLocks: [],
      places: [ended('a', 'complete', '2026-12-07T09:50:01.000Z', '2026-12-07T09:50:41.000Z')],
      partials: [],
      listed: ['a', 'b'],
    };
    const standing = standingOf(floor, NOW, alive);
    expect(standing).toMatchObject({ active: false, whole: true, counts: { complete: 1, 'not run': 1 } });
  });

  it('a runner killed outright: its partial directory lost, the runs it locked and never started not run', () => {
    const floor = inProgress();
    floor.resultsLock = { pid: GONE, sinceMs: LOCKED_AT };
    floor.runLocks = floor.runLocks.map((lock) => ({ ...lock, pid: GONE }));
    floor.partials = [{ ...started('b', '2026-12-07T09:59:48.000Z'), pid: GONE }];
    const standing = standingOf(floor, NOW, alive);
    expect(standing).toMatchObject({ runner: { pid: GONE, alive: false }, active: false, whole: false, eta: null });
    expect(standing.runs.map((run) => [run.id, run.phase])).toEqual([
      ['a', 'complete'],
      ['b', 'lost'],
      ['c', 'not run'],
    ]);
  });

  it('a run in its place still running is running while a runner holds it, else lost', () => {
    const floor = inProgress();
    floor.places.push(started('c', '2026-12-07T09:59:30.000Z'));
    expect(standingOf(floor, NOW, alive).runs[2]).toMatchObject({
      phase: 'running',
      pid: RUNNER,
      progress: { elapsedMs: 30_000, durationMs: 30_000 },
    });
    floor.places.push({ id: 'd', status: null, durationUs: null });
    expect(standingOf({ ...floor, resultsLock: null }, NOW, alive).runs[3]).toMatchObject({ id: 'd', phase: 'lost' });
  });

  it('an attempt that did not complete before the runner locked its run is run again: pending', () => {
    const floor = inProgress();
    floor.places.push(ended('c', 'failed', '2026-12-07T09:00:00.000Z', '2026-12-07T09:01:00.000Z'));
    expect(standingOf(floor, NOW, alive).runs[2]).toMatchObject({ id: 'c', phase: 'pending' });
    // Ended after the lock: this runner's own attempt.
    floor.places[1] = ended('c', 'failed', '2026-12-07T09:51:00.000Z', '2026-12-07T09:52:00.000Z');
    expect(standingOf(floor, NOW, alive).runs[2]).toMatchObject({ id: 'c', phase: 'failed' });
  });

  it('a runner of runs only (no results lock) is at work while it holds them', () => {
    const floor = { ...inProgress(), resultsLock: null };
    floor.runLocks = floor.runLocks.map((lock) => ({ ...lock, pid: 4343 }));
    const standing = standingOf(floor, NOW, alive);
    expect(standing).toMatchObject({ runner: null, active: true, whole: true });
    expect(standing.counts).toEqual({ complete: 1, running: 1, pending: 1 });
  });
});
