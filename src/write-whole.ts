import { rename, unlink, writeFile } from 'node:fs/promises';
import { fileError, isOsError } from './errors.js';

const removeQuietly = (path: string) => unlink(path).catch(() => undefined);

/**
 * Writes a file whole or not at all: beside it first (`path.new`, created afresh: a leftover of
 * an earlier crash, or a FIFO, is removed first, never written into), then renamed into place.
 * When either step fails (a full disk, a missing directory) the half-written `path.new` is
 * removed and the error names `path`.
 */
export async function writeWhole(path: string, data: string | Buffer): Promise<void> {
  const beside = `${path}.new`;
  try {
    await unlink(beside).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await writeFile(beside, data, { flag: 'wx' });
    await rename(beside, path);
  } catch (error) {
    await removeQuietly(beside);
    if (isOsError(error)) throw fileError(error, `cannot write ${path}`);
    throw error;
  }
}
