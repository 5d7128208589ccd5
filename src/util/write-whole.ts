import { rename, unlink, writeFile } from 'node:fs/promises';
import { fileError, isOsError } from './errors.js';

const removeQuietly = (path: string) => unlink(path).catch(() => undefined);

/** How the bytes are written: fs's writeFile by default; tests put a full disk in its place. */
export type FileWriter = (path: string, data: string | Buffer) => Promise<void>;

const createAfresh: FileWriter = (path, data) => writeFile(path, data, { flag: 'wx' });

/**
 * Writes a file whole or not at all: beside it first (`path.new`, created afresh: a leftover of
 * an earlier crash, or a FIFO, is removed first, never written into), then renamed into place.
 * When either step fails (a full disk, a missing directory) the half-written `path.new` is
 * removed and the error names `path` (and keeps its errno).
 */
export async function writeWhole(path: string, data: string | Buffer, write: FileWriter = createAfresh): Promise<void> {
  const beside = `${path}.new`;
  try {
    await unlink(beside).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await write(beside, data);
    await rename(beside, path);
  } catch (error) {
    await removeQuietly(beside);
    if (isOsError(error)) throw fileError(error, `cannot write ${path}`);
    throw error;
  }
}
