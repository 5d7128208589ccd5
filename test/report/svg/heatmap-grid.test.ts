import { describe, expect, it } from 'vitest';
import { heatmapGrid, type HeatmapCell } from '../../../src/report/svg/heatmap-grid.js';
import { svgSize, svgTexts, textsOutside } from './svg-text.js';

const START = 0x7f3a2c000000;

function cell(hot: number, bytes: number, seconds: number, id: string): HeatmapCell {
  const [rows, cols] = [10, 12];
  return {
    title: 'kdamond 0, context 0, target 0',
    tooltip: id,
    heat: Float64Array.from({ length: rows * cols }, (_, i) => (i === 17 ? hot : (i % 7) / 7)),
    rows,
    cols,
    timeNs: [5e9, 5e9 + seconds * 1e9],
    address: [START, START + bytes],
  };
}

const MiB = 2 ** 20;
const cells: (HeatmapCell | null)[][] = [
  [cell(12.5, 100 * MiB, 12.3, 'run-a'), null],
  [cell(3, 20 * 1024, 0.5, 'run-c'), cell(2000, 1.3 * 2 ** 30, 100, 'run-d')],
];
const svg = heatmapGrid(cells, {
  title: 'access heatmaps by monitoring.sample and layout.kind',
  rowLabels: ['many-contexts', 'one'],
  colLabels: ['5ms', '10ms'],
  xLabel: 'monitoring.sample',
  yLabel: 'layout.kind',
});
const texts = svgTexts(svg);
const textsOf = (name: string) => texts.filter((t) => t.text === name);

describe('heatmapGrid', () => {
  it('gives each map a time axis and an address axis', () => {
    expect(textsOf('time (s)')).toHaveLength(3);
    expect(textsOf('address offset')).toHaveLength(3);
  });

  it('ticks time in seconds since the map starts', () => {
    // The maps' time tick labels, in order: 12.3 s, 0.5 s, 100 s.
    const mapTicks = (y: number) =>
      texts.filter((t) => t.classes.includes('tick') && t.anchor === 'middle' && Math.abs(t.y - y) < 0.5);
    const ys = [...new Set(texts.filter((t) => t.text === 'time (s)').map((t) => t.y - 28 + 15))];
    expect(ys).toHaveLength(2);
    expect(mapTicks(ys[0]!).map((t) => t.text)).toEqual(['0', '5', '10']);
    expect(mapTicks(ys[1]!).map((t) => t.text)).toEqual(['0', '0.2', '0.4', '0', '50', '100']);
  });

  it('ticks addresses as offsets in binary units and names where each range starts', () => {
    const offsets = texts.filter((t) => t.anchor === 'end' && t.classes.includes('tick')).map((t) => t.text);
    expect(offsets).toEqual([
      '0',
      '50 MiB',
      '100 MiB',
      '0',
      '5 KiB',
      '10 KiB',
      '15 KiB',
      '20 KiB',
      '0',
      '512 MiB',
      '1 GiB',
    ]);
    expect(texts.filter((t) => t.text.startsWith('from ')).map((t) => t.text)).toEqual([
      'from 0x7f3a2c000000, 100 MiB',
      'from 0x7f3a2c000000, 20 KiB',
      'from 0x7f3a2c000000, 1.3 GiB',
    ]);
  });

  it('gives each map a colour bar from 0 to its own hottest pixel, and says so', () => {
    expect(svg.match(/<rect [^>]*fill="rgb\(/g)).toHaveLength(3 * 50);
    expect(texts.filter((t) => t.classes.includes('colour-max')).map((t) => t.text)).toEqual(['12.5', '3', '2000']);
    expect(texts.filter((t) => t.classes.includes('colour-min')).map((t) => t.text)).toEqual(['0', '0', '0']);
    const note = texts
      .filter((t) => t.classes.includes('note'))
      .map((t) => t.text)
      .join(' ');
    expect(note).toContain('each map scaled from 0 to its own hottest pixel (the number atop its colour bar)');
    expect(note).toContain('columns: monitoring.sample; rows: layout.kind.');
  });

  it('marks the missing run, and labels rows and columns', () => {
    expect(textsOf('no complete run here')).toHaveLength(1);
    expect(texts.filter((t) => ['many-contexts', 'one', '5ms', '10ms'].includes(t.text))).toHaveLength(4);
    expect(svg.match(/<image [^>]*><title>run-[acd]<\/title><\/image>/g)).toHaveLength(3);
  });

  it('keeps every text inside the figure', () => {
    expect(texts.length).toBeGreaterThan(30);
    expect(textsOutside(svg)).toEqual([]);
  });

  it('is wide enough for a long title and long row labels', () => {
    const long = heatmapGrid([[cell(1, MiB, 1, 'r')]], {
      title: 'access heatmaps of a sweep with a title much longer than one column is wide',
      rowLabels: ['a row label that is rather long indeed'],
      colLabels: ['a column label longer than its column is wide, so it is cut with an ellipsis'],
      xLabel: 'x',
      yLabel: '',
    });
    expect(svgSize(long).width).toBeGreaterThan(400);
    expect(textsOutside(long)).toEqual([]);
    const column = svgTexts(long).find((t) => t.tooltip?.startsWith('a column label'));
    expect(column?.text).toMatch(/…$/);
  });

  it('grows for a title up to 1600 px, and cuts a longer one with an ellipsis, whole in its tooltip', () => {
    const title = `access heatmaps of ${'a very long sweep name, '.repeat(45)}end`;
    const svg = heatmapGrid([[cell(1, MiB, 1, 'r')]], {
      title,
      rowLabels: [''],
      colLabels: ['x'],
      xLabel: 'x',
      yLabel: '',
    });
    expect(svgSize(svg).width).toBe(1600);
    expect(textsOutside(svg)).toEqual([]);
    const shown = svgTexts(svg).find((t) => t.tooltip === title);
    expect(shown?.text).toMatch(/^access heatmaps of a very long sweep name, .*…$/);
  });
});
