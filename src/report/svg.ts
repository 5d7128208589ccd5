// SVG figures for the report and the command line: line charts and heatmaps with labelled axes,
// units and a colour scale. Strings only, deterministic: the same data gives the same bytes.
import { encodePng } from './png.js';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Round numbers for an axis from min to max: about `count` of them, steps of 1, 2 or 5 × 10^k. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const power = 10 ** Math.floor(Math.log10((max - min) / count));
  // The finest step that gives at most count + 1 ticks.
  const step = ([1, 2, 5, 10].find((m) => Math.floor((max - min) / (m * power)) + 1 <= count + 1) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Ticks for byte offsets, in steps of a power of two times 1, 2 or 5 of a binary unit. */
export function byteTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const unit = [2 ** 30, 2 ** 20, 2 ** 10, 1].find((u) => max / u >= 1) ?? 1;
  return niceTicks(0, max / unit, count).map((v) => v * unit);
}

const fmt = (v: number) => String(Number(v.toPrecision(4)));

export function formatOffset(bytes: number): string {
  if (bytes === 0) return '0';
  const unit = (['GiB', 'MiB', 'KiB'] as const).find((_, i) => Math.abs(bytes) >= 2 ** (30 - 10 * i));
  return unit ? `${fmt(bytes / { GiB: 2 ** 30, MiB: 2 ** 20, KiB: 2 ** 10 }[unit])} ${unit}` : `${bytes} B`;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

export interface LineSeries {
  name: string;
  points: [number, number][];
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Formats a y tick. */
  yFormat?: (value: number) => string;
  /** 'bytes': y ticks at binary-unit steps. */
  yKind?: 'number' | 'bytes';
  yMin?: number;
  width?: number;
  height?: number;
}

const MARGIN = { left: 72, right: 16, top: 28, bottom: 44 };

function axes(
  width: number,
  height: number,
  xTicks: number[],
  yTicks: number[],
  x: (v: number) => number,
  y: (v: number) => number,
  options: {
    xLabel: string;
    yLabel: string;
    title: string;
    yFormat: (v: number) => string;
    xFormat?: (v: number) => string;
  },
): string {
  const plotBottom = height - MARGIN.bottom;
  const parts: string[] = [];
  parts.push(`<text x="${MARGIN.left}" y="18" class="title">${escapeXml(options.title)}</text>`);
  parts.push(
    `<line x1="${MARGIN.left}" y1="${plotBottom}" x2="${width - MARGIN.right}" y2="${plotBottom}" class="axis"/>`,
  );
  parts.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${plotBottom}" class="axis"/>`);
  for (const t of xTicks) {
    const px = x(t).toFixed(1);
    parts.push(
      `<line x1="${px}" y1="${plotBottom}" x2="${px}" y2="${plotBottom + 4}" class="axis"/><text x="${px}" y="${plotBottom + 16}" text-anchor="middle">${escapeXml((options.xFormat ?? fmt)(t))}</text>`,
    );
  }
  for (const t of yTicks) {
    const py = y(t).toFixed(1);
    parts.push(
      `<line x1="${MARGIN.left - 4}" y1="${py}" x2="${MARGIN.left}" y2="${py}" class="axis"/><text x="${MARGIN.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeXml(options.yFormat(t))}</text>`,
    );
  }
  parts.push(
    `<text x="${(MARGIN.left + width - MARGIN.right) / 2}" y="${height - 8}" text-anchor="middle" class="label">${escapeXml(options.xLabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${(MARGIN.top + plotBottom) / 2}) rotate(-90)" text-anchor="middle" class="label">${escapeXml(options.yLabel)}</text>`,
  );
  return parts.join('');
}

const STYLE =
  '<style>text{font:11px sans-serif;fill:#222}.title{font-weight:bold;font-size:12px}.label{font-size:11px}.axis{stroke:#444;stroke-width:1}.grid{stroke:#ddd}</style>';

function svgOpen(width: number, height: number, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(label)}">${STYLE}`;
}

