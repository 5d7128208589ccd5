import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainWrite } from '../../src/damon-sysfs/errors.js';
import { FsSysfs } from '../../src/damon-sysfs/sysfs.js';

describe('the sysfs tree as files', () => {
  it('writes a value with its newline, reads it without, and never creates a file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-fs-'));
    mkdirSync(join(root, 'kdamonds'));
    writeFileSync(join(root, 'kdamonds/nr_kdamonds'), '0\n');
    const sysfs = new FsSysfs(root);
    await sysfs.write('kdamonds/nr_kdamonds', '3');
    expect(readFileSync(join(root, 'kdamonds/nr_kdamonds'), 'utf8')).toBe('3\n');
    expect(await sysfs.read('kdamonds/nr_kdamonds')).toBe('3');
    const error = await sysfs.write('kdamonds/0/state', 'on').catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(existsSync(join(root, 'kdamonds/0/state'))).toBe(false);
    expect(explainWrite(root, 'kdamonds/0/state', 'on', error).message).toBe(
      `writing 'on' to ${root}/kdamonds/0/state failed with ENOENT: no such file: this kernel lacks the feature, or the tree is not what the plan expects`,
    );
    expect(await sysfs.exists('kdamonds/nr_kdamonds')).toBe(true);
    expect(await sysfs.list('kdamonds')).toEqual(['nr_kdamonds']);
  });
});
