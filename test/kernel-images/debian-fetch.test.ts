// Debian's kernel in the cache: a kernel there already is found without apt (no network, no
// package lists), a package without DAMON is refused unless asked, and only kernel packages are
// fetched. The download itself (apt-get download, dpkg-deb) runs in test/e2e/qemu.test.ts, which
// fetches Debian's 6.1 through damon-exp kernel fetch.
import { mkdirSync, mkdtempSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchDebianKernel, isDamonRelease } from '../../src/kernel-images/debian-fetch.js';
import { KernelCacheError } from '../../src/kernel-images/cache.js';

function unpacked(root: string, pkg: string, config: string): string {
  const dir = join(root, pkg);
  mkdirSync(join(dir, 'boot'), { recursive: true });
  const release = pkg.replace(/^linux-image-/, '');
  writeFileSync(join(dir, 'boot', `vmlinuz-${release}`), 'image');
  writeFileSync(join(dir, 'boot', `config-${release}`), config);
  return dir;
}

describe('fetchDebianKernel', () => {
  it("finds Debian's kernel the cache has, without asking apt", async () => {
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-fetch-'));
    const dir = unpacked(root, 'linux-image-6.12.1+deb12-amd64', 'CONFIG_DAMON_SYSFS=y\n');
    symlinkSync('linux-image-6.12.1+deb12-amd64', join(root, 'default'));
    const progress: string[] = [];
    const found = await fetchDebianKernel({ root, onProgress: (l) => progress.push(l) });
    expect(found).toEqual({ package: 'linux-image-6.12.1+deb12-amd64', dir, fetched: false });
    expect(progress).toEqual([]);
  });

  it('refuses a package without CONFIG_DAMON_SYSFS=y unless asked, and does not make it the default', async () => {
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-fetch-'));
    unpacked(root, 'linux-image-6.1.0-9-amd64', 'CONFIG_DAMON=n\n');
    const refused = await fetchDebianKernel({ root, package: 'linux-image-6.1.0-9-amd64' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KernelCacheError);
    expect((refused as Error).message).toBe(
      'linux-image-6.1.0-9-amd64 has no CONFIG_DAMON_SYSFS=y: not a DAMON kernel',
    );
    const kept = await fetchDebianKernel({ root, package: 'linux-image-6.1.0-9-amd64', allowNoDamon: true });
    expect(kept.fetched).toBe(false);
    expect(() => readlinkSync(join(root, 'default'))).toThrow();
  });

  it('fetches kernel packages only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-fetch-'));
    for (const name of ['bash', 'linux-image-6.12; rm -rf /', '../linux-image-6.12'])
      await expect(fetchDebianKernel({ root, package: name })).rejects.toThrow(/is not a Debian kernel package/);
  });
});

describe('isDamonRelease', () => {
  it('takes 6.12 and newer', () => {
    expect(isDamonRelease('linux-image-6.12.118+deb12-amd64')).toBe(true);
    expect(isDamonRelease('linux-image-6.16.3+deb14-amd64')).toBe(true);
    expect(isDamonRelease('linux-image-7.0.1-amd64')).toBe(true);
    expect(isDamonRelease('linux-image-6.1.0-57-amd64')).toBe(false);
    expect(isDamonRelease('linux-image-5.19.0-amd64')).toBe(false);
    expect(isDamonRelease('linux-image-amd64')).toBe(false);
  });
});
