// Kernel config fragments: read, checked, and merged into a .config the way the kernel's
// merge_config.sh -m does (a fragment's value replaces the base's; later fragments win), so that
// `make olddefconfig` then fills in the rest.

import { readInputFile } from '../util/input-file.js';

export interface ConfigFragment {
  /** Where it came from, for messages. */
  file: string;
  text: string;
}

export interface FragmentProblem {
  file: string;
  line: number;
  message: string;
}

const ASSIGNMENT = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/;
const UNSET = /^# (CONFIG_[A-Za-z0-9_]+) is not set$/;

/** The symbols a fragment sets, in order ('n' for "is not set"), and its lines that are neither. */
export function parseFragment(fragment: ConfigFragment): { values: Map<string, string>; problems: FragmentProblem[] } {
  const values = new Map<string, string>();
  const problems: FragmentProblem[] = [];
  fragment.text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const set = ASSIGNMENT.exec(line);
    const unset = UNSET.exec(line);
    if (set) values.set(set[1]!, set[2]!);
    else if (unset) values.set(unset[1]!, 'n');
    else if (!line.startsWith('#'))
      problems.push({
        file: fragment.file,
        line: index + 1,
        message: `'${line.slice(0, 80)}' is not CONFIG_NAME=value nor '# CONFIG_NAME is not set'`,
      });
  });
  return { values, problems };
}

/** A kernel's .config: each symbol's value ('n' for "is not set"). The one reader of .config files. */
export function parseKernelConfig(text: string): Map<string, string> {
  return parseFragment({ file: '.config', text }).values;
}

/** A kernel's .config file, read with a bound (a distribution's is ~300 KiB). */
export function readKernelConfig(path: string): Map<string, string> {
  return parseKernelConfig(readInputFile(path, 'a kernel config', 64 << 20));
}

function renderValue(symbol: string, value: string): string {
  return value === 'n' ? `# ${symbol} is not set` : `${symbol}=${value}`;
}

/** What the fragments set, the later ones winning. */
function wantedSettings(fragments: ConfigFragment[]): Map<string, string> {
  const wanted = new Map<string, string>();
  for (const fragment of fragments)
    for (const [symbol, value] of parseFragment(fragment).values) wanted.set(symbol, value);
  return wanted;
}

/** `base` (a .config) with each fragment's symbols replaced or appended. */
export function mergeConfig(base: string, fragments: ConfigFragment[]): string {
  const wanted = wantedSettings(fragments);
  const kept = base.split('\n').filter((line) => {
    const symbol = ASSIGNMENT.exec(line)?.[1] ?? UNSET.exec(line)?.[1];
    return symbol === undefined || !wanted.has(symbol);
  });
  while (kept.length && kept.at(-1) === '') kept.pop();
  return `${[...kept, ...[...wanted].map(([symbol, value]) => renderValue(symbol, value))].join('\n')}\n`;
}

/**
 * The fragments' settings that the final .config does not have (a dependency that is missing in
 * this tree, a symbol it does not know), as `CONFIG_X=y (got n)`.
 */
export function unmetSettings(finalConfig: string, fragments: ConfigFragment[]): string[] {
  const final = parseKernelConfig(finalConfig);
  const unmet: string[] = [];
  for (const [symbol, value] of wantedSettings(fragments)) {
    const got = final.get(symbol) ?? 'n';
    if (got !== value) unmet.push(`${symbol}=${value} (got ${got === 'n' ? 'not set' : got})`);
  }
  return unmet;
}
