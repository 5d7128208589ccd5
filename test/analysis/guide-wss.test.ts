import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GuideBuilder } from '../../src/analysis/guide.js';
import { summarizeWss, WssBuilder, workingSetBytes } from '../../src/analysis/wss.js';
import { readSnapshots } from '../../src/trace/snapshots.js';

const MiB = 2 ** 20;

async function analyze(name: string) {
  const guide = new GuideBuilder();
  const wss = new WssBuilder();
  await readSnapshots(
    createReadStream(fileURLToPath(new URL(`../fixtures/traces/${name}.upstream-6.12.script`, import.meta.url))),
    (s) => {
      guide.add(s);
      wss.add(s);
    },
  );
  return { guide: guide.result(), wss: wss.result() };
}

describe('guide', () => {
  const snapshot = (regions: [number, number][]) => ({
    kdamond: 0,
    context: 0,
    target: 0,
    startNs: null,
    endNs: 1,
    regions: regions.map(([start, end]) => ({ start, end, nrAccesses: 0, age: null })),
  });
  const rangesOf = (...snapshots: [number, number][][]) => {
    const guide = new GuideBuilder();
    for (const regions of snapshots) guide.add(snapshot(regions));
    return guide.result()[0]!.ranges.map((r) => [r.start, r.end]);
  };

  it("keeps the first snapshot's gaps, narrowing each by a later gap it overlaps, as damo does", () => {
    // A layout that does not change: its gaps.
    expect(
      rangesOf(
        [
          [1000, 1010],
          [1100, 1110],
        ],
        [
          [1000, 1010],
          [1100, 1110],
        ],
      ),
    ).toEqual([
      [1000, 1010],
      [1100, 1110],
    ]);
    // An area that appears inside a gap later narrows it by the first later gap it overlaps, then
    // by those it still overlaps: the area joins the range above it, the gap below it stays.
    expect(
      rangesOf(
        [
          [1000, 1010],
          [1100, 1110],
        ],
        [
          [1000, 1010],
          [1050, 1060],
          [1100, 1110],
        ],
      ),
    ).toEqual([
      [1000, 1010],
      [1050, 1110],
    ]);
    // Touching counts as overlapping: [20, 25] narrowed by [5, 20] leaves the gap [20, 20].
    expect(
      rangesOf(
        [
          [1010, 1020],
          [1025, 1026],
        ],
        [
          [1001, 1005],
          [1020, 1030],
        ],
      ),
    ).toEqual([
      [1001, 1020],
      [1020, 1030],
    ]);
    // A gap no later gap overlaps is kept whole, though a region fills it.
    expect(
      rangesOf(
        [
          [1000, 1010],
          [1020, 1030],
        ],
        [[1000, 1030]],
      ),
    ).toEqual([
      [1000, 1010],
      [1020, 1030],
    ]);
    // With no gap kept, the next snapshot's gaps are taken.
    expect(
      rangesOf(
        [[1000, 1030]],
        [
          [1000, 1010],
          [1020, 1030],
        ],
      ),
    ).toEqual([
      [1000, 1010],
      [1020, 1030],
    ]);
    // damo's falsy test of the lowest address: 0 is replaced by the next region's start.
    expect(
      rangesOf([
        [0, 10],
        [10, 20],
      ]),
    ).toEqual([[10, 20]]);
  });

  it('finds the three areas of a process (heap, mmap, stack), the workload buffer among them', async () => {
    const { guide } = await analyze('many_targets');
    expect(guide.map((g) => [g.kdamond, g.context, g.target])).toEqual([
      [0, 0, 0],
      [0, 0, 1],
      [0, 0, 2],
    ]);
    // The fixture's processes allocate 32, 64 and 16 MiB buffers.
    [32, 64, 16].forEach((size, t) => {
      expect(guide[t]!.ranges).toHaveLength(3);
      const sizes = guide[t]!.ranges.map((r) => (r.end - r.start) / MiB);
      expect(
        sizes.filter((s) => s >= size && s < size + 8),
        `target ${t}: ranges of ${sizes.map((s) => s.toFixed(1)).join(', ')} MiB`,
      ).toHaveLength(1);
      expect(guide[t]!.lastNs - guide[t]!.firstNs).toBeGreaterThan(3e9);
    });
  });
});

describe('working set size', () => {
  it('sums the regions with nr_accesses >= 1', () => {
    expect(
      workingSetBytes({
        kdamond: 0,
        context: 0,
        target: 0,
        startNs: 0,
        endNs: 1,
        regions: [
          { start: 0, end: 100, nrAccesses: 0, age: 1 },
          { start: 100, end: 250, nrAccesses: 3, age: 1 },
          { start: 300, end: 310, nrAccesses: 1, age: null },
        ],
      }),
    ).toBe(160);
  });

  it("takes damo's percentiles (the value at int(p/100 × n)) after the warm-up", () => {
    const sizes = Float64Array.from({ length: 30 }, (_, i) => (i < 20 ? 1000 : 10 + i));
    expect(summarizeWss(sizes)).toEqual({
      snapshots: 30,
      skipped: 20,
      sizes: 10,
      percentiles: { '0': 30, '25': 32, '50': 35, '75': 37, '100': 39 },
      averageBytes: 34.5,
    });
  });

  it("leaves no size of a series no longer than the warm-up (damo's skip rule, the only one)", () => {
    for (const n of [1, 19, 20])
      expect(summarizeWss(new Float64Array(n).fill(4096))).toEqual({
        snapshots: n,
        skipped: n,
        sizes: 0,
        percentiles: {},
        averageBytes: null,
      });
    expect(summarizeWss(new Float64Array(21).fill(4096)).percentiles['50']).toBe(4096);
    expect(summarizeWss(Float64Array.from([3, 1, 2]), 0)).toMatchObject({ skipped: 0, sizes: 3, averageBytes: 2 });
  });

  it('sees the hot eighth of the buffer in the real trace', async () => {
    const { wss } = await analyze('one_target');
    const median = summarizeWss(Float64Array.from(wss[0]!.points, ([, bytes]) => bytes)).percentiles['50']!;
    // One byte per page written in the first eighth of 32 MiB: 4 MiB hot, at DAMON's region granularity.
    expect(median).toBeGreaterThanOrEqual(3 * MiB);
    expect(median).toBeLessThanOrEqual(12 * MiB);
  });
});
