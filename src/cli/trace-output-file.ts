// record's -o FILE (damo's): the run's trace written to FILE too, as perf script text, which damo
// and damon-exp's heats, wss and report read; an earlier FILE is kept beside it.
import { constants, existsSync, renameSync, statSync } from 'node:fs';
import { copyFile, unlink } from 'node:fs/promises';
import { timeStamp } from '../record/run-files.js';
import { fileError, isOsError } from '../util/errors.js';
import { keepAside } from '../util/keep-aside.js';
import { UsageError, type Output } from './output.js';
import { checkParentDirectory } from './svg-path.js';

/** Refuses at once a file the trace could not be written to. */
export function checkOutputFile(file: string, option: string): void {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (stats && !stats.isFile())
    throw new UsageError(`${option} ${file} is not a regular file: name a file to write the trace to`, 'record');
  checkParentDirectory(file, `the trace to ${file}`);
}

/** The run's trace, as damo's -o FILE: an earlier FILE is kept beside it, never overwritten. */
export async function writeOutputFile(trace: string, file: string, output: Output): Promise<void> {
  if (!existsSync(trace)) {
    output.err(`damon-exp: warning: the run left no trace (${trace}), so ${file} was not written`);
    return;
  }
  // Beside it first, under a name of this process's own; the earlier FILE goes aside only once the
  // new one is whole, then the new one is renamed into place.
  const beside = `${file}.new-${process.pid}`;
  try {
    await copyFile(trace, beside, constants.COPYFILE_EXCL);
    if (existsSync(file)) {
      const kept = keepAside(file, timeStamp());
      output.err(`damon-exp: kept the earlier ${file} as ${kept}`);
    }
    renameSync(beside, file);
  } catch (error) {
    await unlink(beside).catch(() => undefined);
    if (isOsError(error)) throw fileError(error, `cannot write the trace to ${file}`);
    throw error;
  }
  output.err(`damon-exp: wrote the trace to ${file} (perf script text, as damo's record reads)`);
}
