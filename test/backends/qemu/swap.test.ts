// Swap for the qemu guest (backend.swap), without a VM: the disk QEMU gets, the kernels that can
// serve it, the modules and the init that turn it on, and how the host records it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../../src/backends/backend.js';
import { runQemu } from '../../../src/backends/qemu/index.js';
import { kernelFor } from '../../../src/backends/qemu/provision.js';
import { createSwapDisk, SWAP_DISK_FILE, swapOfGuest } from '../../../src/backends/qemu/swap.js';
import { BUSYBOX, initScript } from '../../../src/backends/qemu/initramfs.js';
import { GUEST_MODULES, guestModuleFiles, missingForSwap, missingOptions } from '../../../src/backends/qemu/kernel.js';
import { findKernel } from '../../../src/kernel-images/resolve.js';
import { qemuArgs } from '../../../src/backends/qemu/vm.js';
import { loadExperiment } from '../../../src/manifest/load.js';
import { EXPERIMENTS } from '../../helpers/harness.js';
import { BOOTABLE_CONFIG } from './bootable-config.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NINE_P_BUILT_IN = ['CONFIG_NET_9P=y', 'CONFIG_NET_9P_VIRTIO=y', 'CONFIG_9P_FS=y'];

/** A kernel tree: a bzImage, its config, and module files (path under lib/modules/6.99.0/kernel). */
function kernelTree(config: string[], modules?: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-swap-kernel-'));
  writeFileSync(join(dir, 'bzImage'), 'not really a kernel');
  writeFileSync(join(dir, 'bzImage.config'), `${config.join('\n')}\n`);
  if (modules) {
    mkdirSync(join(dir, 'lib/modules/6.99.0/kernel'), { recursive: true });
    for (const m of modules) {
      mkdirSync(join(dir, 'lib/modules/6.99.0/kernel', m, '..'), { recursive: true });
      writeFileSync(join(dir, 'lib/modules/6.99.0/kernel', m), 'x');
    }
  }
  return dir;
}

describe('the swap disk QEMU gets', () => {
  const base = {
    image: '/k',
    initrd: '/i',
    memoryBytes: 2 ** 30,
    cpus: 2,
    accel: 'tcg' as const,
    shared: '/s',
    consoleLog: '/c',
    bootTimeoutMs: 1,
    commandTimeoutMs: 1,
  };

  it('is none without swap: the arguments end with the shares', () => {
    const args = qemuArgs(base);
    expect(args).not.toContain('-drive');
    expect(args).not.toContain('-device');
    expect(args.slice(-2)).toEqual(['-virtfs', 'local,path=/s,mount_tag=outdir,security_model=none']);
  });

  it('is a raw virtio disk after the shares, the arguments otherwise the same', () => {
    const args = qemuArgs({ ...base, swapDisk: '/s/vm/swap.img' });
    expect(args.slice(0, -4)).toEqual(qemuArgs(base));
    expect(args.slice(-4)).toEqual([
      '-drive',
      'file=/s/vm/swap.img,if=none,id=swap,format=raw,cache=unsafe,discard=unmap',
      '-device',
      'virtio-blk-pci,drive=swap',
    ]);
  });

  it('doubles the commas of its path, as QEMU option values need', () => {
    expect(qemuArgs({ ...base, swapDisk: '/r/a,b/vm/swap.img' })).toContain(
      'file=/r/a,,b/vm/swap.img,if=none,id=swap,format=raw,cache=unsafe,discard=unmap',
    );
  });

  it('is a sparse file of exactly the size asked for, in the share vm/', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'damon-exp-swap-share-'));
    const path = await createSwapDisk(shared, 64 * 2 ** 20 + 512);
    expect(path).toBe(join(shared, SWAP_DISK_FILE));
    expect(SWAP_DISK_FILE).toBe('vm/swap.img');
    const stat = statSync(path);
    expect(stat.size).toBe(64 * 2 ** 20 + 512);
    expect(stat.blocks * 512).toBeLessThan(2 ** 20);
    // Again (a resumed run's leftover): the same size, from scratch.
    writeFileSync(path, 'leftover');
    expect(statSync(await createSwapDisk(shared, 4096)).size).toBe(4096);
  });
});

