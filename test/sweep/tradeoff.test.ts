// What a scheme saves and costs: compare's memory saved and slowdown against a baseline, and the
// tradeoff figure drawn from the same numbers.
import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/sweep/collect.js';
import { compareRuns, renderComparison, tradeoffs } from '../../src/sweep/compare.js';
import { FigureError, tradeoffFigure } from '../../src/sweep/figures.js';

const MiB = 2 ** 20;

function row(id: string, schemes: string, rss: number, throughput: number, aggr = '100ms'): RunRow {
  const params = { schemes, monitoring: 'on', 'monitoring.aggr': aggr };
  const run = {
    manifest: { name: 'm' },
    monitoring: 'on',
    layout: { kdamonds: [{ contexts: [{ schemes: schemes === 'none' ? [] : [{ action: schemes }] }] }] },
  };
  return {
    id,
    dir: `/r/${id}`,
    state: 'complete',
    errors: [],
    params,
    repetition: 1,
    key: JSON.stringify(params),
    metrics: { rss_mean: rss, throughput },
    env: null,
    run: run as unknown as RunRow['run'],
    hasReport: true,
    analysed: true,
    emulated: false,
    validity: 'ok',
    suspectWhy: null,
    problems: [],
  };
}

// none: 160 MiB at 10 M accesses/s; pageout: 60 MiB less (37.5 %) at 5 % fewer accesses.
const rows = [
  row('n1', 'none', 159 * MiB, 10.1e6),
  row('n2', 'none', 160 * MiB, 10.0e6),
  row('n3', 'none', 161 * MiB, 9.9e6),
  row('p1', 'pageout', 99 * MiB, 9.6e6),
  row('p2', 'pageout', 100 * MiB, 9.5e6),
  row('p3', 'pageout', 101 * MiB, 9.4e6),
];

describe('tradeoffs', () => {
  it('gives the memory saved and the slowdown with their 95 % intervals', () => {
    const [t] = tradeoffs(compareRuns(rows, 'schemes', 'none'));
    expect(t!.value).toBe('pageout');
    expect(t!.memorySaved!.bytes).toBeCloseTo(60 * MiB, 0);
    expect(t!.memorySaved!.percent).toBeCloseTo(37.5, 6);
    expect(t!.slowdown!.percent).toBeCloseTo(5, 6);
    expect(t!.slowdown!.from).toBe('throughput');
    // Welch: sd 1 MiB each side, n 3: t(0.975, 4) × sqrt(2/3) MiB.
    const half = 2.776445 * Math.sqrt(2 / 3);
    expect(t!.memorySaved!.bytesLow95! / MiB).toBeCloseTo(60 - half, 4);
    expect(t!.memorySaved!.bytesHigh95! / MiB).toBeCloseTo(60 + half, 4);
    expect(t!.slowdown!.percentLow95).toBeCloseTo(5 - ((half * 0.1e6) / 10e6) * 100, 4);
    const text = renderComparison(compareRuns(rows, 'schemes', 'none'));
    expect(text).toContain("against schemes = none, over the measurement's window (95 % CI):");
    expect(text).toContain(
      'pageout: memory saved 60 MiB [57.73, 62.27] (37.5 % [36.1 %, 38.9 %]); slowdown 5.0 % [2.7 %, 7.3 %] (throughput)',
    );
  });

  it('shows memory saved and slowdown only for an axis that changes the schemes or whether DAMON runs', () => {
    const byAggr = [
      row('a1', 'none', 159 * MiB, 10.1e6, '100ms'),
      row('a2', 'none', 160 * MiB, 10.0e6, '100ms'),
      row('a3', 'none', 161 * MiB, 9.9e6, '100ms'),
      row('b1', 'none', 137 * MiB, 9.6e6, '200ms'),
      row('b2', 'none', 140 * MiB, 9.5e6, '200ms'),
      row('b3', 'none', 141 * MiB, 9.4e6, '200ms'),
    ];
    const c = compareRuns(byAggr, 'monitoring.aggr');
    expect(c.effectAxis).toBe(false);
    expect(tradeoffs(c)).toEqual([]);
    expect(renderComparison(c)).not.toContain('memory saved');
    expect(compareRuns(rows, 'schemes', 'none').effectAxis).toBe(true);
  });

  it('draws saving against slowdown, and says when the runs cannot tell', () => {
    const figure = tradeoffFigure(rows, { name: 'tradeoff', type: 'tradeoff', x: 'schemes', baseline: 'none' });
    expect(figure.csv.split('\n')[0]).toBe(
      'value,slowdown_percent,slowdown_ci95_low,slowdown_ci95_high,memory_saved_percent,memory_saved_ci95_low,memory_saved_ci95_high,memory_saved_bytes,memory_saved_bytes_ci95_low,memory_saved_bytes_ci95_high,memory_saved_mib_s',
    );
    expect(figure.csv.split('\n')[1]).toBe(
      'pageout,5,2.73304,7.26696,37.5,36.0832,38.9168,62914600,60537500,65291600,',
    );
    expect(figure.svg).toContain('memory saved against slowdown');
    expect(figure.svg).toContain('schemes = pageout');
    const noMemory = rows.map((r) => ({ ...r, metrics: { throughput: r.metrics.throughput! } }));
    expect(() => tradeoffFigure(noMemory, { name: 't', type: 'tradeoff', x: 'schemes' })).toThrow(FigureError);
  });
});
