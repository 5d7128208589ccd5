import { describe, expect, it } from 'vitest';
import { lineChart } from '../../../src/report/svg/line-chart.js';
import { svgSize, svgTexts, textsOutside } from './svg-text.js';

describe('lineChart', () => {
  const points: [number, number][] = [
    [0, 0],
    [5, 100],
    [10, 50],
  ];

  it('draws a series from the plot corner, the y axis 5 % above the highest point', () => {
    const svg = lineChart([{ name: 'wss', points }], { title: 'working set', xLabel: 'time (s)', yLabel: 'bytes' });
    expect(svgSize(svg)).toEqual({ width: 640, height: 240 });
    // Plot 72..624 × 28..196; y max 105.
    const d = /<path d="([^"]+)"[^>]*class="series"/.exec(svg)?.[1];
    expect(d).toBe(
      `M72.0 196.0L348.0 ${(196 - (100 / 105) * 168).toFixed(1)}L624.0 ${(196 - (50 / 105) * 168).toFixed(1)}`,
    );
    expect(svgTexts(svg).map((t) => t.text)).toEqual([
      'working set',
      ...['0', '2', '4', '6', '8', '10'],
      ...['0', '20', '40', '60', '80', '100'],
      'time (s)',
      'bytes',
    ]);
  });

  it('writes bytes in binary units', () => {
    const svg = lineChart([{ name: 'wss', points: [[0, 3 * 2 ** 20]] }], {
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      yKind: 'bytes',
    });
    expect(svgTexts(svg).map((t) => t.text)).toEqual(expect.arrayContaining(['1 MiB', '2 MiB', '3 MiB']));
  });

  it('has a legend only for several series', () => {
    const one = lineChart([{ name: 'kdamond 0', points }], { title: 't', xLabel: 'x', yLabel: 'y' });
    expect(svgTexts(one).filter((t) => t.text.startsWith('kdamond'))).toEqual([]);
    const two = lineChart(
      [
        { name: 'kdamond 0', points },
        { name: 'kdamond 1', points: [[0, 1]] },
      ],
      { title: 't', xLabel: 'x', yLabel: 'y' },
    );
    expect(
      svgTexts(two)
        .filter((t) => t.text.startsWith('kdamond'))
        .map((t) => t.text),
    ).toEqual(['kdamond 0', 'kdamond 1']);
    expect(two.match(/class="series"/g)).toHaveLength(2);
    expect(textsOutside(two)).toEqual([]);
  });

  it("draws a series longer than a call's arguments can be (a day's snapshots)", () => {
    const long = Array.from({ length: 300_000 }, (_, i): [number, number] => [i, i % 1000]);
    const svg = lineChart([{ name: 'wss', points: long }], { title: 'long', xLabel: 'time (s)', yLabel: 'bytes' });
    const d = /<path d="([^"]+)"[^>]*class="series"/.exec(svg)?.[1] ?? '';
    expect(d.startsWith('M72.0 196.0L')).toBe(true);
    expect(d.split('L')).toHaveLength(300_000);
  });

  it('draws axes without data', () => {
    const svg = lineChart([], { title: 'empty', xLabel: 'x', yLabel: 'y' });
    expect(svg).not.toContain('class="series"');
    expect(svgTexts(svg).map((t) => t.text)).toContain('empty');
  });
});
