// damon-exp: declarative experiments for DAMON. Dispatches to one command per file.
import { VERSION } from '../version.js';
import { parseCommandArgs, type Command, type Deps } from './command.js';
import { listCommand } from './list.js';
import { processOutput, reportError, UsageError, type Output } from './output.js';
import { planCommand } from './plan.js';
import { runCommand } from './run.js';
import { doctorCommand } from './doctor.js';
import { recordCommand } from './record.js';
import { guestRunCommand } from './guest-run.js';
import { wssCommand } from './wss.js';
import { heatsCommand } from './heats.js';
import { reportCommand } from './report.js';
import { indexCommand } from './index-command.js';
import { compareCommand } from './compare.js';
import { figuresCommand } from './figures.js';
import { validateCommand } from './validate.js';
import { kernelCommand } from './kernel.js';
import { statusCommand } from './status.js';

const COMMANDS: Command[] = [
  validateCommand,
  listCommand,
  planCommand,
  runCommand,
  recordCommand,
  doctorCommand,
  heatsCommand,
  wssCommand,
  reportCommand,
  statusCommand,
  indexCommand,
  compareCommand,
  figuresCommand,
  kernelCommand,
  guestRunCommand,
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `damon-exp ${VERSION}: declarative experiments for DAMON, the Linux kernel's data access monitor

Usage: damon-exp COMMAND [OPTIONS]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'damon-exp COMMAND --help' for a command's options and examples.

Examples:
  damon-exp validate experiments/*.yaml
  damon-exp list experiments/sweep_layouts.yaml
  damon-exp plan experiments/many_contexts.yaml --kernel multi-context`;
}

function commandHelp(command: Command): string {
  return `Usage: ${command.usage}\n\n${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.\n\n${command.help}\n\nOptions:\n${describeOptions(command)}`;
}

function describeOptions(command: Command): string {
  const lines = Object.entries(command.options).map(([name, spec]) => {
    const value = spec.type === 'string' ? ` ${name.toUpperCase()}` : '';
    const repeat = spec.multiple ? ' (repeatable)' : '';
    const fallback = spec.default !== undefined ? ` (default ${String(spec.default)})` : '';
    return `  --${name}${value}${repeat}${fallback}`;
  });
  return [...lines, '  -h, --help'].join('\n');
}

export async function main(argv: string[], output: Output = processOutput(), deps: Deps = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const command = name === 'help' && rest[0] ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    output.out(command ? commandHelp(command) : mainHelp());
    return 0;
  }
  if (name === '--version' || name === '-V') {
    output.out(VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command)
      throw new UsageError(`unknown command '${name}'; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      output.out(commandHelp(command));
      return 0;
    }
    return await command.run(args, output, deps);
  } catch (error) {
    return reportError(error, output);
  }
}
