import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_CACHE } from '../../src/backends/qemu/kernel.js';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { emulatedSysfs } from '../helpers/async-sysfs.js';
import { FAKE_PERF, fakeHost, type Host } from '../helpers/harness.js';

async function doctor(host: Host, ...extra: string[]) {
  let stdout = '';
  const output: Output = { out: (t) => (stdout += `${t.replace(/\n$/, '')}\n`), err: () => {}, color: false };
  const status = await main(
    [
      'doctor',
      '--sysfs-root',
      host.emulator.root,
      '--tracefs',
      host.options.tracefsRoot!,
      '--perf',
      FAKE_PERF,
      ...extra,
    ],
    output,
    {
      sysfsFor: () => emulatedSysfs(host.emulator),
      env: host.options.env,
    },
  );
  return { status, stdout };
}

describe('damon-exp doctor', () => {
  it('says the local backend can serve runs on a free DAMON, and changes nothing', async () => {
    const host = fakeHost();
    const { status, stdout } = await doctor(host, '--json');
    const checks = JSON.parse(stdout) as { check: string; state: string; detail: string }[];
    const state = Object.fromEntries(checks.map((c) => [c.check, c.state]));
    expect(state).toMatchObject({
      root: 'ok',
      'DAMON sysfs': 'ok',
      'DAMON in use': 'ok',
      'DAMON tracepoints': 'ok',
      perf: 'ok',
      masim: 'ok',
      'local backend': 'ok',
    });
    expect(checks.find((c) => c.check === 'perf')!.detail).toBe(
      'perf version 0.0.fake: records damon:damon_aggregated with -k CLOCK_MONOTONIC',
    );
    expect(status).toBe(0);
    expect(host.emulator.log).toEqual([]);
  });

  it('names the kdamond someone else runs, with the fix, and exits 1', async () => {
    const host = fakeHost();
    const pid = host.emulator.startForeignKdamond();
    const writes = host.emulator.log.length;
    const { status, stdout } = await doctor(host);
    expect(stdout).toMatch(
      new RegExp(
        `DAMON in use +FAIL +1 kdamond set up by someone else, running: kdamond 0 \\(thread ${pid}\\)\\n +→ damon-exp never touches them`,
      ),
    );
    expect(stdout).toMatch(/local backend +FAIL +cannot serve runs: DAMON in use\n$/);
    expect(status).toBe(1);
    expect(host.emulator.log.length).toBe(writes);
  });

  it('reports a perf that cannot record and a missing masim', async () => {
    const host = fakeHost({}, { FAKE_PERF: 'broken', MASIM: '/nonexistent/masim' });
    const { stdout } = await doctor(host);
    expect(stdout).toMatch(/perf +FAIL +perf cannot record damon:damon_aggregated/);
    expect(stdout).toMatch(/masim +FAIL +\/nonexistent\/masim is not an executable file/);
  });

  it('says whether the qemu backend can boot a DAMON kernel, and what it lacks', async () => {
    const host = fakeHost();
    const { stdout } = await doctor(host, '--json');
    const qemu = (JSON.parse(stdout) as { check: string; state: string; detail: string; hint?: string }[]).find(
      (c) => c.check === 'qemu backend',
    )!;
    const installed =
      spawnSync('qemu-system-x86_64', ['--version']).status === 0 &&
      existsSync('/bin/busybox') &&
      existsSync(join(KERNEL_CACHE, 'default'));
    if (installed)
      expect(qemu).toMatchObject({
        state: 'ok',
        detail: expect.stringMatching(/^QEMU emulator version .*, Debian's DAMON kernel 6\.12\./),
      });
    else
      expect(qemu).toMatchObject({
        state: 'warn',
        detail: expect.stringMatching(/^cannot boot a DAMON kernel: /),
        hint: expect.stringContaining('make setup'),
      });
  });
});
