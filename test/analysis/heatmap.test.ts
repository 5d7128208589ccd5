import { describe, expect, it } from 'vitest';
import { chooseRange, GuideBuilder } from '../../src/analysis/guide.js';
import { HeatmapBuilder } from '../../src/analysis/heatmap.js';
import type { Snapshot } from '../../src/trace/snapshots.js';

const snap = (startNs: number | null, endNs: number, regions: [number, number, number][]): Snapshot => ({
  kdamond: 0,
  context: 0,
  target: 0,
  startNs,
  endNs,
  regions: regions.map(([start, end, nrAccesses]) => ({ start, end, nrAccesses, age: 0 })),
});

describe("heatmaps with damo's semantics", () => {
  it('averages nr_accesses over each pixel, weighted by time and space', () => {
    const map = new HeatmapBuilder({ rows: 2, cols: 4, time: [0, 200], address: [0, 400] });
    map.add(snap(null, 0, [[0, 400, 99]])); // the first snapshot: its start is unknown, skipped
    map.add(
      snap(0, 100, [
        [0, 200, 5],
        [200, 250, 8],
      ]),
    ); // row 0: cols 0-1 at 5, col 2 half at 8
    map.add(snap(100, 200, [[50, 400, 2]])); // row 1: col 0 half at 2, cols 1-3 at 2
    expect(map.result()).toEqual([
      [5, 5, 4, 0],
      [1, 2, 2, 2],
    ]);
  });

  it('clips snapshots to the time range and regions to the address range', () => {
    const map = new HeatmapBuilder({ rows: 1, cols: 2, time: [50, 150], address: [100, 300] });
    map.add(snap(0, 100, [[0, 1000, 4]])); // only 50..100 of it is in the range: half of the row's time
    expect(map.result()).toEqual([[2, 2]]);
  });

  it("picks the range of most accesses per byte, damo's guide heat summed as the ranges merge", () => {
    const guide = new GuideBuilder();
    guide.add({
      ...snap(0, 10, [
        [0, 500, 1],
        [5000, 5100, 20],
      ]),
      startNs: null,
    }); // the first snapshot counts too (damo's guide heat is Σ nr_accesses × bytes, not timed)
    guide.add(
      snap(0, 10, [
        [0, 500, 1],
        [5000, 5100, 20],
      ]),
    );
    guide.add(
      snap(10, 20, [
        [400, 1000, 1],
        [5000, 5100, 20],
      ]),
    ); // 400..1000 joins 0..500
    const [entry] = guide.result();
    expect(entry!.ranges).toEqual([
      { start: 0, end: 1000 },
      { start: 5000, end: 5100 },
    ]);
    expect(entry!.rangeHeat).toEqual([500 + 500 + 600, 2_000 * 3]);
    expect(chooseRange(entry!, 'hottest')).toEqual([5000, 5100]);
    // Per byte, not in all: a larger range of more accesses in all but fewer per byte loses.
    const wide = new GuideBuilder();
    wide.add(snap(0, 10, [[0, 100_000, 1]]));
    wide.add(snap(0, 10, [[200_000, 200_100, 50]]));
    const [w] = wide.result();
    expect(w!.rangeHeat).toEqual([100_000, 5_000]);
    expect(chooseRange(w!, 'hottest')).toEqual([200_000, 200_100]);
    expect(chooseRange(entry!, 'largest')).toEqual([0, 1000]);
  });
});
