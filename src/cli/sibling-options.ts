// Where an option one command does not take belongs: habits carried over from a sibling command
// (`plan --only`: run's --only is plan's --run) or from damo (`report --guide`: damo's report
// heats is `damon-exp report heats`). Data only: which commands are siblings, each command's
// options, their second names (`sameAs`) and damo's spellings.
import type { Command } from './command.js';

/** Commands whose options users carry from one to another, searched in this order. */
export const SIBLINGS: readonly (readonly string[])[] = [
  ['validate', 'list', 'plan', 'run', 'record'],
  ['report', 'heats', 'heatmap', 'wss', 'index', 'compare', 'figures', 'status'],
];

/** The siblings of a command, in the order they are searched (none for a command of no family). */
export function siblingsOf(command: string): string[] {
  return (SIBLINGS.find((family) => family.includes(command)) ?? []).filter((c) => c !== command);
}

/** The names an option of `command` goes by there: its own, its second names, and the option damo's spelling stands for. */
function namesOf(option: string, command: Pick<Command, 'options' | 'spellings'>): string[] | null {
  const spellings = command.spellings;
  const pair = spellings?.pairs?.[option];
  const ours = spellings?.flags?.[option] ?? spellings?.values?.[option] ?? pair?.option ?? option;
  const name = ours.replace(/^--/, '');
  const spec = command.options[name];
  if (!spec || spec.internal) return null;
  const names = [name, ...(spec.sameAs ? [spec.sameAs] : [])];
  for (const [other, otherSpec] of Object.entries(command.options))
    if (otherSpec.sameAs && names.includes(otherSpec.sameAs)) names.push(other);
  return [...new Set(names)].map((n) => `--${n}`);
}

/**
 * For an option `command` does not take: "; did you mean --run?" when a sibling takes it under a
 * name `command` has; "; did you mean 'report heats --guide'?" when it is an option of one of its
 * two-word commands; "; --backend is run's option, not plan's" otherwise; '' when no sibling takes it.
 */
export function siblingHint(
  option: string,
  command: Pick<Command, 'name' | 'options'>,
  siblings: readonly Pick<Command, 'name' | 'options' | 'spellings'>[],
  subcommands: readonly string[] = [],
): string {
  const own = new Set(
    Object.entries(command.options)
      .filter(([, spec]) => !spec.internal)
      .map(([name]) => `--${name}`),
  );
  const takers = siblings.flatMap((sibling) => {
    const names = namesOf(option, sibling);
    return names ? [{ sibling, names }] : [];
  });
  for (const { names } of takers) {
    const here = names.find((n) => own.has(n));
    if (here) return `; did you mean ${here}?`;
  }
  const sub = takers.find(({ sibling }) => subcommands.includes(sibling.name));
  if (sub) return `; did you mean '${command.name} ${sub.sibling.name} ${option}'?`;
  const first = takers[0];
  return first ? `; ${option} is an option of '${first.sibling.name}', not of '${command.name}'` : '';
}
