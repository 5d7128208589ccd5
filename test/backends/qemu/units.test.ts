// The parts of the qemu backend that need no VM: kernels, what they lack, the guest script.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../../src/backends/backend.js';
import { guestRunScript, guestScript } from '../../../src/backends/qemu/guest-script.js';
import { runQemu } from '../../../src/backends/qemu/index.js';
import { loadExperiment } from '../../../src/manifest/load.js';
import { EXPERIMENTS } from '../../helpers/harness.js';
import { initScript } from '../../../src/backends/qemu/initramfs.js';
import { missingOptions } from '../../../src/backends/qemu/kernel.js';
import { findKernel, KernelImageError } from '../../../src/kernel-images/resolve.js';
import { qemuArgs, runVm } from '../../../src/backends/qemu/vm.js';
import { guestOutcome } from '../../../src/backends/qemu/guest-status.js';
import { newStatus, type VmStatus } from '../../../src/record/run-files.js';
import { BOOTABLE_CONFIG } from './bootable-config.js';

function buildTree(config: string[], modules: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-kernel-'));
  writeFileSync(join(dir, 'bzImage'), 'not really a kernel');
  writeFileSync(join(dir, 'bzImage.config'), `${config.join('\n')}\n`);
  if (modules.length) {
    mkdirSync(join(dir, 'lib/modules/6.99.0/kernel/fs/9p'), { recursive: true });
    for (const m of modules) writeFileSync(join(dir, 'lib/modules/6.99.0/kernel/fs/9p', `${m}.ko`), 'x');
  }
  return dir;
}

describe('kernels for the qemu backend', () => {
  it('takes a bzImage with its config beside it, and names nothing missing when it has all', () => {
    const dir = buildTree([...BOOTABLE_CONFIG, 'CONFIG_NET_9P=y', 'CONFIG_NET_9P_VIRTIO=y', 'CONFIG_9P_FS=y']);
    const kernel = findKernel('bzImage', dir);
    expect(kernel.image).toBe(join(dir, 'bzImage'));
    expect(missingOptions(kernel, ['vaddr'])).toEqual([]);
  });

  it('names every option a kernel without DAMON lacks', () => {
    const kernel = findKernel('bzImage', buildTree(['CONFIG_VIRTIO_PCI=y', 'CONFIG_9P_FS=m', 'CONFIG_NET_9P=m']));
    expect(missingOptions(kernel, ['vaddr', 'paddr'])).toEqual([
      'CONFIG_DAMON=y',
      'CONFIG_DAMON_SYSFS=y',
      'CONFIG_DAMON_VADDR=y',
      'CONFIG_DAMON_PADDR=y',
      'CONFIG_DEVTMPFS=y',
      'CONFIG_SERIAL_8250_CONSOLE=y',
      'CONFIG_TRACING=y',
      'CONFIG_NET_9P is a module, but the kernel has no lib/modules directory',
      'CONFIG_NET_9P_VIRTIO=y or m',
      'CONFIG_9P_FS is a module, but the kernel has no lib/modules directory',
    ]);
  });

  it('refuses 9p modules that the config promises but the modules directory lacks', () => {
    const kernel = findKernel(
      'bzImage',
      buildTree([...BOOTABLE_CONFIG, 'CONFIG_NET_9P=y', 'CONFIG_NET_9P_VIRTIO=y', 'CONFIG_9P_FS=m'], ['other']),
    );
    expect(missingOptions(kernel, ['vaddr'])).toEqual([
      expect.stringMatching(/^the module 9p\.ko \(CONFIG_9P_FS=m\) in .*lib\/modules\/6\.99\.0$/),
    ]);
  });

  it('says where a config should be when it cannot find one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-kernel-'));
    writeFileSync(join(dir, 'bzImage'), 'x');
    expect(() => findKernel('bzImage', dir)).toThrow(KernelImageError);
    expect(() => findKernel('bzImage', dir)).toThrow(`no config for the kernel ${join(dir, 'bzImage')}`);
  });
});

