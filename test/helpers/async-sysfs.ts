// The emulator behind the executor's Sysfs interface.
import type { Sysfs } from '../../src/damon-sysfs/sysfs.js';
import type { SysfsEmulator } from './sysfs-emulator.js';

export function emulatedSysfs(emulator: SysfsEmulator): Sysfs {
  return {
    root: emulator.root,
    read: async (path) => emulator.read(path).replace(/\n$/, ''),
    write: async (path, value) => emulator.write(path, value),
    exists: async (path) => emulator.exists(path),
    list: async (path) => emulator.list(path),
  };
}
