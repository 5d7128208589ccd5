// The kernel cache: a bzImage's release from its header, fragments merged as merge_config.sh -m
// does, kernels installed whole and found by name, and the kernel command over a cache of its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bzImageVersion } from '../../src/kernel-images/bzimage.js';
import {
  findCachedKernel,
  installKernel,
  listCachedKernels,
  rememberProbe,
  KERNEL_CACHE,
} from '../../src/kernel-images/cache.js';
import { mergeConfig, unmetSettings } from '../../src/kernel-images/config.js';
import { fakeBzImage } from './fake-tree.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'bin/damon-exp.js');
const scratch = () => mkdtempSync(join(tmpdir(), 'damon-exp-kernels-'));

function imageIn(dir: string, version: string): string {
  const image = join(dir, `bzImage-${version.split(' ')[0]}`);
  writeFileSync(image, fakeBzImage(version));
  writeFileSync(
    `${image}.config`,
    'CONFIG_DAMON=y\nCONFIG_DAMON_SYSFS=y\nCONFIG_DAMON_VADDR=y\n# CONFIG_DAMON_PADDR is not set\n',
  );
  return image;
}

describe('a bzImage', () => {
  it('says its version in its setup header', () => {
    const dir = scratch();
    expect(bzImageVersion(imageIn(dir, '6.9.0-rc4+ (root@vm) #1 SMP Tue Dec  1 07:23:11 UTC 2026'))).toBe(
      '6.9.0-rc4+ (root@vm) #1 SMP Tue Dec  1 07:23:11 UTC 2026',
    );
    const debian = readdirSync(join(KERNEL_CACHE, 'default/boot')).find((f) => f.startsWith('vmlinuz-'))!;
    expect(bzImageVersion(join(KERNEL_CACHE, 'default/boot', debian))).toMatch(
      new RegExp(`^${debian.slice('vmlinuz-'.length).replace(/[.+]/g, '\\$&')} \\(`),
    );
    writeFileSync(join(dir, 'text'), 'not a kernel at all, just some text that is long enough '.repeat(20));
    expect(bzImageVersion(join(dir, 'text'))).toBeNull();
    writeFileSync(join(dir, 'short'), 'HdrS');
    expect(bzImageVersion(join(dir, 'short'))).toBeNull();
  });
});

describe('config fragments', () => {
  const base = 'CONFIG_64BIT=y\n# CONFIG_DAMON is not set\nCONFIG_MODULES=y\n# a comment\n';
  it("replace the base's values and append new ones; later fragments win", () => {
    const merged = mergeConfig(base, [
      { file: 'guest', text: 'CONFIG_DAMON=y\nCONFIG_MODULES=n\nCONFIG_NR_CPUS=8\n' },
      { file: 'user', text: 'CONFIG_NR_CPUS=4\n# CONFIG_64BIT is not set\n' },
    ]);
    expect(merged).toBe(
      '# a comment\nCONFIG_DAMON=y\n# CONFIG_MODULES is not set\nCONFIG_NR_CPUS=4\n# CONFIG_64BIT is not set\n',
    );
  });
  it('name the settings the final config lost', () => {
    expect(
      unmetSettings('CONFIG_DAMON=y\nCONFIG_NR_CPUS=64\n', [
        { file: 'f', text: 'CONFIG_DAMON=y\nCONFIG_DAMON_SYSFS=y\nCONFIG_NR_CPUS=8\n# CONFIG_X is not set\n' },
      ]),
    ).toEqual(['CONFIG_DAMON_SYSFS=y (got not set)', 'CONFIG_NR_CPUS=8 (got 64)']);
  });
});

describe('the cache', () => {
  it('installs a kernel whole, lists it, and finds it by name or directory (the newest of a name)', async () => {
    const root = scratch();
    const dir = scratch();
    const older = installKernel({
      root,
      id: 'fork-aaaa',
      image: imageIn(dir, '6.9.0-rc4+ #1'),
      config: `${imageIn(dir, '6.9.0-rc4+ #1')}.config`,
      record: { name: 'fork', source: null, build: null, imported: { from: dir, at: '2026-01-01T00:00:00.000Z' } },
    });
    const newer = installKernel({
      root,
      id: 'fork-bbbb',
      image: imageIn(dir, '6.9.0-rc5+ #2'),
      config: `${imageIn(dir, '6.9.0-rc5+ #2')}.config`,
      record: { name: 'fork', source: null, build: null, imported: { from: dir, at: '2026-02-01T00:00:00.000Z' } },
    });
    expect(readdirSync(root).sort()).toEqual(['fork-aaaa', 'fork-bbbb']); // no partial left
    expect(older.release).toBe('6.9.0-rc4+');
    expect(findCachedKernel('fork', root)?.id).toBe('fork-bbbb');
    expect(findCachedKernel('fork-aaaa', root)?.release).toBe('6.9.0-rc4+');
    expect(findCachedKernel('nothing', root)).toBeUndefined();
    expect(findCachedKernel('../fork-aaaa', root)).toBeUndefined();
    rememberProbe(newer.dir, null);
    expect(findCachedKernel('fork', root)?.probe?.maxContextsPerKdamond).toBeNull();
    // Debian's package tree, which `default` points at, answers to `debian`.
    mkdirSync(join(root, 'linux-image-6.12.1-amd64/boot'), { recursive: true });
    writeFileSync(join(root, 'linux-image-6.12.1-amd64/boot/vmlinuz-6.12.1-amd64'), fakeBzImage('6.12.1-amd64 #1'));
    writeFileSync(join(root, 'linux-image-6.12.1-amd64/boot/config-6.12.1-amd64'), 'CONFIG_DAMON=y\n');
    symlinkSync('linux-image-6.12.1-amd64', join(root, 'default'));
    expect(listCachedKernels(root).map((k) => [k.name, k.release])).toEqual([
      ['debian', '6.12.1-amd64'],
      ['fork', '6.9.0-rc4+'],
      ['fork', '6.9.0-rc5+'],
    ]);
  });

  it('refuses to install what is not a bzImage, leaving nothing behind', () => {
    const root = scratch();
    const dir = scratch();
    writeFileSync(join(dir, 'vmlinux'), 'ELF...'.repeat(200));
    expect(() =>
      installKernel({
        root,
        id: 'x',
        image: join(dir, 'vmlinux'),
        config: `${imageIn(dir, '6.1 #1')}.config`,
        record: { name: 'x', source: null, build: null, imported: null },
      }),
    ).toThrow(/is not a bzImage/);
    expect(existsSync(root) ? readdirSync(root) : []).toEqual([]);
  });
});

