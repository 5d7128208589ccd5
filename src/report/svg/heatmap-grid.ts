// Heatmaps side by side (a sweep's `type: heatmaps` figure): a row per series value, a column per
// x value. Each map has its own axes (seconds since its first snapshot; address offsets from the
// start of its range, which is written under it) and its own colour bar: each map is coloured
// from 0 to its own hottest pixel, as the figure's note says, so that a quiet run still shows
// its pattern beside a busy one; the number atop each bar tells the maps' scales apart.
import { svgOpen, type Box } from './frame.js';
import { colourRamp, heatmapImage, heatmapPng, hottest } from './heatmap.js';
import { byteTicks, formatTick, linear, niceTicks } from './scale.js';
import { escapeXml, fitText, labelText, textWidth, wrapText } from './text.js';
import { formatBytes } from '../../util/format.js';

export interface HeatmapCell {
  /** Under the map: which target it shows. */
  title: string;
  /** On hovering: the run. */
  tooltip: string;
  heat: Float64Array;
  rows: number;
  cols: number;
  /** [start, end] of the time the map shows, in ns. */
  timeNs: [number, number];
  /** [start, end] of the addresses the map shows, in bytes. */
  address: [number, number];
}

export interface HeatmapGridOptions {
  title: string;
  rowLabels: string[];
  colLabels: string[];
  /** What the columns and the rows stand for. */
  xLabel: string;
  yLabel: string;
}

const MAP = { width: 180, height: 140 };
/** Tick labels, captions and the colour bars' numbers are smaller than the rest. */
const SMALL = 10;
const TICK = 4;
const BAR = { gap: 8, width: 8 };
const GAP = { col: 16, row: 14 };
const MAX_TITLE_WIDTH = 1600;
/** Below a map: time tick labels, the time caption, the cell's title, its address range. */
const BELOW = [TICK + 11, 28, 42, 56] as const;
const TIME_TICKS = 4;
const ADDRESS_TICKS = 4;

/** The time axis of a map: seconds since its start. */
function timeTicks(cell: HeatmapCell): { seconds: number; ticks: number[] } {
  const seconds = (cell.timeNs[1] - cell.timeNs[0]) / 1e9;
  return { seconds, ticks: niceTicks(0, seconds, TIME_TICKS) };
}

function addressTicks(cell: HeatmapCell): { bytes: number; ticks: number[] } {
  const bytes = cell.address[1] - cell.address[0];
  return { bytes, ticks: byteTicks(bytes, ADDRESS_TICKS) };
}

/** One map with its axes and colour bar; `map` is where its pixels go. */
function cellSvg(cell: HeatmapCell, map: Box, column: Box): string {
  const { png, max } = heatmapPng(cell);
  const parts = [heatmapImage(map, png, cell.tooltip)];
  parts.push(
    `<line x1="${map.left}" y1="${map.bottom}" x2="${map.right}" y2="${map.bottom}" class="axis"/><line x1="${map.left}" y1="${map.top}" x2="${map.left}" y2="${map.bottom}" class="axis"/>`,
  );
  const time = timeTicks(cell);
  const x = linear([0, time.seconds], [map.left, map.right]);
  for (const t of time.ticks) {
    const px = x(t).toFixed(1);
    parts.push(
      `<line x1="${px}" y1="${map.bottom}" x2="${px}" y2="${map.bottom + TICK}" class="axis"/><text x="${px}" y="${map.bottom + BELOW[0]}" text-anchor="middle" class="tick">${formatTick(t)}</text>`,
    );
  }
  const address = addressTicks(cell);
  const y = linear([0, address.bytes], [map.bottom, map.top]);
  for (const b of address.ticks) {
    const py = y(b).toFixed(1);
    parts.push(
      `<line x1="${map.left - TICK}" y1="${py}" x2="${map.left}" y2="${py}" class="axis"/><text x="${map.left - TICK - 2}" y="${py}" text-anchor="end" dominant-baseline="middle" class="tick">${escapeXml(formatBytes(b, 'axis'))}</text>`,
    );
  }
  const middle = (map.top + map.bottom) / 2;
  parts.push(
    `<text x="${(map.left + map.right) / 2}" y="${map.bottom + BELOW[1]}" text-anchor="middle" class="tick">time (s)</text>`,
    `<text transform="translate(${column.left + SMALL} ${middle}) rotate(-90)" text-anchor="middle" class="tick">address offset</text>`,
  );
  // The colour bar: 0 at the bottom, this map's hottest pixel at the top.
  const bar: Box = {
    left: map.right + BAR.gap,
    top: map.top,
    right: map.right + BAR.gap + BAR.width,
    bottom: map.bottom,
  };
  parts.push(
    colourRamp(bar),
    `<text x="${bar.right + 3}" y="${bar.bottom}" dominant-baseline="middle" class="tick colour-min">0</text>`,
    `<text x="${bar.right + 3}" y="${bar.top}" dominant-baseline="middle" class="tick colour-max">${formatTick(max)}</text>`,
  );
  const room = column.right - column.left - 8;
  const range = `from 0x${cell.address[0].toString(16)}, ${formatBytes(address.bytes, 'axis')}`;
  parts.push(
    labelText(`x="${column.left}" y="${map.bottom + BELOW[2]}" class="label"`, fitText(cell.title, room), cell.title),
    labelText(`x="${column.left}" y="${map.bottom + BELOW[3]}" class="tick"`, fitText(range, room, SMALL), range),
  );
  return parts.join('');
}

