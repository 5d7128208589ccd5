import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package's root: the folder above dist/ (this module is in dist/, a bundle in dist/ or in dist/cli-bundle/). */
export const PACKAGE_ROOT = ['../', '../../']
  .map((up) => new URL(up, import.meta.url))
  .find((root) => existsSync(new URL('package.json', root)))!;

/** A file of the package, as a path (not URL-encoded: a clone may live in 'my work/'). */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(relative, PACKAGE_ROOT)).replace(/\/$/, '');
}

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }
).version;
