#!/usr/bin/env node
// Regenerates src/manifest/generated/manifest-validator.js: the schema compiled ahead of time
// with ajv's standalone code generation, so the CLI does not compile it at every start.
// test/manifest/schema-generated.test.ts fails when it drifts from the schema.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const validatorPath = `${root}src/manifest/generated/manifest-validator.js`;

export function ajvOptions() {
  return {
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    unicode: false,
    code: { source: true, esm: true, lines: true },
  };
}

export function generateManifestValidator() {
  const schema = JSON.parse(readFileSync(`${root}schemas/manifest.schema.json`, 'utf8'));
  const ajv = new Ajv2020(ajvOptions());
  ajv.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'expected', schemaType: 'string' }); // what a valid value looks like, for messages
  const validate = ajv.compile(schema);
  const banner = '/* Generated from schemas/manifest.schema.json by `npm run gen`. Do not edit. */\n// @ts-nocheck\n';
  return banner + standaloneCode.default(ajv, validate);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(validatorPath, generateManifestValidator());
  console.error(`wrote ${validatorPath}`);
}
