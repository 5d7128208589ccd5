// probeCaps finds what DAMOS a kernel offers (which actions, filter types and goal metrics its files
// take, which files a scheme, a filter and a goal have) in a kdamond it never switches on, and
// leaves the tree as it found it: checked against the sysfs emulator of each DAMOS generation.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeCaps } from '../../src/damon-sysfs/probe.js';
import type { DamosCaps } from '../../src/plan/caps.js';
import { emulatedSysfs } from '../helpers/async-sysfs.js';
import { SysfsEmulator, type DamosVersion, type EmulatedKernel } from '../helpers/sysfs-emulator.js';

// Spelt out here rather than taken from src/plan/caps.ts: the probe must find them on its own.
const V6_9: DamosCaps = {
  actions: ['willneed', 'cold', 'pageout', 'hugepage', 'nohugepage', 'lru_prio', 'lru_deprio', 'stat'],
  applyInterval: true,
  targetNid: false,
  filterTypes: ['anon', 'memcg', 'addr', 'target'],
  filterAllow: false,
  goalMetrics: ['user_input', 'some_mem_psi_us'],
};
const V6_12: DamosCaps = {
  ...V6_9,
  actions: [
    'willneed',
    'cold',
    'pageout',
    'hugepage',
    'nohugepage',
    'lru_prio',
    'lru_deprio',
    'migrate_hot',
    'migrate_cold',
    'stat',
  ],
  targetNid: true,
  filterTypes: ['anon', 'memcg', 'young', 'addr', 'target'],
};
const CURRENT: DamosCaps = {
  ...V6_12,
  filterTypes: ['anon', 'active', 'memcg', 'young', 'hugepage_size', 'unmapped', 'addr', 'target'],
  filterAllow: true,
  goalMetrics: [
    'user_input',
    'some_mem_psi_us',
    'node_mem_used_bp',
    'node_mem_free_bp',
    'node_memcg_used_bp',
    'node_memcg_free_bp',
  ],
};

const cases: { damos: DamosVersion; kernel: EmulatedKernel; expected: DamosCaps }[] = [
  { damos: 'v6.9', kernel: 'multi-context', expected: V6_9 },
  { damos: 'v6.9', kernel: 'upstream', expected: V6_9 },
  { damos: 'v6.12', kernel: 'upstream', expected: V6_12 },
  { damos: 'current', kernel: 'upstream', expected: CURRENT },
];

function host(options: { damos?: DamosVersion; kernel: EmulatedKernel }) {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-probe-'));
  const emulator = new SysfsEmulator(join(dir, 'admin'), { ...options, pidExists: () => false });
  const tracefs = join(dir, 'tracing');
  for (const event of ['damon_aggregated', 'damos_before_apply'])
    mkdirSync(join(tracefs, 'events/damon', event), { recursive: true });
  return { emulator, sysfs: emulatedSysfs(emulator), tracefs };
}

describe('probing DAMOS', () => {
  it('covers every generation of the emulator', () => {
    expect(cases.map((c) => c.damos)).toEqual(['v6.9', 'v6.9', 'v6.12', 'current']);
  });

  it.each(cases)(
    'finds the DAMOS of $damos ($kernel) and leaves no kdamond behind',
    async ({ damos, kernel, expected }) => {
      const { emulator, sysfs, tracefs } = host({ damos, kernel });
      const initial = emulator.snapshot();
      const caps = await probeCaps(sysfs, tracefs);
      expect(caps.damos).toEqual(expected);
      expect(caps.kind).toBe(kernel);
      expect(caps.maxContextsPerKdamond).toBe(kernel === 'upstream' ? 1 : null);
      expect(caps.tracepoints).toEqual(['damon:damon_aggregated', 'damon:damos_before_apply']);
      expect(emulator.read('kdamonds/nr_kdamonds')).toBe('0\n');
      expect(emulator.snapshot()).toEqual(initial);
      // Never switched on; the names it tried that the kernel lacks were refused, nothing else.
      expect(emulator.log.filter((w) => w.path.endsWith('/state'))).toEqual([]);
      const refused = emulator.log.filter((w) => w.error).filter((w) => !w.path.endsWith('/nr_contexts'));
      expect(refused.filter((w) => !(w.error === 'EINVAL' && /\/(action|type|target_metric)$/.test(w.path)))).toEqual(
        [],
      );
      expect(refused.length).toBe(
        10 + 8 + 6 - expected.actions.length - expected.filterTypes.length - expected.goalMetrics.length,
      );
    },
  );

  it('defaults to the DAMOS of 6.12', async () => {
    const { sysfs, tracefs } = host({ kernel: 'upstream' });
    expect((await probeCaps(sysfs, tracefs)).damos).toEqual(V6_12);
  });

  it('still removes its kdamond when a probe write fails', async () => {
    const { emulator, sysfs, tracefs } = host({ damos: 'current', kernel: 'upstream' });
    emulator.failures.set('kdamonds/0/contexts/0/schemes/0/filters/nr_filters', 'EACCES');
    await expect(probeCaps(sysfs, tracefs)).rejects.toMatchObject({
      code: 'EACCES',
      message: expect.stringContaining('kdamonds/0/contexts/0/schemes/0/filters/nr_filters'),
    });
    expect(emulator.read('kdamonds/nr_kdamonds')).toBe('0\n');
  });
});