describe('the guest', () => {
  it('quotes the command of its script', () => {
    expect(guestScript(['node', "it's here", '$HOME'], { MASIM: '/x y/masim' })).toBe(
      "#!/bin/sh\nexport HOME=/tmp LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nexport MASIM='/x y/masim'\ncd /tmp || exit 125\nnode 'it'\\''s here' '$HOME'\n",
    );
  });

  it('loads the 9p modules in order and keeps the exit status in the share', () => {
    const init = initScript(['netfs', '9pnet', '9pnet_virtio', '9p']);
    expect(init).toContain('for module in netfs 9pnet 9pnet_virtio 9p; do insmod /modules/$module.ko');
    expect(init).toContain('echo $? > /tmp/out/vm/exit-status');
    expect(init.indexOf('damon-exp-init: guest command starting'.replace('damon-exp-init: ', ''))).toBeLessThan(
      init.indexOf('chroot /newroot'),
    );
  });

  it("caches the host's read-only root (Node, perf and their libraries are read once), not the run's share", () => {
    const mounts = initScript(['9p'])
      .split('\n')
      .filter((line) => line.startsWith('mount -t 9p'));
    expect(mounts).toHaveLength(2);
    expect(mounts[0]).toMatch(/ -o \S*\bro\b\S*,cache=loose hostroot /);
    expect(mounts[1]).toContain(' outdir ');
    expect(mounts[1]).not.toContain('cache=');
  });

  it("starts perf --version beside Node's start-up, and tells guest-run where it leaves what perf said", () => {
    const lines = guestRunScript({ NO_COLOR: '1' }).split('\n');
    const early = lines.findIndex((line) => line.includes('--version > /tmp/damon-exp-perf-version.out'));
    const command = lines.findIndex((line) => line.includes(' guest-run '));
    expect(early).toBeGreaterThan(0);
    expect(lines[early]).toMatch(/&$/);
    expect(early).toBeLessThan(command);
    expect(lines[command]).toContain('--perf-version-early /tmp/damon-exp-perf-version');
  });

  it('never starts a VM once stopped', async () => {
    const controller = new AbortController();
    controller.abort('SIGINT');
    const result = await runVm({
      image: '/x',
      initrd: '/y',
      memoryBytes: 2 ** 30,
      cpus: 1,
      accel: 'tcg',
      shared: '/nonexistent',
      consoleLog: '/nonexistent/log',
      bootTimeoutMs: 1000,
      commandTimeoutMs: 1000,
      abort: controller.signal,
    });
    expect(result).toEqual({
      exitStatus: null,
      failure: { kind: 'aborted', message: 'stopped: SIGINT' },
      bootMs: null,
      wallMs: 0,
      accel: 'tcg',
    });
  });
});

describe('qemu arguments', () => {
  const base = {
    image: '/k',
    initrd: '/i',
    memoryBytes: 2 ** 30,
    cpus: 2,
    shared: '/s',
    consoleLog: '/c',
    bootTimeoutMs: 1,
    commandTimeoutMs: 1,
  };
  it('gives TCG a thread per vCPU alone, and one thread per VM when VMs run side by side', () => {
    expect(qemuArgs({ ...base, accel: 'tcg' }).slice(0, 2)).toEqual(['-accel', 'tcg,thread=multi']);
    expect(qemuArgs({ ...base, accel: 'tcg', tcgThreads: 'single' }).slice(0, 2)).toEqual([
      '-accel',
      'tcg,thread=single',
    ]);
    expect(qemuArgs({ ...base, accel: 'kvm', tcgThreads: 'single' }).slice(0, 2)).toEqual(['-accel', 'kvm']);
    expect(qemuArgs({ ...base, accel: 'tcg' })).toEqual(expect.arrayContaining(['-smp', '2', '-m', '1024M']));
  });

  it("turns the guest's CPU mitigations off under multi-threaded TCG only, where each costs a TLB flush per system call", () => {
    const append = (args: string[]) => args[args.indexOf('-append') + 1]!.split(' ');
    expect(append(qemuArgs({ ...base, accel: 'tcg', append: 'transparent_hugepage=never' }))).toEqual([
      'console=ttyS0',
      'quiet',
      'panic=-1',
      'mitigations=off',
      'transparent_hugepage=never',
    ]);
    expect(append(qemuArgs({ ...base, accel: 'kvm' }))).not.toContain('mitigations=off');
    // One thread for all vCPUs (VMs side by side): the kdamond's vCPU fell behind without them.
    expect(append(qemuArgs({ ...base, accel: 'tcg', tcgThreads: 'single' }))).not.toContain('mitigations=off');
  });
});

