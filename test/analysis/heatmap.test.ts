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
        [10, 510, 1],
        [5000, 5100, 20],
      ]),
      startNs: null,
    }); // the first snapshot counts too (damo's guide heat is Σ nr_accesses × bytes, not timed)
    guide.add(
      snap(0, 10, [
        [10, 510, 1],
        [5000, 5100, 20],
      ]),
    );
    guide.add(
      snap(10, 20, [
        [410, 1010, 1],
        [5000, 5100, 20],
      ]),
    ); // 410..1010 narrows the gap 510..5000 to 1010..5000
    const [entry] = guide.result();
    expect(entry!.ranges).toEqual([
      { start: 10, end: 1010 },
      { start: 5000, end: 5100 },
    ]);
    expect(guide.needsHeatPass()).toBe(false); // the union's ranges: its heat summed in the pass
    expect(entry!.rangeHeat).toEqual([500 + 500 + 600, 2_000 * 3]);
    expect(chooseRange(entry!, 'hottest')).toEqual([5000, 5100]);
    // Per byte, not in all: a larger range of more accesses in all but fewer per byte loses.
    const wide = new GuideBuilder();
    wide.add(
      snap(0, 10, [
        [1, 100_001, 1],
        [200_000, 200_100, 50],
      ]),
    );
    const [w] = wide.result();
    expect(w!.rangeHeat).toEqual([100_000, 5_000]);
    expect(chooseRange(w!, 'hottest')).toEqual([200_000, 200_100]);
    expect(chooseRange(entry!, 'largest')).toEqual([10, 1010]);
  });

  it("counts damo's heat of ranges that are not the union's in a second look: every region that overlaps or touches one", () => {
    const guide = new GuideBuilder();
    const snapshots = [
      snap(0, 10, [
        [1000, 1100, 1],
        [1200, 1300, 2],
      ]),
      snap(10, 20, [
        [1000, 1100, 1],
        [1150, 1160, 10],
        [1170, 1300, 2],
      ]),
    ];
    for (const s of snapshots) guide.add(s);
    // The gap 1100..1200 narrowed to 1100..1150: 1150..1160 joins 1200..1300, across the gap 1160..1170.
    expect(guide.result()[0]!.ranges).toEqual([
      { start: 1000, end: 1100 },
      { start: 1150, end: 1300 },
    ]);
    expect(guide.needsHeatPass()).toBe(true);
    for (const s of snapshots) guide.addHeat(s);
    expect(guide.needsHeatPass()).toBe(false);
    const [entry] = guide.result();
    expect(entry!.rangeHeat).toEqual([100 + 100, 200 + 100 + 260]);
    expect(chooseRange(entry!, 'hottest')).toEqual([1150, 1300]);
  });
});
