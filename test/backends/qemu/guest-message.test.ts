// A guest that fails without a status of its own: the run's error carries what the guest's command
// said on the console, not only where the console log is. QEMU is replaced by a fake VM.
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { VmOptions, VmResult } from '../../../src/backends/qemu/vm.js';
import { BOOTABLE_CONFIG } from './bootable-config.js';

const vm = vi.hoisted(() => ({ console: '', exitStatus: 1 as number | null }));

// The guest's bundle is make build's: these runs stop before a guest would need it.
vi.mock('../../../src/backends/qemu/guest-script.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/backends/qemu/guest-script.js')>()),
  CLI_BUNDLE: process.execPath,
}));
vi.mock('../../../src/backends/qemu/vm.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/backends/qemu/vm.js')>()),
  kvmUsable: async () => false,
  qemuVersion: async () => 'QEMU emulator version 7.2 (fake)',
  runVm: async (options: VmOptions): Promise<VmResult> => {
    appendFileSync(options.consoleLog, vm.console);
    return { exitStatus: vm.exitStatus, bootMs: 10, wallMs: 20, accel: 'tcg' };
  },
}));
vi.mock('../../../src/backends/qemu/initramfs.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/backends/qemu/initramfs.js')>()),
  initramfsFor: () => '/nonexistent/initramfs.cpio.gz',
}));

const { runQemu } = await import('../../../src/backends/qemu/index.js');
const { loadExperiment } = await import('../../../src/manifest/load.js');
const { EXPERIMENTS } = await import('../../helpers/harness.js');

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-guest-message-'));
  writeFileSync(join(dir, 'bzImage'), 'not really a kernel');
  writeFileSync(
    join(dir, 'bzImage.config'),
    `${[...BOOTABLE_CONFIG, 'CONFIG_NET_9P=y', 'CONFIG_NET_9P_VIRTIO=y', 'CONFIG_9P_FS=y'].join('\n')}\n`,
  );
  const manifest = join(dir, 'm.yaml');
  writeFileSync(
    manifest,
    `name: m\nworkloads:\n  w: {masim: ${JSON.stringify(join(EXPERIMENTS, 'masim/zigzag.cfg'))}}\nlayout: {kind: one-target, workloads: [w]}\nduration: 2s\n`,
  );
  const run = loadExperiment(manifest).runs[0]!;
  return { run, options: { resultsRoot: join(dir, 'results'), kernel: join(dir, 'bzImage'), accel: 'kvm' as const } };
}

describe('a guest that fails without a status of its own', () => {
  it("says the guest's own last words, without the kernel's and the init's lines", async () => {
    vm.console = [
      '[    0.000000] Linux version 6.12.99',
      'damon-exp-init: guest command starting',
      '[    3.141592] random: crng init done',
      'damon-exp: the kernel has no intervals_goal (automatic interval tuning, DAMON 6.15+)',
      '  hint: remove monitoring.intervals_goal or use a newer kernel',
      'damon-exp-init: guest command ended',
      '',
    ].join('\n');
    const { run, options } = setUp();
    const outcome = await runQemu(run, options);
    expect(outcome.status!.state).toBe('failed');
    expect(outcome.status!.errors).toEqual([
      'the guest command ended with status 1 without a result: the guest said: damon-exp: the kernel has no intervals_goal (automatic interval tuning, DAMON 6.15+) / hint: remove monitoring.intervals_goal or use a newer kernel (logs/console.log has the rest)',
    ]);
    // and where the console log is when it said nothing
    vm.console = 'damon-exp-init: guest command starting\ndamon-exp-init: guest command ended\n';
    const silent = setUp();
    expect((await runQemu(silent.run, silent.options)).status!.errors).toEqual([
      'the guest command ended with status 1 without a result (see logs/console.log)',
    ]);
  });
});
