// What every chart has around its data: the <svg> element and its style, the plot's box within
// the margins, labelled axes with ticks, and legend entries.
import { escapeXml, fitText, labelText } from './text.js';

/** A rectangle on the page, in px from the top left corner. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Room around a chart's plot: tick labels and the y label on the left, the title on top, tick
 * labels and the x label below.
 */
export const MARGIN = { left: 72, right: 16, top: 28, bottom: 44 };

export const FONT_SIZE = 11;

const STYLE =
  '<style>text{font:11px sans-serif;fill:#222}.title{font-weight:bold;font-size:12px}.label{font-size:11px}.axis{stroke:#444;stroke-width:1}.grid{stroke:#ddd}</style>';

/** The opening <svg> tag and the style of every figure; `label` is read out by screen readers. */
export function svgOpen(width: number, height: number, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(label)}">${STYLE}`;
}

/**
 * Slanted x tick labels (45°, reading upwards to the right) end just below their tick. Relative
 * to the tick's foot (x, plot bottom): the anchor where the label's baseline ends, and how far a
 * label `width` px long reaches left of the tick, right of it and below the plot.
 */
export const SLANT = { dx: 3, dy: 10 };
export function slantedExtent(width: number): { left: number; right: number; below: number } {
  // A glyph reaches 0.8 em above its baseline and 0.25 em below; rotated by 45°, each length
  // projects onto x and y by √½.
  const ascent = 0.8 * FONT_SIZE;
  const descent = 0.25 * FONT_SIZE;
  return {
    left: Math.SQRT1_2 * (width + ascent) - SLANT.dx,
    right: SLANT.dx + Math.SQRT1_2 * descent,
    below: SLANT.dy + Math.SQRT1_2 * (width + descent),
  };
}

export interface AxesOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  xFormat: (value: number) => string;
  yFormat: (value: number) => string;
  /** x tick labels at 45° instead of level (for long labels). */
  slanted?: boolean;
  /** The figure's width: a longer title is cut to it with an ellipsis (whole in its tooltip). */
  figureWidth?: number;
}

/**
 * The title, both axes with their ticks and tick labels, and the axis labels, of a chart `height`
 * px high (the y label 58 px left of the plot, where the default margin puts it).
 */
export function axes(
  height: number,
  plot: Box,
  xTicks: number[],
  yTicks: number[],
  x: (value: number) => number,
  y: (value: number) => number,
  options: AxesOptions,
): string {
  const parts: string[] = [];
  const titleRoom = options.figureWidth === undefined ? Infinity : options.figureWidth - plot.left - 4;
  parts.push(labelText(`x="${plot.left}" y="18" class="title"`, fitText(options.title, titleRoom, 12), options.title));
  parts.push(`<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" class="axis"/>`);
  parts.push(`<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" class="axis"/>`);
  for (const t of xTicks) {
    const px = x(t).toFixed(1);
    const tick = `<line x1="${px}" y1="${plot.bottom}" x2="${px}" y2="${plot.bottom + 4}" class="axis"/>`;
    if (options.slanted) {
      const [ax, ay] = [(x(t) + SLANT.dx).toFixed(1), plot.bottom + SLANT.dy];
      parts.push(
        tick +
          labelText(`x="${ax}" y="${ay}" text-anchor="end" transform="rotate(-45 ${ax} ${ay})"`, options.xFormat(t)),
      );
    } else
      parts.push(
        `${tick}<text x="${px}" y="${plot.bottom + 16}" text-anchor="middle">${escapeXml(options.xFormat(t))}</text>`,
      );
  }
  for (const t of yTicks) {
    const py = y(t).toFixed(1);
    parts.push(
      `<line x1="${plot.left - 4}" y1="${py}" x2="${plot.left}" y2="${py}" class="axis"/><text x="${plot.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeXml(options.yFormat(t))}</text>`,
    );
  }
  parts.push(
    `<text x="${(plot.left + plot.right) / 2}" y="${height - 8}" text-anchor="middle" class="label">${escapeXml(options.xLabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(${plot.left - MARGIN.left + 14} ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle" class="label">${escapeXml(options.yLabel)}</text>`,
  );
  return parts.join('');
}

/** Horizontal grid lines across the plot at the y ticks. */
export function gridLines(plot: Box, yTicks: number[], y: (value: number) => number): string {
  return yTicks
    .map(
      (t) =>
        `<line x1="${plot.left}" y1="${y(t).toFixed(1)}" x2="${plot.right}" y2="${y(t).toFixed(1)}" class="grid"/>`,
    )
    .join('');
}

/** A legend entry: a colour swatch and the series' name, from (x, y) down and to the right. */
export function legendEntry(x: number, y: number, colour: string, name: string): string {
  return `<rect x="${x}" y="${y}" width="10" height="10" fill="${colour}"/><text x="${x + 14}" y="${y + 9}">${escapeXml(name)}</text>`;
}
