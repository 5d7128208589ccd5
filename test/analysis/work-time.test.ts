import { describe, expect, it } from 'vitest';
import { mergeByWorkTime, type TimedRegions } from '../../src/analysis/work-time.js';
import { firstStartNs, workingSetBytes } from '../../src/analysis/wss.js';

/** A snapshot from [start, end, nr_accesses] regions. */
const snapshot = (startNs: number | null, endNs: number, regions: [number, number, number][]): TimedRegions => ({
  startNs,
  endNs,
  regions: Float64Array.from(regions.flat()),
});

const plain = (merged: { start: number; end: number; nrAccesses: number }[][]) =>
  merged.map((regions) => regions.map((r) => [r.start, r.end, r.nrAccesses]));

describe("mergeByWorkTime (damo's --work_time)", () => {
  it('gives a region of the first snapshot the most accesses a later overlapping region saw, on top of its own', () => {
    // damo's own example: 1-10:5, then 1-5:2 and 5-10:4 make 1-10:9.
    const merged = mergeByWorkTime(
      [
        snapshot(0, 100, [[1, 10, 5]]),
        snapshot(100, 200, [
          [1, 5, 2],
          [5, 10, 4],
        ]),
      ],
      200,
    );
    expect(plain(merged)).toEqual([[[1, 10, 9]]]);
  });

  it('adds the parts of later regions no earlier region covers, with their own accesses, in address order', () => {
    const merged = mergeByWorkTime(
      [
        snapshot(0, 100, [
          [10, 20, 1],
          [30, 40, 0],
        ]),
        snapshot(100, 200, [[0, 50, 3]]),
        snapshot(200, 300, [[15, 35, 7]]),
      ],
      300,
    );
    expect(plain(merged)).toEqual([
      [
        [0, 10, 3],
        [10, 20, 1 + 3 + 7],
        [20, 30, 3 + 7],
        [30, 40, 0 + 3 + 7],
        [40, 50, 3],
      ],
    ]);
  });

  it('closes a group once it spans the work time, and drops a last group that does not', () => {
    const snapshots = [0, 1, 2, 3, 4].map((i) => snapshot(i * 100, (i + 1) * 100, [[0, 10, i]]));
    const merged = mergeByWorkTime(snapshots, 200);
    expect(plain(merged)).toEqual([[[0, 10, 0 + 1]], [[0, 10, 2 + 3]]]);
    // Each snapshot alone when the work time is shorter than one.
    expect(mergeByWorkTime(snapshots, 1)).toHaveLength(5);
  });

  it('takes a first snapshot without a start (a single one: damo cannot tell it) as starting where it ends', () => {
    expect(mergeByWorkTime([snapshot(null, 100, [[0, 10, 1]])], 1)).toHaveLength(0);
    const two = [snapshot(null, 100, [[0, 10, 1]]), snapshot(100, 200, [[0, 10, 2]])];
    expect(plain(mergeByWorkTime(two, 100))).toEqual([[[0, 10, 3]]]);
  });
});

describe('firstStartNs', () => {
  it("is damo's: the first end less the mean time between ends", () => {
    expect(firstStartNs([8268948999, 8399929000, 11111585000])).toBeCloseTo(
      8268948999 - (11111585000 - 8268948999) / 2,
      3,
    );
    expect(firstStartNs([100])).toBeNull();
  });
});

describe('workingSetBytes', () => {
  it('counts regions with at least the accesses and the size asked', () => {
    const regions = [
      { start: 0, end: 4096, nrAccesses: 0 },
      { start: 4096, end: 8192, nrAccesses: 1 },
      { start: 8192, end: 8192 + 65536, nrAccesses: 5 },
    ];
    expect(workingSetBytes({ regions })).toBe(4096 + 65536);
    expect(workingSetBytes({ regions }, { minAccesses: 2, minBytes: 1 })).toBe(65536);
    expect(workingSetBytes({ regions }, { minAccesses: 1, minBytes: 8192 })).toBe(65536);
    expect(workingSetBytes({ regions }, { minAccesses: 6, minBytes: 1 })).toBe(0);
  });
});
