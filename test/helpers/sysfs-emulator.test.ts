import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { admin } from '../../src/plan/sysfs-tree.js';
import { SysfsEmulator, SysfsError, type DamosVersion, type EmulatorOptions } from './sysfs-emulator.js';
import { NEW_SCHEME_FILES, NEW_SCHEME_FILES_6_12 } from './damos-defaults.js';

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

const SCHEME = 'kdamonds/0/contexts/0/schemes/0';

/** `ready`, with one scheme. */
function withScheme(options: Partial<EmulatorOptions> = {}): SysfsEmulator {
  const emu = emulator(options);
  ready(emu);
  emu.write('kdamonds/0/contexts/0/schemes/nr_schemes', '1');
  return emu;
}

/** The files below `dir` in a snapshot, relative to it. */
function below(tree: Record<string, string>, dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree)
      .filter(([path]) => path.startsWith(`${dir}/`))
      .map(([path, value]) => [path.slice(dir.length + 1), value]),
  );
}

/** Every DAMOS name a current kernel has, and the generations that accept each. */
const ACTIONS: Record<string, DamosVersion[]> = {
  willneed: ['v6.9', 'v6.12', 'current'],
  cold: ['v6.9', 'v6.12', 'current'],
  pageout: ['v6.9', 'v6.12', 'current'],
  hugepage: ['v6.9', 'v6.12', 'current'],
  nohugepage: ['v6.9', 'v6.12', 'current'],
  lru_prio: ['v6.9', 'v6.12', 'current'],
  lru_deprio: ['v6.9', 'v6.12', 'current'],
  migrate_hot: ['v6.12', 'current'],
  migrate_cold: ['v6.12', 'current'],
  stat: ['v6.9', 'v6.12', 'current'],
};
const FILTER_TYPES: Record<string, DamosVersion[]> = {
  anon: ['v6.9', 'v6.12', 'current'],
  memcg: ['v6.9', 'v6.12', 'current'],
  young: ['v6.12', 'current'],
  active: ['current'],
  hugepage_size: ['current'],
  unmapped: ['current'],
  addr: ['v6.9', 'v6.12', 'current'],
  target: ['v6.9', 'v6.12', 'current'],
};
const GOAL_METRICS: Record<string, DamosVersion[]> = {
  user_input: ['v6.9', 'v6.12', 'current'],
  some_mem_psi_us: ['v6.9', 'v6.12', 'current'],
  node_mem_used_bp: ['current'],
  node_mem_free_bp: ['current'],
  node_memcg_used_bp: ['current'],
  node_memcg_free_bp: ['current'],
};
const VERSIONS = ['v6.9', 'v6.12', 'current'] as const;

