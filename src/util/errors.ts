// The one base of the errors a user can act on. `main` reports any of them as a user error (a
// message, a hint, exit status 1, no stack trace); anything else that escapes is a bug (exit 70).
// OS errors on paths a user chose (a full disk, a read-only results directory) are user errors
// too: `fileError` says what they mean.

export class DamonExpError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An errno error from Node (fs, child_process): it has a string `code`, often a `path` and a `syscall`. */
export interface OsError extends Error {
  code: string;
  path?: string;
  dest?: string;
  syscall?: string;
}

/** The errno codes that describe the machine or the user's paths rather than a bug of ours. */
const MEANINGS: Record<string, [string, string?]> = {
  // report and index write beside the runs they read, and have no --out: the hints say who does.
  ENOSPC: ['no space left on the device', 'free some space, or work elsewhere (run and record take --out DIR)'],
  EDQUOT: ['the disk quota is exceeded', 'free some space, or work elsewhere (run and record take --out DIR)'],
  EROFS: ['the file system is read-only', 'remount it read-write, or work elsewhere (run and record take --out DIR)'],
  EACCES: ['permission denied', 'check the permissions of the path, or run as a user who may write there'],
  EPERM: [
    'operation not permitted (an immutable or append-only file, or not root)',
    'check the attributes of the path (lsattr) and who runs damon-exp',
  ],
  ENOTDIR: ['a part of the path is not a directory', 'check the path: a file stands where a directory should'],
  EISDIR: ['it is a directory', 'name a file'],
  ELOOP: ['too many levels of symbolic links', 'check the symbolic links on the path'],
  ENOENT: ['no such file or directory', 'check the path'],
  EEXIST: ['it exists already', undefined],
  ENAMETOOLONG: ['the name is too long', 'choose a shorter path'],
  EMFILE: ['too many open files', 'raise the limit (ulimit -n)'],
  ENFILE: ['too many open files on the system', undefined],
  EIO: ['an input/output error (a failing disk or a lost network file system)', undefined],
  EXDEV: ['it crosses file systems', undefined],
  ENODEV: ['no such device', undefined],
  ENXIO: ['no such device or address', undefined],
  EBUSY: ['the device or resource is busy', undefined],
  ETXTBSY: ['the file is busy (a program being run)', undefined],
  EFBIG: ['the file is too large', undefined],
};

/** A raw errno error from Node (not one already told for a user, such as a FileError). */
export function isOsError(error: unknown): error is OsError {
  return (
    error instanceof Error &&
    !(error instanceof DamonExpError) &&
    typeof (error as { code?: unknown }).code === 'string' &&
    Object.hasOwn(MEANINGS, (error as OsError).code)
  );
}

/** The errno code an error carries (a raw OS error, a FileError, a sysfs error), if any. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const VERBS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the directory',
  rmdir: 'remove the directory',
  rename: 'move',
  unlink: 'remove',
  scandir: 'list',
  stat: 'read',
  lstat: 'read',
  copyfile: 'copy',
  link: 'link',
  symlink: 'link',
  access: 'use',
  chmod: 'change the mode of',
  spawn: 'run',
  realpath: 'resolve',
};

/**
 * An OS error as a user error naming the path: `cannot create the directory /x/y: the file system
 * is read-only (EROFS)`. `what` replaces the verb and path when the caller knows better.
 */
export function fileError(error: OsError, what?: string): FileError {
  const [meaning, hint] = MEANINGS[error.code] ?? [error.message];
  const syscall = error.syscall?.replace(/^spawn .*/, 'spawn') ?? '';
  const subject =
    what ??
    (error.path
      ? `cannot ${VERBS[syscall] ?? 'use'} ${error.path}${error.dest ? ` to ${error.dest}` : ''}`
      : `cannot ${syscall || 'go on'}`);
  return new FileError(`${subject}: ${meaning} (${error.code})`, error.code, hint);
}

/** An OS error told for a user; it keeps its errno, so that callers can still tell a full disk. */
export class FileError extends DamonExpError {
  constructor(
    message: string,
    readonly code: string,
    hint?: string,
  ) {
    super(message, hint);
  }
}

/** Runs `action`; an OS error becomes a user error naming the path (see fileError). */
export async function explainingOsErrors<T>(action: () => Promise<T>, what?: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (isOsError(error)) throw fileError(error, what);
    throw error;
  }
}

/** User-supplied text shown in a message: cut to `max` characters, with how much was left out. */
export function shorten(text: string, max = 80): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}… (${text.length} characters)`;
}

/** What went wrong, in a line: an OS error as fileError words it, else the error's message. */
export function describeError(error: unknown): string {
  if (isOsError(error)) return fileError(error).message;
  return error instanceof Error ? error.message : String(error);
}
