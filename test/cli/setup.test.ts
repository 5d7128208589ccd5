// damon-exp setup in a checkout, in a cache of fake kernels: each step says what it found or did,
// --kernel imports an image under its folder's name, a second setup finds it all done, and the
// verdict ends it. (The package route, with a real fetch's cache and a QEMU run, is
// test/e2e/package.test.ts.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const cache = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? '/tmp'}/damon-exp-setup-${process.pid}-${Date.now()}`;
  const before = process.env.DAMON_EXP_CACHE;
  process.env.DAMON_EXP_CACHE = dir; // read as the modules load
  return { dir, before };
});

const { runMain } = await import('../helpers/run-main.js');
const { fakeKernelCache } = await import('../backends/qemu/fake-kernels.js');
const { fakeBzImage } = await import('../kernel-images/fake-tree.js');
const { emulatedSysfs } = await import('../helpers/async-sysfs.js');
const { fakeHost } = await import('../helpers/harness.js');
const { findCachedKernel } = await import('../../src/kernel-images/cache.js');
const { packagePath } = await import('../../src/util/version.js');

fakeKernelCache(cache.dir);
afterAll(() => {
  if (cache.before === undefined) delete process.env.DAMON_EXP_CACHE;
  else process.env.DAMON_EXP_CACHE = cache.before;
});

const QEMU_READY = {
  qemu: 'QEMU emulator version 9.9.9',
  busybox: true,
  tlbRefresh: true,
  kernel: { release: '6.12.99+deb12-amd64' },
  kvm: false,
  kvmFailed: null,
};

async function setup(...args: string[]) {
  const host = fakeHost();
  return runMain(['setup', ...args], {
    sysfsFor: () => emulatedSysfs(host.emulator),
    env: host.options.env,
    qemuReadiness: async () => QEMU_READY,
  });
}

describe('damon-exp setup', () => {
  it("finds what a set-up checkout has, imports --kernel under its folder's name, and ends with the verdict", async () => {
    const folder = join(cache.dir, 'elsewhere', 'my-fork');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'bzImage'), fakeBzImage('6.13.0-rc1+ (me@box) #2 SMP'));
    writeFileSync(join(folder, 'config'), 'CONFIG_DAMON=y\nCONFIG_DAMON_SYSFS=y\n');
    const { status, stdout } = await setup('--kernel', join(folder, 'bzImage'));
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, 5).map((l) => l.split(/\s{2,}/).slice(0, 2))).toEqual([
      ['packages', 'ok'],
      ['masim', 'ok'],
      ['tlb-refresh', 'ok'],
      ['kernel debian', 'ok'],
      ['kernel my-fork', 'done'],
    ]);
    expect(lines[1]).toContain(packagePath('native/masim/masim'));
    expect(lines[3]).toMatch(/in the cache already: linux-image-6\.12\.99\+deb12-amd64$/);
    expect(lines[4]).toMatch(/imported 6\.13\.0-rc1\+ from .*\/my-fork\/bzImage$/);
    expect(lines).toContain(`cache                    ${cache.dir}`);
    expect(lines).toContain(`examples                 ${packagePath('experiments')}`);
    expect(lines.at(-2)).toMatch(/^(this host can serve runs|runs will go to QEMU \(TCG, slow\))/);
    expect(lines.at(-1)).toBe(`try: damon-exp run ${packagePath('experiments')}/one_target.yaml --set duration=10s`);
    expect(status).toBe(0);
    expect(findCachedKernel('my-fork')?.release).toBe('6.13.0-rc1+');
  });

  it('says the same again as JSON, with nothing left to do but the import asked again', async () => {
    const { status, stdout } = await setup('--no-kernel', '--json');
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { steps: { step: string; state: string }[]; cache: string; checkout: boolean };
    expect(report.steps.map((s) => [s.step, s.state])).toEqual([
      ['packages', 'ok'],
      ['masim', 'ok'],
      ['tlb-refresh', 'ok'],
    ]);
    expect(report.cache).toBe(cache.dir);
    expect(report.checkout).toBe(true);
  });

  it('fails the step of a kernel it cannot import, naming why, and exits 1', async () => {
    const { status, stdout } = await setup(
      '--no-kernel',
      '--kernel',
      `broken=${join(cache.dir, 'no-such', 'bzImage')}`,
    );
    expect(status).toBe(1);
    expect(stdout).toMatch(/^kernel broken\s+FAIL\s+no config for the kernel .*no-such\/bzImage$/m);
  });

  it('refuses a --kernel it cannot name, and arguments', async () => {
    expect((await setup('--kernel', '/x/-odd name.img')).stderr).toContain('say it as --kernel NAME=');
    expect((await setup('now')).status).toBe(2);
  });
});
