// The HTML templates are precompiled into src/report/generated/templates.js (make gen): a change to
// templates/*.hbs must be followed by make gen, or the reports would keep the old template.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTemplates, templatesPath } from '../../scripts/gen-templates.js';

describe('templates precompiled from templates/*.hbs', () => {
  it('match the templates (run make gen after editing one)', () => {
    expect(readFileSync(templatesPath, 'utf8')).toBe(generateTemplates());
  });
});
