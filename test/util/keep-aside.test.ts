import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepAside } from '../../src/util/keep-aside.js';

describe('keepAside', () => {
  it('moves a file aside and never replaces an earlier one kept in the same second', () => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-keep-'));
    const file = join(dir, 'damon.data');
    const kept = ['first', 'second', 'third'].map((text) => {
      writeFileSync(file, text);
      return keepAside(file, '20261207T161051');
    });
    expect(kept).toEqual([
      `${file}.before-20261207T161051`,
      `${file}.before-20261207T161051-2`,
      `${file}.before-20261207T161051-3`,
    ]);
    expect(kept.map((path) => readFileSync(path, 'utf8'))).toEqual(['first', 'second', 'third']);
    expect(readdirSync(dir)).toHaveLength(3); // the file itself is gone
  });
});
