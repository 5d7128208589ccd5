// A heatmap for the terminal, as damo draws it: a digit 0-9 per pixel on a 256-colour
// background, level = min(floor((heat - min) / ((max + 1 - min) / 9)), 9), then footer lines.
import { formatBytes, formatDuration } from '../manifest/units.js';

export type ColorSet = 'gray' | 'flame' | 'emotion';

const COLORS: Record<ColorSet, number[]> = {
  gray: [232, 235, 238, 241, 244, 247, 250, 253, 255, 231],
  flame: [232, 52, 88, 124, 160, 196, 202, 208, 214, 226],
  emotion: [232, 17, 19, 21, 27, 33, 39, 45, 51, 123],
};

export function level(heat: number, min: number, max: number): number {
  return Math.min(Math.floor((heat - min) / ((max + 1 - min) / 9)), 9);
}

export interface AsciiOptions {
  colors: ColorSet | null;
  time: [number, number];
  address: [number, number];
}

export function asciiHeatmap(grid: number[][], options: AsciiOptions): string {
  let min = Infinity;
  let max = -Infinity;
  for (const row of grid) {
    for (const heat of row) {
      if (heat < min) min = heat;
      if (heat > max) max = heat;
    }
  }
  const cell = (l: number) =>
    options.colors
      ? `\u001b[38;5;${COLORS[options.colors][9 - l]}m\u001b[48;5;${COLORS[options.colors][l]}m${l}\u001b[0m`
      : String(l);
  const lines = grid.map((row) => row.map((heat) => cell(level(heat, min, max))).join(''));
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  const span = options.address[1] - options.address[0];
  const duration = (options.time[1] - options.time[0]) / 1000;
  lines.push(`# access_frequency: ${Array.from({ length: 10 }, (_, l) => cell(l)).join(' ')}`);
  lines.push(`# x-axis: space (${options.address[0]}-${options.address[1]}: ${formatBytes(span)})`);
  lines.push(`# y-axis: time (${options.time[0]}-${options.time[1]}: ${formatDuration(Math.round(duration))})`);
  lines.push(
    `# resolution: ${cols}x${rows} (${formatBytes(span / cols)} and ${formatDuration(Math.round(duration / rows))} each)`,
  );
  return lines.join('\n');
}
