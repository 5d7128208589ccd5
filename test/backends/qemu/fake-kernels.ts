// A kernel cache of fakes, one of each kind: Debian's (an unpacked package `default` points at),
// the multi-context fork (imported under its name), and a kernel built from a source tree. Their
// images are bzImage headers only and their configs have what a guest needs: the caps come from
// their releases and configs, and nothing here can boot. The tests that use it point
// DAMON_EXP_CACHE at `cache` before they import the modules that read it.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installKernel } from '../../../src/kernel-images/cache.js';
import { fakeBzImage } from '../../kernel-images/fake-tree.js';
import { BOOTABLE_CONFIG } from './bootable-config.js';

const CONFIG = `${[...BOOTABLE_CONFIG, 'CONFIG_NET_9P=y', 'CONFIG_NET_9P_VIRTIO=y', 'CONFIG_9P_FS=y'].join('\n')}\n`;
export const DEBIAN_RELEASE = '6.12.99+deb12-amd64';

/** Fills `cache` (DAMON_EXP_CACHE) with Debian's 6.12, the fork (6.9-rc4) and a built 6.15 kernel. */
export function fakeKernelCache(cache: string): void {
  const kernels = join(cache, 'kernels');
  const debian = join(kernels, `linux-image-${DEBIAN_RELEASE}`);
  mkdirSync(join(debian, 'boot'), { recursive: true });
  writeFileSync(
    join(debian, 'boot', `vmlinuz-${DEBIAN_RELEASE}`),
    fakeBzImage(`${DEBIAN_RELEASE} (debian-kernel@lists.debian.org) #1 SMP`),
  );
  writeFileSync(join(debian, 'boot', `config-${DEBIAN_RELEASE}`), CONFIG);
  symlinkSync(`linux-image-${DEBIAN_RELEASE}`, join(kernels, 'default'));
  const sources = join(cache, 'sources');
  mkdirSync(sources, { recursive: true });
  const image = (version: string) => {
    const path = join(sources, `bzImage-${version.split(' ')[0]}`);
    writeFileSync(path, fakeBzImage(version));
    writeFileSync(`${path}.config`, CONFIG);
    return path;
  };
  const fork = image('6.9.0-rc4+ (root@vm) #1 SMP');
  installKernel({
    root: kernels,
    id: 'damon-multi-contexts-7ba8e5ccc817',
    image: fork,
    config: `${fork}.config`,
    record: {
      name: 'damon-multi-contexts',
      source: { path: null, commit: '7ba8e5ccc8174fe22d596355ef86f07dce673fd3', dirty: false, diffSha256: null },
      build: null,
      imported: { from: fork, at: '2026-12-07T03:54:48.201Z' },
    },
  });
  const built = image('6.15.2 (me@host) #1 SMP');
  installKernel({
    root: kernels,
    id: 'mine',
    image: built,
    config: `${built}.config`,
    record: {
      name: 'mine',
      source: { path: '/src/linux', commit: null, dirty: null, diffSha256: null },
      build: {
        at: '2026-12-07T05:00:00.000Z',
        seconds: 700,
        jobs: 3,
        fragments: [],
        log: 'build.log',
        inputsSha256: '0',
      },
      imported: null,
    },
  });
}
