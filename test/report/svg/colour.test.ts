import { describe, expect, it } from 'vitest';
import { PALETTE, seriesColour, viridis } from '../../../src/report/svg/colour.js';

describe('viridis', () => {
  it('runs from dark purple at 0 to yellow at 1, clamped outside', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(-3)).toEqual([68, 1, 84]);
    expect(viridis(7)).toEqual([253, 231, 37]);
    expect(viridis(Number.NaN)).toEqual([68, 1, 84]);
  });

  it('interpolates between its samples and gets lighter all the way', () => {
    // Halfway between the 5th and 6th samples.
    expect(viridis(4.5 / 9)).toEqual([35, 144, 140]);
    const luminance = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    const steps = Array.from({ length: 101 }, (_, i) => luminance(viridis(i / 100)));
    const darker = steps.flatMap((l, i) => (i > 0 && l < steps[i - 1]! ? [`at ${i} %`] : []));
    expect(darker).toEqual([]);
  });
});

describe('seriesColour', () => {
  it('cycles through the palette', () => {
    expect(PALETTE.length).toBe(8);
    expect([seriesColour(0), seriesColour(1), seriesColour(8)]).toEqual(['#1f77b4', '#d62728', '#1f77b4']);
  });
});
