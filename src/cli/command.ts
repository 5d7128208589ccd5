// A command: its options (node:util parseArgs), its help text with examples, and what it does.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { EventEmitter } from 'node:events';
import type { Backends } from '../backends/choose.js';
import type { Sysfs } from '../damon-sysfs/sysfs.js';
import type { SlurmClient } from '../sweep/slurm/client.js';
import { closest } from '../manifest/suggest.js';
import { translateSpellings, type Spellings } from './damo-spellings.js';
import { UsageError, type Output } from './output.js';

/** What commands take from the world; replaced in tests (the sysfs emulator, fake signals). */
export interface Deps {
  /** The DAMON sysfs tree at a root; default: the files there. */
  sysfsFor?(root: string): Sysfs;
  /** Where SIGINT, SIGTERM and SIGHUP arrive; default: this process. */
  signals?: EventEmitter;
  env?: NodeJS.ProcessEnv;
  /** The lock file guarding a sysfs root; default: one in /run/lock. */
  lockPath?: string;
  /** Backends instead of this host's and QEMU (the scheduler's tests). */
  backends?: Partial<Backends>;
  /** Slurm's commands; default: sbatch, squeue, scontrol, sacct, scancel, sinfo here. */
  slurm?: SlurmClient;
  /** How often a Slurm job is polled (ms). */
  pollMs?: number;
}

type ParseOption = NonNullable<ParseArgsConfig['options']>[string];

/** An option as parseArgs takes it, with what --help says of it. */
export type OptionSpec = ParseOption & {
  /** What it does, in a phrase: --help prints it beside the option. */
  description: string;
  /** The name of its value in --help (`--jobs N`); options with a value only. */
  value?: string;
  /** Used by damon-exp itself (the qemu backend, Slurm's tasks), not shown in --help. */
  internal?: boolean;
};

export type Options = Record<string, OptionSpec>;

/**
 * A command's option values as parseArgs gives them: typed by its options (a string, a boolean, a
 * list; a default makes it present).
 */
export type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true; strict: true }>
>['values'];

export interface Args<O extends Options> {
  values: Values<O>;
  positionals: string[];
  /** How the user spelt one of our options (`--colorset` typed as `--ascii_color`), for messages. */
  spelled?: (option: string) => string;
}

export interface Command<O extends Options = Options> {
  name: string;
  usage: string;
  help: string;
  options: O;
  /** Other spellings of its options (damo's), rewritten to its own before parsing. */
  spellings?: Spellings;
  run(args: Args<O>, output: Output, deps: Deps): Promise<number> | number;
}

/** A command whose run() gets its option values typed by its options. */
export function defineCommand<const O extends Options>(command: Command<O>): Command<O> {
  return command;
}

export function parseCommandArgs<O extends Options>(command: Command<O>, argv: string[]): Required<Args<O>> {
  const typed = new Map<string, string>();
  try {
    const parsed = parseArgs({
      args: command.spellings ? translateSpellings(argv, command.spellings, typed) : argv,
      options: { ...parseOptions(command.options), help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return {
      values: parsed.values as Values<O>,
      positionals: parsed.positionals,
      spelled: (option) => typed.get(option) ?? option,
    };
  } catch (error) {
    const message = (error as Error).message
      .replace(/\. To specify a positional argument.*$/s, '')
      // Our option names back to the spelling typed (damo's --sz_thres for our --sz-thres).
      .replace(
        /'(--[\w-]+)( <value>)?'/g,
        (_all, option: string, value = '') => `'${typed.get(option) ?? option}${value}'`,
      )
      .replace(
        /^Option '([^']+)' argument is ambiguous\..*$/s,
        (_all, option: string) =>
          `'${option}' takes a value, and the word after it starts with a dash: write ${option}=-VALUE if that is its value`,
      );
    throw new UsageError(`${message}${didYouMean(message, command)}`, command.name);
  }
}

/** Options as parseArgs takes them: without what only --help reads. */
function parseOptions(options: Options): Record<string, ParseOption> {
  return Object.fromEntries(
    Object.entries(options).map(([name, { description: _d, value: _v, internal: _i, ...spec }]) => [name, spec]),
  );
}

/** For an unknown option close to a known one (or to one of damo's spellings): "; did you mean --x?". */
function didYouMean(message: string, command: Command<Options>): string {
  const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
  if (!unknown) return '';
  const known = [
    ...Object.keys(command.options).map((o) => `--${o}`),
    ...Object.keys({ ...command.spellings?.flags, ...command.spellings?.values, ...command.spellings?.pairs }),
  ];
  const guess = closest(unknown, known);
  return guess ? `; did you mean ${guess}?` : '';
}

export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  option: string,
  command: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T))
    throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not '${String(value)}'`, command);
  return value as T;
}
