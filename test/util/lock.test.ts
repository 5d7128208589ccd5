// The locks that keep two runners apart, read back from a results tree that may be shared: a lock
// file is read no further than a lock can be, and what is no lock file is said, never waited on.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockError } from '../../src/util/lock.js';

describe('acquireLock', () => {
  it('takes a free lock, names its holder to a second taker, and gives it back', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'damon-exp-lock-')), '.lock');
    const release = acquireLock(path, 'the results');
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid}\nthe results\n`);
    expect(() => acquireLock(path, 'the results')).toThrow(
      `another damon-exp (pid ${process.pid}) is using the results`,
    );
    release();
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a lock whose holder is gone, even one of gigabytes', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'damon-exp-lock-')), '.lock');
    writeFileSync(path, `999999999\n${'x'.repeat(1 << 20)}`);
    acquireLock(path, 'the results')();
  });

  it('refuses a FIFO where the lock should be, at once, instead of waiting for a writer', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'damon-exp-lock-')), '.lock');
    execFileSync('mkfifo', [path]);
    expect(() => acquireLock(path, 'the results')).toThrow(LockError);
    expect(() => acquireLock(path, 'the results')).toThrow(/is not a lock file of damon-exp \(not a regular file\)/);
  });
});
