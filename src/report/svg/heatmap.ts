// The access heatmap of one target (the run report's and `damon-exp heats --image`): time left
// to right, addresses bottom to top, as an embedded PNG, with axes in seconds and address
// offsets and a viridis colour scale.
import { encodeIndexedPng } from '../png.js';
import { viridis } from './colour.js';
import { MARGIN, svgOpen, type Box } from './frame.js';
import { byteTicks, formatTick, linear, niceTicks } from './scale.js';
import { escapeXml } from './text.js';
import { formatBytes } from '../../util/format.js';

export interface HeatmapFigure {
  title: string;
  /** rows (time) × cols (address), row-major. */
  heat: Float64Array;
  rows: number;
  cols: number;
  /** Seconds, for the x axis: [start, end] of the time range. */
  timeSeconds: [number, number];
  /** Bytes of the address range (the y axis shows offsets from its start). */
  addressBytes: number;
  /** Shown under the title: where the range starts, and so on. */
  subtitle: string;
  /** The time axis's label (default "time (s)"). */
  timeLabel?: string;
  /** Vertical marks at these times (s): the workload's phase changes, labelled with the phase that begins. */
  timeMarks?: { seconds: number; label: string }[];
  /** Horizontal bands of the address range (offsets in bytes): the workload's regions, by name. */
  addressMarks?: { from: number; to: number; label: string }[];
}

/** The hottest pixel's heat (0 for none, or none above 0). */
export function hottest(heat: Float64Array): number {
  let max = 0;
  for (const v of heat) if (v > max) max = v;
  return max;
}

/** Levels of heat a heatmap shows: viridis sampled 256 times, one palette entry each. */
const LEVELS = 256;
const VIRIDIS_PALETTE = Uint8Array.from(Array.from({ length: LEVELS }, (_, i) => viridis(i / (LEVELS - 1))).flat());

/**
 * A heatmap as PNG pixels, time left to right, addresses bottom to top; coloured from 0 to its
 * hottest pixel, `max`.
 */
export function heatmapPng(figure: Pick<HeatmapFigure, 'heat' | 'rows' | 'cols'>): { png: Buffer; max: number } {
  const { heat, rows, cols } = figure;
  const max = hottest(heat);
  const scale = max > 0 ? (LEVELS - 1) / max : 0;
  const indices = new Uint8Array(rows * cols);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const v = heat[row * cols + col]! * scale;
      // NaN and negative heats are 0, as viridis() takes them.
      indices[(cols - 1 - col) * rows + row] = v > 0 ? Math.min(LEVELS - 1, Math.round(v)) : 0;
    }
  }
  return { png: encodeIndexedPng(rows, cols, VIRIDIS_PALETTE, indices), max };
}

/** The PNG stretched over `box`, its pixels kept sharp. */
export function heatmapImage(box: Box, png: Buffer, tooltip?: string): string {
  const href = `data:image/png;base64,${png.toString('base64')}`;
  const attributes = `x="${box.left}" y="${box.top}" width="${box.right - box.left}" height="${box.bottom - box.top}" preserveAspectRatio="none" style="image-rendering:pixelated" href="${href}"`;
  return tooltip === undefined
    ? `<image ${attributes}/>`
    : `<image ${attributes}><title>${escapeXml(tooltip)}</title></image>`;
}

/** The colour scale's ramp: viridis from the bottom (0) of `box` to its top (the hottest pixel). */
export function colourRamp(box: Box): string {
  const steps = 50;
  const parts: string[] = [];
  const height = box.bottom - box.top;
  for (let i = 0; i < steps; i++) {
    const [r, g, b] = viridis((i + 0.5) / steps);
    const top = box.bottom - ((i + 1) / steps) * height;
    parts.push(
      `<rect x="${box.left}" y="${top.toFixed(1)}" width="${box.right - box.left}" height="${(height / steps + 0.5).toFixed(1)}" fill="rgb(${r},${g},${b})"/>`,
    );
  }
  return parts.join('');
}

