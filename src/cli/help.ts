// A command's --help page: its usage, summary, text, and each option with what it does, all within
// HELP_WIDTH columns (a terminal's 80 would split the usage lines of most commands into many;
// 100 fits the examples whole).
import type { Command, Options, OptionSpec } from './command.js';
import type { Spellings } from './damo-spellings.js';

export const HELP_WIDTH = 100;

/** Words into lines of at most `width` columns (a longer word stands alone), each after `indent`. */
export function wrapWords(words: string[], width: number, indent = '', firstIndent = indent): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Text reflowed to `width`: a paragraph (lines between blank lines) of plain lines is filled again;
 * one with an indented line (examples, a manifest excerpt) is kept as it is written.
 */
export function reflow(text: string, width = HELP_WIDTH): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => {
      const lines = paragraph.split('\n');
      if (lines.some((l) => /^\s/.test(l))) return paragraph;
      return wrapWords(paragraph.split(/\s+/).filter(Boolean), width).join('\n');
    })
    .join('\n\n');
}

/**
 * The usage line, broken only between top-level words: `[--time-range A,B | --abs-time-range A,B]`
 * stays on one line.
 */
export function wrapUsage(usage: string, width = HELP_WIDTH): string {
  const words: string[] = [];
  let depth = 0;
  let quoted = false;
  let word = '';
  for (const char of usage) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '[' || char === '(')) depth++;
    else if (!quoted && (char === ']' || char === ')')) depth--;
    if (char === ' ' && depth === 0 && !quoted) {
      if (word) words.push(word);
      word = '';
    } else word += char;
  }
  if (word) words.push(word);
  // Continuation lines start under the first option: after 'Usage: damon-exp COMMAND '.
  const indent = ' '.repeat(Math.min(`Usage: ${words.slice(0, 2).join(' ')} `.length, 30));
  return wrapWords(words, width, indent, 'Usage: ').join('\n');
}

/** damo's spellings of each of our options: `--address-range` → `--address_range A B`. */
function damoSpellings(spellings: Spellings | undefined, options: Options): Map<string, string[]> {
  const of = new Map<string, string[]>();
  const valueOf = (ours: string) => options[ours.slice(2)]?.value ?? 'X';
  const add = (ours: string, theirs: string) => of.set(ours, [...(of.get(ours) ?? []), theirs]);
  for (const [theirs, ours] of Object.entries(spellings?.flags ?? {})) add(ours, theirs);
  for (const [theirs, ours] of Object.entries(spellings?.values ?? {}))
    add(ours, `${theirs} ${valueOf(ours).includes('|') ? 'NAME' : valueOf(ours)}`);
  // Two words where ours takes one: ROWSxCOLS as ROWS COLS, A,B as A B.
  for (const [theirs, { option }] of Object.entries(spellings?.pairs ?? {}))
    add(option, `${theirs} ${valueOf(option).replace(/[x,]/g, ' ')}`);
  return of;
}

/** A description with its notes: in its own closing parenthesis when it ends with one. */
export function withNotes(description: string, notes: string[]): string {
  if (!notes.length) return description;
  return description.endsWith(')')
    ? `${description.slice(0, -1)}; ${notes.join('; ')})`
    : `${description} (${notes.join('; ')})`;
}

/** An option as --help lists it (and docs/commands.md): its names, its value's name, what it does. */
export interface OptionEntry {
  /** `--jobs`, `-i, --input`. */
  names: string;
  /** The name of its value (`N`), for an option that takes one. */
  value?: string;
  description: string;
  default?: string;
  repeatable: boolean;
  /** damo's spellings of it, each with its value's name. */
  damo: string[];
  /** The spec it comes from; none for damo's --input and for --help. */
  spec?: OptionSpec;
}

/** The command's options but the internal ones, then damo's --input where it takes it, and --help. */
export function optionEntries(command: Command): OptionEntry[] {
  const damo = damoSpellings(command.spellings, command.options);
  const entries: OptionEntry[] = Object.entries(command.options)
    .filter(([, spec]) => !spec.internal)
    .map(([name, spec]) => ({
      names: `${spec.short ? `-${spec.short}, ` : ''}--${name}`,
      ...(spec.type === 'string' ? { value: spec.value ?? 'X' } : {}),
      description: spec.description,
      ...(spec.default !== undefined ? { default: String(spec.default) } : {}),
      repeatable: spec.multiple === true,
      damo: damo.get(`--${name}`) ?? [],
      spec,
    }));
  if (command.spellings?.input)
    entries.push({
      names: '-i, --input',
      value: 'FILE',
      description: 'the trace to read, as damo takes it (the same as DIR|FILE)',
      repeatable: false,
      damo: [],
    });
  entries.push({ names: '-h, --help', description: 'this help', repeatable: false, damo: [] });
  return entries;
}

/** The Options section: each option, its value's name, and what it does (default, repeatable, damo's name). */
export function describeOptions(command: Command, width = HELP_WIDTH): string {
  const entries = optionEntries(command).map((entry): [string, string] => {
    const notes = [
      entry.default !== undefined ? `default ${entry.default}` : '',
      entry.repeatable ? 'repeatable' : '',
      entry.damo.length ? `damo: ${entry.damo.join(', ')}` : '',
    ].filter(Boolean);
    return [`${entry.names}${entry.value !== undefined ? ` ${entry.value}` : ''}`, withNotes(entry.description, notes)];
  });
  const column = Math.min(Math.max(...entries.map(([flag]) => flag.length)) + 4, 32);
  const indent = ' '.repeat(column);
  return entries
    .flatMap(([flag, text]) => {
      const head = `  ${flag}`;
      const words = text.split(/\s+/).filter(Boolean);
      if (head.length + 2 <= column) return wrapWords(words, width, indent, head.padEnd(column));
      return [head, ...wrapWords(words, width, indent)];
    })
    .join('\n');
}

/** A command's summary (`check manifests: ...`) as the sentence its help page opens with. */
export function summarySentence(summary: string): string {
  // A program's name keeps its spelling at the head of a sentence, as its authors write it.
  const named = /^(damo|damon-exp|masim|perf)\b/.test(summary);
  return `${named ? summary[0] : summary[0]!.toUpperCase()}${summary.slice(1)}.`;
}

export function commandHelp(summary: string, command: Command, width = HELP_WIDTH): string {
  return [
    wrapUsage(command.usage, width),
    reflow(summarySentence(summary), width),
    reflow(command.help, width),
    `Options:\n${describeOptions(command, width)}`,
  ].join('\n\n');
}
