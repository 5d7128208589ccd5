// The host-wide lock of a DAMON sysfs tree: two runners never share one.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock } from '../util/lock.js';
import { makeDirs } from '../util/make-dirs.js';

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
        makeDirs(candidate);
        return candidate;
      } catch {
        // try the next
      }
    }
    return tmpdir();
  })();
  return join(dir, `damon-exp-${digest}.lock`);
}

/** Takes the lock of the sysfs tree at `sysfsRoot`, or throws naming the runner that holds it. */
export function lockSysfs(sysfsRoot: string, path = defaultLockPath(sysfsRoot)): () => void {
  return acquireLock(
    path,
    `the DAMON sysfs tree at ${sysfsRoot}`,
    'wait for it to finish: one experiment at a time per DAMON',
  );
}
