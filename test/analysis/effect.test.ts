// A run's effect on its workloads and what its schemes did, from memory.json, scheme-stats.json,
// masim's phase log and status.json: the numbers compare and the tradeoff figure rest on.
import { describe, expect, it } from 'vitest';
import { effectOf } from '../../src/analysis/effect.js';
import { NO_RUN_INPUTS, type RunInputs } from '../../src/analysis/run-inputs.js';
import type { Plan } from '../../src/plan/plan.js';
import type { RunStatus } from '../../src/record/run-files.js';

const MiB = 2 ** 20;
const s = (seconds: number) => seconds * 1e9;

const inputs: RunInputs = {
  ...NO_RUN_INPUTS,
  plan: {
    workloads: [
      { ref: 'w0', workload: 'cold_hot', kind: 'masim', config: 'workloads/cold_hot.cfg', binary: null, args: [] },
      { ref: 'w1', workload: 'job', kind: 'command', argv: ['sleep', '1'] },
    ],
  } as unknown as Plan,
  status: {
    processes: [
      {
        ref: 'w1',
        program: 'sleep',
        args: ['1'],
        pid: 9,
        exitCode: 0,
        signal: null,
        endedOnItsOwn: true,
        wallMs: 1012,
      },
    ],
  } as unknown as RunStatus,
  memory: {
    format: 'damon-exp.memory/1',
    intervalMs: 500,
    samples: [
      { tNs: s(10), ref: 'w0', rssBytes: 160 * MiB, swapBytes: 0 },
      { tNs: s(10), ref: 'w1', rssBytes: null, swapBytes: null },
      { tNs: s(10.5), ref: 'w0', rssBytes: 100 * MiB, swapBytes: 60 * MiB },
      { tNs: s(11), ref: 'w0', rssBytes: 40 * MiB, swapBytes: 120 * MiB },
    ],
  },
  schemeStats: {
    format: 'damon-exp.scheme-stats/1',
    intervalMs: 500,
    schemes: [{ kdamond: 0, context: 0, scheme: 0, action: 'pageout', set: 'cold' }],
    samples: [
      {
        tNs: s(10.2),
        kdamond: 0,
        context: 0,
        scheme: 0,
        nr_tried: 1,
        sz_tried: 4096,
        nr_applied: 1,
        sz_applied: 4096,
        qt_exceeds: 0,
      },
      {
        tNs: s(10.7),
        kdamond: 0,
        context: 0,
        scheme: 0,
        nr_tried: 5,
        sz_tried: 8192,
        nr_applied: 3,
        sz_applied: 8192,
        qt_exceeds: 2,
      },
    ],
    problems: [],
  },
  phaseLogs: new Map([
    [
      'w0',
      {
        regions: [],
        phases: [
          {
            index: 0,
            round: 1,
            name: 'hot',
            startNs: s(9),
            endNs: s(11),
            regions: ['hot'],
            interrupted: false,
            accesses: 20e6,
          },
          {
            index: 1,
            round: 1,
            name: 'both',
            startNs: s(11),
            endNs: s(11.5),
            regions: [],
            interrupted: true,
            accesses: 2e6,
          },
        ],
      },
    ],
  ]),
};

describe("effectOf over the measurement's window", () => {
  it('takes memory and progress over the window only: time-weighted mean, the end, the integral, phases prorated', () => {
    // The window: 10.25 s to 11.25 s. Samples at 10 (before it: masim filling up), 10.5 and 11 s.
    const window = { startNs: s(10.25), endNs: s(11.25), onNs: s(10.25) };
    const { workloads } = effectOf(inputs, s(10.25), window);
    const memory = workloads[0]!.memory!;
    // 100 MiB from 10.25 (the first sample in the window holds back to its start) to 11, then 40 MiB to 11.25.
    expect(memory.rssIntegralByteSeconds).toBe(Math.round(100 * MiB * 0.75 + 40 * MiB * 0.25));
    expect(memory.rssMeanBytes).toBe(85 * MiB);
    expect(memory.rssEndBytes).toBe(40 * MiB);
    expect(memory.windowSeconds).toBe(1);
    expect(memory.samples).toBe(2);
    expect(memory.rssMaxBytes).toBe(100 * MiB);
    // The plot keeps every sample, on the same axis (seconds from DAMON on).
    expect(memory.series.map(([t]) => t)).toEqual([-0.25, 0.25, 0.75]);
    // hot: 10 M/s from 10.25 to 11 (7.5 M); both: 4 M/s from 11 to 11.25 (1 M): 8.5 M in 1 s.
    expect(workloads[0]!.throughput!.accessesPerSecond).toBe(8_500_000);
  });
});

describe('effectOf', () => {
  it("sums up each workload's memory and progress, and each scheme's counters, on one time axis", () => {
    const { workloads, schemes, originNs } = effectOf(inputs, s(9.5));
    expect(originNs).toBe(s(9.5));
    expect(workloads).toHaveLength(2);
    const [masim, command] = workloads;
    expect(masim!.memory).toEqual({
      rssMeanBytes: 100 * MiB,
      rssMaxBytes: 160 * MiB,
      rssLastBytes: 40 * MiB,
      swapMaxBytes: 120 * MiB,
      swapLastBytes: 120 * MiB,
      samples: 3,
      series: [
        [0.5, 160 * MiB, 0],
        [1, 100 * MiB, 60 * MiB],
        [1.5, 40 * MiB, 120 * MiB],
      ],
    });
    // 22 M accesses in 2.5 s; each phase its own rate; the one cut short says so.
    expect(masim!.throughput).toEqual({
      accessesPerSecond: 8_800_000,
      phases: [
        { name: 'hot', round: 1, accessesPerSecond: 10_000_000, seconds: 2, interrupted: false },
        { name: 'both', round: 1, accessesPerSecond: 4_000_000, seconds: 0.5, interrupted: true },
      ],
    });
    expect(command).toMatchObject({ memory: null, throughput: null, wallMs: 1012 });
    expect(schemes).toEqual([
      {
        kdamond: 0,
        context: 0,
        scheme: 0,
        action: 'pageout',
        set: 'cold',
        totals: { nr_tried: 5, sz_tried: 8192, nr_applied: 3, sz_applied: 8192, qt_exceeds: 2 },
        series: [
          [0.7, 4096, 1],
          [1.2, 8192, 3],
        ],
      },
    ]);
  });

  it('measures time from the first sample when there is no trace (monitoring off)', () => {
    expect(effectOf(inputs, null).originNs).toBe(s(10));
    expect(effectOf(NO_RUN_INPUTS, null)).toEqual({ workloads: [], schemes: [], originNs: null });
  });
});
