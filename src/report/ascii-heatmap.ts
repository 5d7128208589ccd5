// A heatmap for the terminal, as damo 2.4.9 draws it (`report heats --plot_ascii`): a digit 0-9
// per pixel, level = min(int((heat - min) / ((max + 1 - min) / 9)), 9), on damo's 256-colour
// sets (without colour: the digits alone), then its footer lines, byte for byte.
import { damoSize, damoTime } from './damo-text.js';

export type ColorSet = 'gray' | 'flame' | 'emotion';

/** damo's colour sets: background and foreground per level. */
const COLORS: Record<ColorSet, [number[], number[]]> = {
  gray: [Array(10).fill(232), [237, 239, 241, 243, 245, 247, 249, 251, 253, 255]],
  flame: [
    [232, 1, 1, 2, 3, 3, 20, 21, 26, 27],
    [239, 235, 237, 239, 243, 245, 247, 249, 251, 255],
  ],
  emotion: [
    [232, 234, 20, 21, 26, 2, 3, 1, 1, 1],
    [239, 235, 237, 239, 243, 245, 247, 249, 251, 255],
  ],
};
const END = '\u001b[0m';

export function level(heat: number, min: number, max: number): number {
  return Math.min(Math.trunc((heat - min) / ((max + 1 - min) / 9)), 9);
}

export interface AsciiOptions {
  colors: ColorSet | null;
  /** The ranges drawn (whole units per row and column, as the heatmap's spec says). */
  time: [number, number];
  address: [number, number];
  /** The '# access_frequency:' line of colour samples (damo's --stdout_heatmap_skip_color_example leaves it out). */
  colorExample?: boolean;
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
  const colors = options.colors ? COLORS[options.colors] : null;
  const cell = (l: number) => (colors ? `\u001b[48;5;${colors[0][l]}m\u001b[38;5;${colors[1][l]}m${l}` : String(l));
  const end = colors ? END : '';
  const lines = grid.map((row) => `${row.map((heat) => cell(level(heat, min, max))).join('')}${end}`);
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  const [amin, amax] = options.address;
  const [tmin, tmax] = options.time;
  if (options.colorExample !== false)
    lines.push(`# access_frequency: ${Array.from({ length: 10 }, (_, l) => cell(l)).join(colors ? '' : ' ')}${end}`);
  lines.push(`# x-axis: space (${amin}-${amax}: ${damoSize(amax - amin)})`);
  lines.push(`# y-axis: time (${tmin}-${tmax}: ${damoTime(tmax - tmin)})`);
  lines.push(
    `# resolution: ${cols}x${rows} (${damoSize((amax - amin) / cols)} and ${damoTime((tmax - tmin) / rows)} for each character)`,
  );
  return lines.join('\n');
}
