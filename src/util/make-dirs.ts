// Folders made and cleaned. mkdir -p that cannot hang: Node 20's mkdir { recursive: true } loops
// forever on a path under /proc (mkdir there says ENOENT for a missing parent, and Node retries the
// same component). makeDirs walks up to the first folder that exists and makes the missing ones in
// order, each once; async code calls it too (a few local mkdirs are as quick as awaiting them).
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { processAlive } from './process-alive.js';

export function makeDirs(path: string): void {
  const missing: string[] = [];
  for (let dir = resolve(path); !existsSync(dir); dir = dirname(dir)) {
    missing.push(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Removes what interrupted writers left in `dir`: entries named NAME.partial-PID (or .NAME.partial-PID)
 * whose process is gone. A writer killed by a signal runs no finally.
 */
export function removeStalePartials(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /\.partial-([0-9]+)$/.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !processAlive(Number(pid)))
      rmSync(join(dir, name), { recursive: true, force: true });
  }
}
