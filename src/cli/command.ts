// A command: its options (node:util parseArgs), its help text with examples, and what it does.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type Output } from './output.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command<O extends Options = Options> {
  name: string;
  summary: string;
  usage: string;
  help: string;
  options: O;
  run(args: { values: Record<string, unknown>; positionals: string[] }, output: Output): Promise<number> | number;
}

export function parseCommandArgs(command: Command, argv: string[]): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, unknown>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''), command.name);
  }
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], option: string, command: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not '${String(value)}'`, command);
  return value as T;
}
