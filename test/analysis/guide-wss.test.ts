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
  it('merges ranges that touch or overlap across snapshots, keeping gaps present in every one', () => {
    const guide = new GuideBuilder();
    const snapshot = (regions: [number, number][]) => ({
      kdamond: 0,
      context: 0,
      target: 0,
      startNs: null,
      endNs: 1,
      regions: regions.map(([start, end]) => ({ start, end, nrAccesses: 0, age: null })),
    });
    guide.add(
      snapshot([
        [10, 20],
        [25, 26],
      ]),
    );
    guide.add(
      snapshot([
        [0, 5],
        [20, 30],
      ]),
    );
    expect(guide.result()[0]!.ranges).toEqual([
      { start: 0, end: 5 },
      { start: 10, end: 30 },
    ]);
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
