import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SysfsEmulator, SysfsError, type EmulatorOptions } from './sysfs-emulator.js';

const live = new Set([111, 222]);
function emulator(options: Partial<EmulatorOptions> = {}): SysfsEmulator {
  return new SysfsEmulator(mkdtempSync(join(tmpdir(), 'damon-exp-emu-')), {
    kernel: 'upstream',
    pidExists: (pid) => live.has(pid),
    ...options,
  });
}

function errno(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof SysfsError) return error.code;
    throw error;
  }
  return undefined;
}

/** One kdamond, one vaddr context, one target (pid 111): ready for `on`. */
function ready(emu: SysfsEmulator): void {
  emu.write('kdamonds/nr_kdamonds', '1');
  emu.write('kdamonds/0/contexts/nr_contexts', '1');
  emu.write('kdamonds/0/contexts/0/targets/nr_targets', '1');
  emu.write('kdamonds/0/contexts/0/targets/0/pid_target', '111');
}

describe('the sysfs emulator enforces the kernel rules', () => {
  it('starts empty, as an idle DAMON does', () => {
    expect(emulator().snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
  });

  it('recreates children with the kernel defaults when an nr_* file is written', () => {
    const emu = emulator();
    ready(emu);
    emu.write('kdamonds/0/contexts/0/monitoring_attrs/intervals/sample_us', '9999');
    emu.write('kdamonds/0/contexts/nr_contexts', '1');
    const tree = emu.snapshot();
    expect(tree['kdamonds/0/contexts/0/monitoring_attrs/intervals/sample_us']).toBe('5000');
    expect(tree['kdamonds/0/contexts/0/monitoring_attrs/intervals/aggr_us']).toBe('100000');
    expect(tree['kdamonds/0/contexts/0/monitoring_attrs/intervals/update_us']).toBe('60000000');
    expect(tree['kdamonds/0/contexts/0/monitoring_attrs/nr_regions/min']).toBe('10');
    expect(tree['kdamonds/0/contexts/0/monitoring_attrs/nr_regions/max']).toBe('1000');
    expect(tree['kdamonds/0/contexts/0/operations']).toBe('vaddr');
    expect(tree['kdamonds/0/contexts/0/targets/nr_targets']).toBe('0');
    expect(tree['kdamonds/0/state']).toBe('off');
    expect(tree['kdamonds/0/pid']).toBe('-1');
  });

  it('refuses nr_kdamonds (EBUSY) while a kdamond runs, even 0', () => {
    const emu = emulator();
    ready(emu);
    emu.write('kdamonds/0/state', 'on');
    expect(errno(() => emu.write('kdamonds/nr_kdamonds', '0'))).toBe('EBUSY');
    expect(errno(() => emu.write('kdamonds/nr_kdamonds', '2'))).toBe('EBUSY');
    expect(errno(() => emu.write('kdamonds/0/state', 'on'))).toBe('EBUSY');
    emu.write('kdamonds/0/state', 'off');
    emu.write('kdamonds/nr_kdamonds', '0');
    expect(emu.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
  });

  it('refuses more than one context per kdamond upstream (EINVAL), not on the multi-context fork', () => {
    expect(
      errno(() => {
        const emu = emulator();
        emu.write('kdamonds/nr_kdamonds', '1');
        emu.write('kdamonds/0/contexts/nr_contexts', '2');
      }),
    ).toBe('EINVAL');
    const fork = emulator({ kernel: 'multi-context' });
    fork.write('kdamonds/nr_kdamonds', '1');
    fork.write('kdamonds/0/contexts/nr_contexts', '3');
    expect(fork.list('kdamonds/0/contexts')).toEqual(['0', '1', '2', 'nr_contexts']);
  });

  it('validates at on: intervals, nr_regions, pids, paddr targets, regions', () => {
    const cases: [string, string][] = [
      ['kdamonds/0/contexts/0/monitoring_attrs/intervals/sample_us', '200000'],
      ['kdamonds/0/contexts/0/monitoring_attrs/nr_regions/min', '2'],
      ['kdamonds/0/contexts/0/monitoring_attrs/nr_regions/max', '5'],
      ['kdamonds/0/contexts/0/targets/0/pid_target', '333'],
    ];
    for (const [path, value] of cases) {
      const emu = emulator();
      ready(emu);
      emu.write(path, value);
      expect(
        errno(() => emu.write('kdamonds/0/state', 'on')),
        path,
      ).toBe('EINVAL');
      expect(emu.read('kdamonds/0/state').trim()).toBe('off');
    }
    const regions = emulator();
    ready(regions);
    regions.write('kdamonds/0/contexts/0/targets/0/regions/nr_regions', '2');
    for (const [r, start, end] of [
      [0, '100', '200'],
      [1, '150', '300'],
    ] as const) {
      regions.write(`kdamonds/0/contexts/0/targets/0/regions/${r}/start`, start);
      regions.write(`kdamonds/0/contexts/0/targets/0/regions/${r}/end`, end);
    }
    expect(errno(() => regions.write('kdamonds/0/state', 'on'))).toBe('EINVAL');
    const paddr = emulator();
    ready(paddr);
    paddr.write('kdamonds/0/contexts/0/operations', 'paddr');
    paddr.write('kdamonds/0/contexts/0/targets/nr_targets', '2');
    expect(errno(() => paddr.write('kdamonds/0/state', 'on'))).toBe('EINVAL');
    const none = emulator();
    none.write('kdamonds/nr_kdamonds', '1');
    expect(errno(() => none.write('kdamonds/0/state', 'on'))).toBe('EINVAL');
  });

  it('switches on a valid kdamond, gives it a pid, and refuses off when it is not running', () => {
    const emu = emulator();
    ready(emu);
    expect(errno(() => emu.write('kdamonds/0/state', 'off'))).toBe('EINVAL');
    emu.write('kdamonds/0/state', 'on');
    expect(emu.read('kdamonds/0/state')).toBe('on\n');
    expect(Number(emu.read('kdamonds/0/pid'))).toBeGreaterThan(0);
  });

  it('refuses bad values, unknown operations, read-only and missing files', () => {
    const emu = emulator();
    ready(emu);
    expect(errno(() => emu.write('kdamonds/0/contexts/0/operations', 'vadr'))).toBe('EINVAL');
    expect(errno(() => emu.write('kdamonds/0/contexts/0/monitoring_attrs/intervals/sample_us', '5ms'))).toBe('EINVAL');
    expect(errno(() => emu.write('kdamonds/0/state', 'sleep'))).toBe('EINVAL');
    expect(errno(() => emu.write('kdamonds/0/pid', '1'))).toBe('EACCES');
    expect(errno(() => emu.write('kdamonds/0/contexts/0/avail_operations', 'x'))).toBe('EACCES');
    expect(errno(() => emu.write('kdamonds/1/state', 'on'))).toBe('ENOENT');
    expect(errno(() => emu.write('kdamonds/0/contexts/0/monitoring_attrs/intervals/intervals_goal/aggrs', '1'))).toBe(
      'ENOENT',
    );
    expect(emulator({ intervalsGoal: true }).exists('kdamonds')).toBe(true);
  });

  it('fails transiently with EBUSY when told the lock is contended, and logs every write', () => {
    const emu = emulator();
    emu.busyWrites = 2;
    expect(errno(() => emu.write('kdamonds/nr_kdamonds', '1'))).toBe('EBUSY');
    expect(errno(() => emu.write('kdamonds/nr_kdamonds', '1'))).toBe('EBUSY');
    emu.write('kdamonds/nr_kdamonds', '1');
    expect(emu.log).toEqual([
      { path: 'kdamonds/nr_kdamonds', value: '1', error: 'EBUSY' },
      { path: 'kdamonds/nr_kdamonds', value: '1', error: 'EBUSY' },
      { path: 'kdamonds/nr_kdamonds', value: '1' },
    ]);
  });

  it('stops a vaddr kdamond by itself when its targets have exited', () => {
    const pids = new Set([111]);
    const emu = emulator({ pidExists: (pid) => pids.has(pid) });
    ready(emu);
    emu.write('kdamonds/0/state', 'on');
    pids.delete(111);
    expect(emu.read('kdamonds/0/state')).toBe('off\n');
    expect(errno(() => emu.write('kdamonds/0/state', 'off'))).toBe('EINVAL');
  });

  it('can run a foreign kdamond, which blocks nr_kdamonds', () => {
    const emu = emulator();
    expect(emu.startForeignKdamond()).toBeGreaterThan(0);
    expect(errno(() => emu.write('kdamonds/nr_kdamonds', '1'))).toBe('EBUSY');
  });
});