describe('kernels that can give the guest swap', () => {
  it('names CONFIG_SWAP and CONFIG_VIRTIO_BLK when a kernel has neither (the multi-context fork)', () => {
    const kernel = findKernel('bzImage', kernelTree([...BOOTABLE_CONFIG, ...NINE_P_BUILT_IN]));
    expect(missingForSwap(kernel)).toEqual(['CONFIG_SWAP=y', 'CONFIG_VIRTIO_BLK=y or m']);
  });

  it('gives a kernel built with the shipped guest fragment (kernels/guest.config) all it needs', () => {
    const fragment = readFileSync(join(ROOT, 'kernels/guest.config'), 'utf8')
      .split('\n')
      .filter((line) => /^CONFIG_\w+=/.test(line));
    const kernel = findKernel('bzImage', kernelTree(fragment));
    expect(missingForSwap(kernel)).toEqual([]);
    expect(missingOptions(kernel, ['vaddr', 'paddr'])).toEqual([]);
  });

  it('takes CONFIG_VIRTIO_BLK built in, or a module with its file', () => {
    const builtIn = findKernel('bzImage', kernelTree([...BOOTABLE_CONFIG, 'CONFIG_SWAP=y', 'CONFIG_VIRTIO_BLK=y']));
    expect(missingForSwap(builtIn)).toEqual([]);
    for (const file of ['virtio_blk.ko', 'virtio_blk.ko.xz', 'virtio_blk.ko.zst', 'virtio_blk.ko.gz']) {
      const module = findKernel(
        'bzImage',
        kernelTree([...BOOTABLE_CONFIG, 'CONFIG_SWAP=y', 'CONFIG_VIRTIO_BLK=m'], [`drivers/block/${file}`]),
      );
      expect(missingForSwap(module)).toEqual([]);
    }
  });

  it('names the module file CONFIG_VIRTIO_BLK=m promises but the modules directory lacks', () => {
    const kernel = findKernel(
      'bzImage',
      kernelTree([...BOOTABLE_CONFIG, 'CONFIG_SWAP=y', 'CONFIG_VIRTIO_BLK=m'], ['drivers/block/loop.ko']),
    );
    expect(missingForSwap(kernel)).toEqual([
      expect.stringMatching(/^the module virtio_blk\.ko \(CONFIG_VIRTIO_BLK=m\) in .*lib\/modules\/6\.99\.0$/),
    ]);
    const noModules = findKernel('bzImage', kernelTree([...BOOTABLE_CONFIG, 'CONFIG_SWAP=y', 'CONFIG_VIRTIO_BLK=m']));
    expect(missingForSwap(noModules)).toEqual([
      'CONFIG_VIRTIO_BLK is a module, but the kernel has no lib/modules directory',
    ]);
  });

  it('does not hold a missing virtio_blk.ko against a kernel booted without swap', async () => {
    const { missingOptions } = await import('../../../src/backends/qemu/kernel.js');
    const kernel = findKernel(
      'bzImage',
      kernelTree([...BOOTABLE_CONFIG, ...NINE_P_BUILT_IN, 'CONFIG_VIRTIO_BLK=m'], ['drivers/block/loop.ko']),
    );
    expect(missingOptions(kernel, ['vaddr'])).toEqual([]);
  });

  const runWith = (sets: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-swap-run-'));
    const manifest = join(dir, 'm.yaml');
    writeFileSync(
      manifest,
      `name: m\nworkloads:\n  w: {masim: ${JSON.stringify(join(EXPERIMENTS, 'masim/zigzag.cfg'))}}\nlayout: {kind: one-target, workloads: [w]}\nduration: 2s\n`,
    );
    return { run: loadExperiment(manifest, { sets }).runs[0]!, results: join(dir, 'results') };
  };

  it('refuses a run with swap on a kernel without CONFIG_SWAP, saying what to do', () => {
    const tree = kernelTree([...BOOTABLE_CONFIG, ...NINE_P_BUILT_IN]);
    const { run } = runWith(['backend.swap=64MiB']);
    expect(run.backend.swapBytes).toBe(64 * 2 ** 20);
    const refusal = (() => {
      try {
        kernelFor(run, join(tree, 'bzImage'));
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(RefusedError);
    expect(refusal).toMatchObject({
      message: expect.stringMatching(
        /^the kernel \S+ cannot give the guest swap for pageout: it lacks CONFIG_SWAP=y, CONFIG_VIRTIO_BLK=y or m$/,
      ),
      hint: expect.stringContaining('backend.kernel: debian'),
    });
    expect((refusal as RefusedError).hint).toContain('backend.swap: 0');
    // The same kernel serves the run without swap.
    expect(kernelFor(runWith(['backend.swap=0']).run, join(tree, 'bzImage')).image).toBe(join(tree, 'bzImage'));
  });

  it('refuses a run with swap when CONFIG_VIRTIO_BLK=m has no module file', () => {
    const tree = kernelTree(
      [...BOOTABLE_CONFIG, ...NINE_P_BUILT_IN, 'CONFIG_SWAP=y', 'CONFIG_VIRTIO_BLK=m'],
      ['drivers/block/loop.ko'],
    );
    expect(() => kernelFor(runWith(['backend.swap=64MiB']).run, join(tree, 'bzImage'))).toThrow(
      /cannot give the guest swap for pageout: it lacks the module virtio_blk\.ko \(CONFIG_VIRTIO_BLK=m\) in /,
    );
  });

  it('still refuses workloads larger than the VM, and says swap does not make room for them', async () => {
    const { run, results } = runWith(['backend.memory=128MiB', 'backend.swap=256MiB']);
    await expect(runQemu(run, { resultsRoot: results })).rejects.toMatchObject({
      name: 'RefusedError',
      message:
        "the masim workloads map 190.7 MiB, more than the VM's 128.0 MiB of memory (the guest's 256.0 MiB of swap is for pageout: masim populates all of its regions up front)",
    });
    expect(existsSync(results)).toBe(false);
  });
});

describe('the modules the guest loads', () => {
  it('lists 9p, then virtio_blk for swap', () => {
    expect(GUEST_MODULES.map((m) => [m.name, m.option, m.neededFor])).toEqual([
      ['netfs', 'CONFIG_NETFS_SUPPORT', '9p'],
      ['9pnet', 'CONFIG_NET_9P', '9p'],
      ['9pnet_virtio', 'CONFIG_NET_9P_VIRTIO', '9p'],
      ['9p', 'CONFIG_9P_FS', '9p'],
      ['virtio_blk', 'CONFIG_VIRTIO_BLK', 'swap'],
    ]);
  });

  it('takes the files of those that are modules, in load order, and not the built-in ones', () => {
    const tree = kernelTree(
      [
        ...BOOTABLE_CONFIG,
        'CONFIG_NETFS_SUPPORT=m',
        'CONFIG_NET_9P=m',
        'CONFIG_NET_9P_VIRTIO=m',
        'CONFIG_9P_FS=m',
        'CONFIG_VIRTIO_BLK=m',
      ],
      [
        'drivers/block/virtio_blk.ko.xz',
        'fs/9p/9p.ko.xz',
        'fs/netfs/netfs.ko.xz',
        'net/9p/9pnet.ko.xz',
        'net/9p/9pnet_virtio.ko.xz',
        'drivers/block/loop.ko.xz',
      ],
    );
    const files = guestModuleFiles(findKernel('bzImage', tree));
    expect(files.map((m) => [m.name, m.neededFor])).toEqual([
      ['netfs', '9p'],
      ['9pnet', '9p'],
      ['9pnet_virtio', '9p'],
      ['9p', '9p'],
      ['virtio_blk', 'swap'],
    ]);
    expect(files.at(-1)!.path).toBe(join(tree, 'lib/modules/6.99.0/kernel/drivers/block/virtio_blk.ko.xz'));
    const builtIn = kernelTree(
      [...BOOTABLE_CONFIG, ...NINE_P_BUILT_IN, 'CONFIG_VIRTIO_BLK=y'],
      ['drivers/block/virtio_blk.ko'],
    );
    expect(guestModuleFiles(findKernel('bzImage', builtIn))).toEqual([]);
  });

  it('finds none, rather than failing, in a modules directory without kernel/', () => {
    const tree = kernelTree([...BOOTABLE_CONFIG, 'CONFIG_VIRTIO_BLK=m']);
    mkdirSync(join(tree, 'lib/modules/6.99.0'), { recursive: true });
    expect(guestModuleFiles(findKernel('bzImage', tree))).toEqual([]);
  });
});

describe('the guest init and swap', () => {
  const init = initScript(['netfs', '9pnet', '9pnet_virtio', '9p'], ['virtio_blk']);

  it('loads virtio_blk after the 9p modules, and goes on without it', () => {
    expect(init).toContain(
      'for module in virtio_blk; do insmod /modules/$module.ko || say "insmod $module failed"; done',
    );
    expect(init.indexOf('for module in netfs')).toBeLessThan(init.indexOf('for module in virtio_blk'));
    expect(initScript(['9p'])).not.toContain('for module in virtio_blk');
  });

  it('makes the virtio disk swap after the modules load and before the guest command, without stopping the boot', () => {
    const swap = init.slice(init.indexOf('for module in virtio_blk'), init.indexOf('mount -t 9p'));
    expect(swap).toContain('grep -qx 0x0002 /sys/bus/virtio/devices/*/device');
    expect(swap).toContain('[ -b /dev/vda ]');
    expect(swap).toContain('mkswap /dev/vda > /dev/null && swapon /dev/vda');
    expect(swap).toContain(`say "swap on /dev/vda ($(awk '$1 == "/dev/vda" { print $3 }' /proc/swaps) kB)"`);
    expect(swap).toContain('say "no swap: mkswap or swapon /dev/vda failed"');
    expect(swap).not.toContain('fail ');
    expect(init.indexOf('mkswap')).toBeLessThan(init.indexOf('chroot /newroot'));
  });

  it.runIf(existsSync(BUSYBOX))('is a script busybox sh can parse', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'damon-exp-init-')), 'init');
    writeFileSync(file, init);
    expect(() => execFileSync(BUSYBOX, ['sh', '-n', file], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('what the host records of the guest swap', () => {
  const share = (consoleText: string, swaps?: string[]) => {
    const shared = mkdtempSync(join(tmpdir(), 'damon-exp-swap-record-'));
    writeFileSync(join(shared, 'console.log'), consoleText);
    if (swaps) writeFileSync(join(shared, 'env.json'), JSON.stringify({ memoryManagement: { swaps } }));
    return { shared, consoleLog: join(shared, 'console.log') };
  };

  it('is active when init said it swaps on the disk', async () => {
    const { shared, consoleLog } = share(
      '[    1.2] virtio_blk virtio2: [vda] 131072 512-byte logical blocks\r\ndamon-exp-init: swap on /dev/vda (65532 kB)\r\n',
    );
    expect(await swapOfGuest(64 * 2 ** 20, consoleLog, shared)).toEqual({
      device: 'virtio-blk',
      bytes: 64 * 2 ** 20,
      active: true,
    });
  });

  it('is not active when init said it failed, or said nothing', async () => {
    for (const text of [
      'damon-exp-init: no swap: mkswap or swapon /dev/vda failed\n',
      '',
      'damon-exp-init: swap on /dev/vda ( kB)\n',
    ]) {
      const { shared, consoleLog } = share(text);
      expect((await swapOfGuest(4096, consoleLog, shared)).active).toBe(false);
    }
    expect((await swapOfGuest(4096, '/nonexistent/console.log', '/nonexistent')).active).toBe(false);
  });

  it("is active when the guest's /proc/swaps (its env.json) lists the disk, whatever the console shows", async () => {
    const { shared, consoleLog } = share('garbled', [
      '/dev/vda                                partition\t65532\t\t0\t\t-2',
    ]);
    expect((await swapOfGuest(4096, consoleLog, shared)).active).toBe(true);
    const other = share('', ['/swapfile file 1024 0 -2']);
    expect((await swapOfGuest(4096, other.consoleLog, other.shared)).active).toBe(false);
  });
});
