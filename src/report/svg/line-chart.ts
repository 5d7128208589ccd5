// A line chart of series over a numeric x (the run report's working set, regions and CPU
// charts): shared axes, a legend when there are several series.
import { seriesColour } from './colour.js';
import { axes, gridLines, legendEntry, MARGIN, svgOpen, type Box } from './frame.js';
import { byteTicks, formatTick, linear, niceTicks } from './scale.js';
import { escapeXml } from './text.js';
import { formatBytes } from '../../util/format.js';

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

/** The y tick labels' format a chart's options ask for. */
export function yFormatOf(options: Pick<ChartOptions, 'yFormat' | 'yKind'>): (value: number) => string {
  return options.yFormat ?? (options.yKind === 'bytes' ? (v: number) => formatBytes(v, 'axis') : formatTick);
}

/** A line chart of one or more series sharing axes; a legend when there are several. */
export function lineChart(series: LineSeries[], options: ChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 240;
  const plot: Box = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: width - MARGIN.right,
    bottom: height - MARGIN.bottom,
  };
  // Loops, not Math.max(...points): a long run's series outgrows the call stack's arguments.
  let [xMin, xMax, yMaxRaw, count] = [Infinity, -Infinity, -Infinity, 0];
  for (const s of series)
    for (const [px, py] of s.points) {
      xMin = Math.min(xMin, px);
      xMax = Math.max(xMax, px);
      yMaxRaw = Math.max(yMaxRaw, py);
      count++;
    }
  if (count === 0) [xMin, xMax, yMaxRaw] = [0, 1, 1];
  const yMin = options.yMin ?? 0;
  const yMax = yMaxRaw > yMin ? yMaxRaw * 1.05 : yMin + 1;
  const x = linear([xMin, xMax], [plot.left, plot.right]);
  const y = linear([yMin, yMax], [plot.bottom, plot.top]);
  const yTicks = options.yKind === 'bytes' ? byteTicks(yMax) : niceTicks(yMin, yMax);
  const parts = [svgOpen(width, height, options.title), gridLines(plot, yTicks, y)];
  parts.push(
    axes(height, plot, niceTicks(xMin, xMax, 6), yTicks, x, y, {
      ...options,
      xFormat: formatTick,
      yFormat: yFormatOf(options),
      figureWidth: width,
    }),
  );
  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const d = s.points.map(([px, py], j) => `${j ? 'L' : 'M'}${x(px).toFixed(1)} ${y(py).toFixed(1)}`).join('');
    parts.push(
      `<path d="${d}" fill="none" stroke="${seriesColour(i)}" stroke-width="1.5" class="series"><title>${escapeXml(s.name)}</title></path>`,
    );
  });
  if (series.length > 1)
    series.forEach((s, i) => parts.push(legendEntry(plot.right - 150, plot.top + 4 + i * 14, seriesColour(i), s.name)));
  parts.push('</svg>');
  return parts.join('');
}
