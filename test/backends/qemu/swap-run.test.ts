// The host's side of a run with swap, with QEMU replaced: the disk it creates, what env.json and
// the status say of it, and that the disk is gone however the run ends.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VmOptions, VmResult } from '../../../src/backends/qemu/vm.js';
import { BOOTABLE_CONFIG } from './bootable-config.js';

const vm = vi.hoisted(() => ({
  /** What the fake VM does with its options (the console, the exit status), or throws. */
  behave: (_options: VmOptions): VmResult => ({ exitStatus: 0, bootMs: 10, wallMs: 20, accel: 'tcg' }),
  seen: [] as { options: VmOptions; swapDiskBytes: number | null }[],
}));

vi.mock('../../../src/backends/qemu/vm.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/backends/qemu/vm.js')>()),
  kvmUsable: async () => false,
  qemuVersion: async () => 'QEMU emulator version 7.2 (fake)',
  runVm: async (options: VmOptions) => {
    vm.seen.push({
      options,
      swapDiskBytes: options.swapDisk && existsSync(options.swapDisk) ? statSync(options.swapDisk).size : null,
    });
    return vm.behave(options);
  },
}));
vi.mock('../../../src/backends/qemu/initramfs.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/backends/qemu/initramfs.js')>()),
  initramfsFor: () => '/nonexistent/initramfs.cpio.gz',
}));

const { runQemu } = await import('../../../src/backends/qemu/index.js');
const { NO_SWAP_WARNING } = await import('../../../src/backends/qemu/swap.js');
const { loadExperiment } = await import('../../../src/manifest/load.js');
const { EXPERIMENTS } = await import('../../helpers/harness.js');

const CONFIG = [
  ...BOOTABLE_CONFIG,
  'CONFIG_NET_9P=y',
  'CONFIG_NET_9P_VIRTIO=y',
  'CONFIG_9P_FS=y',
  'CONFIG_SWAP=y',
  'CONFIG_VIRTIO_BLK=y',
];

function setUp(sets: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-swap-run-'));
  writeFileSync(join(dir, 'bzImage'), 'not really a kernel');
  writeFileSync(join(dir, 'bzImage.config'), `${CONFIG.join('\n')}\n`);
  const manifest = join(dir, 'm.yaml');
  writeFileSync(
    manifest,
    `name: m\nworkloads:\n  w: {masim: ${JSON.stringify(join(EXPERIMENTS, 'masim/zigzag.cfg'))}}\nlayout: {kind: one-target, workloads: [w]}\nduration: 2s\n`,
  );
  const run = loadExperiment(manifest, { sets }).runs[0]!;
  return { run, options: { resultsRoot: join(dir, 'results'), kernel: join(dir, 'bzImage') } };
}

interface Written {
  backend: { swap: unknown };
  warnings: string[];
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Written;

describe('a qemu run with swap, on the host', () => {
  beforeEach(() => {
    vm.seen.length = 0;
  });

  it('attaches a sparse disk of the size asked, records it active from the console, and removes it', async () => {
    vm.behave = (options) => {
      appendFileSync(options.consoleLog, 'damon-exp-init: swap on /dev/vda (65532 kB)\n');
      return { exitStatus: 0, bootMs: 10, wallMs: 20, accel: 'tcg' };
    };
    const { run, options } = setUp(['backend.swap=64MiB']);
    const outcome = await runQemu(run, options);
    expect(vm.seen).toHaveLength(1);
    expect(vm.seen[0]!.options.swapDisk).toMatch(/\/vm\/swap\.img$/);
    expect(vm.seen[0]!.swapDiskBytes).toBe(64 * 2 ** 20);
    expect(existsSync(vm.seen[0]!.options.swapDisk!)).toBe(false);
    expect(existsSync(join(outcome.dir!, 'vm'))).toBe(false);
    expect(readJson(join(outcome.dir!, 'env.json')).backend.swap).toEqual({
      device: 'virtio-blk',
      bytes: 64 * 2 ** 20,
      active: true,
    });
    expect(outcome.status!.warnings).not.toContain(NO_SWAP_WARNING);
  });

  it('warns when the guest did not swap on it', async () => {
    vm.behave = (options) => {
      appendFileSync(options.consoleLog, 'damon-exp-init: no swap: mkswap or swapon /dev/vda failed\n');
      return { exitStatus: 0, bootMs: 10, wallMs: 20, accel: 'tcg' };
    };
    const { run, options } = setUp(['backend.swap=64MiB']);
    const outcome = await runQemu(run, options);
    expect(readJson(join(outcome.dir!, 'env.json')).backend.swap).toEqual({
      device: 'virtio-blk',
      bytes: 64 * 2 ** 20,
      active: false,
    });
    expect(outcome.status!.warnings).toContain(NO_SWAP_WARNING);
    expect(readJson(join(outcome.dir!, 'status.json')).warnings).toContain(NO_SWAP_WARNING);
  });

  it('has no disk and records swap: null without swap', async () => {
    vm.behave = () => ({ exitStatus: 0, bootMs: 10, wallMs: 20, accel: 'tcg' });
    const { run, options } = setUp(['backend.swap=0']);
    const outcome = await runQemu(run, options);
    expect(vm.seen[0]!.options.swapDisk).toBeUndefined();
    expect(readJson(join(outcome.dir!, 'env.json')).backend.swap).toBeNull();
    expect(outcome.status!.warnings).not.toContain(NO_SWAP_WARNING);
  });

  it('removes the disk when the host side fails (the catch path)', async () => {
    vm.behave = () => {
      throw new Error('QEMU went away');
    };
    const { run, options } = setUp(['backend.swap=64MiB']);
    const outcome = await runQemu(run, options);
    expect(vm.seen[0]!.swapDiskBytes).toBe(64 * 2 ** 20);
    expect(existsSync(vm.seen[0]!.options.swapDisk!)).toBe(false);
    expect(outcome.status!.state).toBe('failed');
    expect(outcome.status!.errors).toContain('the qemu backend: QEMU went away');
    expect(existsSync(join(outcome.dir!, 'vm'))).toBe(false);
  });

  it("boots the guest with the run's transparent huge pages, before what --append adds", async () => {
    vm.behave = () => ({ exitStatus: 0, bootMs: 10, wallMs: 20, accel: 'tcg' });
    const { run, options } = setUp(['backend.thp=never']);
    await runQemu(run, { ...options, append: 'loglevel=7' });
    expect(vm.seen[0]!.options.append).toBe('transparent_hugepage=never loglevel=7');
    const plain = setUp([]);
    await runQemu(plain.run, plain.options);
    expect(vm.seen[1]!.options.append).toBeUndefined();
  });
});