/** A line chart of one or more series sharing axes; a legend when there are several. */
export function lineChart(series: LineSeries[], options: ChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 240;
  const all = series.flatMap((s) => s.points);
  const xMin = all.length ? Math.min(...all.map((p) => p[0])) : 0;
  const xMax = all.length ? Math.max(...all.map((p) => p[0])) : 1;
  const yMin = options.yMin ?? 0;
  const yMaxRaw = all.length ? Math.max(...all.map((p) => p[1])) : 1;
  const yMax = yMaxRaw > yMin ? yMaxRaw * 1.05 : yMin + 1;
  const x = (v: number) => MARGIN.left + ((v - xMin) / (xMax - xMin || 1)) * (width - MARGIN.left - MARGIN.right);
  const y = (v: number) =>
    height - MARGIN.bottom - ((v - yMin) / (yMax - yMin)) * (height - MARGIN.top - MARGIN.bottom);
  const yTicks = options.yKind === 'bytes' ? byteTicks(yMax) : niceTicks(yMin, yMax);
  const parts = [svgOpen(width, height, options.title)];
  for (const t of yTicks)
    parts.push(
      `<line x1="${MARGIN.left}" y1="${y(t).toFixed(1)}" x2="${width - MARGIN.right}" y2="${y(t).toFixed(1)}" class="grid"/>`,
    );
  parts.push(
    axes(width, height, niceTicks(xMin, xMax, 6), yTicks, x, y, {
      ...options,
      yFormat: options.yFormat ?? (options.yKind === 'bytes' ? formatOffset : fmt),
    }),
  );
  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const d = s.points.map(([px, py], j) => `${j ? 'L' : 'M'}${x(px).toFixed(1)} ${y(py).toFixed(1)}`).join('');
    parts.push(
      `<path d="${d}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="1.5" class="series"><title>${escapeXml(s.name)}</title></path>`,
    );
  });
  if (series.length > 1) {
    series.forEach((s, i) => {
      const lx = width - MARGIN.right - 150;
      const ly = MARGIN.top + 4 + i * 14;
      parts.push(
        `<rect x="${lx}" y="${ly}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${lx + 14}" y="${ly + 9}">${escapeXml(s.name)}</text>`,
      );
    });
  }
  parts.push('</svg>');
  return parts.join('');
}

// Viridis, sampled: perceptually even and readable in grey print.
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [180, 222, 44],
  [253, 231, 37],
];

export function viridis(fraction: number): [number, number, number] {
  const f = Math.min(1, Math.max(0, fraction)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(f));
  const t = f - i;
  const [a, b] = [VIRIDIS[i]!, VIRIDIS[i + 1]!];
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * t)) as [number, number, number];
}

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
}

/** A heatmap as PNG pixels: time left to right, addresses bottom to top. */
export function heatmapPng(figure: Pick<HeatmapFigure, 'heat' | 'rows' | 'cols'>): { png: Buffer; max: number } {
  const { heat, rows, cols } = figure;
  let max = 0;
  for (const v of heat) if (v > max) max = v;
  const rgb = new Uint8Array(rows * cols * 3);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const [r, g, b] = viridis(max > 0 ? heat[row * cols + col]! / max : 0);
      const at = ((cols - 1 - col) * rows + row) * 3;
      rgb[at] = r;
      rgb[at + 1] = g;
      rgb[at + 2] = b;
    }
  }
  return { png: encodePng(rows, cols, rgb), max };
}

