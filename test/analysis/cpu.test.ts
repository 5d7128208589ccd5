// kdamond CPU use from the runner's /proc samples (src/analysis/cpu.ts).
import { describe, expect, it } from 'vitest';
import { kdamondCpuUse } from '../../src/analysis/cpu.js';

describe('kdamond CPU use', () => {
  it('is the share of one CPU per interval and over the run, from utime + stime ticks', () => {
    const use = kdamondCpuUse({
      clockTicksPerSecond: 100,
      intervalMs: 1000,
      samples: [
        { tMs: 0, kdamond: 0, pid: 7, utime: 0, stime: 0 },
        { tMs: 1000, kdamond: 0, pid: 7, utime: 0, stime: 10 },
        { tMs: 2000, kdamond: 0, pid: 7, utime: 5, stime: 35 },
        { tMs: 2500, kdamond: 0, pid: 7, utime: null, stime: null },
      ],
    });
    expect(use.map((k) => [k.kdamond, k.pid])).toEqual([[0, 7]]);
    expect(use[0]!.cpuSeconds).toBeCloseTo(0.4);
    expect(use[0]!.share).toBeCloseTo(0.2);
    expect(use[0]!.series.map(([t]) => t)).toEqual([1, 2]);
    expect(use[0]!.series[0]![1]).toBeCloseTo(0.1);
    expect(use[0]!.series[1]![1]).toBeCloseTo(0.3);
  });

  it('merges a short last interval (the sample taken as the run ends) into the one before', () => {
    // 88 ms after the previous sample, one 10 ms tick: alone it would read 11 % (or 0 % without it).
    const samples = (lastTick: number) => [
      { tMs: 0, kdamond: 0, pid: 7, utime: 0, stime: 0 },
      { tMs: 1000, kdamond: 0, pid: 7, utime: 0, stime: 5 },
      { tMs: 2000, kdamond: 0, pid: 7, utime: 0, stime: 10 },
      { tMs: 2088, kdamond: 0, pid: 7, utime: 0, stime: 10 + lastTick },
    ];
    for (const lastTick of [0, 1]) {
      const [use] = kdamondCpuUse({ clockTicksPerSecond: 100, intervalMs: 1000, samples: samples(lastTick) });
      expect(use!.series.map(([t]) => t)).toEqual([1, 2.088]);
      expect(use!.series[0]![1]).toBeCloseTo(0.05);
      expect(use!.series[1]![1]).toBeCloseTo((0.05 + lastTick / 100) / 1.088);
    }
  });
});
