// Text that goes into a script we generate (the Slurm job script, plan.sh, the QEMU guest's files):
// words quoted for sh, and no line breaks where one line must stay one. A newline in an #SBATCH
// line, a comment or a line-based list ends it there, and what follows runs as a command.
import { DamonExpError } from './errors.js';

/** A value that would break out of its line in a generated script. */
export class LineBreakError extends DamonExpError {}

/** CR, LF or NUL: what ends a line (or a C string) in a script. */
export function hasLineBreak(text: string): boolean {
  return /[\r\n\0]/.test(text);
}

/** Refuses `text` when it holds a line break, naming `what` it is. */
export function refuseLineBreak(text: string, what: string, hint = 'write it on one line'): void {
  if (hasLineBreak(text))
    throw new LineBreakError(
      `${what} holds a line break (${JSON.stringify(text).slice(0, 80)}): in a generated script it would end its line, and the rest would run as a command`,
      hint,
    );
}

/** A word for sh: as it is when it is plain, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
