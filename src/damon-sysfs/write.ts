// Writes to DAMON sysfs as the runner makes them: retried while the sysfs lock is busy (EBUSY is
// transient there), and explained with the path and errno when they fail for good.
import { errnoOf } from '../util/errors.js';
import { explainWrite } from './errors.js';
import type { Sysfs } from './sysfs.js';

export interface BusyRetries {
  attempts: number;
  /** The first delay; each next one doubles. */
  firstDelayMs: number;
}

export const DEFAULT_BUSY_RETRIES: BusyRetries = { attempts: 6, firstDelayMs: 10 };

/** Runs `operation` again, with a doubling delay, while it fails with EBUSY; rethrows the rest. */
async function retryingBusy<T>(
  operation: () => Promise<T>,
  retries: BusyRetries,
  fail: (error: unknown) => Error,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (errnoOf(error) !== 'EBUSY' || attempt >= retries.attempts) throw fail(error);
      await new Promise((resolve) => setTimeout(resolve, retries.firstDelayMs * 2 ** (attempt - 1)));
    }
  }
}

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
    read: (path) =>
      retryingBusy(
        () => sysfs.read(path),
        retries,
        (error) =>
          Object.assign(new Error(`reading ${sysfs.root}/${path} failed with ${errnoOf(error) ?? String(error)}`), {
            code: errnoOf(error),
          }),
      ),
  };
}

/** EBUSY is also what a running kdamond gives nr_kdamonds; a few short retries cost little. */
export function writeRetrying(
  sysfs: Sysfs,
  path: string,
  value: string,
  retries: BusyRetries = DEFAULT_BUSY_RETRIES,
): Promise<void> {
  return retryingBusy(
    () => sysfs.write(path, value),
    retries,
    (error) => explainWrite(sysfs.root, path, value, error),
  );
}