describe('the sysfs emulator models DAMOS per kernel generation', () => {
  it('creates a scheme with the kernel defaults, and the files of its generation only', () => {
    const common = NEW_SCHEME_FILES;
    const goal = { target_metric: 'user_input', target_value: '0', current_value: '0' };
    const filter = { type: 'anon', matching: 'N', memcg_path: '', addr_start: '0', addr_end: '0', target_idx: '0' };
    const expected: Record<DamosVersion, { scheme: object; goal: object; filter: object }> = {
      'v6.9': { scheme: common, goal, filter },
      'v6.12': { scheme: NEW_SCHEME_FILES_6_12, goal, filter },
      current: {
        scheme: NEW_SCHEME_FILES_6_12,
        goal: { ...goal, nid: '0', path: '' },
        filter: { ...filter, allow: 'N', min: '0', max: '0' },
      },
    };
    for (const version of VERSIONS) {
      const emu = withScheme({ damos: version });
      expect(below(emu.snapshot(), SCHEME), version).toEqual(expected[version].scheme);
      emu.write(`${SCHEME}/quotas/goals/nr_goals`, '2');
      emu.write(`${SCHEME}/filters/nr_filters`, '3');
      const tree = emu.snapshot();
      expect(emu.list(`${SCHEME}/quotas/goals`)).toEqual(['0', '1', 'nr_goals']);
      expect(emu.list(`${SCHEME}/filters`)).toEqual(['0', '1', '2', 'nr_filters']);
      expect(below(tree, `${SCHEME}/quotas/goals/1`), version).toEqual(expected[version].goal);
      expect(below(tree, `${SCHEME}/filters/2`), version).toEqual(expected[version].filter);
    }
  });

  it('defaults to the DAMOS of 6.12 (Debian’s kernel)', () => {
    const emu = withScheme();
    expect(emu.exists(`${SCHEME}/target_nid`)).toBe(true);
    emu.write(`${SCHEME}/action`, 'migrate_cold');
    emu.write(`${SCHEME}/filters/nr_filters`, '1');
    emu.write(`${SCHEME}/filters/0/type`, 'young');
    expect(errno(() => emu.write(`${SCHEME}/filters/0/type`, 'unmapped'))).toBe('EINVAL');
    expect(emu.exists(`${SCHEME}/filters/0/allow`)).toBe(false);
  });

  it('recreates the goals and filters, and every scheme, with defaults when their nr_* is written', () => {
    const emu = withScheme({ damos: 'current' });
    emu.write(`${SCHEME}/filters/nr_filters`, '1');
    emu.write(`${SCHEME}/filters/0/type`, 'addr');
    emu.write(`${SCHEME}/quotas/goals/nr_goals`, '1');
    emu.write(`${SCHEME}/quotas/goals/0/target_value`, '42');
    emu.write(`${SCHEME}/filters/nr_filters`, '1');
    emu.write(`${SCHEME}/quotas/goals/nr_goals`, '1');
    expect(emu.read(`${SCHEME}/filters/0/type`)).toBe('anon\n');
    expect(emu.read(`${SCHEME}/quotas/goals/0/target_value`)).toBe('0\n');
    emu.write(`${SCHEME}/action`, 'pageout');
    emu.write('kdamonds/0/contexts/0/schemes/nr_schemes', '2');
    expect(emu.read(`${SCHEME}/action`)).toBe('stat\n');
    expect(emu.exists(`${SCHEME}/filters/0`)).toBe(false);
    expect(emu.list('kdamonds/0/contexts/0/schemes')).toEqual(['0', '1', 'nr_schemes']);
    emu.write('kdamonds/0/contexts/0/schemes/nr_schemes', '0');
    expect(emu.list('kdamonds/0/contexts/0/schemes')).toEqual(['nr_schemes']);
  });

  it('takes the actions, filter types and goal metrics of its generation, and refuses the others with EINVAL', () => {
    expect(Object.keys(ACTIONS)).toHaveLength(10);
    expect(Object.keys(FILTER_TYPES)).toHaveLength(8);
    expect(Object.keys(GOAL_METRICS)).toHaveLength(6);
    // `prior`: a name every generation takes, other than the default, to see that a refused write keeps it
    const cases = [
      ...Object.entries(ACTIONS).map(([name, versions]) => ({ file: 'action', name, versions, prior: 'pageout' })),
      ...Object.entries(FILTER_TYPES).map(([name, versions]) => ({
        file: 'filters/0/type',
        name,
        versions,
        prior: 'addr',
      })),
      ...Object.entries(GOAL_METRICS).map(([name, versions]) => ({
        file: 'quotas/goals/0/target_metric',
        name,
        versions,
        prior: 'some_mem_psi_us',
      })),
      ...['pagout', 'STAT', '', 'stat stat'].map((name) => ({ file: 'action', name, versions: [], prior: 'pageout' })),
      ...['ANON', 'anon,addr'].map((name) => ({ file: 'filters/0/type', name, versions: [], prior: 'addr' })),
    ];
    for (const version of VERSIONS) {
      const emu = withScheme({ damos: version });
      emu.write(`${SCHEME}/filters/nr_filters`, '1');
      emu.write(`${SCHEME}/quotas/goals/nr_goals`, '1');
      for (const { file, name, versions, prior } of cases) {
        const path = `${SCHEME}/${file}`;
        const accepted = (versions as string[]).includes(version);
        emu.write(path, prior);
        expect(
          errno(() => emu.write(path, name)),
          `${version} ${file} '${name}'`,
        ).toBe(accepted ? undefined : 'EINVAL');
        expect(emu.read(path), `${version} ${file} '${name}'`).toBe(`${accepted ? name : prior}\n`);
      }
      // sysfs ignores the newline `echo` adds
      emu.write(`${SCHEME}/action`, 'cold\n');
      expect(emu.read(`${SCHEME}/action`)).toBe('cold\n');
    }
  });

  it('takes none and free_mem_rate as the watermarks metric', () => {
    const emu = withScheme();
    emu.write(`${SCHEME}/watermarks/metric`, 'free_mem_rate');
    expect(errno(() => emu.write(`${SCHEME}/watermarks/metric`, 'free_mem'))).toBe('EINVAL');
    expect(emu.read(`${SCHEME}/watermarks/metric`)).toBe('free_mem_rate\n');
    emu.write(`${SCHEME}/watermarks/metric`, 'none');
    expect(emu.read(`${SCHEME}/watermarks/metric`)).toBe('none\n');
  });

  it('takes booleans as kstrtobool does and reads them back as Y or N', () => {
    const emu = withScheme({ damos: 'current' });
    emu.write(`${SCHEME}/filters/nr_filters`, '1');
    const cases: [string, 'Y' | 'N' | 'EINVAL'][] = [
      ['Y', 'Y'],
      ['y', 'Y'],
      ['1', 'Y'],
      ['true', 'Y'],
      ['on', 'Y'],
      ['ON', 'Y'],
      ['N', 'N'],
      ['n', 'N'],
      ['0', 'N'],
      ['false', 'N'],
      ['off', 'N'],
      ['', 'EINVAL'],
      ['2', 'EINVAL'],
      ['o', 'EINVAL'],
      ['maybe', 'EINVAL'],
    ];
    for (const file of ['matching', 'allow']) {
      const path = `${SCHEME}/filters/0/${file}`;
      for (const [value, expected] of cases) {
        emu.write(path, expected === 'Y' ? 'N' : 'Y');
        const before = emu.read(path).trim();
        const code = errno(() => emu.write(path, value));
        if (expected === 'EINVAL') {
          expect(code, `${file} '${value}'`).toBe('EINVAL');
          expect(emu.read(path).trim()).toBe(before);
        } else {
          expect(code, `${file} '${value}'`).toBeUndefined();
          expect(emu.read(path), `${file} '${value}'`).toBe(`${expected}\n`);
        }
      }
    }
  });

  it('takes unsigned integers up to ULONG_MAX in numeric files, and reads them back exactly', () => {
    const emu = withScheme({ damos: 'current' });
    emu.write(`${SCHEME}/filters/nr_filters`, '1');
    emu.write(`${SCHEME}/quotas/goals/nr_goals`, '1');
    const numeric = [
      'apply_interval_us',
      'access_pattern/sz/min',
      'access_pattern/sz/max',
      'access_pattern/nr_accesses/min',
      'access_pattern/nr_accesses/max',
      'access_pattern/age/min',
      'access_pattern/age/max',
      'quotas/ms',
      'quotas/bytes',
      'quotas/reset_interval_ms',
      'quotas/weights/sz_permil',
      'quotas/weights/nr_accesses_permil',
      'quotas/weights/age_permil',
      'quotas/goals/0/target_value',
      'quotas/goals/0/current_value',
      'quotas/goals/0/nid',
      'watermarks/interval_us',
      'watermarks/high',
      'watermarks/mid',
      'watermarks/low',
      'filters/0/addr_start',
      'filters/0/addr_end',
      'filters/0/target_idx',
      'filters/0/min',
      'filters/0/max',
    ];
    expect(numeric).toHaveLength(25);
    for (const file of numeric) {
      const path = `${SCHEME}/${file}`;
      emu.write(path, '18446744073709551615');
      expect(emu.read(path), file).toBe('18446744073709551615\n');
      emu.write(path, '18446744073709551614');
      expect(emu.read(path), file).toBe('18446744073709551614\n');
      emu.write(path, '0042');
      expect(emu.read(path), file).toBe('42\n');
      for (const bad of ['-1', '1.5', '4KiB', '', 'x'])
        expect(
          errno(() => emu.write(path, bad)),
          `${file} '${bad}'`,
        ).toBe('EINVAL');
      expect(
        errno(() => emu.write(path, '18446744073709551616')),
        file,
      ).toBe('ERANGE');
      expect(emu.read(path), file).toBe('42\n');
    }
    // target_nid is an int: NUMA_NO_NODE (-1) by default
    expect(emu.read(`${SCHEME}/target_nid`)).toBe('-1\n');
    emu.write(`${SCHEME}/target_nid`, '1');
    expect(emu.read(`${SCHEME}/target_nid`)).toBe('1\n');
    expect(errno(() => emu.write(`${SCHEME}/target_nid`, 'node1'))).toBe('EINVAL');
    // paths are text
    emu.write(`${SCHEME}/filters/0/memcg_path`, '/workload.slice');
    expect(emu.read(`${SCHEME}/filters/0/memcg_path`)).toBe('/workload.slice\n');
    emu.write(`${SCHEME}/quotas/goals/0/path`, '/a/b');
    expect(emu.read(`${SCHEME}/quotas/goals/0/path`)).toBe('/a/b\n');
  });

  it('refuses writes to the stats (EACCES), and files its generation lacks (ENOENT)', () => {
    const emu = withScheme({ damos: 'v6.9' });
    for (const name of ['nr_tried', 'sz_tried', 'nr_applied', 'sz_applied', 'qt_exceeds'])
      expect(
        errno(() => emu.write(`${SCHEME}/stats/${name}`, '1')),
        name,
      ).toBe('EACCES');
    expect(errno(() => emu.write(`${SCHEME}/tried_regions/total_bytes`, '1'))).toBe('EACCES');
    emu.write(`${SCHEME}/filters/nr_filters`, '1');
    emu.write(`${SCHEME}/quotas/goals/nr_goals`, '1');
    for (const file of ['target_nid', 'filters/0/allow', 'filters/0/min', 'quotas/goals/0/nid', 'quotas/goals/0/path'])
      expect(
        errno(() => emu.write(`${SCHEME}/${file}`, '1')),
        file,
      ).toBe('ENOENT');
  });

  it('validates the schemes at on: access pattern ranges and free_mem_rate watermarks', () => {
    const refused = (writes: [string, string][]) => {
      const emu = withScheme();
      emu.write('kdamonds/0/contexts/0/schemes/nr_schemes', '2');
      for (const [file, value] of writes) emu.write(`kdamonds/0/contexts/0/schemes/1/${file}`, value);
      try {
        emu.write('kdamonds/0/state', 'on');
      } catch (error) {
        expect(emu.read('kdamonds/0/state')).toBe('off\n');
        return error as SysfsError;
      }
      return undefined;
    };
    for (const range of ['sz', 'nr_accesses', 'age']) {
      const error = refused([[`access_pattern/${range}/min`, '5']]);
      expect(error?.code, range).toBe('EINVAL');
      expect(error?.message).toMatch(new RegExp(`context 0 scheme 1: access_pattern/${range}`));
    }
    const watermarks = (high: string, mid: string, low: string, metric = 'free_mem_rate'): [string, string][] => [
      ['watermarks/metric', metric],
      ['watermarks/high', high],
      ['watermarks/mid', mid],
      ['watermarks/low', low],
    ];
    const bad = refused(watermarks('500', '800', '50'));
    expect(bad?.code).toBe('EINVAL');
    expect(bad?.message).toMatch(/context 0 scheme 1: watermarks/);
    expect(refused(watermarks('900', '800', '850'))?.code).toBe('EINVAL');
    expect(refused(watermarks('900', '800', '50'))).toBeUndefined();
    expect(refused(watermarks('800', '800', '800'))).toBeUndefined();
    expect(refused(watermarks('500', '800', '50', 'none'))).toBeUndefined();
    expect(
      refused([
        ['access_pattern/sz/max', '18446744073709551615'],
        ['access_pattern/sz/min', '18446744073709551614'],
      ]),
    ).toBeUndefined();
    // commit validates the same way
    const emu = withScheme();
    emu.write('kdamonds/0/state', 'on');
    emu.write(`${SCHEME}/access_pattern/age/min`, '3');
    expect(errno(() => emu.write('kdamonds/0/state', 'commit'))).toBe('EINVAL');
    expect(emu.read('kdamonds/0/state')).toBe('on\n');
  });

  it('refreshes every scheme’s stats of a running kdamond at update_schemes_stats, by the documented rule', () => {
    const emu = emulator({ kernel: 'multi-context' });
    emu.write('kdamonds/nr_kdamonds', '2');
    emu.write('kdamonds/0/contexts/nr_contexts', '2');
    emu.write('kdamonds/1/contexts/nr_contexts', '1');
    for (const ctx of ['kdamonds/0/contexts/0', 'kdamonds/0/contexts/1', 'kdamonds/1/contexts/0']) {
      emu.write(`${ctx}/operations`, 'paddr');
      emu.write(`${ctx}/targets/nr_targets`, '1');
      emu.write(`${ctx}/schemes/nr_schemes`, '2');
      emu.write(`${ctx}/schemes/0/action`, 'pageout');
    }
    const stats = (ctx: string, s: number) =>
      Object.fromEntries(
        ['nr_tried', 'sz_tried', 'nr_applied', 'sz_applied', 'qt_exceeds'].map((name) => [
          name,
          emu.read(`${ctx}/schemes/${s}/stats/${name}`).trim(),
        ]),
      );
    expect(errno(() => emu.write('kdamonds/0/state', 'update_schemes_stats'))).toBe('EINVAL');
    emu.write('kdamonds/0/state', 'on');
    emu.write('kdamonds/1/state', 'on');
    const expected = (n: number, applies: boolean) => {
      const sz = String(4096 * ((n * (n + 1)) / 2));
      return {
        nr_tried: String(n),
        sz_tried: sz,
        nr_applied: applies ? String(n) : '0',
        sz_applied: applies ? sz : '0',
        qt_exceeds: '0',
      };
    };
    for (let n = 1; n <= 3; n++) {
      emu.write('kdamonds/0/state', 'update_schemes_stats');
      for (const ctx of ['kdamonds/0/contexts/0', 'kdamonds/0/contexts/1']) {
        expect(stats(ctx, 0), `${ctx} call ${n}`).toEqual(expected(n, true));
        expect(stats(ctx, 1), `${ctx} call ${n}`).toEqual(expected(n, false)); // stat applies nothing
      }
    }
    expect(expected(3, true)).toEqual({
      nr_tried: '3',
      sz_tried: String(4096 * 6),
      nr_applied: '3',
      sz_applied: '24576',
      qt_exceeds: '0',
    });
    // Another kdamond counts its own calls; an untouched one keeps its zeros.
    expect(stats('kdamonds/1/contexts/0', 0)).toEqual(expected(0, true));
    emu.write('kdamonds/1/state', 'update_schemes_stats');
    expect(stats('kdamonds/1/contexts/0', 0)).toEqual(expected(1, true));
    // Off: refused, and the last counters stay; on again counts from 0.
    emu.write('kdamonds/0/state', 'off');
    expect(errno(() => emu.write('kdamonds/0/state', 'update_schemes_stats'))).toBe('EINVAL');
    expect(stats('kdamonds/0/contexts/0', 0)).toEqual(expected(3, true));
    emu.write('kdamonds/0/state', 'on');
    emu.write('kdamonds/0/state', 'update_schemes_stats');
    expect(stats('kdamonds/0/contexts/1', 0)).toEqual(expected(1, true));
  });

  it('takes the counters from options.schemeStats when given, exactly beyond 2^53', () => {
    const seen: unknown[] = [];
    const emu = withScheme({
      schemeStats: (where) => {
        seen.push(where);
        return {
          nr_tried: where.call * 10 + where.scheme,
          sz_tried: 18446744073709551615n,
          nr_applied: 7,
          sz_applied: 9007199254740993n,
          qt_exceeds: where.call,
        };
      },
    });
    emu.write('kdamonds/0/contexts/0/schemes/nr_schemes', '2');
    emu.write('kdamonds/0/contexts/0/schemes/1/action', 'cold');
    emu.write('kdamonds/0/state', 'on');
    emu.write('kdamonds/0/state', 'update_schemes_stats');
    emu.write('kdamonds/0/state', 'update_schemes_stats');
    expect(seen).toEqual([
      { kdamond: 0, context: 0, scheme: 0, action: 'stat', call: 1 },
      { kdamond: 0, context: 0, scheme: 1, action: 'cold', call: 1 },
      { kdamond: 0, context: 0, scheme: 0, action: 'stat', call: 2 },
      { kdamond: 0, context: 0, scheme: 1, action: 'cold', call: 2 },
    ]);
    const tree = emu.snapshot();
    expect(below(tree, 'kdamonds/0/contexts/0/schemes/1/stats')).toEqual({
      nr_tried: '21',
      sz_tried: '18446744073709551615',
      nr_applied: '7',
      sz_applied: '9007199254740993',
      qt_exceeds: '2',
    });
  });

  it('has, on a current kernel, every scheme file the project’s sysfs tree names', () => {
    const emu = withScheme({ damos: 'current' });
    emu.write(`${SCHEME}/quotas/goals/nr_goals`, '1');
    emu.write(`${SCHEME}/filters/nr_filters`, '1');
    const scheme = admin.kdamonds.kdamond(0).contexts.context(0).schemes.scheme(0);
    const files: string[] = [];
    const collect = (node: object) => {
      for (const [name, value] of Object.entries(node)) {
        if (name === 'path') continue;
        if (typeof value === 'string') files.push(value);
        else collect(typeof value === 'function' ? (value as (i: number) => object)(0) : (value as object));
      }
    };
    collect(scheme);
    expect(files.length).toBeGreaterThan(40);
    const tree = emu.snapshot();
    expect(files.filter((file) => !(file in tree))).toEqual([]);
    // and nothing but them, besides tried_regions (which the project does not use)
    expect(
      Object.keys(below(tree, SCHEME))
        .map((file) => `${SCHEME}/${file}`)
        .filter((file) => !files.includes(file)),
    ).toEqual([`${SCHEME}/tried_regions/total_bytes`]);
  });
});
