// damon-exp kernel build on a fake kernel tree (test/kernels/fake-tree.ts): the steps, the cache
// key (commit, uncommitted changes, config), a cache hit, progress, and every refusal.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKernel, GUEST_FRAGMENT, missingBuildTools, type BuildProgress } from '../../src/kernel-images/build.js';
import { findCachedKernel, listCachedKernels } from '../../src/kernel-images/cache.js';
import { KernelBuildError } from '../../src/kernel-images/source-tree.js';
import { fakeKernelTree } from './fake-tree.js';

const guestFragment = readFileSync(GUEST_FRAGMENT, 'utf8');
const newCache = () => mkdtempSync(join(tmpdir(), 'damon-exp-kcache-'));
const headOf = (tree: string) => execFileSync('git', ['-C', tree, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

async function failure(promise: Promise<unknown>): Promise<KernelBuildError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KernelBuildError) return error;
    throw error;
  }
  throw new Error('the build did not fail');
}

describe('kernel build', () => {
  it('builds into the cache under the commit, with the guest fragment, the log and the source facts; the tree stays untouched', async () => {
    const tree = fakeKernelTree({ guestFragment });
    const cacheRoot = newCache();
    const events: BuildProgress[] = [];
    const result = await buildKernel({
      source: tree,
      name: 'fake',
      cacheRoot,
      jobs: 1,
      onProgress: (e) => events.push(e),
    });
    expect(result.cacheHit).toBe(false);
    const id = `fake-${headOf(tree).slice(0, 12)}`;
    expect(result.kernel.id).toBe(id);
    expect(result.kernel.release).toBe('6.99.0-fake');
    expect(readdirSync(join(cacheRoot, id)).sort()).toEqual(['build.log', 'bzImage', 'config', 'kernel.json']);
    const config = readFileSync(join(cacheRoot, id, 'config'), 'utf8');
    // The fragment replaced tinyconfig's "# CONFIG_DAMON is not set".
    expect(config).toContain('CONFIG_DAMON=y\n');
    expect(config).not.toContain('# CONFIG_DAMON is not set');
    expect(config).toContain('CONFIG_DAMON_SYSFS=y\n');
    expect(result.kernel.record).toMatchObject({
      name: 'fake',
      source: { path: tree, commit: headOf(tree), dirty: false },
      build: { jobs: 1, log: 'build.log' },
      imported: null,
    });
    expect(readFileSync(join(cacheRoot, id, 'build.log'), 'utf8')).toContain('  CC      mm/damon/core.o');
    expect(events.filter((e) => e.kind === 'step').map((e) => (e as { step: string }).step)).toEqual([
      'tinyconfig',
      'olddefconfig',
      'bzImage',
    ]);
    expect(events.filter((e) => e.kind === 'compiled').at(-1)).toMatchObject({ objects: 4 });
    // CONFIG_TSC in the shipped fragment is no symbol of this tree: said, not fatal.
    expect(result.warnings).toEqual(['the config has CONFIG_TSC=y (got not set)']);
    expect(execFileSync('git', ['-C', tree, 'status', '--porcelain'], { encoding: 'utf8' })).toBe('');
    expect(findCachedKernel('fake', cacheRoot)?.id).toBe(id);
  });

  it('is a cache hit the second time, without running make; a change to the tree is a new kernel', async () => {
    const tree = fakeKernelTree({ guestFragment });
    const cacheRoot = newCache();
    const first = await buildKernel({ source: tree, name: 'fake', cacheRoot });
    const steps: BuildProgress[] = [];
    const again = await buildKernel({ source: tree, name: 'fake', cacheRoot, onProgress: (e) => steps.push(e) });
    expect(again).toMatchObject({ cacheHit: true, kernel: { id: first.kernel.id } });
    expect(steps).toEqual([]);

    appendFileSync(join(tree, 'mm/damon/core.c'), '/* a patch under test */\n');
    const patched = await buildKernel({ source: tree, name: 'fake', cacheRoot });
    expect(patched.cacheHit).toBe(false);
    expect(patched.kernel.id).toMatch(new RegExp(`^fake-${headOf(tree).slice(0, 12)}-dirty-[0-9a-f]{8}$`));
    expect(patched.kernel.record?.source).toMatchObject({ dirty: true });
    // Another change, another digest; the same change again, the same kernel.
    writeFileSync(join(tree, 'new-file.c'), 'int x;\n');
    const more = await buildKernel({ source: tree, name: 'fake', cacheRoot });
    expect(more.kernel.id).not.toBe(patched.kernel.id);
    expect((await buildKernel({ source: tree, name: 'fake', cacheRoot })).cacheHit).toBe(true);
    expect(listCachedKernels(cacheRoot).map((k) => k.id)).toHaveLength(3);
  });

  it("merges the user's fragment after the shipped one, as a kernel of its own", async () => {
    const tree = fakeKernelTree({ guestFragment });
    const cacheRoot = newCache();
    const fragment = join(tree, '..', `debug-${process.pid}.config`);
    writeFileSync(fragment, '# more debugging\nCONFIG_DEBUG_FS=y\n# CONFIG_DAMON_PADDR is not set\n');
    const result = await buildKernel({ source: tree, name: 'fake', cacheRoot, fragment });
    expect(result.kernel.id).toMatch(/^fake-[0-9a-f]{12}-config-[0-9a-f]{8}$/);
    const config = readFileSync(result.kernel.config, 'utf8');
    expect(config).toContain('CONFIG_DEBUG_FS=y\n');
    expect(config).toContain('# CONFIG_DAMON_PADDR is not set\n');
    expect(result.kernel.record?.build?.fragments).toEqual([GUEST_FRAGMENT, fragment]);
  });

  it("fails a compile error with the log's last lines and its path, and puts nothing into the cache", async () => {
    const tree = fakeKernelTree({ guestFragment });
    writeFileSync(join(tree, 'FAIL_BUILD'), '');
    const cacheRoot = newCache();
    const error = await failure(buildKernel({ source: tree, name: 'fake', cacheRoot }));
    expect(error.message).toMatch(
      /^the kernel build failed: make -j\d+ bzImage exited with status 2; the log's last lines:\n/,
    );
    expect(error.message).toContain('mm/damon/core.c:12:1: error: expected identifier before numeric constant');
    expect(error.hint).toMatch(/^the whole log: .*\/\.build\/fake-[0-9a-f]{8}\/build\.log$/);
    expect(existsSync(error.hint!.slice('the whole log: '.length))).toBe(true);
    expect(listCachedKernels(cacheRoot)).toEqual([]);
  });

  it('stops when interrupted, puts nothing into the cache, and lets the next build run', async () => {
    const tree = fakeKernelTree({ guestFragment });
    writeFileSync(join(tree, 'SLOW_BUILD'), '');
    const cacheRoot = newCache();
    const controller = new AbortController();
    const started = Date.now();
    const error = await failure(
      buildKernel({
        source: tree,
        name: 'fake',
        cacheRoot,
        abort: controller.signal,
        onProgress: (e) => e.kind === 'step' && e.step === 'bzImage' && setTimeout(() => controller.abort(), 200),
      }),
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(error.message).toBe(
      'the kernel build was interrupted (make -j3 bzImage); nothing was put into the cache'.replace(
        '-j3',
        error.message.match(/-j\d+/)![0],
      ),
    );
    expect(listCachedKernels(cacheRoot)).toEqual([]);
    execFileSync('rm', [join(tree, 'SLOW_BUILD')]);
    expect((await buildKernel({ source: tree, name: 'fake', cacheRoot })).cacheHit).toBe(false);
  });

  it('fails when olddefconfig drops an option a guest cannot do without', async () => {
    const tree = fakeKernelTree({ guestFragment: guestFragment.replace('CONFIG_DAMON_SYSFS=y', '') });
    const error = await failure(buildKernel({ source: tree, name: 'fake', cacheRoot: newCache() }));
    expect(error.message).toBe(
      "this tree's Kconfig does not give a guest what it needs: CONFIG_DAMON_SYSFS=y (got not set)",
    );
  });

  it('refuses what is not a kernel tree, a tree without DAMON, and a tree configured in place', async () => {
    const cacheRoot = newCache();
    expect((await failure(buildKernel({ source: '/nonexistent/linux', cacheRoot }))).message).toBe(
      'no kernel source tree at /nonexistent/linux',
    );
    const empty = mkdtempSync(join(tmpdir(), 'damon-exp-not-linux-'));
    expect((await failure(buildKernel({ source: empty, cacheRoot }))).message).toBe(
      `${empty} is not a Linux source tree: it has no Makefile, Kconfig, arch/x86/boot, scripts/kconfig`,
    );
    const old = fakeKernelTree({ guestFragment });
    execFileSync('rm', ['-r', join(old, 'mm/damon')]);
    expect((await failure(buildKernel({ source: old, cacheRoot }))).message).toMatch(/has no DAMON \(no mm\/damon\/\)/);
    const configured = fakeKernelTree({ guestFragment });
    writeFileSync(join(configured, '.config'), 'CONFIG_64BIT=y\n');
    const error = await failure(buildKernel({ source: configured, cacheRoot }));
    expect(error.message).toContain('has been configured in place');
    expect(error.hint).toContain('make mrproper');
  });

  it('names the Debian packages of missing build tools, with the command that installs them', async () => {
    expect(missingBuildTools({ PATH: '/nonexistent' })).toEqual(
      expect.arrayContaining(['make', 'gcc', 'flex', 'bison', 'bc', 'perl']),
    );
    const tree = fakeKernelTree({ guestFragment });
    const error = await failure(
      buildKernel({ source: tree, name: 'fake', cacheRoot: newCache(), env: { PATH: '/nonexistent' } }),
    );
    expect(error.message).toMatch(
      /^building a kernel needs make, gcc, flex, bison, bc, perl(, libelf-dev)?, which this machine lacks$/,
    );
    expect(error.hint).toMatch(/^sudo apt-get install make gcc flex bison bc perl/);
  });

  it('refuses a fragment line that is not an option, naming its file and line', async () => {
    const tree = fakeKernelTree({ guestFragment });
    const fragment = join(mkdtempSync(join(tmpdir(), 'damon-exp-frag-')), 'bad.config');
    mkdirSync(join(fragment, '..'), { recursive: true });
    writeFileSync(fragment, 'CONFIG_DEBUG_FS=y\nDEBUG_FS=y\n');
    const error = await failure(buildKernel({ source: tree, name: 'fake', cacheRoot: newCache(), fragment }));
    expect(error.message).toBe(`${fragment}:2: 'DEBUG_FS=y' is not CONFIG_NAME=value nor '# CONFIG_NAME is not set'`);
  });
});