describe('runs the qemu backend refuses before a VM boots', () => {
  const run = (sets: string[], workloads?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-refused-'));
    const manifest = join(dir, 'm.yaml');
    writeFileSync(
      manifest,
      `name: m\nworkloads:\n  w: ${workloads ?? `{masim: ${JSON.stringify(join(EXPERIMENTS, 'masim/zigzag.cfg'))}}`}\nlayout: {kind: one-target, workloads: [w]}\nduration: 2s\n`,
    );
    return { run: loadExperiment(manifest, { sets }).runs[0]!, results: join(dir, 'results') };
  };

  it('a pid of this host: it means nothing inside a VM', async () => {
    const { run: attached, results } = run([], '{pid: 1}');
    await expect(runQemu(attached, { resultsRoot: results })).rejects.toMatchObject({
      name: 'RefusedError',
      message: "workload 'w' attaches to pid 1 of this host, which means nothing inside a VM",
      hint: expect.stringContaining('--backend local'),
    });
    expect(existsSync(results)).toBe(false);
  });

  it('masim workloads that need more memory than the VM has', async () => {
    const { run: big, results } = run(['backend.memory=128MiB']);
    const refusal = await runQemu(big, { resultsRoot: results }).catch((error: RefusedError) => error);
    expect(refusal).toBeInstanceOf(RefusedError);
    expect((refusal as RefusedError).message).toBe(
      "the masim workloads map 190.7 MiB, more than the VM's 128.0 MiB of memory (the guest has no swap)",
    );
    expect(existsSync(results)).toBe(false);
  });

  it('a --kernel that is a directory but no kernel', async () => {
    const { run: plain, results } = run([]);
    const empty = mkdtempSync(join(tmpdir(), 'damon-exp-nokernel-'));
    const refusal = await runQemu(plain, { resultsRoot: results, kernel: empty }).catch((error: RefusedError) => error);
    expect((refusal as RefusedError).message).toBe(
      `${empty} is not a kernel: it has no boot/vmlinuz-* and boot/config-*`,
    );
  });
});

describe('the TLB refresher under TCG', () => {
  it('is offered to a TCG guest (a file of the share with its interval), and not to a KVM one', async () => {
    const { offerTlbRefresh } = await import('../../../src/backends/qemu/tlb-refresh.js');
    const { guestRunScript } = await import('../../../src/backends/qemu/guest-script.js');
    const { TLB_REFRESH_FILE } = await import('../../../src/backends/qemu/initramfs.js');
    const { readFileSync } = await import('node:fs');
    const shared = mkdtempSync(join(tmpdir(), 'damon-exp-share-'));
    await offerTlbRefresh(shared, 'tcg', 5000);
    expect(readFileSync(join(shared, TLB_REFRESH_FILE), 'utf8')).toBe('5000\n');
    // The KVM attempt after (or a run that turns it off) finds none.
    await offerTlbRefresh(shared, 'kvm', 5000);
    expect(existsSync(join(shared, TLB_REFRESH_FILE))).toBe(false);
    await offerTlbRefresh(shared, 'tcg', null);
    expect(existsSync(join(shared, TLB_REFRESH_FILE))).toBe(false);
    expect(guestRunScript({})).toContain(`--tlb-refresh-file /tmp/out/${TLB_REFRESH_FILE}`);
  });

  it('records in env.json whether the guest ran it, why, and what its log says', async () => {
    const { tlbRefreshOfGuest } = await import('../../../src/backends/qemu/tlb-refresh.js');
    const shared = mkdtempSync(join(tmpdir(), 'damon-exp-share-'));
    type Run = Parameters<typeof tlbRefreshOfGuest>[0];
    const setting = (mode: string, intervalUs: number | null, why: string) =>
      ({ backend: { tlbRefresh: { mode, intervalUs, why } } }) as unknown as Run;
    const on = setting('auto', 5000, 'auto: 1 workload process on 2 vCPUs, a refresh every sampling interval (5 ms)');
    expect(await tlbRefreshOfGuest(on, { accel: 'kvm' }, shared)).toMatchObject({ state: 'not-needed' });
    expect(await tlbRefreshOfGuest(setting('off', null, 'backend.tlb_refresh: off'), { accel: 'tcg' }, shared)).toEqual(
      {
        state: 'off',
        why: 'backend.tlb_refresh: off: under TCG, DAMON may see little of a process alone on a vCPU',
      },
    );
    const shared3 = "auto: 3 workload processes share 2 vCPUs, and their switches between each other empty QEMU's TLB";
    expect(await tlbRefreshOfGuest(setting('auto', null, shared3), { accel: 'tcg' }, shared)).toEqual({
      state: 'not-needed',
      why: shared3,
    });
    expect(await tlbRefreshOfGuest(on, { accel: 'tcg' }, shared)).toMatchObject({ state: 'not-run' });
    mkdirSync(join(shared, 'logs'));
    writeFileSync(
      join(shared, 'logs/tlb-refresh.log'),
      'tlb-refresh: every 5000 us on 2 CPUs (fifo)\ntlb-refresh: stopped: 4000 wake-ups on 2 CPUs in 10.000 s (3 late)\n',
    );
    expect(await tlbRefreshOfGuest(on, { accel: 'tcg' }, shared)).toEqual({
      state: 'ran',
      why: 'tcg, auto: 1 workload process on 2 vCPUs, a refresh every sampling interval (5 ms): each vCPU dropped its cached translations every interval while the run measured, as a real TLB does',
      intervalUs: 5000,
      cpus: 2,
      policy: 'fifo',
      wakeups: 4000,
      late: 3,
      seconds: 10,
    });
  });
});

