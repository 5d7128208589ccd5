// Matrix expansion: dotted paths into the manifest, each with a list of values; their cartesian
// product, minus `exclude`, plus `include` (GitHub Actions' semantics), plus --set overrides.
import type { Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { schemaAt } from './schema.js';
import { closest } from './suggest.js';
import type { DataPath, PathSegment } from './yaml-source.js';
import type { Problem } from './resolve.js';

export type ValueSource = { kind: 'yaml'; node: Node | null } | { kind: 'cli'; text: string };

export interface Assignment {
  /** The dotted path as written. */
  key: string;
  path: PathSegment[];
  value: unknown;
  source: ValueSource;
}

export type MatrixPoint = Assignment[];

const RESERVED = new Set(['name', 'matrix', 'repeat']);
/** Keys every JavaScript object has; never paths into a manifest. */
const OBJECT_BUILTINS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks a dotted path against the schema and the manifest: every step must be a key the schema
 * knows, and keys of maps (workloads.NAME) and list indices must exist in the manifest.
 */
export function parsePath(key: string, manifest: unknown): { path: PathSegment[] } | { message: string; hint?: string } {
  const parts = key.split('.');
  if (RESERVED.has(parts[0]!)) return { message: `'${parts[0]}' cannot be varied by the matrix or --set` };
  const path: PathSegment[] = [];
  let value: unknown = manifest;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const parentSchema = schemaAt(parts.slice(0, i));
    const schema = OBJECT_BUILTINS.has(part) ? undefined : schemaAt(parts.slice(0, i + 1));
    const isArray = parentSchema?.type === 'array';
    const viaMap = !isArray && !Object.hasOwn((parentSchema?.properties as Record<string, unknown> | undefined) ?? {}, part);
    if (!schema) {
      const known = Object.keys((parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const suggestion = closest(part, known);
      return {
        message: `'${key}' addresses nothing in the manifest: '${parts.slice(0, i + 1).join('.')}' is not a key there`,
        ...(suggestion ? { hint: `did you mean '${[...parts.slice(0, i), suggestion].join('.')}'?` } : known.length ? { hint: `keys there: ${known.join(', ')}` } : {}),
      };
    }
    if (isArray || viaMap) {
      const container = value as Record<string, unknown> | unknown[] | undefined;
      const exists = Array.isArray(container)
        ? Number(part) < container.length
        : container !== undefined && container !== null && typeof container === 'object' && Object.hasOwn(container, part);
      if (!exists) {
        const names = container && typeof container === 'object' && !Array.isArray(container) ? Object.keys(container) : [];
        const suggestion = closest(part, names);
        return {
          message: `'${key}' addresses nothing in the manifest: ${parts.slice(0, i).join('.')} has no ${isArray ? `item ${part}` : `'${part}'`}`,
          ...(suggestion ? { hint: `did you mean '${[...parts.slice(0, i), suggestion].join('.')}'?` } : {}),
        };
      }
    }
    path.push(isArray ? Number(part) : part);
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return { path };
}

function mapEntries(node: Node | null): Map<string, { keyNode: Node; valueNode: Node | null }> {
  const entries = new Map<string, { keyNode: Node; valueNode: Node | null }>();
  if (isMap(node)) {
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key)) entries.set(String(item.key.value), { keyNode: item.key as Node, valueNode: (item.value as Node | null) ?? null });
    }
  }
  return entries;
}

function seqItems(node: Node | null): (Node | null)[] {
  return isSeq(node) ? node.items.map((item) => item as Node) : [];
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || stableJson(a) === stableJson(b);
}

export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * The matrix points of a manifest. Problems (paths addressing nothing, include/exclude keys that
 * are no axis) are reported against the matrix's own keys.
 */
