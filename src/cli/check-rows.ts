// The table doctor and setup print: a name, a coloured word (ok, FAIL, …), what was found, and
// under it, dimmed, what to do about it.
import { paint, type Output } from './output.js';

export type Mark = [word: string, colour: 'green' | 'yellow' | 'red' | 'dim'];

export interface CheckRow {
  name: string;
  /** null: a row of information, with no word. */
  mark: Mark | null;
  detail: string;
  /** Printed under the row when given. */
  hint?: string | null;
}

/** The rows, their names padded to `nameWidth` (default: the longest) and their words to `markWidth`. */
export function printCheckRows(output: Output, rows: CheckRow[], markWidth: number, nameWidth?: number): void {
  const width = nameWidth ?? Math.max(0, ...rows.map((row) => row.name.length));
  for (const row of rows) {
    const word = row.mark ? paint(output, row.mark[1], row.mark[0].padEnd(markWidth)) : ' '.repeat(markWidth);
    output.out(`${row.name.padEnd(width)}  ${word}  ${row.detail}`);
    if (row.hint) output.out(`${' '.repeat(width + markWidth + 4)}${paint(output, 'dim', `→ ${row.hint}`)}`);
  }
}