/** The heatmap as an SVG: the pixels as an embedded PNG, axes in seconds and offsets, a colour scale. */
export function heatmapSvg(figure: HeatmapFigure): string {
  const width = 680;
  const height = 420;
  const plot = { left: MARGIN.left, top: MARGIN.top + 14, right: width - 110, bottom: height - MARGIN.bottom };
  const { png, max } = heatmapPng(figure);
  const [t0, t1] = figure.timeSeconds;
  const x = (v: number) => plot.left + ((v - t0) / (t1 - t0 || 1)) * (plot.right - plot.left);
  const y = (v: number) => plot.bottom - (v / (figure.addressBytes || 1)) * (plot.bottom - plot.top);
  const parts = [svgOpen(width, height, figure.title)];
  parts.push(`<text x="${plot.left}" y="18" class="title">${escapeXml(figure.title)}</text>`);
  parts.push(`<text x="${plot.left}" y="${MARGIN.top + 4}">${escapeXml(figure.subtitle)}</text>`);
  parts.push(
    `<image x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${png.toString('base64')}"/>`,
  );
  parts.push(
    `<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" class="axis"/><line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" class="axis"/>`,
  );
  for (const t of niceTicks(t0, t1, 6)) {
    const px = x(t).toFixed(1);
    parts.push(
      `<line x1="${px}" y1="${plot.bottom}" x2="${px}" y2="${plot.bottom + 4}" class="axis"/><text x="${px}" y="${plot.bottom + 16}" text-anchor="middle">${fmt(t)}</text>`,
    );
  }
  for (const b of byteTicks(figure.addressBytes)) {
    const py = y(b).toFixed(1);
    parts.push(
      `<line x1="${plot.left - 4}" y1="${py}" x2="${plot.left}" y2="${py}" class="axis"/><text x="${plot.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeXml(formatOffset(b))}</text>`,
    );
  }
  parts.push(
    `<text x="${(plot.left + plot.right) / 2}" y="${height - 8}" text-anchor="middle" class="label">time (s)</text>`,
  );
  parts.push(
    `<text transform="translate(14 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle" class="label">address offset</text>`,
  );
  // The colour scale: nr_accesses per aggregation interval, 0 to the hottest pixel.
  const scale = { left: plot.right + 24, width: 14 };
  const steps = 50;
  for (let i = 0; i < steps; i++) {
    const [r, g, b] = viridis((i + 0.5) / steps);
    const top = plot.bottom - ((i + 1) / steps) * (plot.bottom - plot.top);
    parts.push(
      `<rect x="${scale.left}" y="${top.toFixed(1)}" width="${scale.width}" height="${((plot.bottom - plot.top) / steps + 0.5).toFixed(1)}" fill="rgb(${r},${g},${b})"/>`,
    );
  }
  for (const v of niceTicks(0, max || 1, 5)) {
    const py = (plot.bottom - (v / (max || 1)) * (plot.bottom - plot.top)).toFixed(1);
    parts.push(`<text x="${scale.left + scale.width + 4}" y="${py}" dominant-baseline="middle">${fmt(v)}</text>`);
  }
  parts.push(
    `<text transform="translate(${width - 8} ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle" class="label">nr_accesses (avg per aggregation)</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

export interface ErrorSeries {
  name: string;
  /** x: a position (numeric axis) or the index of a category; low/high: the error bar. */
  points: { x: number; mean: number; low: number; high: number }[];
}

export interface ErrorChartOptions extends ChartOptions {
  kind: 'line' | 'bar';
  /** Category labels when x is categorical (bar charts, or non-numeric parameters). */
  categories?: string[];
  xFormat?: (value: number) => string;
}

/** Means with error bars: lines with markers over a numeric or categorical x, or grouped bars. */
export function errorChart(series: ErrorSeries[], options: ErrorChartOptions): string {
  const height = options.height ?? 360;
  // Room for the legend's longest name (about 6.5 px a character at 11 px).
  const legendWidth = series.length > 1 ? 30 + Math.ceil(Math.max(...series.map((s) => s.name.length)) * 6.5) : 0;
  const width = (options.width ?? 560) + legendWidth;
  const right = width - MARGIN.right - legendWidth;
  const all = series.flatMap((s) => s.points);
  const categorical = options.categories !== undefined;
  const xs = all.map((p) => p.x);
  const [xMin, xMax] = categorical
    ? [-0.5, options.categories!.length - 0.5]
    : [Math.min(...xs, 0), Math.max(...xs, 1)];
  const yMin = Math.min(0, ...all.map((p) => p.low));
  const yTop = Math.max(...all.map((p) => p.high), yMin + 1e-9);
  const yMax = yTop > yMin ? yTop * 1.08 : yMin + 1;
  const x = (v: number) => MARGIN.left + ((v - xMin) / (xMax - xMin || 1)) * (right - MARGIN.left);
  const y = (v: number) =>
    height - MARGIN.bottom - ((v - yMin) / (yMax - yMin)) * (height - MARGIN.top - MARGIN.bottom);
  const yTicks = options.yKind === 'bytes' ? byteTicks(yMax) : niceTicks(yMin, yMax);
  const xTicks = categorical ? options.categories!.map((_, i) => i) : [...new Set(xs)].sort((a, b) => a - b);
  const xFormat = categorical ? (i: number) => options.categories![i] ?? '' : (options.xFormat ?? fmt);
  const parts = [svgOpen(width, height, options.title)];
  for (const t of yTicks)
    parts.push(
      `<line x1="${MARGIN.left}" y1="${y(t).toFixed(1)}" x2="${right}" y2="${y(t).toFixed(1)}" class="grid"/>`,
    );
  parts.push(
    axes(right + MARGIN.right, height, xTicks, yTicks, x, y, {
      ...options,
      xFormat,
      yFormat: options.yFormat ?? (options.yKind === 'bytes' ? formatOffset : fmt),
    }),
  );
  const slot = categorical ? (x(1) - x(0)) * 0.8 : 0;
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const offset = options.kind === 'bar' ? -slot / 2 + (slot / series.length) * (i + 0.5) : 0;
    const barWidth = options.kind === 'bar' ? (slot / series.length) * 0.9 : 0;
    if (options.kind === 'line' && s.points.length > 1) {
      const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${x(p.x).toFixed(1)} ${y(p.mean).toFixed(1)}`).join('');
      parts.push(
        `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5" class="series"><title>${escapeXml(s.name)}</title></path>`,
      );
    }
    for (const p of s.points) {
      const px = x(p.x) + offset;
      if (options.kind === 'bar') {
        parts.push(
          `<rect x="${(px - barWidth / 2).toFixed(1)}" y="${y(Math.max(p.mean, 0)).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${Math.abs(y(p.mean) - y(0)).toFixed(1)}" fill="${colour}" class="series"><title>${escapeXml(`${s.name}: ${fmt(p.mean)}`)}</title></rect>`,
        );
      } else
        parts.push(
          `<circle cx="${px.toFixed(1)}" cy="${y(p.mean).toFixed(1)}" r="3" fill="${colour}" class="series"/>`,
        );
      if (p.high > p.low) {
        const cap = 4;
        parts.push(
          `<path d="M${px.toFixed(1)} ${y(p.low).toFixed(1)}V${y(p.high).toFixed(1)}M${(px - cap).toFixed(1)} ${y(p.low).toFixed(1)}H${(px + cap).toFixed(1)}M${(px - cap).toFixed(1)} ${y(p.high).toFixed(1)}H${(px + cap).toFixed(1)}" stroke="#222" stroke-width="1" fill="none"/>`,
        );
      }
    }
  });
  if (legendWidth) {
    series.forEach((s, i) => {
      const lx = right + MARGIN.right + 8;
      const ly = MARGIN.top + 4 + i * 16;
      parts.push(
        `<rect x="${lx}" y="${ly}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${lx + 14}" y="${ly + 9}">${escapeXml(s.name)}</text>`,
      );
    });
  }
  parts.push('</svg>');
  return parts.join('');
}

