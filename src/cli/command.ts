// A command: its options (node:util parseArgs), its help text with examples, and what it does.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { EventEmitter } from 'node:events';
import type { Backends } from '../backends/choose.js';
import type { QemuReadiness } from '../backends/host-verdict.js';
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
  /** What the qemu backend has on this host (doctor); default: probed. */
  qemuReadiness?: () => Promise<QemuReadiness>;
}

type ParseOption = NonNullable<ParseArgsConfig['options']>[string];

/**
 * How an option's text becomes its value: returns it, or throws an OptionValueError saying what
 * the option needs (the command line names the option as the user spelt it).
 */
export type OptionParser<T> = (text: string, option: string) => T;

/** A value an option does not take: the message is the whole usage error. */
export class OptionValueError extends Error {}

/** An option as parseArgs takes it, with what --help says of it and how its value is checked. */
export type OptionSpec = ParseOption & {
  /** What it does, in a phrase: --help prints it beside the option. */
  description: string;
  /** The name of its value in --help (`--jobs N`); options with a value only. */
  value?: string;
  /** Used by damon-exp itself (the qemu backend, Slurm's tasks), not shown in --help. */
  internal?: boolean;
  /** Its value from its text (a whole number, a duration), checked as the arguments are parsed. */
  parse?: OptionParser<unknown>;
  /** The values it takes; any other is a usage error. */
  choices?: readonly string[];
  /** Options it cannot go with, each with what the refusal says of the two (`exclude each other`). */
  conflicts?: Readonly<Record<string, string>>;
  /** Another of the command's options that this one is a second name of (run's --run is --only). */
  sameAs?: string;
};

export type Options = Record<string, OptionSpec>;

type RawValues<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true; strict: true }>
>['values'];

/** A value of parseArgs (a string, a list of them, or absent) with its text replaced by T. */
type Replace<V, T> = V extends string ? T : V extends string[] ? T[] : V;

type Typed<S, V> = S extends { parse: OptionParser<infer T> }
  ? Replace<V, T>
  : S extends { choices: readonly (infer C)[] }
    ? Replace<V, C>
    : OptionSpec extends S
      ? unknown // any command's option (Command<Options>)
      : V;

/**
 * A command's option values: typed by its options (a string, a boolean, a list; a default makes it
 * present; `parse` and `choices` give their own types).
 */
export type Values<O extends Options> = {
  [K in keyof RawValues<O>]: K extends keyof O ? Typed<O[K], RawValues<O>[K]> : RawValues<O>[K];
};

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
    const spelled = (option: string) => typed.get(option) ?? option;
    const values = parsed.values.help ? parsed.values : checkedValues(command, parsed.values, spelled);
    return { values: values as Values<O>, positionals: parsed.positionals, spelled };
  } catch (error) {
    if (error instanceof UsageError) throw error;
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
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown) throw new UnknownOptionError(message, command.name, unknown, didYouMean(unknown, command));
    throw new UsageError(message, command.name);
  }
}

/**
 * An option the command does not take: its message says so, with a close option of the command
 * when there is one; main() may say instead where the option belongs (sibling-options.ts).
 */
export class UnknownOptionError extends UsageError {
  constructor(
    /** The message without its guess. */
    readonly plain: string,
    command: string,
    /** The option as typed. */
    readonly option: string,
    /** "; did you mean --x?", or ''. */
    readonly guess: string,
  ) {
    super(`${plain}${guess}`, command);
  }
}

/** Options as parseArgs takes them: without what only --help reads. */
function parseOptions(options: Options): Record<string, ParseOption> {
  return Object.fromEntries(
    Object.entries(options).map(
      ([
        name,
        { description: _d, value: _v, internal: _i, parse: _p, choices: _c, conflicts: _x, sameAs: _s, ...spec },
      ]) => [name, spec],
    ),
  );
}

/** The values parseArgs gave, each option's `choices`, `parse` and `conflicts` applied. */
function checkedValues(
  command: Pick<Command, 'name' | 'options'>,
  raw: Record<string, unknown>,
  spelled: (option: string) => string,
): Record<string, unknown> {
  const values = { ...raw };
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name];
    if (value === undefined || (!spec.parse && !spec.choices)) continue;
    const one = (text: unknown) => checkedValue(spec, String(text), spelled(`--${name}`), command.name);
    values[name] = Array.isArray(value) ? value.map(one) : one(value);
  }
  for (const [name, spec] of Object.entries(command.options))
    for (const [other, why] of Object.entries(spec.conflicts ?? {}))
      if (given(values[name]) && given(values[other]))
        throw new UsageError(`${spelled(`--${name}`)} and ${spelled(`--${other}`)} ${why}`, command.name);
  return values;
}

function checkedValue(spec: OptionSpec, text: string, option: string, command: string): unknown {
  if (spec.choices && !spec.choices.includes(text))
    throw new UsageError(`${option} must be one of ${spec.choices.join(', ')}, not '${text}'`, command);
  if (!spec.parse) return text;
  try {
    return spec.parse(text, option);
  } catch (error) {
    if (error instanceof OptionValueError) throw new UsageError(error.message, command);
    throw error;
  }
}

const given = (value: unknown) => value !== undefined && value !== false;

/** For an unknown option close to a known one (or to one of damo's spellings): "; did you mean --x?". */
function didYouMean(unknown: string, command: Pick<Command, 'options' | 'spellings'>): string {
  const known = [
    ...Object.keys(command.options).map((o) => `--${o}`),
    ...Object.keys({ ...command.spellings?.flags, ...command.spellings?.values, ...command.spellings?.pairs }),
  ];
  const guess = closest(unknown, known);
  return guess ? `; did you mean ${guess}?` : '';
}

/** The values of a choice made in code (a command's own word); options say theirs with `choices`. */
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
