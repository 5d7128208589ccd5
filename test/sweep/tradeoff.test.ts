// What a scheme saves and costs: compare's memory saved and slowdown against a baseline, and the
// tradeoff figure drawn from the same numbers.
import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/sweep/collect.js';
import { compareRuns, renderComparison, tradeoffs } from '../../src/sweep/compare.js';
import { FigureError, tradeoffFigure } from '../../src/sweep/figures.js';

const MiB = 2 ** 20;

function row(id: string, schemes: string, rss: number, throughput: number): RunRow {
  const params = { schemes, monitoring: 'on' };
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
    run: { manifest: { name: 'm' } } as RunRow['run'],
    hasReport: true,
    emulated: false,
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
    expect(t!.memorySaved!.bytesCi95! / MiB).toBeCloseTo(2.776445 * Math.sqrt(2 / 3), 4);
    expect(t!.slowdown!.percentCi95).toBeCloseTo(((2.776445 * Math.sqrt(2 / 3) * 0.1e6) / 10e6) * 100, 4);
    const text = renderComparison(compareRuns(rows, 'schemes', 'none'));
    expect(text).toContain('against schemes = none (95 % CI):');
    expect(text).toContain('pageout: memory saved 60 MiB ±2.3 MiB (37.5 % ±1.4 %); slowdown 5.0 % ±2.3 % (throughput)');
  });

  it('draws saving against slowdown, and says when the runs cannot tell', () => {
    const figure = tradeoffFigure(rows, { name: 'tradeoff', type: 'tradeoff', x: 'schemes', baseline: 'none' });
    expect(figure.csv.split('\n')[1]).toBe('pageout,5,2.26696,37.5,1.41685,62914600,2377080');
    expect(figure.svg).toContain('memory saved against slowdown');
    expect(figure.svg).toContain('schemes = pageout');
    const noMemory = rows.map((r) => ({ ...r, metrics: { throughput: r.metrics.throughput! } }));
    expect(() => tradeoffFigure(noMemory, { name: 't', type: 'tradeoff', x: 'schemes' })).toThrow(FigureError);
  });
});
