// Files a command is to write (heats --image, wss --plot, record -o), checked before the long work.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { shorten } from '../util/errors.js';
import { UsageError, UserError } from './output.js';

/** Refuses at once an image that could not be written, before a long analysis. */
export function checkSvgPath(file: string, option: string, command: string): void {
  if (!file.endsWith('.svg'))
    throw new UsageError(`${option} writes SVG: name a .svg file, not '${shorten(file, 80)}'`, command);
  checkParentDirectory(file, `the image ${file}`);
}

/** The formats an image option writes, by the file's extension (any case). */
export type ImageFormat = 'svg' | 'png';

/**
 * The format of an image to write, named by its extension (.svg or .png); refuses at once another
 * extension, or a file that could not be written, before a long analysis.
 */
export function checkImagePath(file: string, option: string, command: string): ImageFormat {
  const extension = /\.(svg|png)$/i.exec(file)?.[1]?.toLowerCase() as ImageFormat | undefined;
  if (!extension)
    throw new UsageError(`${option} writes SVG or PNG: name a .svg or .png file, not '${shorten(file, 80)}'`, command);
  checkParentDirectory(file, `the image ${file}`);
  return extension;
}

/** Refuses at once a file to write whose directory is not there: `what` is 'the image FILE' or so. */
export function checkParentDirectory(file: string, what: string): void {
  const dir = dirname(file);
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats?.isDirectory())
    throw new UserError(
      `cannot write ${what}: ${stats ? `${dir} is not a directory` : `no directory ${dir}`}`,
      'give a path in an existing directory',
    );
}
