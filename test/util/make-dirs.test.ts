// mkdir -p that ends: Node's recursive mkdir loops forever under /proc; ours says ENOENT.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirs, removeStalePartials } from '../../src/util/make-dirs.js';

describe('makeDirs', () => {
  it('makes the missing folders of a path, and takes one that exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-dirs-'));
    makeDirs(join(root, 'a/b/c'));
    expect(statSync(join(root, 'a/b/c')).isDirectory()).toBe(true);
    makeDirs(join(root, 'a/b/c'));
    makeDirs(root);
  });

  it('fails with the errno under /proc and under a file, instead of hanging or making anything', () => {
    expect(() => makeDirs('/proc/damon-exp-nonexistent/cache')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-dirs-'));
    writeFileSync(join(root, 'file'), '');
    expect(() => makeDirs(join(root, 'file/sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(existsSync(join(root, 'file/sub'))).toBe(false);
  });

  it("removes what interrupted writers left (NAME.partial-PID of a process that is gone), not a live writer's", () => {
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-dirs-'));
    const dead = 2 ** 22 + 1; // above the kernel's PID_MAX_LIMIT: no process has it
    writeFileSync(join(root, `masim.partial-${dead}`), '');
    mkdirSync(join(root, `.linux-image-6.12.partial-${dead}`));
    writeFileSync(join(root, `masim.partial-${process.pid}`), '');
    writeFileSync(join(root, 'masim.partial-1'), ''); // init: alive
    writeFileSync(join(root, 'masim'), '');
    removeStalePartials(root);
    expect(readdirSync(root).sort()).toEqual(['masim', 'masim.partial-1', `masim.partial-${process.pid}`]);
    removeStalePartials(join(root, 'none')); // no folder: nothing to do
  });
});
