#!/usr/bin/env node
// Writes the generated reference pages from the built code (dist/, `make build` first):
// docs/manifest.md from schemas/manifest.schema.json and docs/commands.md from the commands'
// usage, help and options. test/docs/generated.test.ts fails when they drift from their sources.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderManifestDoc, MANIFEST_SCHEMA } from '../dist/docs/manifest-doc.js';
import { loadCommands, renderCommandsDoc } from '../dist/docs/commands-doc.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const pages = {
  'docs/manifest.md': renderManifestDoc(JSON.parse(readFileSync(`${root}${MANIFEST_SCHEMA}`, 'utf8'))),
  'docs/commands.md': renderCommandsDoc(await loadCommands()),
};
for (const [path, text] of Object.entries(pages)) {
  writeFileSync(`${root}${path}`, text);
  console.error(`wrote ${root}${path}`);
}
