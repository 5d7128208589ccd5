import { describe, expect, it } from 'vitest';
import { SnapshotStore } from '../../src/analysis/snapshot-store.js';
import type { Snapshot } from '../../src/trace/snapshots.js';

describe('snapshot store', () => {
  const snapshot = (i: number): Snapshot => ({
    kdamond: i % 3,
    context: 1,
    target: i % 2,
    startNs: i === 0 ? null : i * 100e6,
    endNs: (i + 1) * 100e6,
    regions: [
      { start: 140737488211968, end: 140737488355328, nrAccesses: i, age: 4 },
      { start: 140737488355328, end: 140737500000000, nrAccesses: 0, age: null },
      { start: 150000000000000, end: 150000000004096, nrAccesses: 20, age: 1 },
    ],
  });

  it('replays what it stored, in order, without the ages', () => {
    const store = new SnapshotStore(1 << 20);
    const given = Array.from({ length: 50 }, (_, i) => snapshot(i));
    given.forEach((s) => store.add(s));
    const replayed: Snapshot[] = [];
    store.replay((s) => replayed.push(s));
    expect(replayed).toEqual(given.map((s) => ({ ...s, regions: s.regions.map((r) => ({ ...r, age: null })) })));
  });

  it('gives up past its budget and says so, rather than growing', () => {
    const store = new SnapshotStore(100);
    store.add(snapshot(1));
    expect(store.overflowed).toBe(true);
    expect(() => store.replay(() => undefined)).toThrow(/overflowed/);
  });
});
