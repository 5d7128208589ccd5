// The guest's swap (backend.swap): a sparse disk in the share, and whether the guest swapped on it.
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readPart } from '../../util/input-file.js';
import type { Environment } from '../../record/environment.js';
import { readRunJson, RUN_FILES, VM_DIR } from '../../record/run-files.js';
import { SWAP_DEVICE, SWAP_ON_MARK } from './initramfs.js';
import { makeDirs } from '../../util/make-dirs.js';

/** The guest's swap disk in the share (backend.swap): a sparse raw file, gone with the VM's directory. */
export const SWAP_DISK_FILE = `${VM_DIR}/swap.img`;

/** Creates the swap disk of `bytes` (sparse: it takes disk space only as the guest swaps); returns its path. */
export async function createSwapDisk(shared: string, bytes: number): Promise<string> {
  const path = join(shared, SWAP_DISK_FILE);
  makeDirs(dirname(path));
  const file = await open(path, 'w');
  try {
    await file.truncate(bytes);
  } finally {
    await file.close();
  }
  return path;
}

/** env.json's record of the guest's swap (backend.swap): its disk, and whether the guest swaps on it. */
export interface SwapRecord {
  device: 'virtio-blk';
  bytes: number;
  active: boolean;
}

export const NO_SWAP_WARNING = 'the guest has no swap: pageout could not reclaim anonymous memory';

/**
 * Whether the guest swapped on its disk: init's console line (SWAP_ON_MARK), else the guest's
 * /proc/swaps as its env.json keeps it.
 */
export async function swapOfGuest(bytes: number, consoleLog: string, shared: string): Promise<SwapRecord> {
  // init says it early: the console's first MiB holds it (a guest may print far more after).
  const text = readPart(consoleLog, 1 << 20, 'head') ?? '';
  const at = text.indexOf(`${SWAP_ON_MARK} (`);
  let active = at >= 0 && parseInt(text.slice(at + SWAP_ON_MARK.length + 2), 10) > 0;
  if (!active) {
    try {
      const env = readRunJson<Partial<Environment>>(shared, RUN_FILES.env);
      active = (env?.memoryManagement?.swaps ?? []).some((l) => l.split(/\s+/)[0] === SWAP_DEVICE);
    } catch {
      // No env.json of the guest's (or a torn one): the console said no.
    }
  }
  return { device: 'virtio-blk', bytes, active };
}
