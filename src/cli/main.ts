// damon-exp: declarative experiments for DAMON. Dispatches to one command per file, loaded only
// when it runs: the bundle splits per command, so `plan` does not compile the analysis, the
// report or the backends (start-up is most of a short command's time).
import { VERSION } from '../util/version.js';
import { closest } from '../manifest/suggest.js';
import { commandHelp, HELP_WIDTH, reflow, wrapWords } from './help.js';
import { parseCommandArgs, UnknownOptionError, type Command, type Deps } from './command.js';
import { siblingHint, siblingsOf } from './sibling-options.js';
import { processOutput, reportError, UsageError, type Output } from './output.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
  /** Commands also run as a second word of this one: damo's `report heats` is `heats`. */
  subcommands?: readonly string[];
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'validate',
    summary: 'check manifests: every problem with its file:line:col, or a one-line summary',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    name: 'list',
    summary: 'the runs a manifest expands to (matrix points × repetitions), with their parameters',
    load: async () => (await import('./list.js')).listCommand,
  },
  {
    name: 'plan',
    summary: 'the exact DAMON sysfs operations of a run, as text, JSON or a standalone plan.sh',
    load: async () => (await import('./plan.js')).planCommand,
  },
  {
    name: 'run',
    summary: 'run an experiment on DAMON: workloads, sysfs, perf, and a result directory per run',
    load: async () => (await import('./run.js')).runCommand,
  },
  {
    name: 'record',
    summary: 'monitor a running process or a command ad hoc, like damo record, into a result directory',
    load: async () => (await import('./record.js')).recordCommand,
  },
  {
    name: 'setup',
    summary: "make this host ready for runs: Debian packages, masim built, Debian's DAMON kernel fetched",
    load: async () => (await import('./setup.js')).setupCommand,
  },
  {
    name: 'doctor',
    summary: 'what this host can do for damon-exp, each problem with its fix; changes nothing',
    load: async () => (await import('./doctor.js')).doctorCommand,
  },
  {
    name: 'heats',
    summary: "access heatmaps of a recorded run, with damo's options and numbers",
    load: async () => (await import('./heats.js')).heatsCommand,
  },
  {
    name: 'heatmap',
    summary:
      "damo 3.3.0's report heatmap, with its numbers: drawn in the terminal, unless --output raw, FILE.svg or FILE.png",
    load: async () => (await import('./heats.js')).heatmapCommand,
  },
  {
    name: 'wss',
    summary: 'working set size of a recorded run: percentiles, average, and a bar chart',
    load: async () => (await import('./wss.js')).wssCommand,
  },
  {
    name: 'report',
    summary:
      'make report.html (and the analysis, when its inputs changed) of stored runs again, from their files alone',
    load: async () => (await import('./report.js')).reportCommand,
    subcommands: ['heats', 'wss', 'heatmap'],
  },
  {
    name: 'status',
    summary: "where a sweep stands, run here or on Slurm: each run's state, the runs running now, and an ETA",
    load: async () => (await import('./status.js')).statusCommand,
  },
  {
    name: 'index',
    summary: "make a sweep's index.html, summary.csv and summary.json again from its run directories",
    load: async () => (await import('./index-command.js')).indexCommand,
  },
  {
    name: 'compare',
    summary: "compare runs along one axis: each metric's change, its uncertainty and significance",
    load: async () => (await import('./compare.js')).compareCommand,
  },
  {
    name: 'figures',
    summary: "draw a sweep's paper figures (SVG, PNG, and the CSV of the numbers plotted) from its stored results",
    load: async () => (await import('./figures.js')).figuresCommand,
  },
  {
    name: 'kernel',
    summary: 'the kernels the qemu backend boots: list the cache, build one from a source tree, import a bzImage',
    load: async () => (await import('./kernel.js')).kernelCommand,
  },
  {
    name: 'guest-run',
    summary: 'run a resolved run.json with the local backend (what the qemu backend runs inside its VM)',
    load: async () => (await import('./guest-run.js')).guestRunCommand,
  },
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `damon-exp ${VERSION}: declarative experiments for DAMON, the Linux kernel's data access monitor

Usage: damon-exp COMMAND [OPTIONS]

Commands:
${COMMANDS.map((c) => wrapWords(c.summary.split(' '), HELP_WIDTH, ' '.repeat(width + 4), `  ${c.name.padEnd(width)}  `).join('\n')).join('\n')}

${reflow(`damo's two-word commands run ours, with damo's options: ${COMMANDS.flatMap((c) => (c.subcommands ?? []).map((sub) => `'${c.name} ${sub}' is ${sub}`)).join(', ')}.`)}

Run 'damon-exp COMMAND --help' for a command's options and examples.

Examples:
  damon-exp validate experiments/*.yaml
  damon-exp list experiments/sweep_layouts.yaml
  damon-exp plan experiments/many_contexts.yaml --kernel multi-context`;
}

export async function main(argv: string[], output: Output = processOutput(), deps: Deps = {}): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const entry = name === 'help' && rest[0] ? withSubcommand(findCommand(rest[0]), rest.slice(1)).entry : undefined;
      output.out(entry ? commandHelp(entry.summary, await entry.load()) : mainHelp());
      return 0;
    }
    if (name === '--version' || name === '-V') {
      if (rest.length) throw new UsageError(`${name} takes no arguments, not '${rest[0]}'`);
      output.out(VERSION);
      return 0;
    }
    const { entry, args: words, typed } = withSubcommand(findCommand(name), rest);
    const command = await entry.load();
    const args = await parseWithHints(command, words, typed);
    if (args.values.help) {
      output.out(commandHelp(entry.summary, command));
      return 0;
    }
    return await command.run(args, output, deps);
  } catch (error) {
    return reportError(error, output);
  }
}

/**
 * `report heats ARGS` is `heats ARGS`: a second word naming one of the command's subcommands. A run
 * directory of that name stays reachable as a path (`report ./heats`).
 */
function withSubcommand(entry: CommandEntry, rest: string[]): { entry: CommandEntry; args: string[]; typed: string } {
  const [word, ...args] = rest;
  if (word !== undefined && entry.subcommands?.includes(word))
    return { entry: findCommand(word), args, typed: `${entry.name} ${word}` };
  return { entry, args: rest, typed: entry.name };
}

/** The command's arguments; an option it does not take is said of where it belongs, when a sibling takes it. */
async function parseWithHints(command: Command, argv: string[], typed: string) {
  try {
    return parseCommandArgs(command, argv);
  } catch (error) {
    if (!(error instanceof UnknownOptionError)) throw error;
    const entry = findCommand(command.name);
    const siblings = await Promise.all(siblingsOf(command.name).map((name) => findCommand(name).load()));
    const hint = siblingHint(error.option, { ...command, name: typed }, siblings, entry.subcommands);
    throw new UsageError(`${error.plain}${hint || error.guess}`, error.command);
  }
}

function findCommand(name: string): CommandEntry {
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry) return entry;
  const names = COMMANDS.map((c) => c.name);
  const guess = closest(name, name.startsWith('-') ? ['--version', '--help'] : names);
  throw new UsageError(
    `unknown command '${name}'${guess ? `; did you mean '${guess}'?` : ''} (commands: ${names.join(', ')})`,
  );
}
