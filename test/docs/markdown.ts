// What the docs test reads of a Markdown page: its fenced code blocks (with what their info string
// marks them as, and the commands they show), its relative links, and the anchors its headings
// make, as GitHub makes them.

export interface Fence {
  /** The line of the opening fence, from 1. */
  line: number;
  /** The first word of the info string: sh, console, yaml… ('' when none). */
  lang: string;
  /** The rest of the info string. */
  rest: string;
  /** The block's lines, without the indentation of its fence. */
  lines: string[];
}

export type Marking =
  | { kind: 'runnable'; exit: number }
  | { kind: 'not-run'; reason: string }
  | { kind: 'file'; path: string }
  | { kind: 'none' }
  | { kind: 'unknown'; text: string };

export interface Command {
  /** The line the command starts on, from 1. */
  line: number;
  text: string;
  /** What a console block shows after it: lines its output must hold, in order ('...' for lines left out). */
  expected: string[];
}

const OPEN = /^( *)(`{3,}|~{3,})\s*([^`]*)$/;

export function fencesOf(text: string): Fence[] {
  const lines = text.split('\n');
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]!);
    if (!open) continue;
    const [, indent, marker] = open as unknown as [string, string, string];
    const info = open[3]!.trim();
    const close = new RegExp(`^ *${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]!); j++)
      body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!.trimStart());
    const [lang = '', ...rest] = info.split(/\s+/);
    fences.push({ line: i + 1, lang, rest: rest.join(' '), lines: body });
    i = j;
  }
  return fences;
}

export function markingOf(fence: Fence): Marking {
  const rest = fence.rest;
  if (rest === '') return { kind: 'none' };
  const runnable = /^runnable(?:\s+exit=(\d+))?$/.exec(rest);
  if (runnable) return { kind: 'runnable', exit: runnable[1] === undefined ? 0 : Number(runnable[1]) };
  const notRun = /^not-run:\s*(\S.*)$/.exec(rest);
  if (notRun) return { kind: 'not-run', reason: notRun[1]! };
  const file = /^file=(\S+)$/.exec(rest);
  if (file) return { kind: 'file', path: file[1]! };
  return { kind: 'unknown', text: rest };
}

const SHELLS = new Set(['sh', 'bash', 'shell', 'console']);
/** A line that runs damon-exp, as a shell line or a console prompt shows it. */
const DAMON_EXP_LINE = /^\s*(\$\s+)?(sudo\s+)?([A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(npx\s+)?damon-exp(\s|$)/;

/** Whether the block shows commands, so that it must say whether the docs test runs them. */
export function showsCommands(fence: Fence): boolean {
  return SHELLS.has(fence.lang) || fence.lines.some((line) => DAMON_EXP_LINE.test(line));
}

export function runsDamonExp(command: string): boolean {
  return DAMON_EXP_LINE.test(command);
}

/** The commands of a runnable block: a console block's `$ ` lines (and what follows each), or a shell block's lines. */
export function commandsOf(fence: Fence): Command[] {
  const commands: Command[] = [];
  const isConsole = fence.lang === 'console';
  for (let i = 0; i < fence.lines.length; i++) {
    const raw = fence.lines[i]!;
    if (isConsole ? !raw.startsWith('$ ') : raw.trim() === '' || raw.trimStart().startsWith('#')) {
      if (isConsole) commands.at(-1)?.expected.push(raw.trimEnd());
      continue;
    }
    const line = fence.line + 1 + i;
    let text = isConsole ? raw.slice(2) : raw;
    while (text.endsWith('\\') && i + 1 < fence.lines.length) text = `${text.slice(0, -1)}${fence.lines[++i]!}`;
    commands.push({ line, text, expected: [] });
  }
  return commands;
}

/**
 * The first line of `expected` that the output lacks: each must be a line of stdout or stderr
 * (trailing blanks aside), in order within its stream; '...' stands for lines left out.
 */
export function missingLine(expected: string[], stdout: string, stderr: string): string | null {
  const streams = [stdout, stderr].map((text) => ({ lines: text.split('\n').map((l) => l.trimEnd()), at: 0 }));
  for (const line of expected) {
    if (line === '...' || line === '') continue;
    const stream = streams.find((s) => s.lines.indexOf(line, s.at) !== -1);
    if (!stream) return line;
    stream.at = stream.lines.indexOf(line, stream.at) + 1;
  }
  return null;
}

/** The page's text outside fenced blocks (their lines left empty, so that line numbers hold). */
function prose(text: string): string {
  const lines = text.split('\n');
  for (const fence of fencesOf(text))
    for (let i = fence.line - 1; i <= fence.line + fence.lines.length && i < lines.length; i++) lines[i] = '';
  return lines.join('\n');
}

export interface Link {
  line: number;
  target: string;
}

/** The page's links and images whose target is not a URL (relative paths and #anchors). */
export function relativeLinksOf(text: string): Link[] {
  // Inline code is not a link, whatever brackets it holds; blanked to the same length.
  const plain = prose(text).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
  const links: Link[] = [];
  for (const match of plain.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    links.push({ line: plain.slice(0, match.index).split('\n').length, target });
  }
  return links;
}

/** The anchors of the page's headings, as GitHub makes them (duplicates numbered -1, -2, …). */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(text).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/`/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}
