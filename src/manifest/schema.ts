// The manifest's JSON Schema (schemas/manifest.schema.json), compiled once, and its errors
// turned into messages that name the key and say what would be right.
import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { validate as validateManifest } from './generated/manifest-validator.js';
import type { DataPath } from './yaml-source.js';
import { shorten } from '../util/errors.js';
import { closest } from './suggest.js';
import { PACKAGE_ROOT } from '../util/version.js';

export const SCHEMA_URL = new URL('schemas/manifest.schema.json', PACKAGE_ROOT);

type JsonSchema = Record<string, unknown>;

let schemaJson: JsonSchema | undefined;

/** The schema as JSON (for paths and messages); validation uses the code generated from it. */
export function manifestSchema(): JsonSchema {
  schemaJson ??= JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as JsonSchema;
  return schemaJson;
}

export interface SchemaProblem {
  path: DataPath;
  /** The data the problem is about, when not at `path` (a missing key: the key below it). */
  subject?: DataPath;
  /** Point at the key itself (an unknown key) rather than its value. */
  at: 'value' | 'key';
  message: string;
  hint?: string;
}

export function checkAgainstSchema(value: unknown): SchemaProblem[] {
  if (validateManifest(value)) return [];
  return (validateManifest.errors ?? []).flatMap((error) => describe(error, value));
}

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Array indices come back as numbers so that YAML positions and dotted names line up. */
function toDataPath(parts: string[], root: unknown): DataPath {
  const path: (string | number)[] = [];
  let current: unknown = root;
  for (const part of parts) {
    const segment = Array.isArray(current) && /^[0-9]+$/.test(part) ? Number(part) : part;
    path.push(segment);
    current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
  }
  return path;
}

/** A data path as dotted keys; a long key (often itself the problem) is cut short. */
export function dotted(path: DataPath): string {
  return path.length ? path.map((segment) => shorten(String(segment), 40)).join('.') : '(top level)';
}

function describe(error: ErrorObject, root: unknown): SchemaProblem[] {
  const parts = pointerToPath(error.instancePath);
  const path = toDataPath(parts, root);
  const where = dotted(path);
  // Not error.schemaPath: in the generated code it is relative to the $ref'd definition.
  const parent = schemaAt(path.map(String)) ?? {};
  const expected = typeof parent.expected === 'string' ? parent.expected : undefined;
  const params = error.params as Record<string, unknown>;
  const data = path.reduce<unknown>(
    (value, segment) =>
      value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined,
    root,
  );
  switch (error.keyword) {
    case 'if':
      return []; // its `then`/`else` branch already reported the specific problem
    case 'required': {
      const missing = String(params.missingProperty);
      return [
        { path, subject: [...path, missing], at: 'value', message: `${where}: missing required key '${missing}'` },
      ];
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties as JsonSchema | undefined) ?? {});
      const suggestion = closest(extra, allowed);
      return [
        {
          path: [...path, extra],
          at: 'key',
          message: `${dotted([...path, extra])}: unknown key '${shorten(extra)}'`,
          hint: suggestion ? `did you mean '${suggestion}'?` : `allowed here: ${allowed.join(', ')}`,
        },
      ];
    }
    case 'propertyNames': {
      const name = String(params.propertyName);
      const names = derefSchema((parent.propertyNames as JsonSchema | undefined) ?? {});
      const what = typeof names.expected === 'string' ? names.expected : 'a valid name';
      return [
        { path: [...path, name], at: 'key', message: `${dotted([...path, name])}: '${shorten(name)}' is not ${what}` },
      ];
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof data === 'string' ? closest(data, allowed) : undefined;
      return [
        {
          path,
          at: 'value',
          message: `${where}: ${quoted(data)} is not one of ${allowed.join(', ')}`,
          ...(suggestion ? { hint: `did you mean '${suggestion}'?` } : {}),
        },
      ];
    }
    case 'type':
    case 'pattern':
      if (error.propertyName !== undefined) return []; // reported by propertyNames
      return [
        {
          path,
          at: 'value',
          message: expected
            ? `${where}: ${quoted(data)} is not ${expected}`
            : `${where}: must be ${error.keyword === 'type' ? String(params.type).replace(',', ' or ') : `a string matching ${String(params.pattern)}`}`,
        },
      ];
    case 'uniqueItems': {
      const list = Array.isArray(data) ? data : [];
      const later = Math.max(Number(params.i), Number(params.j));
      return [{ path: [...path, later], at: 'value', message: `${where}: lists ${quoted(list[later])} twice` }];
    }
    case 'minItems':
      return [
        {
          path,
          at: 'value',
          message: `${where}: needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`,
        },
      ];
    case 'minProperties':
      return [
        {
          path,
          at: 'value',
          message: `${where}: needs at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}`,
        },
      ];
    default:
      if (error.propertyName !== undefined) return [];
      return [{ path, at: 'value', message: `${where}: ${error.message ?? 'is invalid'}` }];
  }
}

/** A value as the user wrote it, as JSON, cut short; a number too large for a double (1e309) is said as such. */
function quoted(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? 'NaN (not a number)' : `a number too large (beyond ${value < 0 ? '-' : ''}1.8e308)`;
  return shorten(JSON.stringify(value) ?? String(value));
}

/** The schema that describes the value at `path`, or undefined when the path addresses nothing. */
export function schemaAt(path: readonly string[]): JsonSchema | undefined {
  const deref = derefSchema;
  let current: JsonSchema | undefined = deref(manifestSchema());
  for (const segment of path) {
    if (!current) return undefined;
    const properties = current.properties as Record<string, JsonSchema> | undefined;
    if (properties?.[segment]) {
      current = deref(properties[segment]!);
    } else if (isArrayType(current.type) && /^[0-9]+$/.test(segment) && current.items) {
      current = deref(current.items as JsonSchema);
    } else if (current.additionalProperties && typeof current.additionalProperties === 'object') {
      current = deref(current.additionalProperties as JsonSchema);
    } else {
      return undefined;
    }
  }
  return current;
}

/** `array`, or a list of types with it (a command: a string or a list). */
function isArrayType(type: unknown): boolean {
  return type === 'array' || (Array.isArray(type) && type.includes('array'));
}

function derefSchema(node: JsonSchema): JsonSchema {
  const defs = manifestSchema().$defs as Record<string, JsonSchema>;
  let current = node;
  for (;;) {
    if (typeof current.$ref === 'string') {
      // The definition's own description wins: it says what a valid value looks like.
      current = { ...withoutRef(current), ...defs[current.$ref.replace('#/$defs/', '')] };
    } else if (current.if && current.else && typeof current.else === 'object') {
      // A value that is a word or a structure (monitoring: off, or its attributes): paths go into the structure.
      const { if: _if, then: _then, else: structure, ...rest } = current;
      current = { ...rest, ...(structure as JsonSchema) };
    } else return current;
  }
}

function withoutRef(node: JsonSchema): JsonSchema {
  const { $ref: _ignored, ...rest } = node;
  return rest;
}
