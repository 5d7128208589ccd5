// validate --kernel: a manifest checked against a kernel's DAMON, in a cache of fakes (Debian's
// 6.12, the fork, a built 6.15), refused at the line of what the kernel lacks; no VM.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const cache = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? '/tmp'}/damon-exp-validate-kernel-${process.pid}-${Date.now()}`;
  const before = process.env.DAMON_EXP_CACHE;
  process.env.DAMON_EXP_CACHE = dir; // read as the kernel cache's modules load
  return { dir, before };
});

const { main } = await import('../../src/cli/main.js');
const { captureOutput } = await import('../helpers/capture.js');
const { EXPERIMENTS } = await import('../helpers/harness.js');
const { fakeKernelCache } = await import('../backends/qemu/fake-kernels.js');

fakeKernelCache(cache.dir);
afterAll(() => {
  if (cache.before === undefined) delete process.env.DAMON_EXP_CACHE;
  else process.env.DAMON_EXP_CACHE = cache.before;
});

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-validate-kernel-'));
const manifest = join(dir, 'goal.yaml');
writeFileSync(
  manifest,
  `name: goal
workloads:
  w: {masim: ${JSON.stringify(join(EXPERIMENTS, 'masim/zigzag.cfg'))}}
layout: {kind: one-target, workloads: [w]}
monitoring:
  intervals_goal: {access_bp: 400, aggrs: 3, min_sample: 5ms, max_sample: 10s}
duration: 4s
`,
);

async function validate(...args: string[]) {
  const { output, result } = captureOutput();
  const status = await main(['validate', ...args], output);
  return { status, ...result() };
}

describe('validate --kernel', () => {
  it("refuses intervals_goal on Debian's 6.12 at its line, naming the kernel that has it", async () => {
    const refused = await validate(manifest, '--kernel', 'debian');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      `${manifest}:6:3: monitoring.intervals_goal: Debian's 6.12 kernel has no intervals_goal (automatic interval tuning, DAMON 6.15+); the mine kernel (6.15.2) has it\n` +
        '  hint: remove monitoring.intervals_goal or use a newer kernel\n' +
        `${manifest}: 1 problem\n`,
    );
  });

  it('takes it on a kernel that has intervals_goal, and without --kernel on a backend it does not boot', async () => {
    expect((await validate(manifest, '--kernel', 'mine')).status).toBe(0);
    expect((await validate(manifest)).status).toBe(0);
  });

  it("checks a qemu run against its manifest's kernel without --kernel", async () => {
    const refused = await validate(
      manifest,
      '--set',
      'backend.kind=qemu',
      '--set',
      'backend.kernel=damon-multi-contexts',
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${manifest}:6:3: monitoring.intervals_goal: the damon-multi-contexts kernel`);
  });

  it('says so when --kernel names no kernel', async () => {
    const unknown = await validate(manifest, '--kernel', 'nosuch');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(`damon-exp: no kernel at ${join(process.cwd(), 'nosuch')}`);
  });
});
