// Matrix expansion: dotted paths into the manifest, each with a list of values; their cartesian
// product, minus `exclude`, plus `include` (GitHub Actions' semantics), plus --set overrides.
import type { Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { schemaAt } from './schema.js';
import { shorten } from '../util/errors.js';
import { closest } from './suggest.js';
import { stableJson } from '../util/stable-json.js';
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
export function parsePath(
  key: string,
  manifest: unknown,
): { path: PathSegment[] } | { message: string; hint?: string } {
  const parts = key.split('.');
  if (RESERVED.has(parts[0]!)) return { message: `'${parts[0]}' cannot be varied by the matrix or --set` };
  const path: PathSegment[] = [];
  let value: unknown = manifest;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const parentSchema = schemaAt(parts.slice(0, i));
    const schema = OBJECT_BUILTINS.has(part) ? undefined : schemaAt(parts.slice(0, i + 1));
    const isArray = parentSchema?.type === 'array';
    const viaMap =
      !isArray && !Object.hasOwn((parentSchema?.properties as Record<string, unknown> | undefined) ?? {}, part);
    if (!schema) {
      const known = Object.keys((parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const suggestion = closest(part, known);
      return {
        message: `'${shorten(key)}' addresses nothing in the manifest: '${shorten(parts.slice(0, i + 1).join('.'))}' is not a key there`,
        ...(suggestion
          ? { hint: `did you mean '${shorten([...parts.slice(0, i), suggestion].join('.'))}'?` }
          : known.length
            ? { hint: `keys there: ${known.join(', ')}` }
            : {}),
      };
    }
    if (isArray || viaMap) {
      const container = value as Record<string, unknown> | unknown[] | undefined;
      const exists = Array.isArray(container)
        ? Number(part) < container.length
        : container !== undefined &&
          container !== null &&
          typeof container === 'object' &&
          Object.hasOwn(container, part);
      if (!exists) {
        const names =
          container && typeof container === 'object' && !Array.isArray(container) ? Object.keys(container) : [];
        const suggestion = closest(part, names);
        return {
          message: `'${shorten(key)}' addresses nothing in the manifest: ${shorten(parts.slice(0, i).join('.'))} has no ${isArray ? `item ${shorten(part)}` : `'${shorten(part)}'`}`,
          ...(suggestion ? { hint: `did you mean '${shorten([...parts.slice(0, i), suggestion].join('.'))}'?` } : {}),
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
      if (isPair(item) && isScalar(item.key))
        entries.set(String(item.key.value), {
          keyNode: item.key as Node,
          valueNode: (item.value as Node | null) ?? null,
        });
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

export interface Axis {
  key: string;
  path: PathSegment[];
  values: unknown[];
  nodes: (Node | null)[];
}

interface ListEntry {
  entry: Record<string, unknown>;
  node: Node | null;
  at: DataPath;
}

/** A matrix read and checked, not yet multiplied out. */
export interface Matrix {
  axes: Axis[];
  include: ListEntry[];
  exclude: ListEntry[];
}

/**
 * The matrix of a manifest (whose matrix has the schema's shape), checked: paths addressing
 * nothing, values listed twice, overlapping axes, include/exclude keys that are no axis. Problems
 * are reported against the matrix's own keys.
 */
export function readMatrix(
  manifest: Record<string, unknown>,
  matrixNode: Node | null,
  report: (problem: Problem) => void,
): Matrix {
  const matrix = manifest.matrix as Record<string, unknown> | undefined;
  if (!matrix) return { axes: [], include: [], exclude: [] };
  const entries = mapEntries(matrixNode);
  const resolvePath = (key: string, at: DataPath): PathSegment[] | undefined => {
    const parsed = parsePath(key, manifest);
    if ('path' in parsed) return parsed.path;
    report({
      path: at,
      at: 'key',
      message: `matrix: ${parsed.message}`,
      ...(parsed.hint ? { hint: parsed.hint } : {}),
    });
    return undefined;
  };

  const axes: Axis[] = [];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue;
    const path = resolvePath(key, ['matrix', key]);
    if (!path || !Array.isArray(values)) continue;
    const overlapping = axes.find((axis) => isPrefix(axis.path, path) || isPrefix(path, axis.path));
    if (overlapping) {
      report({
        path: ['matrix', key],
        at: 'key',
        message: `matrix: '${shorten(key)}' and '${shorten(overlapping.key)}' overlap: one is inside the other`,
        hint: 'vary either the whole or its part',
      });
      continue;
    }
    const seen = new Set<string>();
    values.forEach((value, i) => {
      const json = stableJson(value);
      if (seen.has(json)) {
        report({
          path: ['matrix', key, i],
          message: `matrix.${shorten(key)} lists ${shorten(json ?? String(value))} twice`,
          hint: 'each value makes its own runs; use repeat for repetitions',
        });
      }
      seen.add(json);
    });
    axes.push({ key, path, values, nodes: seqItems(entries.get(key)?.valueNode ?? null) });
  }
  const axisKeys = new Set(axes.map((axis) => axis.key));

  const listEntries = (name: 'include' | 'exclude'): ListEntry[] => {
    const list = (matrix[name] as Record<string, unknown>[] | undefined) ?? [];
    const nodes = seqItems(entries.get(name)?.valueNode ?? null);
    return list.map((entry, i) => ({ entry, node: nodes[i] ?? null, at: ['matrix', name, i] as DataPath }));
  };
  const exclude = listEntries('exclude');
  for (const { entry, at } of exclude) {
    for (const key of Object.keys(entry)) {
      if (!axisKeys.has(key)) {
        report({
          path: [...at, key],
          at: 'key',
          message: `matrix.exclude: '${shorten(key)}' is not a matrix axis`,
          hint: `axes: ${shorten([...axisKeys].join(', ')) || '(none)'}`,
        });
      }
    }
  }
  const include = listEntries('include');
  for (const { entry, at } of include) for (const key of Object.keys(entry)) resolvePath(key, [...at, key]);
  return { axes, include, exclude };
}

/**
 * How many points the matrix makes, without making them: the product of the axes' lengths plus
 * the include entries. `exact` is false when exclude or include may make it fewer.
 */
export function countPoints(matrix: Matrix): { points: bigint; exact: boolean } {
  const product = matrix.axes.length ? matrix.axes.reduce((n, axis) => n * BigInt(axis.values.length), 1n) : 0n;
  const points = product + BigInt(matrix.include.length);
  return { points: points === 0n ? 1n : points, exact: matrix.include.length === 0 && matrix.exclude.length === 0 };
}

/** The matrix points: the cartesian product of the axes, minus exclude, plus include. */
export function expandMatrix(
  manifest: Record<string, unknown>,
  matrix: Matrix,
  report: (problem: Problem) => void,
): MatrixPoint[] {
  const { axes } = matrix;
  const axisKeys = new Set(axes.map((axis) => axis.key));
  let points: MatrixPoint[] = [[]];
  for (const axis of axes) {
    const next: MatrixPoint[] = [];
    for (const point of points) {
      axis.values.forEach((value, i) =>
        next.push([
          ...point,
          { key: axis.key, path: axis.path, value, source: { kind: 'yaml', node: axis.nodes[i] ?? null } },
        ]),
      );
    }
    points = next;
  }
  if (axes.length === 0) points = [];

  // Values compared as JSON made once, and exclude entries and points looked up by it: long
  // exclude and include lists are checked against every point.
  const json = new Map<unknown, string>();
  const jsonOf = (value: unknown): string => {
    let text = json.get(value);
    if (text === undefined) json.set(value, (text = stableJson(value) ?? 'undefined'));
    return text;
  };
  const valuesOf = (point: MatrixPoint) => new Map(point.map((a) => [a.key, jsonOf(a.value)]));
  const excludeGroups = new Map<string, { keys: string[]; entries: Set<string> }>();
  for (const { entry } of matrix.exclude) {
    const keys = Object.keys(entry).sort();
    const signature = JSON.stringify(keys);
    let group = excludeGroups.get(signature);
    if (!group) excludeGroups.set(signature, (group = { keys, entries: new Set() }));
    group.entries.add(JSON.stringify(keys.map((key) => jsonOf(entry[key]))));
  }
  const before = points.length;
  if (excludeGroups.size) {
    points = points.filter((point) => {
      const values = valuesOf(point);
      return ![...excludeGroups.values()].some(
        (group) =>
          group.keys.every((key) => values.has(key)) &&
          group.entries.has(JSON.stringify(group.keys.map((key) => values.get(key)))),
      );
    });
  }
  if (before > 0 && points.length === 0 && matrix.include.length === 0) {
    report({
      path: ['matrix', 'exclude'],
      at: 'key',
      message: 'matrix.exclude leaves out every combination: nothing would run',
    });
  }

  const canonical = (point: MatrixPoint) =>
    JSON.stringify(point.map((a) => [a.key, jsonOf(a.value)]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0)));
  const present = new Map<string, number>();
  const count = (point: MatrixPoint, by: number) => {
    const key = canonical(point);
    const n = (present.get(key) ?? 0) + by;
    if (n > 0) present.set(key, n);
    else present.delete(key);
  };
  points.forEach((point) => count(point, 1));
  const originalCount = points.length;
  const originalValues = points.map(valuesOf);
  for (const { entry, node, at } of matrix.include) {
    const fields = mapEntries(node);
    const assignments: Assignment[] = [];
    for (const [key, value] of Object.entries(entry)) {
      const parsed = parsePath(key, manifest);
      if ('path' in parsed)
        assignments.push({
          key,
          path: parsed.path,
          value,
          source: { kind: 'yaml', node: fields.get(key)?.valueNode ?? null },
        });
    }
    const onAxes = assignments.filter((a) => axisKeys.has(a.key)).map((a) => [a.key, jsonOf(a.value)] as const);
    let matched = false;
    for (let p = 0; p < originalCount; p++) {
      const values = originalValues[p]!;
      if (!onAxes.every(([key, value]) => values.get(key) === value)) continue;
      matched = true;
      const point = points[p]!;
      count(point, -1);
      for (const a of assignments) {
        if (axisKeys.has(a.key)) continue;
        const existing = point.findIndex((b) => b.key === a.key);
        if (existing >= 0) point[existing] = a;
        else point.push(a);
      }
      count(point, 1);
    }
    if (!matched) {
      if (present.has(canonical(assignments))) {
        report({ path: at, message: 'matrix.include repeats a combination the matrix already has' });
      }
      points.push(assignments);
      count(assignments, 1);
    }
  }
  return points.length ? points : [[]];
}

function isPrefix(prefix: readonly PathSegment[], path: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));
}

/** `path=value` from the command line; the value is read as YAML (`10s`, `[a, b]`, `3`). */
export function parseSetOption(
  text: string,
  manifest: unknown,
  parseValue: (yaml: string) => unknown,
): Assignment | { message: string; hint?: string } {
  const eq = text.indexOf('=');
  if (eq <= 0)
    return { message: `--set needs PATH=VALUE, not '${shorten(text)}'`, hint: 'for example --set duration=10s' };
  const key = text.slice(0, eq).trim();
  const parsed = parsePath(key, manifest);
  if (!('path' in parsed)) return parsed;
  return { key, path: parsed.path, value: parseValue(text.slice(eq + 1)), source: { kind: 'cli', text } };
}
