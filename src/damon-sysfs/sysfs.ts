// DAMON's sysfs admin tree behind a small interface: the real one under a root directory, or (in
// tests) the emulator. Paths are relative to the admin root.
import { constants } from 'node:fs';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DAMON_ADMIN_ROOT } from '../plan/sysfs-tree.js';

export { DAMON_ADMIN_ROOT };

export interface Sysfs {
  /** Where the tree is, for messages. */
  readonly root: string;
  /** The file's content without its trailing newline. */
  read(path: string): Promise<string>;
  /** Throws an error whose `code` is the errno name (EBUSY, EINVAL, ...). */
  write(path: string, value: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  list(path: string): Promise<string[]>;
}

export class FsSysfs implements Sysfs {
  constructor(readonly root: string = DAMON_ADMIN_ROOT) {}

  async read(path: string): Promise<string> {
    return (await readFile(join(this.root, path), 'utf8')).replace(/\n$/, '');
  }

  async write(path: string, value: string): Promise<void> {
    // One write(2) of the whole value, as `echo value > file` does; sysfs parses it at once.
    // O_WRONLY alone (no O_CREAT): a file the kernel lacks is ENOENT, and nothing is ever created.
    await writeFile(join(this.root, path), `${value}\n`, { flag: constants.O_WRONLY });
  }

  async exists(path: string): Promise<boolean> {
    try {
      await access(join(this.root, path));
      return true;
    } catch {
      return false;
    }
  }

  async list(path: string): Promise<string[]> {
    return (await readdir(join(this.root, path))).sort();
  }
}
