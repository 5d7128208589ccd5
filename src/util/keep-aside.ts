import { existsSync, linkSync, renameSync, unlinkSync } from 'node:fs';

/**
 * Moves `file` out of the way to `<file>.before-<stamp>` (or .attempt-; -2, -3, … when that name
 * is taken) and returns where it went. Never replaces anything: a second keeper in the same
 * second, even one running at the same time, takes the next name.
 */
export function keepAside(file: string, stamp: string, as: 'before' | 'attempt' = 'before'): string {
  for (let n = 1; ; n++) {
    const kept = `${file}.${as}-${stamp}${n === 1 ? '' : `-${n}`}`;
    if (moveUnlessTaken(file, kept)) return kept;
  }
}

function moveUnlessTaken(file: string, kept: string): boolean {
  try {
    linkSync(file, kept); // a link fails with EEXIST where a rename would replace
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT' || code === 'ENOSPC' || code === 'EROFS' || code === 'EACCES') throw error;
    // A file system without hard links (EPERM, ENOTSUP, ENOSYS of a FUSE one, …): look, then rename.
    if (existsSync(kept)) return false;
    renameSync(file, kept);
    return true;
  }
  unlinkSync(file);
  return true;
}