describe('damon-exp kernel, and kernels by name in manifests', () => {
  const cache = scratch();
  const env = { ...process.env, NO_COLOR: '1', DAMON_EXP_CACHE: cache };
  const damonExp = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  const dir = scratch();
  const image = imageIn(dir, '6.9.0-rc4+ (root@vm) #1 SMP');

  it('imports a bzImage under a name and lists it', () => {
    const imported = damonExp(
      'kernel',
      'import',
      image,
      '--name',
      'damon-multi-contexts',
      '--commit',
      '7ba8e5ccc8174fe22d596355ef86f07dce673fd3',
    );
    expect(imported.stderr).toBe('kernel import: damon-multi-contexts (6.9.0-rc4+) is in the cache\n');
    expect(imported.status).toBe(0);
    expect(imported.stdout.trim()).toBe(join(cache, 'kernels', 'damon-multi-contexts-7ba8e5ccc817'));
    const list = damonExp('kernel', 'list');
    expect(list.stdout.split('\n')[1]).toMatch(
      /^damon-multi-contexts +6\.9\.0-rc4\+ +vaddr,sysfs +not probed yet +7ba8e5ccc817 +damon-multi-contexts-7ba8e5ccc817$/,
    );
    const json = JSON.parse(damonExp('kernel', 'list', '--json').stdout) as {
      name: string;
      release: string;
      source: { commit: string };
    }[];
    expect(json).toMatchObject([
      {
        name: 'damon-multi-contexts',
        release: '6.9.0-rc4+',
        source: { commit: '7ba8e5ccc8174fe22d596355ef86f07dce673fd3' },
      },
    ]);
  });

  it('refuses bad names and commits, and a missing config', () => {
    expect(damonExp('kernel', 'import', image, '--name', '../x').stderr).toContain("'../x' cannot name a kernel");
    expect(damonExp('kernel', 'import', image, '--name', 'x', '--commit', 'main').stderr).toContain(
      '--commit must be a git commit id',
    );
    const bare = join(dir, 'bare-bzImage');
    writeFileSync(bare, fakeBzImage('6.1 #1'));
    const result = damonExp('kernel', 'import', bare, '--name', 'x');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`no config for the kernel ${bare}`);
    expect(damonExp('kernel', 'frobnicate').status).toBe(2);
  });

  it('names run ids after the kernel, by its name or its release, never its path', () => {
    damonExp('kernel', 'import', image, '--name', 'damon-multi-contexts');
    const manifest = join(ROOT, 'experiments/many_contexts.yaml');
    expect(damonExp('list', manifest, '--set', 'backend.kernel=damon-multi-contexts').stdout).toMatch(
      /^kernel-damon-multi-contexts +backend\.kernel=damon-multi-contexts/m,
    );
    expect(damonExp('list', manifest, '--set', `backend.kernel=${image}`).stdout).toMatch(
      /^kernel-6\.9\.0-rc4\+ +backend\.kernel=/m,
    );
    const axis = join(dir, 'kernels.yaml');
    writeFileSync(
      axis,
      `${readFileSync(manifest, 'utf8').replace(/masim\//g, `${join(ROOT, 'experiments/masim')}/`)}matrix:\n  backend.kernel: [damon-multi-contexts, ${image}]\n`,
    );
    const ids = damonExp('list', axis)
      .stdout.split('\n')
      .slice(1, 3)
      .map((line) => line.split(' ')[0]);
    expect(ids).toEqual(['kernel-damon-multi-contexts', 'kernel-6.9.0-rc4+']);
    const unknown = damonExp('validate', manifest, '--set', 'backend.kernel=no-such-kernel');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("no kernel named 'no-such-kernel' in the cache");
    expect(unknown.stderr).toContain('hint: cached kernels: damon-multi-contexts;');
  });
});
