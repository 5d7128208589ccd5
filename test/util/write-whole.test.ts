// writeWhole leaves the file whole or untouched, and no half-written `.new` beside it: a disk
// that fills while writing, or a rename that fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DamonExpError } from '../../src/util/errors.js';
import { writeWhole } from '../../src/util/write-whole.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    // A disk that fills up part way through any file named full-disk*.
    writeFile: async (path: string, data: string | Buffer, options?: { flag?: string }) => {
      if (!String(path).includes('full-disk')) return actual.writeFile(path, data, options);
      await actual.writeFile(path, data.slice(0, 10), options);
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', syscall: 'write' });
    },
  };
});

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp write-whole '));
  made.push(dir);
  return dir;
}

describe('writeWhole', () => {
  it('a disk that fills: no half file, the old one kept, an error naming the file', async () => {
    const dir = tempDir();
    const file = join(dir, 'full-disk.html');
    writeFileSync(file, 'the earlier report');
    const failure = writeWhole(file, 'x'.repeat(1000));
    await expect(failure).rejects.toThrow(DamonExpError);
    await expect(failure).rejects.toThrow(`cannot write ${file}: no space left on the device (ENOSPC)`);
    expect(readdirSync(dir)).toEqual(['full-disk.html']);
    expect(readFileSync(file, 'utf8')).toBe('the earlier report');
  });

  it('a rename that fails: no .new left behind', async () => {
    const dir = tempDir();
    const file = join(dir, 'index.html');
    mkdirSync(file);
    await expect(writeWhole(file, 'x')).rejects.toThrow(`cannot write ${file}: it is a directory (EISDIR)`);
    expect(existsSync(`${file}.new`)).toBe(false);
  });

  it('a leftover .new (a crash, a FIFO) is replaced, never written into', async () => {
    const dir = tempDir();
    const file = join(dir, 'summary.csv');
    execFileSync('mkfifo', [`${file}.new`]);
    await writeWhole(file, 'id,state\n');
    expect(readFileSync(file, 'utf8')).toBe('id,state\n');
    expect(readdirSync(dir)).toEqual(['summary.csv']);
  }, 10_000);
});
