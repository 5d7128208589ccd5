import { readFileSync } from 'node:fs';

import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = new URL('../', import.meta.url);

/** A file of the package, as a path (not URL-encoded: a clone may live in 'my work/'). */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(relative, PACKAGE_ROOT)).replace(/\/$/, '');
}

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }
).version;
