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
