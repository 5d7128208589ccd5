// docs/commands.md from the commands themselves: each one's summary, usage, help text (with its
// examples) and options, taken from what `damon-exp COMMAND --help` prints (cli/help.ts), so the
// page cannot say other than --help does.
import type { Command } from '../cli/command.js';
import { optionEntries, summarySentence, withNotes, wrapUsage, type OptionEntry } from '../cli/help.js';
import { COMMANDS, type CommandEntry } from '../cli/main.js';
import { block, code, generatedBy, link, paragraph, table, text } from './markdown.js';

export const COMMANDS_SOURCE = "src/cli (each command's usage, help and options, as --help prints them)";

export interface LoadedCommand {
  entry: CommandEntry;
  command: Command;
}

/** Every command of `damon-exp --help`, loaded. */
export async function loadCommands(): Promise<LoadedCommand[]> {
  return Promise.all(COMMANDS.map(async (entry) => ({ entry, command: await entry.load() })));
}

/**
 * The help text as Markdown: a paragraph of plain lines as a paragraph; one with indented lines
 * (examples, a manifest excerpt), which --help prints as written, as the text before them and a
 * block of them.
 */
function helpText(help: string): string[] {
  return help
    .split(/\n[ \t]*\n/)
    .filter((part) => part.trim())
    .flatMap((part) => {
      const lines = part.split('\n');
      const first = lines.findIndex((line) => /^\s/.test(line));
      if (first < 0) return [paragraph(part)];
      const kept = lines.slice(first);
      const indent = Math.min(...kept.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
      const prose = lines.slice(0, first).join(' ').trim();
      return [...(prose ? [paragraph(prose)] : []), block(kept.map((l) => l.slice(indent).trimEnd()))];
    });
}

/** The options that say they cannot go with this one, and those this one says so of, each with why. */
function conflictsOf(command: Command, name: string): string[] {
  const own = Object.entries(command.options[name]?.conflicts ?? {}).map(([other, why]) => [name, other, why]);
  const others = Object.entries(command.options)
    .filter(([other, spec]) => other !== name && spec.conflicts?.[name] !== undefined)
    .map(([other, spec]) => [other, name, spec.conflicts![name]!]);
  return [...own, ...others].map(([a, b, why]) => `${code(`--${a}`)} and ${code(`--${b}`)} ${text(why!)}`);
}

function optionRow(command: Command, entry: OptionEntry): string[] {
  const spec = entry.spec;
  const name = spec ? entry.names.replace(/^.*--/, '') : '';
  const choices = spec?.choices && spec.choices.join('|') !== entry.value ? spec.choices : undefined;
  const sameAs = spec?.sameAs && !entry.description.includes(`--${spec.sameAs}`) ? spec.sameAs : undefined;
  const notes = [
    entry.default !== undefined ? `default ${code(entry.default)}` : '',
    entry.repeatable ? 'repeatable' : '',
    choices ? `one of ${choices.map(code).join(', ')}` : '',
    sameAs ? `the same as ${code(`--${sameAs}`)}` : '',
    entry.damo.length ? `damo: ${entry.damo.map(code).join(', ')}` : '',
  ].filter(Boolean);
  const description = [withNotes(text(entry.description), notes), ...(spec ? conflictsOf(command, name) : [])];
  return [code(entry.names), entry.value !== undefined ? code(entry.value) : '', description.join('; ')];
}

function commandSection({ entry, command }: LoadedCommand, parents: Map<string, string>): string {
  const parent = parents.get(entry.name);
  const sub = entry.subcommands?.length
    ? [
        `Its second words run other commands with damo's options: ${entry.subcommands.map((s) => `${code(`${entry.name} ${s}`)} is ${link(s, s)}`).join(', ')}.`,
      ]
    : [];
  return [
    `## ${entry.name}`,
    text(summarySentence(entry.summary)),
    ...(parent ? [`Also run as ${code(`damon-exp ${parent} ${entry.name}`)}, damo's spelling.`] : []),
    block(wrapUsage(command.usage).split('\n')),
    ...helpText(command.help),
    ...sub,
    '### Options',
    table(
      ['option', 'value', 'description'],
      optionEntries(command).map((option) => optionRow(command, option)),
    ),
  ].join('\n\n');
}

export function renderCommandsDoc(commands: LoadedCommand[]): string {
  const parents = new Map(commands.flatMap(({ entry }) => (entry.subcommands ?? []).map((s) => [s, entry.name])));
  const index = table(
    ['command', 'what it does'],
    commands.map(({ entry }) => [link(entry.name, entry.name), text(entry.summary)]),
  );
  const intro = [
    generatedBy(COMMANDS_SOURCE),
    '# Commands',
    paragraph(
      "`damon-exp COMMAND [OPTIONS]`. Each command's section is its help page (`damon-exp COMMAND --help`, or `damon-exp help COMMAND`): its usage, what it does, examples, and each option with its default and, where a command takes them, damo's spellings. Results go to stdout (`--json` gives JSON wherever a command has results), diagnostics to stderr. Exit status, unless a command says otherwise: 0 fine, 1 a problem in the input (or a run the kernel cannot serve), 2 a bad command line, 70 a bug.",
    ),
    index,
  ];
  return `${[...intro, ...commands.map((loaded) => commandSection(loaded, parents))].join('\n\n')}\n`;
}
