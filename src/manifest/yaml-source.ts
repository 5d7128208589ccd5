// YAML documents that remember where each value was written.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { shorten } from '../util/errors.js';
import type { Diagnostic, SourceLocation } from './diagnostics.js';
import { aliasProblems } from './yaml-aliases.js';

export type PathSegment = string | number;
export type DataPath = readonly PathSegment[];

export interface YamlSource {
  file: string;
  text: string;
  value: unknown;
  root: Node | null;
  lines: LineCounter;
  /** Syntax errors and duplicate keys. */
  errors: Diagnostic[];
  /** Whether `value` can still be checked despite `errors` (only duplicate keys: the last one wins). */
  recoverable: boolean;
}

const PARSE_OPTIONS = { prettyErrors: false, merge: true } as const;

export function parseYamlSource(file: string, text: string): YamlSource {
  const lines = new LineCounter();
  const at = (node: Node | null, offset = node?.range?.[0] ?? 0) => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, col: pos.col };
  };
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter: lines, uniqueKeys: true });
  const errors: Diagnostic[] = doc.errors.map((error) => ({
    ...at(null, error.pos[0]),
    ...describeYamlError(error.code, error.message),
  }));
  let recoverable = doc.errors.every((error) => error.code === 'DUPLICATE_KEY');
  const usable = recoverable
    ? errors.length
      ? parseDocument(text, { ...PARSE_OPTIONS, uniqueKeys: false })
      : doc
    : null;
  const root = ((usable ?? doc).contents as Node | null) ?? null;
  let value: unknown;
  if (usable) {
    const problems = aliasProblems(root);
    errors.push(
      ...problems.map((problem) => ({
        ...at(problem.node),
        message: problem.message,
        ...(problem.hint ? { hint: problem.hint } : {}),
      })),
    );
    recoverable = problems.length === 0;
    if (recoverable) {
      try {
        // Aliases were counted above, with positions; the package's own count would only repeat it.
        value = usable.toJS({ maxAliasCount: -1 });
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        errors.push({ ...at(root), message: `YAML: ${shorten(error.message.split('\n')[0]!, 200)}` });
        recoverable = false;
      }
    }
  }
  return { file, text, value, root, lines, errors, recoverable };
}

function describeYamlError(code: string, message: string): { message: string; hint?: string } {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') {
    return { message: 'duplicate key: a key may appear only once in a mapping', hint: 'remove or rename one of them' };
  }
  if (code === 'MULTIPLE_DOCS') {
    return {
      message: "a manifest is one YAML document, but a second one starts here ('---')",
      hint: 'write each experiment in a file of its own',
    };
  }
  if (code === 'RESOURCE_EXHAUSTION') {
    return {
      message: 'the YAML nests too deeply to be read',
      hint: 'a manifest nests a few levels; is it the file you meant?',
    };
  }
  return { message: `YAML syntax error: ${shorten(first, 200)}` };
}

/** The YAML node at `path` below `node`, or the deepest node on the way there and how far it got. */
export function walkYaml(
  node: Node | null,
  path: DataPath,
): { node: Node | null; keyNode: Node | null; depth: number } {
  let current: Node | null = node;
  let keyNode: Node | null = null;
  let depth = 0;
  for (const segment of path) {
    if (isMap(current)) {
      // The last of duplicate keys is the one that counts.
      const pair = current.items.findLast(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      keyNode = pair.key as Node;
      current = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(current) && typeof segment === 'number' && segment < current.items.length) {
      keyNode = null;
      current = current.items[segment] as Node;
    } else {
      break;
    }
    depth++;
  }
  return { node: current, keyNode, depth };
}

/** Where `path` was written; `at: 'key'` points at the mapping key rather than its value. */
export function locate(
  source: YamlSource,
  base: Node | null,
  path: DataPath,
  at: 'value' | 'key' = 'value',
): SourceLocation {
  const found = walkYaml(base, path);
  const target = at === 'key' && found.depth === path.length && found.keyNode ? found.keyNode : found.node;
  const offset = target?.range?.[0] ?? 0;
  const pos = source.lines.linePos(offset);
  return { file: source.file, line: pos.line, col: pos.col };
}
