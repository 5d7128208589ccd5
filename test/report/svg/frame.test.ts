import { describe, expect, it } from 'vitest';
import { axes, MARGIN, slantedExtent, svgOpen } from '../../../src/report/svg/frame.js';
import { linear } from '../../../src/report/svg/scale.js';
import { textWidth } from '../../../src/report/svg/text.js';
import { svgTexts } from './svg-text.js';

const plot = { left: 100, top: 28, right: 500, bottom: 300 };

function drawn(slanted: boolean, labels: string[]): string {
  return `${svgOpen(600, 400, 't')}${axes(
    400,
    plot,
    labels.map((_, i) => i),
    [0, 1],
    linear([-0.5, labels.length - 0.5], [plot.left, plot.right]),
    linear([0, 1], [plot.bottom, plot.top]),
    { title: 't', xLabel: 'x', yLabel: 'y', xFormat: (i) => labels[i]!, yFormat: String, slanted },
  )}</svg>`;
}

describe('axes', () => {
  it('centres level x labels under their ticks', () => {
    const labels = svgTexts(drawn(false, ['a', 'b'])).filter((t) => t.y === plot.bottom + 16);
    expect(labels.map((l) => [l.text, l.x, l.anchor, l.rotation])).toEqual([
      ['a', 200, 'middle', 0],
      ['b', 400, 'middle', 0],
    ]);
  });

  it('slants x labels at 45° about their end, just below the tick', () => {
    const labels = svgTexts(drawn(true, ['first label', 'second'])).filter((t) => t.rotation === -45);
    expect(labels.map((l) => [l.text, l.x, l.y, l.anchor, l.rotation])).toEqual([
      ['first label', 203, 310, 'end', -45],
      ['second', 403, 310, 'end', -45],
    ]);
    // slantedExtent covers the box of the glyphs (measured with DejaVu Sans), whose width textWidth bounds.
    const outside = labels.flatMap((l) => {
      const tick = l.x - 3;
      const extent = slantedExtent(textWidth(l.text));
      const [left, , right, bottom] = l.box;
      return left >= tick - extent.left && right <= tick + extent.right && bottom <= plot.bottom + extent.below
        ? []
        : [`${l.text}: box ${l.box.map((v) => v.toFixed(1))}, extent ${JSON.stringify(extent)}`];
    });
    expect(outside).toEqual([]);
  });

  it('puts the title over the plot and the axis labels by their axes', () => {
    const texts = svgTexts(drawn(false, ['a']));
    expect(texts.find((t) => t.text === 't')).toMatchObject({ x: plot.left, y: 18, classes: ['title'] });
    expect(texts.find((t) => t.text === 'x')).toMatchObject({ x: 300, y: 392 });
    expect(texts.find((t) => t.text === 'y')).toMatchObject({ x: plot.left - 58, y: 164, rotation: -90 });
  });

  it('keeps the default margins of the report charts', () => {
    expect(MARGIN).toEqual({ left: 72, right: 16, top: 28, bottom: 44 });
  });
});
