// Which build of a kernel a run boots, told before it runs: in a cache of fakes (Debian's 6.12, the
// fork, a built 6.15) and for images by path; a rebuilt image is another build.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const cache = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? '/tmp'}/damon-exp-build-identity-${process.pid}-${Date.now()}`;
  const before = process.env.DAMON_EXP_CACHE;
  process.env.DAMON_EXP_CACHE = dir; // read as the kernel cache's modules load
  return { dir, before };
});

const { kernelBuild } = await import('../../src/kernel-images/build-identity.js');
const { fakeKernelCache, DEBIAN_RELEASE } = await import('../backends/qemu/fake-kernels.js');
const { fakeBzImage } = await import('./fake-tree.js');

fakeKernelCache(cache.dir);
afterAll(() => {
  if (cache.before === undefined) delete process.env.DAMON_EXP_CACHE;
  else process.env.DAMON_EXP_CACHE = cache.before;
});

describe('kernelBuild', () => {
  it("names Debian's kernel by its package (its version), a cached kernel by its directory and image digest", () => {
    expect(kernelBuild(null, '/')).toBe(`linux-image-${DEBIAN_RELEASE}`);
    expect(kernelBuild('debian', '/')).toBe(kernelBuild(null, '/'));
    expect(kernelBuild('damon-multi-contexts', '/')).toMatch(/^damon-multi-contexts-7ba8e5ccc817@[0-9a-f]{16}$/);
    expect(kernelBuild('mine', '/')).toMatch(/^mine@[0-9a-f]{16}$/);
  });

  it('tells an image by path from its bytes: rewritten, another build; unknown, null', () => {
    const dir = join(cache.dir, 'images');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'bzImage'), fakeBzImage('6.16.0 (me@box) #1 SMP'));
    const first = kernelBuild('images/bzImage', cache.dir);
    expect(first).toMatch(/^bzImage@[0-9a-f]{16}$/);
    copyFileSync(join(dir, 'bzImage'), join(dir, 'same'));
    expect(kernelBuild('images/same', cache.dir)!.split('@')[1]).toBe(first!.split('@')[1]);
    writeFileSync(join(dir, 'bzImage'), fakeBzImage('6.16.0 (me@box) #2 SMP'));
    expect(kernelBuild('images/bzImage', cache.dir)).not.toBe(first);
    expect(kernelBuild('images/none', cache.dir)).toBeNull();
    expect(kernelBuild('no-such-kernel', cache.dir)).toBeNull();
  });
});
