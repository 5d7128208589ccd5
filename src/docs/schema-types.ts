// What a JSON Schema node allows, said in a table cell: `auto`, `local`, `qemu`; integer from 1 to
// 64; list of [scheme](#scheme); and where in a manifest each definition is used.
import { code, link, text } from './markdown.js';

export type Schema = { [key: string]: unknown };

export const isSchema = (value: unknown): value is Schema =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export interface SchemaDoc {
  root: Schema;
  defs: Record<string, Schema>;
  /** Definitions with a section of their own: objects with properties, or lists of them. */
  sections: Set<string>;
}

export function schemaDoc(root: Schema): SchemaDoc {
  const defs = (isSchema(root.$defs) ? root.$defs : {}) as Record<string, Schema>;
  const sections = new Set(Object.keys(defs).filter((name) => objectOf(defs[name]!) !== undefined));
  return { root, defs, sections };
}

/** The object whose properties a node's rows list: the node itself, or its list's items. */
export function objectOf(node: Schema): Schema | undefined {
  if (isSchema(node.properties)) return node;
  if (isSchema(node.items) && isSchema(node.items.properties)) return node.items;
  return undefined;
}

export const refName = (node: Schema): string | undefined =>
  typeof node.$ref === 'string' ? node.$ref.replace('#/$defs/', '') : undefined;

/** The heading of a definition's section; value types share one. */
export const VALUE_TYPES = 'Value types';

/** A definition's name, linked to where the page describes it. */
function defLink(doc: SchemaDoc, name: string): string {
  return link(name, doc.sections.has(name) ? name : VALUE_TYPES);
}

const joinOr = (parts: string[]) =>
  parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;

function range(min: unknown, max: unknown): string {
  if (typeof min === 'number' && typeof max === 'number') return ` from ${min} to ${max}`;
  if (typeof min === 'number') return ` ≥ ${min}`;
  if (typeof max === 'number') return ` ≤ ${max}`;
  return '';
}

function stringType(node: Schema): string {
  const notes = [
    typeof node.pattern === 'string' ? `matching ${code(node.pattern)}` : '',
    typeof node.maxLength === 'number' ? `at most ${node.maxLength} characters` : '',
    '',
  ].filter(Boolean);
  return notes.length ? `string ${notes.join(', ')}` : 'string';
}

function listType(doc: SchemaDoc, node: Schema): string {
  const items = isSchema(node.items) ? node.items : {};
  const of = isSchema(items.properties) && !refName(items) ? 'objects' : typeOf(doc, items, true);
  const notes = [node.minItems === 1 ? 'at least one' : '', node.uniqueItems === true ? 'no repeats' : ''].filter(
    Boolean,
  );
  return `list of ${of}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

function mapType(doc: SchemaDoc, node: Schema): string {
  const names = isSchema(node.propertyNames) ? node.propertyNames : {};
  const ref = refName(names);
  const key = ref ? defLink(doc, ref) : 'key';
  const values = isSchema(node.additionalProperties) ? typeOf(doc, node.additionalProperties, true) : 'any';
  return `map of ${key} to ${values}`;
}

/** What values the node takes; `plural` for an item of a list (`list of strings`). */
export function typeOf(doc: SchemaDoc, node: Schema, plural = false): string {
  const ref = refName(node);
  if (ref) return defLink(doc, ref);
  if (Array.isArray(node.enum)) return node.enum.map((value) => code(String(value))).join(', ');
  if (isSchema(node.if) && isSchema(node.then) && isSchema(node.else))
    return joinOr([typeOf(doc, node.then, plural), typeOf(doc, node.else, plural)]);
  if (Array.isArray(node.oneOf))
    return joinOr(node.oneOf.filter(isSchema).map((variant) => typeOf(doc, variant, plural)));
  const types = Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === 'string' ? [node.type] : [];
  if (types.length === 0) return plural ? 'values' : 'any value';
  return joinOr(
    types.map((type) => {
      const s = plural ? 's' : '';
      switch (type) {
        case 'string':
          return plural ? stringType(node).replace(/^string/, 'strings') : stringType(node);
        case 'integer':
        case 'number':
          return `${type}${s}${range(node.minimum, node.maximum)}`;
        case 'array':
          return listType(doc, node);
        case 'object':
          return isSchema(node.additionalProperties) ? mapType(doc, node) : `object${s}`;
        default:
          return `${type}${s}`;
      }
    }),
  );
}

/** A default as the manifest would write it. */
export function defaultOf(node: Schema): string {
  if (!('default' in node)) return '';
  return code(typeof node.default === 'string' ? node.default : JSON.stringify(node.default));
}

/** A node's description as Markdown; a `$ref` without its own takes its definition's. */
export function descriptionOf(doc: SchemaDoc, node: Schema, where: string): string {
  const ref = refName(node);
  const description = node.description ?? (ref ? doc.defs[ref]?.description : undefined);
  if (typeof description !== 'string' || !description.trim()) throw new Error(`${where} has no description`);
  const sentence = description.trim();
  return text(/[.!?]$/.test(sentence) ? sentence : `${sentence}.`);
}

/** The placeholder of a map's keys: `<name>`, or what its key names say they are. */
export function keyPlaceholder(node: Schema): string {
  const names = isSchema(node.propertyNames) ? node.propertyNames : {};
  return refName(names) === 'identifier' ? '<name>' : '<path>';
}

/** Where each definition is used in a manifest, as dotted paths (`[]` for a list's items). */
export function usesOf(doc: SchemaDoc): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  const visit = (node: Schema, path: string, depth: number): void => {
    if (depth > 20) return; // the schema has no recursion; a cycle would stop here
    const ref = refName(node);
    if (ref) {
      const list = uses.get(ref) ?? [];
      if (!list.includes(path)) list.push(path);
      uses.set(ref, list);
      if (doc.defs[ref]) visit(doc.defs[ref]!, path, depth + 1);
      return;
    }
    const join = (key: string) => (path ? `${path}.${key}` : key);
    if (isSchema(node.properties))
      for (const [key, child] of Object.entries(node.properties)) if (isSchema(child)) visit(child, join(key), depth);
    if (isSchema(node.additionalProperties)) visit(node.additionalProperties, join(keyPlaceholder(node)), depth);
    if (isSchema(node.items)) visit(node.items, `${path}[]`, depth);
    for (const key of ['then', 'else'] as const) if (isSchema(node[key])) visit(node[key], path, depth);
    if (Array.isArray(node.oneOf)) for (const variant of node.oneOf.filter(isSchema)) visit(variant, path, depth);
  };
  visit(doc.root, '', 0);
  return uses;
}
