// Who holds the locks of a sweep directory (run-directory.ts: lockResults takes `.lock`, lockRuns
// `.<id>.lock` for each run a runner runs), read without taking them: for `damon-exp status`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readPart } from '../util/input-file.js';
import { RESULTS_LOCK } from './run-directory.js';
import { isRunId, runLockName } from './run-files.js';

export interface LockHolder {
  /** The pid the lock file names; null when it names none (not a lock file of damon-exp). */
  pid: number | null;
  /** When the lock was taken (the file's mtime, ms since the epoch). */
  sinceMs: number;
}

export interface SweepLocks {
  /** The results directory's lock; null when none is there. */
  results: LockHolder | null;
  /** The locks of runs, by run id. */
  runs: Map<string, LockHolder>;
}

export function readSweepLocks(sweepDir: string): SweepLocks {
  const runs = new Map<string, LockHolder>();
  let results: LockHolder | null = null;
  for (const name of readdirSync(sweepDir)) {
    if (name === RESULTS_LOCK) results = holderOf(join(sweepDir, name));
    else {
      const id = /^\.(.+)\.lock$/.exec(name)?.[1];
      if (id === undefined || !isRunId(id) || runLockName(id) !== name) continue;
      const holder = holderOf(join(sweepDir, name));
      if (holder) runs.set(id, holder);
    }
  }
  return { results, runs };
}

/**
 * A lock file's holder, read no further than a lock file can be (in a shared results tree it may
 * be anything: a FIFO would block a plain read). Null when it is gone.
 */
function holderOf(path: string): LockHolder | null {
  let sinceMs: number;
  try {
    sinceMs = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  const first = readPart(path, 4096, 'head')?.split('\n')[0] ?? '';
  const pid = /^[0-9]+$/.test(first) ? Number(first) : null;
  return { pid: pid !== null && pid > 0 ? pid : null, sinceMs };
}
