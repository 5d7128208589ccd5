// What each kind of cached kernel (Debian's 6.12, the multi-context fork, a built one) is known to
// offer before it boots, and runs the qemu backend refuses before a VM boots because their kernel
// lacks what they ask, naming the cached kernel that has it. No VM: runVm fails the test if called.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const cache = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? '/tmp'}/damon-exp-kernel-caps-${process.pid}-${Date.now()}`;
  const before = process.env.DAMON_EXP_CACHE;
  process.env.DAMON_EXP_CACHE = dir; // read as the kernel cache's modules load
  return { dir, before };
});
// The guest's bundle is make build's: these runs stop before a guest would need it.
vi.mock('../../../src/backends/qemu/guest-script.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/backends/qemu/guest-script.js')>()),
  CLI_BUNDLE: process.execPath,
}));
vi.mock('../../../src/backends/qemu/vm.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/backends/qemu/vm.js')>()),
  runVm: () => {
    throw new Error('a VM was to boot');
  },
}));

const { RefusedError } = await import('../../../src/backends/backend.js');
const { runQemu } = await import('../../../src/backends/qemu/index.js');
const { capsOfKernel, kernelCapsCheck } = await import('../../../src/backends/qemu/kernel-caps.js');
const { findKernel } = await import('../../../src/kernel-images/resolve.js');
const { loadExperiment } = await import('../../../src/manifest/load.js');
const { EXPERIMENTS } = await import('../../helpers/harness.js');
const { fakeKernelCache } = await import('./fake-kernels.js');
const { fakeBzImage } = await import('../../kernel-images/fake-tree.js');

fakeKernelCache(cache.dir);
afterAll(() => {
  if (cache.before === undefined) delete process.env.DAMON_EXP_CACHE;
  else process.env.DAMON_EXP_CACHE = cache.before;
});

const ZIGZAG = JSON.stringify(join(EXPERIMENTS, 'masim/zigzag.cfg'));
const GOAL = 'monitoring: {intervals_goal: {access_bp: 400, aggrs: 3, min_sample: 5ms, max_sample: 10s}}';

/** The refusal of a run of `body` on the qemu backend with `kernel`, and that nothing was made. */
async function refusal(kernel: string, body: string): Promise<string> {
  const dir = join(cache.dir, `m-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  const manifest = join(dir, 'm.yaml');
  writeFileSync(manifest, `name: m\nworkloads:\n  w: {masim: ${ZIGZAG}}\nduration: 2s\n${body}\n`);
  const run = loadExperiment(manifest, { sets: [`backend.kernel=${kernel}`] }).runs[0]!;
  const results = join(dir, 'results');
  // KVM: a TCG guest would need the TLB refresher of make native
  const error = await runQemu(run, { resultsRoot: results, accel: 'kvm' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RefusedError);
  expect(existsSync(results)).toBe(false);
  return (error as Error).message;
}

describe('the caps of each kind of cached kernel, before it boots', () => {
  it("Debian's 6.12, the fork and a built 6.15, from their releases and configs", () => {
    expect(capsOfKernel(findKernel('debian'))).toMatchObject({
      kind: 'upstream',
      maxContextsPerKdamond: 1,
      intervalsGoal: false,
      source: expect.stringContaining("Debian's 6.12 kernel"),
    });
    expect(capsOfKernel(findKernel('damon-multi-contexts'))).toMatchObject({
      kind: 'multi-context',
      maxContextsPerKdamond: null,
      intervalsGoal: false,
    });
    expect(capsOfKernel(findKernel('mine'))).toMatchObject({ kind: 'upstream', intervalsGoal: true });
  });
});

describe('runs the qemu backend refuses before a VM boots: what their kernel lacks', () => {
  it("intervals_goal on Debian's 6.12 and on the fork; the built 6.15 kernel has it", async () => {
    const have = 'the mine kernel (6.15.2) has it';
    expect(await refusal('debian', `layout: {kind: one-target, workloads: [w]}\n${GOAL}`)).toBe(
      `monitoring.intervals_goal: Debian's 6.12 kernel has no intervals_goal (automatic interval tuning, DAMON 6.15+); ${have}`,
    );
    expect(await refusal('damon-multi-contexts', `layout: {kind: one-target, workloads: [w]}\n${GOAL}`)).toBe(
      `monitoring.intervals_goal: the damon-multi-contexts kernel (6.9.0-rc4+) has no intervals_goal (automatic interval tuning, DAMON 6.15+); ${have}`,
    );
  });

  it('three contexts in one kdamond on an upstream kernel; the fork has it', async () => {
    const layout = 'layout: {kind: many-contexts, workloads: [w, w, w], contexts_per_kdamond: many}';
    expect(await refusal('mine', layout)).toBe(
      'the layout puts 3 contexts in one kdamond, but the mine kernel (6.15.2) allows 1 per kdamond (nr_contexts > 1 fails with EINVAL on upstream kernels); the damon-multi-contexts kernel (6.9.0-rc4+) has it',
    );
  });

  it("DAMOS the fork's 6.9 lacks, and what no cached kernel has", async () => {
    const paddr = (schemes: string) =>
      `layout:\n  kdamonds:\n    - contexts: [{operations: paddr, targets: [{regions: [{start: 0, end: 0x100000}]}]}]\nschemes: ${schemes}`;
    expect(await refusal('damon-multi-contexts', paddr('[{action: migrate_cold, target_nid: 0}]'))).toMatch(
      /^the damon-multi-contexts kernel \(6\.9\.0-rc4\+\)'s DAMOS lacks the action 'migrate_cold' \(kdamond 0, context 0, scheme 0\); it offers .*; Debian's 6\.12 kernel, the mine kernel \(6\.15\.2\) have it \(and 1 more: damon-exp validate .* --kernel damon-multi-contexts lists them\)$/,
    );
    // node_mem_* goal metrics came in 6.16.
    const goal = '[{action: pageout, quotas: {size: 1GiB, goals: [{metric: node_mem_used_bp, target: 9000, nid: 0}]}}]';
    expect(await refusal('mine', paddr(goal))).toMatch(
      /lacks the quota goal metric 'node_mem_used_bp' .*; it offers user_input, some_mem_psi_us; no other cached kernel \(damon-exp kernel list\) has it$/,
    );
  });
});

describe('a kernel without DAMON', () => {
  it('is refused whole, with every option it lacks, and not feature by feature', async () => {
    const image = join(cache.dir, 'bzImage-6.1.99');
    writeFileSync(image, fakeBzImage('6.1.99 (debian-kernel@lists.debian.org) #1 SMP'));
    writeFileSync(`${image}.config`, 'CONFIG_VIRTIO_PCI=y\n# CONFIG_DAMON is not set\n');
    const layout = 'layout: {kind: one-target, workloads: [w]}';
    expect(await refusal(image, layout)).toMatch(
      /^the kernel 6\.1\.99 cannot serve this run: it lacks CONFIG_DAMON=y, CONFIG_DAMON_SYSFS=y, CONFIG_DAMON_VADDR=y/,
    );
    const manifest = join(cache.dir, 'no-damon.yaml');
    writeFileSync(manifest, `name: m\nworkloads:\n  w: {masim: ${ZIGZAG}}\nduration: 2s\n${layout}\n`);
    const run = loadExperiment(manifest, { sets: [`backend.kernel=${image}`] }).runs[0]!;
    expect(kernelCapsCheck(image, () => true)(run)).toEqual([]);
  });
});
