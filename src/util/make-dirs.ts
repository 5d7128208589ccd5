// mkdir -p that cannot hang: Node 20's mkdir { recursive: true } loops forever on a path under
// /proc (mkdir there says ENOENT for a missing parent, and Node retries the same component). This
// walks up to the first folder that exists and makes the missing ones in order, each once.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

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

/** makeDirs for async code (the folders are few and local: a synchronous mkdir is as quick). */
export async function makeDirsAsync(path: string): Promise<void> {
  makeDirs(path);
}
