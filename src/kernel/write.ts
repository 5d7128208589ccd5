// Writes to DAMON sysfs as the runner makes them: retried while the sysfs lock is busy (EBUSY is
// transient there), and explained with the path and errno when they fail for good.
import { errnoOf, explainWrite } from './errors.js';
import type { Sysfs } from './sysfs.js';

export interface BusyRetries {
  attempts: number;
  /** The first delay; each next one doubles. */
  firstDelayMs: number;
}

export const DEFAULT_BUSY_RETRIES: BusyRetries = { attempts: 6, firstDelayMs: 10 };

/**
 * The tree, with reads that retry while the sysfs lock is busy: DAMON's show functions take the
 * same lock with a trylock, so a read during a kdamond's own update fails with EBUSY too.
 */
export function withRetryingReads(sysfs: Sysfs, retries: BusyRetries = DEFAULT_BUSY_RETRIES): Sysfs {
  return {
    root: sysfs.root,
    exists: (path) => sysfs.exists(path),
    list: (path) => sysfs.list(path),
    write: (path, value) => sysfs.write(path, value),
    read: async (path) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await sysfs.read(path);
        } catch (error) {
          if (errnoOf(error) !== 'EBUSY' || attempt >= retries.attempts) {
            throw Object.assign(new Error(`reading ${sysfs.root}/${path} failed with ${errnoOf(error) ?? String(error)}`), { code: errnoOf(error) });
          }
          await new Promise((resolve) => setTimeout(resolve, retries.firstDelayMs * 2 ** (attempt - 1)));
        }
      }
    },
  };
}

export async function writeRetrying(sysfs: Sysfs, path: string, value: string, retries: BusyRetries = DEFAULT_BUSY_RETRIES): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sysfs.write(path, value);
      return;
    } catch (error) {
      // EBUSY is also what a running kdamond gives nr_kdamonds; a few short retries cost little.
      if (errnoOf(error) !== 'EBUSY' || attempt >= retries.attempts) throw explainWrite(sysfs.root, path, value, error);
      await new Promise((resolve) => setTimeout(resolve, retries.firstDelayMs * 2 ** (attempt - 1)));
    }
  }
}