export function expandMatrix(manifest: Record<string, unknown>, matrixNode: Node | null, report: (problem: Problem) => void): MatrixPoint[] {
  const matrix = manifest.matrix as Record<string, unknown> | undefined;
  if (!matrix) return [[]];
  const entries = mapEntries(matrixNode);
  const resolvePath = (key: string, at: DataPath): PathSegment[] | undefined => {
    const parsed = parsePath(key, manifest);
    if ('path' in parsed) return parsed.path;
    report({ path: at, at: 'key', message: `matrix: ${parsed.message}`, ...(parsed.hint ? { hint: parsed.hint } : {}) });
    return undefined;
  };

  const axes: { key: string; path: PathSegment[]; values: unknown[]; nodes: (Node | null)[] }[] = [];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue;
    const path = resolvePath(key, ['matrix', key]);
    if (!path || !Array.isArray(values)) continue;
    const overlapping = axes.find((axis) => isPrefix(axis.path, path) || isPrefix(path, axis.path));
    if (overlapping) {
      report({ path: ['matrix', key], at: 'key', message: `matrix: '${key}' and '${overlapping.key}' overlap: one is inside the other`, hint: 'vary either the whole or its part' });
      continue;
    }
    values.forEach((value, i) => {
      if (values.findIndex((other) => sameValue(other, value)) < i) {
        report({ path: ['matrix', key, i], message: `matrix.${key} lists ${JSON.stringify(value)} twice`, hint: 'each value makes its own runs; use repeat for repetitions' });
      }
    });
    axes.push({ key, path, values, nodes: seqItems(entries.get(key)?.valueNode ?? null) });
  }
  const axisKeys = new Set(axes.map((axis) => axis.key));

  let points: MatrixPoint[] = [[]];
  for (const axis of axes) {
    const next: MatrixPoint[] = [];
    for (const point of points) {
      axis.values.forEach((value, i) =>
        next.push([...point, { key: axis.key, path: axis.path, value, source: { kind: 'yaml', node: axis.nodes[i] ?? null } }]),
      );
    }
    points = next;
  }
  if (axes.length === 0) points = [];

  const listEntries = (name: 'include' | 'exclude') => {
    const list = (matrix[name] as Record<string, unknown>[] | undefined) ?? [];
    const nodes = seqItems(entries.get(name)?.valueNode ?? null);
    return list.map((entry, i) => ({ entry, node: nodes[i] ?? null, at: ['matrix', name, i] as DataPath }));
  };

  for (const { entry, at } of listEntries('exclude')) {
    for (const key of Object.keys(entry)) {
      if (!axisKeys.has(key)) {
        report({ path: [...at, key], at: 'key', message: `matrix.exclude: '${key}' is not a matrix axis`, hint: `axes: ${[...axisKeys].join(', ') || '(none)'}` });
      }
    }
  }
  const excluded = (point: MatrixPoint) =>
    listEntries('exclude').some(({ entry }) =>
      Object.entries(entry).every(([key, value]) => point.some((a) => a.key === key && sameValue(a.value, value))),
    );
  const before = points.length;
  points = points.filter((point) => !excluded(point));
  if (before > 0 && points.length === 0 && listEntries('include').length === 0) {
    report({ path: ['matrix', 'exclude'], at: 'key', message: 'matrix.exclude leaves out every combination: nothing would run' });
  }

  const originalCount = points.length;
  for (const { entry, node, at } of listEntries('include')) {
    const fields = mapEntries(node);
    const assignments: Assignment[] = [];
    for (const [key, value] of Object.entries(entry)) {
      const path = resolvePath(key, [...at, key]);
      if (path) assignments.push({ key, path, value, source: { kind: 'yaml', node: fields.get(key)?.valueNode ?? null } });
    }
    let matched = false;
    for (let p = 0; p < originalCount; p++) {
      const point = points[p]!;
      const fits = assignments.every((a) => !axisKeys.has(a.key) || point.some((b) => b.key === a.key && sameValue(a.value, b.value)));
      if (!fits) continue;
      matched = true;
      for (const a of assignments) {
        if (axisKeys.has(a.key)) continue;
        const existing = point.findIndex((b) => b.key === a.key);
        if (existing >= 0) point[existing] = a;
        else point.push(a);
      }
    }
    if (!matched) {
      if (points.some((point) => samePoint(point, assignments))) {
        report({ path: at, message: 'matrix.include repeats a combination the matrix already has' });
      }
      points.push(assignments);
    }
  }
  return points.length ? points : [[]];
}

function isPrefix(prefix: readonly PathSegment[], path: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

function samePoint(a: MatrixPoint, b: MatrixPoint): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => y.key === x.key && sameValue(x.value, y.value)));
}

/** `path=value` from the command line; the value is read as YAML (`10s`, `[a, b]`, `3`). */
export function parseSetOption(text: string, manifest: unknown, parseValue: (yaml: string) => unknown): Assignment | { message: string; hint?: string } {
  const eq = text.indexOf('=');
  if (eq <= 0) return { message: `--set needs PATH=VALUE, not '${text}'`, hint: 'for example --set duration=10s' };
  const key = text.slice(0, eq).trim();
  const parsed = parsePath(key, manifest);
  if (!('path' in parsed)) return parsed;
  return { key, path: parsed.path, value: parseValue(text.slice(eq + 1)), source: { kind: 'cli', text } };
}

export function assign(target: Record<string, unknown>, path: readonly PathSegment[], value: unknown): void {
  let current: Record<string | number, unknown> = target;
  path.forEach((segment, i) => {
    if (i === path.length - 1) {
      current[segment] = value;
      return;
    }
    const next = current[segment];
    if (next === null || typeof next !== 'object') current[segment] = typeof path[i + 1] === 'number' ? [] : {};
    current = current[segment] as Record<string | number, unknown>;
  });
}
