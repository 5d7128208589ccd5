// A host-wide lock so that two runners never share one DAMON sysfs tree: an exclusively created
// file holding the owner's pid; a lock whose owner is gone is taken over.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class LockError extends Error {}

export function defaultLockPath(sysfsRoot: string): string {
  const digest = createHash('sha256').update(sysfsRoot).digest('hex').slice(0, 12);
  const dir = (() => {
    for (const candidate of ['/run/lock', tmpdir()]) {
      try {
        mkdirSync(candidate, { recursive: true });
        return candidate;
      } catch {
        // try the next
      }
    }
    return tmpdir();
  })();
  return join(dir, `damon-exp-${digest}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws naming its holder; returns the release function. */
export function acquireLock(path: string, sysfsRoot: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n${sysfsRoot}\n`, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(path, 'utf8').split('\n')[0] === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').split('\n')[0]);
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new LockError(`another damon-exp (pid ${holder}) is using the DAMON sysfs tree at ${sysfsRoot} (lock ${path})`);
      }
      unlinkSync(path); // its owner is gone: a stale lock
    }
  }
  throw new LockError(`could not take the lock ${path}`);
}
