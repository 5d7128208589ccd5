// Locks that keep two runners apart (one DAMON sysfs tree, one results directory): an exclusively
// created file holding the owner's pid; a lock whose owner is gone is taken over.
import { existsSync, linkSync, unlinkSync, writeFileSync } from 'node:fs';
import { DamonExpError } from './errors.js';
import { readPart } from './input-file.js';
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
            if (ownerOf(path) === String(process.pid)) unlinkSync(path);
          } catch {
            // already gone
          }
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = ownerOf(path);
        if (owner === null) {
          if (!existsSync(path)) continue; // released meanwhile
          throw new LockError(
            `${path} is not a lock file of damon-exp (not a regular file): ${what} cannot be locked`,
            'remove it if nothing of yours uses it',
          );
        }
        const holder = Number(owner);
        if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
          throw new LockError(`another damon-exp (pid ${holder}) is using ${what} (lock ${path})`, hint);
        }
        // Its owner is gone: a stale lock. Remove it only if it is still that one.
        try {
          if (ownerOf(path) === String(holder)) unlinkSync(path);
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

/**
 * The pid a lock file names (its first line), read no further than a lock file can be: in a
 * shared results tree it may be anything (a FIFO would block a plain read, a huge file fill
 * memory). Null when it is not a regular file, or gone.
 */
function ownerOf(path: string): string | null {
  const text = readPart(path, 4096, 'head');
  return text === null ? null : (text.split('\n')[0] ?? '');
}
