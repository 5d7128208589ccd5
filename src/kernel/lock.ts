// A host-wide lock so that two runners never share one DAMON sysfs tree: an exclusively created
// file holding the owner's pid; a lock whose owner is gone is taken over.
import { DamonExpError } from '../errors.js';
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../process-alive.js';

export class LockError extends DamonExpError {}

export function defaultLockPath(sysfsRoot: string): string {
  let key = sysfsRoot;
  try {
    key = realpathSync(sysfsRoot); // one lock however the root is spelt
  } catch {
    // a root that does not exist: the preflight will say so
  }
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 12);
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

/** Takes the lock or throws naming its holder; returns the release function. */
export function acquireLock(path: string, sysfsRoot: string): () => void {
  // The lock file appears whole (linked from a file already written), never empty.
  const mine = `${path}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n${sysfsRoot}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, path);
        return () => {
          try {
            if (readFileSync(path, 'utf8').split('\n')[0] === String(process.pid)) unlinkSync(path);
          } catch {
            // already gone
          }
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        let holder: number;
        try {
          holder = Number(readFileSync(path, 'utf8').split('\n')[0]);
        } catch {
          continue; // released meanwhile
        }
        if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
          throw new LockError(`another damon-exp (pid ${holder}) is using the DAMON sysfs tree at ${sysfsRoot} (lock ${path})`);
        }
        // Its owner is gone: a stale lock. Remove it only if it is still that one.
        try {
          if (readFileSync(path, 'utf8').split('\n')[0] === String(holder)) unlinkSync(path);
        } catch {
          // someone else took it over meanwhile; try again
        }
      }
    }
    throw new LockError(`could not take the lock ${path}`);
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      // gone
    }
  }
}
