// The schema is the single source of truth: the TypeScript types and the ahead-of-time compiled
// validator are generated from it, and must be regenerated (npm run gen) whenever it changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateManifestTypes, typesPath } from '../../scripts/gen-manifest-types.js';
import { generateManifestValidator, validatorPath } from '../../scripts/gen-manifest-validator.js';

describe('code generated from schemas/manifest.schema.json', () => {
  it('the TypeScript types match the schema', async () => {
    expect(readFileSync(typesPath, 'utf8')).toBe(await generateManifestTypes());
  });

  it('the compiled validator matches the schema', () => {
    expect(readFileSync(validatorPath, 'utf8')).toBe(generateManifestValidator());
  });
});
