import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_CACHE } from '../../src/kernel-images/cache.js';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { emulatedSysfs } from '../helpers/async-sysfs.js';
import { EXPERIMENTS, FAKE_PERF, fakeHost, type Host } from '../helpers/harness.js';

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

  it('with a manifest, says which DAMOS actions would act on which processes here, and which are refused', async () => {
    const host = fakeHost();
    const { status, stdout } = await doctor(host, join(EXPERIMENTS, 'proactive_reclaim.yaml'));
    expect(status).toBe(0);
    const section = stdout.slice(stdout.indexOf('DAMOS on this host'));
    expect(section.split('\n').filter((l) => l.includes('pageout on'))).toHaveLength(6);
    expect(section).toContain(
      'monitoring-on_schemes-pageout_1s_rep1: kdamond 0 context 0 scheme 0: pageout on the process of workload cold_hot (started by the run)',
    );
    expect(section).not.toContain('schemes-none');
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-doctor-'));
    writeFileSync(
      join(dir, 'paddr.yaml'),
      'name: p\nworkloads: {w: {command: sleep 9}}\nlayout: {kdamonds: [{contexts: [{operations: paddr, targets: [{}], schemes: [{action: lru_prio}, {action: stat}]}]}]}\nduration: 1s\n',
    );
    const paddr = await doctor(host, join(dir, 'paddr.yaml'), '--json');
    const { schemes } = JSON.parse(paddr.stdout) as { schemes: { runs: { lines: string[] }[] } };
    expect(schemes.runs[0]!.lines).toEqual([
      "kdamond 0 context 0 scheme 0: lru_prio on physical memory: every process of the machine, and the kernel's page cache (refused on this host: allow_physical_actions is not set)",
    ]);
  });
});
