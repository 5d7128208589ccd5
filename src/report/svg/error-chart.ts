// Means with error bars (a sweep's paper figures): lines with markers over a numeric or
// categorical x, or grouped bars. The chart grows to hold its labels: x labels too long to
// stand level side by side are slanted, with the margins they need, and the legend is as wide
// as its longest name.
import { seriesColour } from './colour.js';
import { axes, gridLines, legendEntry, MARGIN, slantedExtent, svgOpen, type Box } from './frame.js';
import { yFormatOf, type ChartOptions } from './line-chart.js';
import { byteTicks, formatTick, linear, niceTicks } from './scale.js';
import { escapeXml, textWidth } from './text.js';

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
  /** A legend even for one series (its name says what the point is). */
  legend?: boolean;
}

/** Space between two level x labels, and the least room a slanted one needs along the axis. */
const LABEL_GAP = 6;
const SLANTED_PITCH = 18;
/** Nothing is drawn closer than this to the figure's edge. */
const EDGE = 2;

interface XAxisLayout {
  ticks: number[];
  slanted: boolean;
  /** The plot's width and the margins, grown where the labels need it. */
  plotWidth: number;
  left: number;
  right: number;
  bottom: number;
}

/**
 * Where the x tick labels go: level at every x when they fit side by side; else, for a numeric
 * axis, level at round ticks if those fit; else slanted (at the round ticks of a numeric axis),
 * with a wider plot when the ticks are too dense for slanted labels. The margins grow to hold
 * the labels that reach past them.
 */
function layoutXAxis(
  ticks: number[],
  fraction: (value: number) => number,
  format: (value: number) => string,
  roundTicks: number[] | null,
  plotWidth: number,
  rightOfPlot: number,
): XAxisLayout {
  const levelFits = (candidate: number[]) => {
    const at = candidate.map((t) => fraction(t) * plotWidth);
    const widths = candidate.map((t) => textWidth(format(t)));
    for (let i = 1; i < candidate.length; i++)
      if (at[i]! - at[i - 1]! < (widths[i]! + widths[i - 1]!) / 2 + LABEL_GAP) return false;
    return true;
  };
  const level = (candidate: number[]): XAxisLayout => {
    // Labels are centred on their ticks: the first may reach left of the margin, the last right of the figure.
    const left = Math.ceil(
      Math.max(MARGIN.left, ...candidate.map((t) => EDGE + textWidth(format(t)) / 2 - fraction(t) * plotWidth)),
    );
    const reach = Math.max(0, ...candidate.map((t) => fraction(t) * plotWidth + textWidth(format(t)) / 2 + EDGE));
    return {
      ticks: candidate,
      slanted: false,
      plotWidth,
      left,
      right: Math.max(MARGIN.right, Math.ceil(reach - plotWidth - rightOfPlot)),
      bottom: MARGIN.bottom,
    };
  };
  if (levelFits(ticks)) return level(ticks);
  if (roundTicks && levelFits(roundTicks)) return level(roundTicks);
  // Slanted: each label needs SLANTED_PITCH px along the axis, or the labels overlap.
  const slanted = roundTicks ?? ticks;
  let pitch = Infinity;
  for (let i = 1; i < slanted.length; i++)
    pitch = Math.min(pitch, (fraction(slanted[i]!) - fraction(slanted[i - 1]!)) * plotWidth);
  const width = pitch > 0 && pitch < SLANTED_PITCH ? Math.ceil((plotWidth * SLANTED_PITCH) / pitch) : plotWidth;
  const extents = slanted.map((t) => ({ at: fraction(t) * width, ...slantedExtent(textWidth(format(t))) }));
  return {
    ticks: slanted,
    slanted: true,
    plotWidth: width,
    left: Math.ceil(Math.max(MARGIN.left, ...extents.map((e) => EDGE + e.left - e.at))),
    right: Math.ceil(Math.max(MARGIN.right, ...extents.map((e) => e.at + e.right + EDGE - width - rightOfPlot))),
    // Below the labels: the x label's line (its baseline 8 px above the bottom edge).
    bottom: Math.ceil(Math.max(MARGIN.bottom, ...extents.map((e) => e.below + 22))),
  };
}

/** Means with error bars: lines with markers over a numeric or categorical x, or grouped bars. */
export function errorChart(series: ErrorSeries[], options: ErrorChartOptions): string {
  // A legend right of the plot: swatch, gap, the longest name, room to the edge.
  const legendWidth = series.length > 1 || options.legend ? 30 + Math.max(...series.map((s) => textWidth(s.name))) : 0;
  const legendRow = 16;
  const all = series.flatMap((s) => s.points);
  const categories = options.categories;
  const xs = all.map((p) => p.x);
  const [xMin, xMax] = categories ? [-0.5, categories.length - 0.5] : [Math.min(...xs, 0), Math.max(...xs, 1)];
  const yMin = Math.min(0, ...all.map((p) => p.low));
  const yTop = Math.max(...all.map((p) => p.high), yMin + 1e-9);
  const yMax = yTop > yMin ? yTop * 1.08 : yMin + 1;
  const xFormat = categories ? (i: number) => categories[i] ?? '' : (options.xFormat ?? formatTick);
  const fraction = linear([xMin, xMax], [0, 1]);
  const layout = layoutXAxis(
    categories ? categories.map((_, i) => i) : [...new Set(xs)].sort((a, b) => a - b),
    fraction,
    xFormat,
    categories ? null : niceTicks(xMin, xMax, 6),
    (options.width ?? 560) - MARGIN.left - MARGIN.right,
    MARGIN.right + legendWidth,
  );
  // The plot is at least as tall as the legend beside it.
  const plotHeight = Math.max(
    (options.height ?? 360) - MARGIN.top - MARGIN.bottom,
    legendWidth ? 4 + series.length * legendRow : 0,
  );
  const plot: Box = {
    left: layout.left,
    top: MARGIN.top,
    right: layout.left + layout.plotWidth,
    bottom: MARGIN.top + plotHeight,
  };
  const width = plot.right + layout.right + legendWidth;
  const height = plot.bottom + layout.bottom;
  const x = linear([xMin, xMax], [plot.left, plot.right]);
  const y = linear([yMin, yMax], [plot.bottom, plot.top]);
  const yTicks = options.yKind === 'bytes' ? byteTicks(yMax) : niceTicks(yMin, yMax);
  const parts = [svgOpen(width, height, options.title), gridLines(plot, yTicks, y)];
  parts.push(
    axes(height, plot, layout.ticks, yTicks, x, y, {
      ...options,
      xFormat,
      yFormat: yFormatOf(options),
      figureWidth: width,
      slanted: layout.slanted,
    }),
  );
  const slot = categories ? (x(1) - x(0)) * 0.8 : 0;
  series.forEach((s, i) => {
    const colour = seriesColour(i);
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
          `<rect x="${(px - barWidth / 2).toFixed(1)}" y="${y(Math.max(p.mean, 0)).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${Math.abs(y(p.mean) - y(0)).toFixed(1)}" fill="${colour}" class="series"><title>${escapeXml(`${s.name}: ${formatTick(p.mean)}`)}</title></rect>`,
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
  if (legendWidth)
    series.forEach((s, i) =>
      parts.push(legendEntry(plot.right + layout.right + 8, MARGIN.top + 4 + i * legendRow, seriesColour(i), s.name)),
    );
  parts.push('</svg>');
  return parts.join('');
}