export interface HeatmapCell {
  /** Under the map: which target it shows. */
  title: string;
  /** On hovering: the run. */
  tooltip: string;
  heat: Float64Array;
  rows: number;
  cols: number;
}

/** Heatmaps side by side: a row per series value, a column per x value; each scaled to its own hottest pixel. */
export function heatmapGrid(
  cells: (HeatmapCell | null)[][],
  options: { title: string; rowLabels: string[]; colLabels: string[]; xLabel: string; yLabel: string },
): string {
  const cellWidth = 180;
  const cellHeight = 140;
  const left = 110;
  const top = 48;
  const width = left + options.colLabels.length * (cellWidth + 10) + 10;
  const height = top + options.rowLabels.length * (cellHeight + 28) + 30;
  const parts = [svgOpen(width, height, options.title)];
  parts.push(`<text x="8" y="18" class="title">${escapeXml(options.title)}</text>`);
  parts.push(
    `<text x="${left}" y="34" class="label">${escapeXml(`columns: ${options.xLabel}; rows: ${options.yLabel}; time left to right, addresses bottom to top; each map scaled to its hottest pixel`)}</text>`,
  );
  options.colLabels.forEach((label, c) =>
    parts.push(
      `<text x="${left + c * (cellWidth + 10) + cellWidth / 2}" y="${top - 2}" text-anchor="middle">${escapeXml(label)}</text>`,
    ),
  );
  options.rowLabels.forEach((label, r) => {
    const cy = top + 8 + r * (cellHeight + 28);
    parts.push(`<text x="${left - 8}" y="${cy + cellHeight / 2}" text-anchor="end">${escapeXml(label)}</text>`);
    cells[r]!.forEach((cell, c) => {
      const cx = left + c * (cellWidth + 10);
      if (!cell) {
        parts.push(
          `<rect x="${cx}" y="${cy}" width="${cellWidth}" height="${cellHeight}" fill="#f4f4f4" stroke="#ccc"/><text x="${cx + cellWidth / 2}" y="${cy + cellHeight / 2}" text-anchor="middle">no complete run here</text>`,
        );
        return;
      }
      const { png } = heatmapPng(cell);
      parts.push(
        `<image x="${cx}" y="${cy}" width="${cellWidth}" height="${cellHeight}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${png.toString('base64')}"><title>${escapeXml(cell.tooltip)}</title></image>`,
      );
      parts.push(`<text x="${cx}" y="${cy + cellHeight + 12}" class="label">${escapeXml(cell.title)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
