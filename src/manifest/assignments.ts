// What the matrix and --set assign to a manifest: the manifest with them made, the --set options
// read, and where a problem of an assigned value was written (a matrix value, a --set, the file).
import { parse as parseYamlValue } from 'yaml';
import { shorten } from '../util/errors.js';
import type { Diagnostic, SourceLocation } from './diagnostics.js';
import { parsePath, parseSetOption, type Assignment } from './matrix.js';
import type { Problem } from './resolve.js';
import { locate, type PathSegment, type YamlSource } from './yaml-source.js';

/** The manifest with `assignments` made, sharing what they leave alone with `base` (which stays as it is). */
export function withAssignments(
  base: Record<string, unknown>,
  assignments: readonly Assignment[],
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  delete copy.matrix;
  for (const { path, value } of assignments) {
    let parent: Record<string | number, unknown> = copy;
    path.forEach((segment, i) => {
      if (i === path.length - 1) {
        parent[segment] = value;
        return;
      }
      const next = parent[segment];
      const child = Array.isArray(next)
        ? [...next]
        : next !== null && typeof next === 'object'
          ? { ...next }
          : typeof path[i + 1] === 'number'
            ? []
            : {};
      parent[segment] = child;
      parent = child as Record<string | number, unknown>;
    });
  }
  return copy;
}

/** Whether one path lies within the other (a prefix of it). */
export function overlaps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.slice(0, b.length).every((s, i) => String(s) === String(b[i]));
}

export function pathOf(key: string, base: Record<string, unknown>): PathSegment[][] {
  const parsed = parsePath(key, base);
  return 'path' in parsed ? [parsed.path] : [];
}

/**
 * The --set options as assignments; one that names a matrix axis (`varied`) or cannot be read is a
 * diagnostic instead.
 */
export function setAssignments(
  texts: readonly string[],
  base: Record<string, unknown>,
  varied: ReadonlySet<string>,
): { sets: Assignment[]; diagnostics: Diagnostic[] } {
  const sets: Assignment[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const text of texts) {
    const parsed = parseSetOption(text, base, parseYamlScalar);
    const where = `--set ${shorten(text)}`;
    if ('key' in parsed && varied.has(parsed.key)) {
      diagnostics.push({
        file: where,
        line: 0,
        col: 0,
        message: `'${shorten(parsed.key)}' is a matrix axis of this manifest; --set cannot override it`,
        hint: 'pick matrix points by their run ids instead (damon-exp list)',
      });
    } else if ('key' in parsed) sets.push(parsed);
    else
      diagnostics.push({
        file: where,
        line: 0,
        col: 0,
        message: parsed.message,
        ...(parsed.hint ? { hint: parsed.hint } : {}),
      });
  }
  return { sets, diagnostics };
}

function parseYamlScalar(text: string): unknown {
  try {
    return parseYamlValue(text);
  } catch {
    // Not YAML (an unclosed [ or an alias): take it as the string it is; the schema judges it.
    return text;
  }
}

/** Finds where a problem's path was written: in a matrix value, a --set option, or the manifest. */
export function toDiagnostic(source: YamlSource, assignments: Assignment[], problem: Problem): Diagnostic {
  let owner: Assignment | undefined;
  for (const a of assignments) {
    const prefix =
      a.path.length <= problem.path.length && a.path.every((segment, i) => String(segment) === String(problem.path[i]));
    if (prefix && (!owner || a.path.length >= owner.path.length)) owner = a;
  }
  let where: SourceLocation;
  if (owner?.source.kind === 'cli') {
    where = { file: `--set ${owner.source.text}`, line: 0, col: 0 };
  } else if (owner?.source.kind === 'yaml') {
    where = locate(source, owner.source.node, problem.path.slice(owner.path.length), problem.at ?? 'value');
  } else {
    where = locate(source, source.root, problem.path, problem.at ?? 'value');
  }
  return { ...where, message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) };
}