describe("QEMU's option strings", () => {
  it('double a comma in a path, so that it cannot end the value and add a parameter', () => {
    const args = qemuArgs({
      image: '/k/bzImage',
      initrd: '/k/initrd',
      memoryBytes: 2 ** 30,
      cpus: 2,
      accel: 'tcg',
      shared: '/r/out,readonly=on/x',
      swapDisk: '/r/out,x/vm/swap.img',
      consoleLog: '/r/console.log',
      bootTimeoutMs: 1000,
      commandTimeoutMs: 1000,
    });
    expect(args).toContain('local,path=/r/out,,readonly=on/x,mount_tag=outdir,security_model=none');
    expect(args).toContain('file=/r/out,,x/vm/swap.img,if=none,id=swap,format=raw,cache=unsafe,discard=unmap');
  });
});

/** runVm with a qemu-system-x86_64 that is this shell script. */
async function vmOfScript(script: string) {
  const bin = mkdtempSync(join(tmpdir(), 'damon-exp-fake-qemu-'));
  const shared = mkdtempSync(join(tmpdir(), 'damon-exp-share-'));
  writeFileSync(join(bin, 'qemu-system-x86_64'), `#!/bin/sh\n${script}`);
  chmodSync(join(bin, 'qemu-system-x86_64'), 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path}`;
  try {
    return await runVm({
      image: '/x',
      initrd: '/y',
      memoryBytes: 2 ** 30,
      cpus: 1,
      accel: 'tcg',
      shared,
      consoleLog: join(shared, 'console.log'),
      bootTimeoutMs: 10_000,
      commandTimeoutMs: 10_000,
    });
  } finally {
    process.env.PATH = path;
  }
}

describe('a QEMU that dies', () => {
  it('is said to be killed by its signal, with the console without carriage returns', async () => {
    const result = await vmOfScript(
      "printf 'SeaBIOS\\r\\nBooting from ROM...\\r\\n\\033[2Jlast words\\r\\n'\nkill -KILL $$\n",
    );
    expect(result.failure).toEqual({
      kind: 'killed',
      message: 'qemu-system-x86_64 was killed by SIGKILL: SeaBIOS / Booting from ROM... / last words',
    });
  });

  it("stopped by someone's SIGTERM (Slurm's scancel), leaves its run interrupted, not failed", async () => {
    // What QEMU prints and does on SIGTERM: a line, then a clean exit with status 0.
    const result = await vmOfScript(
      "printf 'Booting from ROM..qemu-system-x86_64: terminating on signal 15 from pid 9814 (slurmstepd: [7.batch])\\n'\nexit 0\n",
    );
    expect(result.failure).toEqual({
      kind: 'signalled',
      message: 'qemu-system-x86_64 was stopped by signal 15 from pid 9814 (slurmstepd: [7.batch])',
    });
    const vm: VmStatus = {
      kernel: 'debian',
      image: '/x',
      accel: 'tcg',
      tcgThreads: 'single',
      bootMs: null,
      wallMs: result.wallMs,
      retries: [],
      exitStatus: null,
      failure: result.failure!,
    };
    const status = guestOutcome(newStatus('sample-5ms', 'qemu'), null, result, vm);
    expect(status.state).toBe('interrupted');
    expect(status.errors.at(-1)).toContain('was stopped by signal 15 from pid 9814');
    // Stopped after the guest wrote its complete result: still complete, with a warning.
    const guest = { ...newStatus('sample-5ms', 'local', 'complete'), startedAt: '2026-12-07T16:21:12.000Z' };
    const late = guestOutcome(newStatus('sample-5ms', 'qemu'), guest, result, vm);
    expect(late.state).toBe('complete');
    expect(late.warnings).toContain(
      'qemu-system-x86_64 was stopped by signal 15 from pid 9814 (slurmstepd: [7.batch]) after its run completed',
    );
  });

  it("takes no guest's words for QEMU's: a console line that mentions a signal is not a stop", async () => {
    const result = await vmOfScript("printf 'my-daemon: terminating on signal 15\\n'\nexit 0\n");
    expect(result.failure?.kind).toBe('qemu');
  });
});
