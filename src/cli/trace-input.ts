// The trace a command that reads one (heats, wss) is given.
import { existsSync } from 'node:fs';
import { shorten } from '../util/errors.js';
import { UsageError } from './output.js';

/** The one trace or run directory a command reads: the positional, or damo's default ./damon.data. */
export function oneInput(positionals: string[], command: string): string {
  if (positionals.length === 1) return positionals[0]!;
  if (positionals.length === 0) {
    if (existsSync('damon.data')) return 'damon.data';
    throw new UsageError(
      "name one run directory or trace file (damo's default, ./damon.data, is not here either)",
      command,
    );
  }
  throw new UsageError(
    `${command} reads one run directory or trace file, not ${positionals.length}: ${positionals.map((p) => `'${shorten(p, 40)}'`).join(', ')}`,
    command,
  );
}
