import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/backends/host-check.js';
import { verdictOf, type QemuReadiness } from '../../src/backends/host-verdict.js';

const READY: QemuReadiness = {
  qemu: 'QEMU emulator version 9.9.9',
  busybox: true,
  tlbRefresh: true,
  kernel: { release: '6.12.0-fake-amd64' },
  kvm: true,
  kvmFailed: null,
};

const fine: Check[] = [
  { check: 'root', state: 'ok', detail: 'running as root' },
  { check: 'perf', state: 'ok', detail: 'perf version 6.1' },
  { check: 'masim', state: 'ok', detail: 'native/masim/masim' },
];
const noDamon: Check[] = [
  { check: 'root', state: 'ok', detail: 'running as root' },
  { check: 'DAMON sysfs', state: 'fail', detail: 'no /sys/kernel/mm/damon', hint: 'needs CONFIG_DAMON_SYSFS' },
  { check: 'perf', state: 'warn', detail: 'perf version 6.1 (recording not tried)' },
  { check: 'masim', state: 'ok', detail: 'native/masim/masim' },
  { check: 'local backend', state: 'fail', detail: 'cannot serve runs: DAMON sysfs' },
];

describe('verdictOf: which backend can serve runs here', () => {
  it("this host's DAMON when none of its checks fails", () => {
    expect(verdictOf(fine, READY, true)).toEqual({ serves: 'local', line: 'this host can serve runs (its DAMON)' });
  });

  it('QEMU with KVM, or emulated when KVM is not there or failed since boot, saying why this host cannot', () => {
    expect(verdictOf(noDamon, READY, true)).toEqual({
      serves: 'qemu',
      accel: 'kvm',
      line: "runs will go to QEMU (KVM): this host's DAMON cannot serve: DAMON sysfs (no /sys/kernel/mm/damon)",
    });
    for (const readiness of [
      { ...READY, kvm: false },
      { ...READY, kvmFailed: 'KVM internal error' },
    ])
      expect(verdictOf(noDamon, readiness, true)).toMatchObject({
        serves: 'qemu',
        accel: 'tcg',
        line: "runs will go to QEMU (TCG, slow): this host's DAMON cannot serve: DAMON sysfs (no /sys/kernel/mm/damon)",
      });
  });

  it('none when QEMU lacks something, or a program every run needs is missing; with what to do', () => {
    expect(verdictOf(noDamon, { ...READY, kvm: false, tlbRefresh: false }, true).line).toBe(
      "no backend can serve runs here: for QEMU (the TLB refresher is not built (TCG guests run it)): make setup installs QEMU and busybox-static, builds native/ (make native) and fetches Debian's DAMON kernel (make kernel); or for this host's DAMON: needs CONFIG_DAMON_SYSFS",
    );
    // Under KVM the refresher is not needed.
    expect(verdictOf(noDamon, { ...READY, tlbRefresh: false }, true).serves).toBe('qemu');
    const noPerf: Check[] = [
      ...noDamon.filter((c) => c.check !== 'perf'),
      { check: 'perf', state: 'fail', detail: 'perf not found', hint: 'install linux-perf, or set PERF' },
    ];
    expect(verdictOf(noPerf, READY, false)).toEqual({
      serves: null,
      line: 'no backend can serve runs here: perf: install linux-perf, or set PERF',
    });
  });
});
