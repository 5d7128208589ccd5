import { describe, expect, it } from 'vitest';
import { AccuracyBuilder, parsePhaseLog, PhaseLogError } from '../../src/analysis/accuracy.js';
import type { Snapshot } from '../../src/trace/snapshots.js';

const MB = 1_000_000;
const log = [
  {
    event: 'regions',
    pid: 1,
    clock: 'CLOCK_MONOTONIC',
    t_ns: 0,
    regions: [
      { name: 'a', start: 0, end: 100 * MB },
      { name: 'b', start: 100 * MB, end: 200 * MB },
    ],
  },
  { event: 'phase-start', phase: 0, round: 1, name: 'only a', t_ns: 1e9, patterns: [{ region: 'a' }] },
  { event: 'phase-end', phase: 0, round: 1, name: 'only a', t_ns: 2e9, interrupted: false },
  { event: 'phase-start', phase: 1, round: 1, name: 'only b', t_ns: 2e9, patterns: [{ region: 'b' }] },
  { event: 'phase-end', phase: 1, round: 1, name: 'only b', t_ns: 3e9, interrupted: true },
]
  .map((e) => JSON.stringify(e))
  .join('\n');

const snap = (startNs: number, endNs: number, regions: [number, number, number][]): Snapshot => ({
  kdamond: 0,
  context: 0,
  target: 0,
  startNs,
  endNs,
  regions: regions.map(([start, end, nrAccesses]) => ({ start, end, nrAccesses, age: 0 })),
});

describe('accuracy against the phase log', () => {
  it('measures recall and precision by bytes per phase, within the workload regions only', () => {
    const accuracy = new AccuracyBuilder(parsePhaseLog(log, 'w0.phase.jsonl'));
    // Phase "only a": DAMON sees half of a, plus 50 MB of b (wrong), plus the stack (not counted).
    accuracy.add(
      snap(1.1e9, 1.2e9, [
        [0, 50 * MB, 3],
        [50 * MB, 150 * MB, 0],
        [150 * MB, 200 * MB, 1],
        [900 * MB, 901 * MB, 9],
      ]),
    );
    // Straddles the phase change: neither phase's.
    accuracy.add(snap(1.95e9, 2.05e9, [[0, 200 * MB, 5]]));
    // Phase "only b": all of b and nothing else.
    accuracy.add(
      snap(2.5e9, 2.6e9, [
        [0, 100 * MB, 0],
        [100 * MB, 200 * MB, 2],
      ]),
    );
    const result = accuracy.result();
    expect(result.phases.map((p) => [p.name, p.snapshots, p.recall, p.precision])).toEqual([
      ['only a', 1, 0.5, 0.5],
      ['only b', 1, 1, 1],
    ]);
    expect(result.recall).toBeCloseTo(150 / 200);
    expect(result.precision).toBeCloseTo(150 / 200);
    expect(result.unclassified).toBe(1);
    expect(result.snapshots).toBe(3);
  });

  it('reads a phase log cut short by a kill, but not a broken one', () => {
    expect(parsePhaseLog(`${log}\n{"event":"phase-sta`, 'w0.phase.jsonl').phases).toHaveLength(2);
    expect(() => parsePhaseLog(`{"event":\n${log}`, 'w0.phase.jsonl')).toThrow(PhaseLogError);
    expect(() => parsePhaseLog(`{"event":\n${log}`, 'w0.phase.jsonl')).toThrow('w0.phase.jsonl:1: not a JSON line');
  });
});