/** Heatmaps side by side: a row per series value, a column per x value; each with its axes and its own colour scale. */
export function heatmapGrid(cells: (HeatmapCell | null)[][], options: HeatmapGridOptions): string {
  const present = cells.flat().filter((c): c is HeatmapCell => c !== null);
  // A column: the address caption and tick labels, the map, the colour bar and its numbers.
  const addressLabels = present.flatMap((c) => addressTicks(c).ticks.map((b) => formatBytes(b, 'axis')));
  const gutter =
    SMALL + 4 + Math.max(textWidth('0', SMALL), ...addressLabels.map((l) => textWidth(l, SMALL))) + TICK + 2;
  const barLabels = present.map((c) => formatTick(hottest(c.heat)));
  const barRoom =
    BAR.gap + BAR.width + 3 + Math.max(textWidth('0', SMALL), ...barLabels.map((l) => textWidth(l, SMALL)));
  const colWidth = gutter + MAP.width + barRoom + GAP.col;
  const rowHeight = MAP.height + BELOW[3] + 4 + GAP.row;
  const rowLabelWidth = Math.max(0, ...options.rowLabels.map((l) => textWidth(l)));
  const left = rowLabelWidth > 0 ? rowLabelWidth + 16 : 8;
  // Bold text is about a tenth wider. A title widens the figure up to MAX_TITLE_WIDTH; a longer
  // one is cut with an ellipsis (whole in its tooltip).
  const width = Math.max(
    left + options.colLabels.length * colWidth,
    Math.min(MAX_TITLE_WIDTH, 16 + Math.ceil(textWidth(options.title, 12) * 1.1)),
  );
  const note = [
    `columns: ${options.xLabel}${options.yLabel ? `; rows: ${options.yLabel}` : ''}.`,
    'Each map: time (s) since its first snapshot left to right; addresses bottom to top, as offsets from the start of its range (written under it);',
    'colour: nr_accesses (avg per aggregation), each map scaled from 0 to its own hottest pixel (the number atop its colour bar).',
  ].join(' ');
  const noteLines = wrapText(note, width - 16);
  const headerBottom = 34 + noteLines.length * 14 + 4;
  const top = headerBottom + 10;
  const height = top + options.rowLabels.length * rowHeight;
  const parts = [svgOpen(width, height, options.title), `<style>.tick{font-size:${SMALL}px}</style>`];
  parts.push(labelText('x="8" y="18" class="title"', fitText(options.title, (width - 16) / 1.1, 12), options.title));
  noteLines.forEach((line, i) =>
    parts.push(`<text x="8" y="${34 + i * 14}" class="label note">${escapeXml(line)}</text>`),
  );
  options.colLabels.forEach((label, c) =>
    parts.push(
      labelText(
        `x="${left + c * colWidth + gutter + MAP.width / 2}" y="${headerBottom}" text-anchor="middle"`,
        fitText(label, colWidth - 8),
        label,
      ),
    ),
  );
  options.rowLabels.forEach((label, r) => {
    const rowTop = top + r * rowHeight;
    parts.push(
      `<text x="${left - 8}" y="${rowTop + MAP.height / 2}" text-anchor="end" dominant-baseline="middle">${escapeXml(label)}</text>`,
    );
    (cells[r] ?? []).forEach((cell, c) => {
      const column: Box = {
        left: left + c * colWidth,
        top: rowTop,
        right: left + (c + 1) * colWidth,
        bottom: rowTop + rowHeight,
      };
      const map: Box = {
        left: column.left + gutter,
        top: rowTop,
        right: column.left + gutter + MAP.width,
        bottom: rowTop + MAP.height,
      };
      if (cell) parts.push(cellSvg(cell, map, column));
      else
        parts.push(
          `<rect x="${map.left}" y="${map.top}" width="${MAP.width}" height="${MAP.height}" fill="#f4f4f4" stroke="#ccc"/><text x="${map.left + MAP.width / 2}" y="${map.top + MAP.height / 2}" text-anchor="middle">no complete run here</text>`,
        );
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
