import { describe, expect, it } from 'vitest';
import { errorChart, type ErrorSeries } from '../../../src/report/svg/error-chart.js';
import { overlapping, svgSize, svgTexts, textsOutside } from './svg-text.js';

const bars = (categories: string[], names = ['cpu']): ErrorSeries[] =>
  names.map((name, s) => ({
    name,
    points: categories.map((_, i) => ({ x: i, mean: i + s + 1, low: i + s + 0.5, high: i + s + 1.5 })),
  }));

/** The x tick labels: the texts just below the plot, one per category or tick. */
const xLabels = (svg: string) => {
  const axis = /<line x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="\1" class="axis"\/>/.exec(svg);
  const bottom = Number(axis![1]);
  return svgTexts(svg).filter((t) => t.y > bottom && t.y <= bottom + 16 && !t.classes.includes('label'));
};

const JSON_CATEGORIES = [
  '{"sample":"5ms","aggr":"100ms"}',
  '{"sample":"10ms","aggr":"200ms"}',
  '{"sample":"20ms","aggr":"400ms"}',
  'MANY-CONTEXTS WWW',
];

describe('errorChart keeps every label inside the figure', () => {
  const cases: [string, string][] = [
    [
      'long categories, grouped bars, long series names',
      errorChart(bars(JSON_CATEGORIES, ['layout.kind = many-contexts-with-a-long-name', 'layout.kind = one']), {
        kind: 'bar',
        title: 'kdamond CPU',
        xLabel: 'monitoring',
        yLabel: 'kdamond CPU (%)',
        categories: JSON_CATEGORIES,
      }),
    ],
    [
      'one very long category',
      errorChart(
        bars(['a category name far longer than the whole plot is wide, with more words than that: '.repeat(2)]),
        {
          kind: 'bar',
          title: 't',
          xLabel: 'x',
          yLabel: 'y',
          categories: ['a category name far longer than the whole plot is wide, with more words than that: '.repeat(2)],
        },
      ),
    ],
    [
      'sixty categories',
      errorChart(bars(Array.from({ length: 60 }, (_, i) => `category-${i}`)), {
        kind: 'bar',
        title: 't',
        xLabel: 'x',
        yLabel: 'y',
        categories: Array.from({ length: 60 }, (_, i) => `category-${i}`),
      }),
    ],
    [
      'large numbers on a numeric axis',
      errorChart([{ name: 'cpu', points: [1, 2, 4, 1073741824].map((x) => ({ x, mean: 1, low: 1, high: 1 })) }], {
        kind: 'line',
        title: 't',
        xLabel: 'x',
        yLabel: 'y',
      }),
    ],
    [
      'a title far longer than the figure is wide (cut, whole in its tooltip)',
      errorChart(bars(['a', 'b']), {
        kind: 'bar',
        title:
          'kdamond CPU by monitoring intervals and layout, for every kernel of the sweep and each repetition '.repeat(
            3,
          ),
        xLabel: 'x',
        yLabel: 'y',
        categories: ['a', 'b'],
      }),
    ],
    [
      'many series',
      errorChart(
        Array.from({ length: 30 }, (_, s) => ({ name: `series = ${s}`, points: [{ x: 1, mean: s, low: s, high: s }] })),
        { kind: 'line', title: 't', xLabel: 'x', yLabel: 'y' },
      ),
    ],
  ];
  it.each(cases)('%s', (_, svg) => {
    expect(svgTexts(svg).length).toBeGreaterThan(5);
    expect(textsOutside(svg)).toEqual([]);
    expect(overlapping(xLabels(svg))).toEqual([]);
  });

  it('shows every category, whole, slanted when they do not fit level', () => {
    const svg = cases[0]![1];
    const labels = xLabels(svg);
    expect(labels.map((l) => l.text)).toEqual(JSON_CATEGORIES);
    const level = labels.filter((l) => l.rotation !== -45).map((l) => l.text);
    expect(level).toEqual([]);
    // The legend's names are whole too.
    const texts = svgTexts(svg).map((t) => t.text);
    expect(texts).toContain('layout.kind = many-contexts-with-a-long-name');
  });

  it('keeps short categories level, at the default size', () => {
    const svg = errorChart(bars(['one', 'two', 'three']), {
      kind: 'bar',
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      categories: ['one', 'two', 'three'],
    });
    expect(svgSize(svg)).toEqual({ width: 560, height: 360 });
    const labels = xLabels(svg);
    expect(labels.map((l) => [l.text, l.rotation, l.anchor])).toEqual([
      ['one', 0, 'middle'],
      ['two', 0, 'middle'],
      ['three', 0, 'middle'],
    ]);
  });

  it('labels round ticks instead of every x when the x values crowd a numeric axis', () => {
    const svg = cases[3]![1];
    expect(xLabels(svg).map((l) => l.text)).toEqual([
      '0',
      '200000000',
      '400000000',
      '600000000',
      '800000000',
      '1000000000',
    ]);
  });

  it('labels every x of a numeric axis when they fit', () => {
    const svg = errorChart([{ name: 'cpu', points: [1, 2, 4, 8].map((x) => ({ x, mean: x, low: x, high: x })) }], {
      kind: 'line',
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
    });
    expect(xLabels(svg).map((l) => l.text)).toEqual(['1', '2', '4', '8']);
  });

  it('widens the plot for many categories and grows the bottom margin for slanted labels', () => {
    const { width, height } = svgSize(cases[2]![1]);
    expect(width).toBeGreaterThan(60 * 18);
    expect(height).toBeGreaterThan(360);
  });
});

describe('errorChart draws the data', () => {
  it('draws a bar and an error bar per point, and a legend entry per series', () => {
    const svg = errorChart(bars(['a', 'b'], ['s1', 's2']), {
      kind: 'bar',
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      categories: ['a', 'b'],
    });
    expect(svg.match(/<rect [^>]*class="series"/g)).toHaveLength(4);
    expect(svg.match(/<path d="M[^"]*V[^"]*" stroke="#222"/g)).toHaveLength(4);
    expect(svgTexts(svg).filter((t) => t.text === 's1' || t.text === 's2')).toHaveLength(2);
  });
});
