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
