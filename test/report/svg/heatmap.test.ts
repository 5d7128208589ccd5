import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { viridis } from '../../../src/report/svg/colour.js';
import { heatmapPng, heatmapSvg, hottest } from '../../../src/report/svg/heatmap.js';
import { svgTexts, textsOutside } from './svg-text.js';

/** rows (time) × cols (address): heat = row * 10 + col. */
function ramp(rows: number, cols: number): Float64Array {
  return Float64Array.from({ length: rows * cols }, (_, i) => Math.floor(i / cols) * 10 + (i % cols));
}

describe('heatmapPng', () => {
  it('puts time left to right and addresses bottom to top, coloured from 0 to the hottest pixel', () => {
    const [rows, cols] = [4, 3];
    const heat = ramp(rows, cols);
    const { png, max } = heatmapPng({ heat, rows, cols });
    expect(max).toBe(32);
    const image = PNG.sync.read(png);
    expect([image.width, image.height]).toEqual([rows, cols]);
    const wrong: string[] = [];
    for (let row = 0; row < rows; row++)
      for (let col = 0; col < cols; col++) {
        const at = ((cols - 1 - col) * rows + row) * 4;
        const got = [...image.data.subarray(at, at + 3)];
        // Heat in 256 levels (the PNG's palette): viridis of the nearest level.
        const want = viridis(Math.round(((row * 10 + col) / 32) * 255) / 255);
        if (got.join() !== want.join()) wrong.push(`row ${row} col ${col}: ${got} instead of ${want}`);
      }
    expect(wrong).toEqual([]);
    // The hottest pixel (last time row, highest address) is viridis' yellow, top right.
    expect([...image.data.subarray((rows - 1) * 4, (rows - 1) * 4 + 3)]).toEqual([253, 231, 37]);
  });

  it('draws a map without accesses in the colour of 0', () => {
    const { png, max } = heatmapPng({ heat: new Float64Array(6), rows: 2, cols: 3 });
    expect(max).toBe(0);
    const image = PNG.sync.read(png);
    const colours = new Set<string>();
    for (let i = 0; i < image.data.length; i += 4) colours.add([...image.data.subarray(i, i + 3)].join());
    expect([...colours]).toEqual([viridis(0).join()]);
  });

  it('finds the hottest pixel', () => {
    expect(hottest(Float64Array.from([0, 2.5, 1]))).toBe(2.5);
    expect(hottest(new Float64Array(0))).toBe(0);
  });
});

describe('heatmapSvg', () => {
  const svg = heatmapSvg({
    title: 'access heatmap, kdamond 0 · context 0 · target 0',
    subtitle: 'addresses from 4096 (0x1000), 100 MiB; hottest range of the guide',
    heat: ramp(20, 30),
    rows: 20,
    cols: 30,
    timeSeconds: [0.5, 12.25],
    addressBytes: 100 * 2 ** 20,
  });
  const texts = svgTexts(svg).map((t) => t.text);

  it('labels the time axis in seconds, the address axis in offsets, and the colour scale from 0 up to the hottest pixel', () => {
    expect(texts).toEqual([
      'access heatmap, kdamond 0 · context 0 · target 0',
      'addresses from 4096 (0x1000), 100 MiB; hottest range of the guide',
      ...['2', '4', '6', '8', '10', '12'],
      ...['0', '20 MiB', '40 MiB', '60 MiB', '80 MiB', '100 MiB'],
      'time (s)',
      'address offset',
      // The hottest pixel is 19 * 10 + 29 = 219.
      ...['0', '50', '100', '150', '200'],
      'nr_accesses (avg per aggregation)',
    ]);
    expect(svg.match(/<rect [^>]*fill="rgb\(/g)).toHaveLength(50);
  });

  it('keeps every text inside the figure', () => {
    expect(texts.length).toBeGreaterThan(10);
    expect(textsOutside(svg)).toEqual([]);
  });
});
