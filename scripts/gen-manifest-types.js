#!/usr/bin/env node
// Regenerates src/manifest/manifest.types.ts from schemas/manifest.schema.json.
// The schema is the source of truth; test/manifest/schema-types.test.ts fails when the two drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
export const typesPath = `${root}src/manifest/manifest.types.ts`;

export async function generateManifestTypes() {
  const schema = JSON.parse(readFileSync(`${root}schemas/manifest.schema.json`, 'utf8'));
  return compile(schema, 'Manifest', {
    bannerComment: '/* Generated from schemas/manifest.schema.json by `npm run gen:types`. Do not edit. */',
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: true, printWidth: 100 },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(typesPath, await generateManifestTypes());
  console.error(`wrote ${typesPath}`);
}