/** The heatmap as an SVG: the pixels as an embedded PNG, axes in seconds and offsets, a colour scale. */
export function heatmapSvg(figure: HeatmapFigure): string {
  const width = 680;
  const height = 420;
  const plot: Box = { left: MARGIN.left, top: MARGIN.top + 14, right: width - 110, bottom: height - MARGIN.bottom };
  const { png, max } = heatmapPng(figure);
  const [t0, t1] = figure.timeSeconds;
  const x = linear([t0, t1], [plot.left, plot.right]);
  const y = linear([0, figure.addressBytes], [plot.bottom, plot.top]);
  const parts = [svgOpen(width, height, figure.title)];
  parts.push(`<text x="${plot.left}" y="18" class="title">${escapeXml(figure.title)}</text>`);
  parts.push(`<text x="${plot.left}" y="${MARGIN.top + 4}">${escapeXml(figure.subtitle)}</text>`);
  parts.push(heatmapImage(plot, png));
  parts.push(
    `<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" class="axis"/><line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" class="axis"/>`,
  );
  for (const t of niceTicks(t0, t1, 6)) {
    const px = x(t).toFixed(1);
    parts.push(
      `<line x1="${px}" y1="${plot.bottom}" x2="${px}" y2="${plot.bottom + 4}" class="axis"/><text x="${px}" y="${plot.bottom + 16}" text-anchor="middle">${formatTick(t)}</text>`,
    );
  }
  for (const b of byteTicks(figure.addressBytes)) {
    const py = y(b).toFixed(1);
    parts.push(
      `<line x1="${plot.left - 4}" y1="${py}" x2="${plot.left}" y2="${py}" class="axis"/><text x="${plot.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeXml(formatBytes(b, 'axis'))}</text>`,
    );
  }
  parts.push(...marks(figure, plot, x, y));
  parts.push(
    `<text x="${(plot.left + plot.right) / 2}" y="${height - 8}" text-anchor="middle" class="label">${escapeXml(figure.timeLabel ?? 'time (s)')}</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle" class="label">address offset</text>`,
  );
  // The colour scale: nr_accesses per aggregation interval, 0 to the hottest pixel.
  const scale = { left: plot.right + 24, width: 14 };
  parts.push(colourRamp({ left: scale.left, top: plot.top, right: scale.left + scale.width, bottom: plot.bottom }));
  const level = linear([0, max], [plot.bottom, plot.top]);
  for (const v of niceTicks(0, max || 1, 5)) {
    const py = level(v).toFixed(1);
    parts.push(
      `<text x="${scale.left + scale.width + 4}" y="${py}" dominant-baseline="middle">${formatTick(v)}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(${width - 8} ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle" class="label">nr_accesses (avg per aggregation)</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

/**
 * Phase changes as dashed white lines across the addresses, each labelled at the top with the
 * phase it begins; the workload's regions as their edges and names at the right, inside the plot.
 */
function marks(figure: HeatmapFigure, plot: Box, x: (value: number) => number, y: (value: number) => number): string[] {
  const parts: string[] = [];
  const [t0, t1] = figure.timeSeconds;
  for (const mark of figure.timeMarks ?? []) {
    if (mark.seconds <= t0 || mark.seconds >= t1) continue;
    const px = x(mark.seconds).toFixed(1);
    parts.push(
      `<line x1="${px}" y1="${plot.top}" x2="${px}" y2="${plot.bottom}" stroke="#fff" stroke-opacity="0.8" stroke-dasharray="4 3"><title>${escapeXml(mark.label)}</title></line>`,
      `<text x="${Number(px) + 2}" y="${plot.top + 10}" fill="#fff" style="fill:#fff;font-size:9px">${escapeXml(mark.label)}</text>`,
    );
  }
  for (const band of figure.addressMarks ?? []) {
    const from = Math.max(0, band.from);
    const to = Math.min(figure.addressBytes, band.to);
    if (to <= from) continue;
    for (const edge of [from, to]) {
      if (edge <= 0 || edge >= figure.addressBytes) continue;
      const py = y(edge).toFixed(1);
      parts.push(
        `<line x1="${plot.left}" y1="${py}" x2="${plot.right}" y2="${py}" stroke="#fff" stroke-opacity="0.5" stroke-dasharray="1 3"/>`,
      );
    }
    parts.push(
      `<text x="${plot.right - 4}" y="${y((from + to) / 2).toFixed(1)}" text-anchor="end" dominant-baseline="middle" style="fill:#fff;font-size:10px">${escapeXml(band.label)}</text>`,
    );
  }
  return parts;
}
