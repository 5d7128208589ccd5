// Files a user hands us (manifests, masim configs, run.json, a run directory's JSON files, traces)
// are read only when they are regular files, and only up to a size: /dev/zero would otherwise
// grow until the process dies, and a FIFO would block for ever. A FIFO is opened without
// blocking, so that looking at it never waits for a writer.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { DamonExpError, fileError, isOsError } from './errors.js';
import { formatBytes } from './format.js';

/** Manifests and masim configs: far more than any real one (the shipped ones are under 2 KB). */
export const MAX_CONFIG_BYTES = 1 << 20;
/** A run directory's JSON files (analysis.json of a long run is a few MB). */
export const MAX_RUN_FILE_BYTES = 256 << 20;

export class InputFileError extends DamonExpError {
  constructor(
    message: string,
    readonly path: string,
    readonly code: 'not-regular' | 'too-large' | 'unreadable',
    hint?: string,
    /** The errno of an unreadable file (ENOENT, EACCES, ...). */
    readonly errno?: string,
  ) {
    super(message, hint);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Opens `path` for reading, refusing anything but a regular file; returns the descriptor and its size. */
export function openRegularFile(path: string, what: string): { fd: number; size: number } {
  let fd: number;
  if (path.includes('\0'))
    throw new InputFileError(
      `cannot read ${what} ${JSON.stringify(path)}: a file name cannot hold a NUL byte`,
      path,
      'unreadable',
      'give the path of an existing file',
    );
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (isOsError(error)) {
      const explained = fileError(error, `cannot read ${what} ${path}`);
      throw new InputFileError(explained.message, path, 'unreadable', explained.hint, error.code);
    }
    throw error;
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    throw new InputFileError(
      `${path} is ${kindOf(stats)}, not a regular file: cannot read it as ${what}`,
      path,
      'not-regular',
      `give ${what} as a file`,
    );
  }
  return { fd, size: stats.size };
}

/** Whether `path` is a regular file (for a quick refusal before a longer read, such as perf script's). */
export function checkRegularFile(path: string, what: string): void {
  closeSync(openRegularFile(path, what).fd);
}

/**
 * The content of a regular file of at most `maxBytes` bytes, as UTF-8. The size is checked as
 * the file is read too: /proc files and files that grow say nothing true in their size.
 */
export function readInputFile(path: string, what: string, maxBytes = MAX_CONFIG_BYTES): string {
  return readInputBytes(path, what, maxBytes).toString('utf8');
}

/** The bytes of a regular file of at most `maxBytes` bytes (checked as it is read, as readInputFile). */
export function readInputBytes(path: string, what: string, maxBytes = MAX_CONFIG_BYTES): Buffer {
  const { fd, size } = openRegularFile(path, what);
  const tooLarge = (bytes: string) =>
    new InputFileError(
      `${path} is ${bytes}, more than the ${formatBytes(maxBytes)} ${what} may be`,
      path,
      'too-large',
      `is it the file you meant? ${what} is never that large`,
    );
  try {
    if (size > maxBytes) throw tooLarge(formatBytes(size));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 16, maxBytes + 1 - total));
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        if (isOsError(error)) {
          const explained = fileError(error, `cannot read ${what} ${path}`);
          throw new InputFileError(explained.message, path, 'unreadable', explained.hint, error.code);
        }
        throw error;
      }
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) throw tooLarge(`larger than ${formatBytes(maxBytes)}`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * At most the first (`end: 'head'`) or last (`'tail'`) `maxBytes` bytes of a regular file, as
 * UTF-8: for logs whose beginning or end is all that is needed (a task's output of gigabytes, a
 * console log), read without reading the rest. Null when it is not a regular file we can read.
 */
export function readPart(path: string, maxBytes: number, end: 'head' | 'tail'): string | null {
  let opened: { fd: number; size: number };
  try {
    opened = openRegularFile(path, 'a log');
  } catch (error) {
    if (error instanceof InputFileError) return null;
    throw error;
  }
  try {
    const length = Math.min(maxBytes, opened.size);
    const buffer = Buffer.alloc(length);
    const read = readSync(opened.fd, buffer, 0, length, end === 'head' ? 0 : opened.size - length);
    return buffer.subarray(0, read).toString('utf8');
  } catch (error) {
    if (isOsError(error)) return null;
    throw error;
  } finally {
    closeSync(opened.fd);
  }
}
