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
import type { QemuReadiness } from '../../src/backends/host-verdict.js';

/** A host whose qemu backend has everything (KVM or not), or nothing. */
const QEMU_READY: QemuReadiness = {
  qemu: 'QEMU emulator version 9.9.9',
  busybox: true,
  tlbRefresh: true,
  kernel: { release: '6.12.0-fake-amd64' },
  kvm: true,
  kvmFailed: null,
};
const NO_QEMU: QemuReadiness = {
  qemu: null,
  busybox: false,
  tlbRefresh: false,
  kernel: { problem: 'no Debian DAMON kernel in the cache' },
  kvm: false,
  kvmFailed: null,
};

async function doctor(host: Host, ...extra: string[]) {
  return doctorWith(host, undefined, ...extra);
}

async function doctorWith(host: Host, qemu: QemuReadiness | undefined, ...extra: string[]) {
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
      ...(qemu ? { qemuReadiness: async () => qemu } : {}),
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

  it('names the kdamond someone else runs, with the fix; without QEMU no backend can serve: exits 1', async () => {
    const host = fakeHost();
    const pid = host.emulator.startForeignKdamond();
    const writes = host.emulator.log.length;
    const { status, stdout } = await doctorWith(host, NO_QEMU);
    expect(stdout).toMatch(
      new RegExp(
        `DAMON in use +FAIL +1 kdamond set up by someone else, running: kdamond 0 \\(thread ${pid}\\)\\n +→ damon-exp never touches them`,
      ),
    );
    expect(stdout).toMatch(/local backend +FAIL +cannot serve runs: DAMON in use\n/);
    expect(stdout).toMatch(
      /\n\nno backend can serve runs here: for QEMU \(qemu-system-x86_64 is not installed; .*\): make setup installs QEMU.*; or for this host's DAMON: damon-exp never touches them.*\n$/,
    );
    expect(status).toBe(1);
    expect(host.emulator.log.length).toBe(writes);
  });

  it("ends with the verdict that this host's DAMON serves runs, and exits 0", async () => {
    const { status, stdout } = await doctorWith(fakeHost(), NO_QEMU);
    expect(stdout).toMatch(/local backend +ok +can serve runs\n\nthis host can serve runs \(its DAMON\)\n$/);
    expect(status).toBe(0);
    const json = await doctorWith(fakeHost(), QEMU_READY, '--json');
    expect(JSON.parse(json.stdout)).toContainEqual({
      check: 'verdict',
      state: 'ok',
      detail: 'this host can serve runs (its DAMON)',
      serves: 'local',
    });
  });

  it("where only QEMU serves, says so and why this host cannot, tells this host's failures as information, and exits 0", async () => {
    const host = fakeHost();
    const pid = host.emulator.startForeignKdamond();
    const { status, stdout } = await doctorWith(host, QEMU_READY, '--tracefs', join(host.dir, 'no-tracefs'));
    expect(stdout).not.toMatch(/FAIL/);
    // What stops this host's DAMON is still said, with its fix.
    expect(stdout).toMatch(
      new RegExp(
        `DAMON in use +- +1 kdamond set up by someone else, running: kdamond 0 \\(thread ${pid}\\)\\n +→ damon-exp never touches them`,
      ),
    );
    expect(stdout).toMatch(/DAMON tracepoints +- +cannot read .*no-tracefs\/events\/damon\n +→ mount tracefs/);
    expect(stdout).toMatch(/local backend +- +cannot serve runs: DAMON in use, DAMON tracepoints\n/);
    expect(stdout).toMatch(
      /qemu backend +ok +QEMU emulator version 9\.9\.9, Debian's DAMON kernel 6\.12\.0-fake-amd64\n/,
    );
    expect(stdout).toMatch(
      /\n\nruns will go to QEMU \(KVM\): this host's DAMON cannot serve: DAMON in use \(1 kdamond set up by someone else.*\); DAMON tracepoints \(cannot read .*\)\n$/,
    );
    expect(status).toBe(0);

    const tcg = await doctorWith(host, { ...QEMU_READY, kvmFailed: 'KVM internal error' }, '--json');
    expect(tcg.status).toBe(0);
    const checks = JSON.parse(tcg.stdout) as { check: string; state: string; detail: string }[];
    expect(checks.filter((c) => c.state === 'fail')).toEqual([]);
    expect(checks.at(-1)).toMatchObject({
      check: 'verdict',
      state: 'warn',
      serves: 'qemu',
      accel: 'tcg',
      detail: expect.stringMatching(
        /^runs will go to QEMU \(TCG, slow\): this host's DAMON cannot serve: DAMON in use/,
      ),
    });
  });

  it('where QEMU could boot but masim is missing, no backend can serve: the guest runs it too', async () => {
    const host = fakeHost({}, { MASIM: '/nonexistent/masim' });
    host.emulator.startForeignKdamond();
    const { status, stdout } = await doctorWith(host, QEMU_READY);
    expect(stdout).toMatch(/masim +FAIL +\/nonexistent\/masim is not an executable file/);
    expect(stdout).toMatch(/DAMON in use +FAIL/);
    expect(stdout).toMatch(/\n\nno backend can serve runs here: masim: make native builds masim.*\n$/);
    expect(status).toBe(1);
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
    // The first repetition's id, with or without _rep1 (run ids are being reworked alongside).
    expect(section).toMatch(
      /\n {2}monitoring-on_schemes-pageout_1s(_rep1)?: kdamond 0 context 0 scheme 0: pageout on the process of workload cold_hot \(started by the run\)\n/,
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
