import { rename, writeFile } from 'node:fs/promises';

/** Writes a file whole or not at all: beside it first, then renamed into place. */
export async function writeWhole(path: string, data: string | Buffer): Promise<void> {
  await writeFile(`${path}.new`, data);
  await rename(`${path}.new`, path);
}
