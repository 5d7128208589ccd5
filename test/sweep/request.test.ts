// A request's settings as the backends take them: the usual places left to the backends, a
// zero timeout as none, and the VM's settings as given.
import { describe, expect, it } from 'vitest';
import { localBackendOptions, qemuBackendOptions, type RunSettings } from '../../src/sweep/request.js';

const settings: RunSettings = {
  manifest: { file: '/exp/m.yaml', sets: [], maxRuns: 10_000 },
  resultsRoot: '/results',
  backend: null,
  host: { sysfsRoot: null, tracefsRoot: '/tmp/tracefs', perf: null },
  qemu: { kernel: 'debian', accel: 'tcg', append: '', bootTimeout: { text: '0s', ms: 0 }, guestTimeout: null },
  force: false,
  resume: true,
};

describe("the backends' options of a request", () => {
  it("this host's: the usual places left to the backend", () => {
    expect(localBackendOptions(settings, { env: { A: '1' }, lockPath: '/tmp/lock' })).toEqual({
      sysfsRoot: undefined,
      sysfs: undefined,
      tracefsRoot: '/tmp/tracefs',
      perf: undefined,
      env: { A: '1' },
      lockPath: '/tmp/lock',
    });
  });

  it("QEMU's: the kernel and accelerator given; an empty append and a zero timeout are none", () => {
    expect(qemuBackendOptions(settings, {})).toEqual({
      kernel: 'debian',
      accel: 'tcg',
      append: undefined,
      bootTimeoutMs: undefined,
      commandTimeoutMs: undefined,
      env: {},
    });
    const timed = { ...settings, qemu: { ...settings.qemu, guestTimeout: { text: '5m', ms: 300_000 } } };
    expect(qemuBackendOptions(timed, {}).commandTimeoutMs).toBe(300_000);
  });
});
