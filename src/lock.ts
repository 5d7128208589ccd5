// Locks that keep two runners apart (one DAMON sysfs tree, one results directory): an exclusively
// created file holding the owner's pid; a lock whose owner is gone is taken over.
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { DamonExpError } from './errors.js';
import { processAlive } from './process-alive.js';

export class LockError extends DamonExpError {}

/**
 * Takes the lock or throws naming its holder; returns the release function. `what` says what it
 * guards, for the holder's refusal: "the DAMON sysfs tree at /sys/...".
 */
export function acquireLock(path: string, what: string, hint = 'wait for it to finish'): () => void {
  // The lock file appears whole (linked from a file already written), never empty.
  const mine = `${path}.${process.pid}`;
  writeFileSync(mine, `${process.pid}\n${what}\n`);
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
          throw new LockError(`another damon-exp (pid ${holder}) is using ${what} (lock ${path})`, hint);
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
