// Where damon-exp keeps what it makes: the user's cache (never the package), and the set-up command
// a hint names (make in a checkout, damon-exp setup for an installed package).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeProgram, setupCommand, sourceDigest, userCacheDir } from '../../src/util/places.js';
import { packagePath, VERSION } from '../../src/util/version.js';

describe("the user's cache", () => {
  it('is DAMON_EXP_CACHE, else $XDG_CACHE_HOME/damon-exp, else ~/.cache/damon-exp', () => {
    expect(userCacheDir({ DAMON_EXP_CACHE: '/srv/c', XDG_CACHE_HOME: '/x', HOME: '/home/u' })).toBe('/srv/c');
    expect(userCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/home/u' })).toBe('/x/damon-exp');
    expect(userCacheDir({ HOME: '/home/u' })).toBe('/home/u/.cache/damon-exp');
  });

  it('ignores a relative XDG_CACHE_HOME, as the XDG spec says, and makes a relative DAMON_EXP_CACHE absolute', () => {
    expect(userCacheDir({ XDG_CACHE_HOME: 'cache', HOME: '/home/u' })).toBe('/home/u/.cache/damon-exp');
    expect(userCacheDir({ DAMON_EXP_CACHE: 'c' })).toBe(join(process.cwd(), 'c'));
  });
});

describe('set-up hints', () => {
  it('name make targets in a checkout and damon-exp setup in an installed package', () => {
    expect(setupCommand('native', true)).toBe('make native');
    expect(setupCommand('kernel', true)).toBe('make kernel');
    for (const step of ['all', 'packages', 'native', 'kernel'] as const)
      expect(setupCommand(step, false)).toBe('damon-exp setup');
  });
});

describe('native programs', () => {
  it('are built in native/ in a checkout, and in the cache by version and source digest for a package', () => {
    expect(nativeProgram('masim', true, '/c').path).toBe(packagePath('native/masim/masim'));
    const installed = nativeProgram('masim', false, '/c');
    expect(installed.path).toMatch(new RegExp(`^/c/native/masim-${VERSION.replace(/\./g, '\\.')}-[0-9a-f]{12}/masim$`));
    expect(installed.sources).toEqual(['masim.c', 'config.c', 'config.h']);
    expect(nativeProgram('tlb-refresh', false, '/c').path).toMatch(/^\/c\/native\/tlb-refresh-.*\/tlb-refresh$/);
  });

  it('get a new place when their source changes (a package upgrade does not run an old build)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-digest-'));
    writeFileSync(join(dir, 'a.c'), 'int main(void) { return 0; }\n');
    const before = sourceDigest(dir, ['a.c']);
    expect(sourceDigest(dir, ['a.c'])).toBe(before);
    writeFileSync(join(dir, 'a.c'), 'int main(void) { return 1; }\n');
    expect(sourceDigest(dir, ['a.c'])).not.toBe(before);
  });
});
