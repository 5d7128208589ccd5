// Small file systems for fault tests: a tmpfs of a given size (a disk that fills up), and
// read-only views of directories. Mounting needs root, which CI has; each mount is undone by the
// test that made it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Mount {
  dir: string;
  unmount(): void;
}

const mounts: Mount[] = [];

export function tmpfs(sizeBytes: number): Mount {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]);
  return remember(dir, () => {
    execFileSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
}

/** Makes `dir` read-only where it is (a read-only bind mount over itself). */
export function readOnly(dir: string): Mount {
  execFileSync('mount', ['--bind', dir, dir]);
  execFileSync('mount', ['-o', 'remount,ro,bind', dir]);
  return remember(dir, () => execFileSync('umount', ['-l', dir]));
}

function remember(dir: string, undo: () => void): Mount {
  let done = false;
  const mount = {
    dir,
    unmount: () => {
      if (done) return;
      done = true;
      undo();
    },
  };
  mounts.push(mount);
  return mount;
}

/** Undoes every mount a test left (for afterEach). */
export function unmountAll(): void {
  for (const mount of mounts.splice(0).reverse()) {
    try {
      mount.unmount();
    } catch {
      // already gone
    }
  }
}

/** Fills the file system holding `dir` with a file there; returns its path. */
export function fill(dir: string): string {
  const path = join(dir, 'filler');
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${path}`, 'bs=4k'], { stdio: 'ignore' });
  } catch {
    // dd fails when the disk is full: that is the point
  }
  return path;
}
