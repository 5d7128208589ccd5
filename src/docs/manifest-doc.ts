// docs/manifest.md from the manifest's JSON Schema: a table per section (the top level, then each
// definition with keys of its own), each key with its type, default and description, so that the
// reference says what the validator takes and cannot drift from it.
import { code, generatedBy, link, paragraph, table, text } from './markdown.js';
import {
  defaultOf,
  descriptionOf,
  isSchema,
  keyPlaceholder,
  objectOf,
  refName,
  schemaDoc,
  typeOf,
  usesOf,
  VALUE_TYPES,
  type Schema,
  type SchemaDoc,
} from './schema-types.js';

export const MANIFEST_SCHEMA = 'schemas/manifest.schema.json';

const TOP_LEVEL = 'Top level';
const HEADER = ['key', 'type', 'default', 'description'];

function row(doc: SchemaDoc, node: Schema, key: string, required = false): string[] {
  return [
    `${code(key)}${required ? ' (required)' : ''}`,
    typeOf(doc, node),
    defaultOf(node),
    descriptionOf(doc, node, key),
  ];
}

/** The rows of an object's keys, each followed by the keys of what it holds inline (`quotas.weights.size`). */
function rowsOf(doc: SchemaDoc, node: Schema, prefix: string): string[][] {
  const required = new Set(Array.isArray(node.required) ? node.required : []);
  const rows: string[][] = [];
  for (const [name, child] of Object.entries(isSchema(node.properties) ? node.properties : {})) {
    if (!isSchema(child)) continue;
    rows.push(row(doc, child, `${prefix}${name}`, required.has(name)), ...inlineRows(doc, child, `${prefix}${name}`));
  }
  for (const [pattern, child] of Object.entries(isSchema(node.patternProperties) ? node.patternProperties : {}))
    if (isSchema(child)) rows.push(row(doc, child, `${prefix}${pattern.replace(/^\^/, '')}*`));
  if (isSchema(node.additionalProperties)) rows.push(...mapRows(doc, node, prefix.replace(/\.$/, '')));
  return rows;
}

/** A map's entry (`workloads.<name>`), with its description or its definition's. */
function mapRows(doc: SchemaDoc, map: Schema, key: string): string[][] {
  const entry = map.additionalProperties as Schema;
  const entryKey = key ? `${key}.${keyPlaceholder(map)}` : keyPlaceholder(map);
  const names = isSchema(map.propertyNames) ? map.propertyNames : {};
  const node = entry.description || refName(entry) ? entry : { ...entry, description: names.description };
  return [row(doc, node, entryKey), ...inlineRows(doc, entry, entryKey)];
}

function inlineRows(doc: SchemaDoc, node: Schema, key: string): string[][] {
  if (refName(node)) return [];
  if (isSchema(node.properties)) return rowsOf(doc, node, `${key}.`);
  if (isSchema(node.items) && !refName(node.items) && isSchema(node.items.properties))
    return rowsOf(doc, node.items, `${key}[].`);
  if (isSchema(node.additionalProperties)) return mapRows(doc, node, key);
  if (Array.isArray(node.oneOf))
    return node.oneOf
      .filter(isSchema)
      .flatMap((variant) => (isSchema(variant.properties) ? rowsOf(doc, variant, `${key}.`) : []));
  return [];
}

function section(heading: string, intro: string[], body: string): string {
  return [`## ${heading}`, ...intro, body].join('\n\n');
}

function defSection(doc: SchemaDoc, name: string, uses: Map<string, string[]>): string {
  const def = doc.defs[name]!;
  const object = objectOf(def)!;
  const where = (uses.get(name) ?? []).map(code);
  const intro = [
    descriptionOf(doc, def, name),
    ...(object !== def ? ['A list; each entry has these keys.'] : []),
    ...(where.length ? [`Used at ${where.join(', ')}.`] : []),
  ];
  return section(name, intro, table(HEADER, rowsOf(doc, object, '')));
}

function valueTypes(doc: SchemaDoc): string {
  const names = Object.keys(doc.defs).filter((name) => !doc.sections.has(name));
  const rows = names.map((name) => [
    code(name),
    typeOf(doc, doc.defs[name]!),
    descriptionOf(doc, doc.defs[name]!, name),
  ]);
  return section(
    VALUE_TYPES,
    ['The kinds of value that several keys share. Durations and sizes are resolved once, to µs and bytes.'],
    table(['type', 'values', 'description'], rows),
  );
}

export function renderManifestDoc(schema: Schema): string {
  const doc = schemaDoc(schema);
  const uses = usesOf(doc);
  const sections = Object.keys(doc.defs).filter((name) => doc.sections.has(name));
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  const intro = [
    generatedBy(MANIFEST_SCHEMA),
    '# Manifest reference',
    paragraph(
      `A manifest is a YAML file that says what to monitor with DAMON, with which workloads, for how long, and swept over which parameters. This page lists every key that \`${MANIFEST_SCHEMA}\` (JSON Schema 2020-12) allows, with its type, its default and what it does: the top level first, then each kind of object, with where it is used. A key's path is dotted: \`[]\` stands for each entry of a list and \`<name>\` for a key of your choosing (\`layout.kdamonds[].contexts[].monitoring\`, \`workloads.<name>.masim\`). \`damon-exp validate\` checks a manifest against the schema, and against what DAMON would refuse.`,
    ),
    paragraph(
      `For completion and checks as you type, start the manifest with \`# yaml-language-server: $schema=../schemas/manifest.schema.json\` (the path relative to the manifest): editors with the YAML language server then show these descriptions too.`,
    ),
    `Sections: ${[TOP_LEVEL, ...sections, VALUE_TYPES].map((heading) => link(text(heading), heading)).join(', ')}.`,
  ];
  const top = section(
    TOP_LEVEL,
    [descriptionOf(doc, schema, 'the manifest'), `Required: ${required.map(code).join(', ')}.`],
    table(HEADER, rowsOf(doc, schema, '')),
  );
  return `${[...intro, top, ...sections.map((name) => defSection(doc, name, uses)), valueTypes(doc)].join('\n\n')}\n`;
}
