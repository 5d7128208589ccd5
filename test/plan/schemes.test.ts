// Plans with DAMOS schemes, built with the caps probed from the sysfs emulator of each DAMOS
// generation and applied to it: the tree then holds exactly the schemes the manifest asks for, in
// sysfs units, written in the kernel's order; a kernel without a feature refuses the plan before
// anything is written; and a write the kernel refuses fails the execution, which still tears down.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executePlan, type ProcessHooks } from '../../src/damon-sysfs/executor.js';
import { probeCaps } from '../../src/damon-sysfs/probe.js';
import { expandExperiment } from '../../src/manifest/load.js';
import type { Run } from '../../src/manifest/run.js';
import { buildPlan, PlanError } from '../../src/plan/build.js';
import type { KernelCaps } from '../../src/plan/caps.js';
import type { Plan } from '../../src/plan/plan.js';
import { SchemeStatsSampler } from '../../src/record/scheme-stats.js';
import { applyPlan, applySteps, pretendProcesses, type PretendProcesses } from '../helpers/apply-plan.js';
import { emulatedSysfs } from '../helpers/async-sysfs.js';
import { SysfsEmulator, type DamosVersion, type EmulatedKernel } from '../helpers/sysfs-emulator.js';
import { NEW_SCHEME_FILES_6_12 } from '../helpers/damos-defaults.js';

const ULONG_MAX = '18446744073709551615';

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-schemes-'));
writeFileSync(join(dir, 'w.cfg'), 'a, 4096\n\np\n600000\na, 0, 4096, 1\n');
const tracefs = join(dir, 'tracing');
for (const event of ['damon_aggregated', 'damos_before_apply'])
  mkdirSync(join(tracefs, 'events/damon', event), { recursive: true });

const runOf = (yaml: string): Run => expandExperiment(join(dir, 'exp.yaml'), yaml).runs[0]!;

interface Kernel {
  emulator: SysfsEmulator;
  processes: PretendProcesses & { exists: (pid: number) => boolean };
  caps: KernelCaps;
}

/** An emulated kernel of a DAMOS generation, and the caps probed from it. */
async function kernel(damos: DamosVersion, kind: EmulatedKernel = 'upstream'): Promise<Kernel> {
  const processes = pretendProcesses();
  const emulator = new SysfsEmulator(mkdtempSync(join(dir, 'admin-')), {
    kernel: kind,
    damos,
    pidExists: processes.exists,
  });
  const caps = await probeCaps(emulatedSysfs(emulator), tracefs);
  emulator.log.length = 0; // the probe's writes are not the plan's
  return { emulator, processes, caps };
}

/** The files below `path` in a snapshot, relative to it. */
function below(tree: Record<string, string>, path: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree)
      .filter(([file]) => file.startsWith(`${path}/`))
      .map(([file, value]) => [file.slice(path.length + 1), value]),
  );
}

/** A new scheme's files on a 6.12 kernel (the emulator's default generation), as the kernel makes them. */

const PAGEOUT_AND_STAT = `name: s
workloads: {w: {masim: w.cfg}}
layout: {kind: one-target, workloads: [w]}
duration: 1s
schemes:
  - action: pageout
    access_pattern: {nr_accesses: {min: 0, max: 0}, age: {min: 2s}}
    quotas: {size: 64MiB, reset_interval: 1s, weights: {size: 0, nr_accesses: 1, age: 1}}
    watermarks: {metric: free_mem_rate, interval: 1s, high: 900, mid: 800, low: 50}
    filters:
      - {type: addr, start: 0x1000, end: 0x100000, matching: true}
      - {type: target, target: 0, matching: false}
  - action: stat
    access_pattern: {size: {min: 4KiB}, nr_accesses: {min: 25%, max: 80%}, age: {max: 10}}
`;

describe('plans with schemes applied to the sysfs emulator', () => {
  it('switch DAMON on with exactly the schemes of the manifest, in sysfs units, and tear down to the initial tree', async () => {
    const { emulator, processes, caps } = await kernel('v6.12');
    const initial = emulator.snapshot();
    const plan = buildPlan(runOf(PAGEOUT_AND_STAT), caps);
    applySteps(plan.steps, emulator, processes);
    const tree = emulator.snapshot();
    const schemes = 'kdamonds/0/contexts/0/schemes';
    expect(tree['kdamonds/0/state']).toBe('on');
    expect(tree[`${schemes}/nr_schemes`]).toBe('2');
    expect(below(tree, `${schemes}/0`)).toEqual({
      ...NEW_SCHEME_FILES_6_12,
      action: 'pageout',
      'access_pattern/sz/max': ULONG_MAX, // unset bounds: everything
      'access_pattern/age/min': '20', // 2 s in aggregation intervals of 100 ms
      'access_pattern/age/max': ULONG_MAX,
      'quotas/bytes': String(64 * 1024 * 1024),
      'quotas/reset_interval_ms': '1000',
      'quotas/weights/nr_accesses_permil': '1',
      'quotas/weights/age_permil': '1',
      'watermarks/metric': 'free_mem_rate',
      'watermarks/interval_us': '1000000',
      'watermarks/high': '900',
      'watermarks/mid': '800',
      'watermarks/low': '50',
      'filters/nr_filters': '2',
      'filters/0/type': 'addr',
      'filters/0/matching': 'Y',
      'filters/0/memcg_path': '',
      'filters/0/addr_start': '4096',
      'filters/0/addr_end': '1048576',
      'filters/0/target_idx': '0',
      'filters/1/type': 'target',
      'filters/1/matching': 'N',
      'filters/1/memcg_path': '',
      'filters/1/addr_start': '0',
      'filters/1/addr_end': '0',
      'filters/1/target_idx': '0',
    });
    expect(below(tree, `${schemes}/1`)).toEqual({
      ...NEW_SCHEME_FILES_6_12,
      'access_pattern/sz/min': '4096',
      'access_pattern/sz/max': ULONG_MAX,
      // percentages of aggr/sample (100 ms / 5 ms = 20 samples), truncated
      'access_pattern/nr_accesses/min': '5',
      'access_pattern/nr_accesses/max': '16',
      'access_pattern/age/max': '10',
    });
    expect(emulator.log.filter((w) => w.error)).toEqual([]);

    applySteps(plan.teardown, emulator, processes);
    expect(emulator.snapshot()).toEqual(initial);
  });

  it('write nr_schemes after the targets and before on, each action before its access pattern, nr_filters before each filter, type before matching', async () => {
    const { emulator, processes, caps } = await kernel('v6.12');
    const run = runOf(`name: order
workloads: {w: {masim: w.cfg}}
layout:
  kdamonds:
    - contexts:
        - targets: [{workload: w, regions: [{start: 4096, end: 8192}]}, {workload: w}]
    - contexts:
        - operations: paddr
          targets: [{regions: [{start: 0, end: 0x40000000}]}]
          schemes:
            - action: lru_prio
              filters: [{type: anon, matching: false}, {type: addr, start: 0, end: 0x1000}]
            - action: pageout
              filters: [{type: memcg, memcg_path: /a}]
schemes:
  - action: cold
    filters: [{type: target, target: 1}, {type: addr, start: 0x1000, end: 0x2000, matching: true}]
  - action: stat
`);
    applyPlan(buildPlan(run, caps), emulator, processes);
    const log = emulator.log.filter((w) => !w.error);
    expect(emulator.log.filter((w) => w.error)).toEqual([]);
    const at = (path: string, value?: string) => {
      const i = log.findIndex((w) => w.path === path && (value === undefined || w.value === value));
      expect(i, `${path} ${value ?? ''}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const all = (predicate: (path: string) => boolean) => log.flatMap((w, i) => (predicate(w.path) ? [i] : []));

    const contexts = ['kdamonds/0/contexts/0', 'kdamonds/1/contexts/0'];
    const filters: string[] = [];
    for (const ctx of contexts) {
      const k = ctx.split('/')[1]!;
      const nrSchemes = at(`${ctx}/schemes/nr_schemes`, '2');
      const staging = all((path) => path.startsWith(`${ctx}/targets/`) && !path.endsWith('/pid_target'));
      expect(staging.length, ctx).toBeGreaterThanOrEqual(2); // nr_targets, regions
      expect(Math.max(...staging), ctx).toBeLessThan(nrSchemes);
      expect(nrSchemes, ctx).toBeLessThan(at(`kdamonds/${k}/state`, 'on'));
      expect(all((path) => path === `${ctx}/schemes/nr_schemes`)).toHaveLength(1);
      for (const s of [0, 1]) {
        const scheme = `${ctx}/schemes/${s}`;
        const action = at(`${scheme}/action`);
        expect(action, scheme).toBeGreaterThan(nrSchemes);
        const pattern = all((path) => path.startsWith(`${scheme}/access_pattern/`));
        expect(pattern, scheme).toHaveLength(6);
        expect(action, scheme).toBeLessThan(Math.min(...pattern));
        const nrFilters = log.findIndex((w) => w.path === `${scheme}/filters/nr_filters`);
        for (let f = 0; ; f++) {
          const filter = `${scheme}/filters/${f}`;
          if (!log.some((w) => w.path.startsWith(`${filter}/`))) break;
          filters.push(filter);
          const type = at(`${filter}/type`);
          expect(nrFilters, filter).toBeGreaterThanOrEqual(0);
          expect(nrFilters, filter).toBeLessThan(type);
          expect(type, filter).toBeLessThan(at(`${filter}/matching`));
          expect(Math.min(...all((path) => path.startsWith(`${filter}/`))), filter).toBe(type);
        }
      }
    }
    expect(filters).toEqual([
      'kdamonds/0/contexts/0/schemes/0/filters/0',
      'kdamonds/0/contexts/0/schemes/0/filters/1',
      'kdamonds/1/contexts/0/schemes/0/filters/0',
      'kdamonds/1/contexts/0/schemes/0/filters/1',
      'kdamonds/1/contexts/0/schemes/1/filters/0',
    ]);
    expect(emulator.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
  });

  it('are refused, naming what is missing, when the kernel’s DAMOS lacks an action or a filter type (6.9)', async () => {
    const { emulator, caps } = await kernel('v6.9', 'multi-context');
    expect(caps.damos?.actions).not.toContain('migrate_cold');
    const paddr = (schemes: string) =>
      runOf(`name: p
workloads: {w: {masim: w.cfg}}
layout:
  kdamonds:
    - contexts: [{operations: paddr, targets: [{regions: [{start: 0, end: 0x100000}]}]}]
schemes:
${schemes}`);
    const cases: [string, RegExp][] = [
      ['  - {action: migrate_cold, target_nid: 0}', /action 'migrate_cold' \(kdamond 0, context 0, scheme 0\)/],
      [
        '  - {action: stat}\n  - {action: pageout, filters: [{type: anon}, {type: young}]}',
        /filter type 'young' \(kdamond 0, context 0, scheme 1\)/,
      ],
    ];
    for (const [schemes, message] of cases) {
      const run = paddr(schemes);
      let error: unknown;
      try {
        buildPlan(run, caps);
      } catch (e) {
        error = e;
      }
      expect(error, schemes).toBeInstanceOf(PlanError);
      expect((error as PlanError).message, schemes).toMatch(message);
      // the same plan is good on 6.12, and DAMON takes it there
      const debian = await kernel('v6.12');
      applyPlan(buildPlan(run, debian.caps), debian.emulator, debian.processes);
      expect(debian.emulator.log.filter((w) => w.error)).toEqual([]);
    }
    expect(emulator.log).toEqual([]);
  });

  it('use the files of newer kernels only when asked, and only where the kernel has them', async () => {
    const yaml = `name: new
workloads: {w: {masim: w.cfg}}
layout:
  kdamonds:
    - contexts: [{operations: paddr, targets: [{regions: [{start: 0, end: 0x100000}]}]}]
schemes:
  - action: migrate_hot
    target_nid: 1
    apply_interval: 200ms
    quotas:
      size: 1GiB
      reset_interval: 1s
      goals: [{metric: node_mem_used_bp, target: 9000, nid: 1}, {metric: user_input, target: 100, current: 10}]
    filters:
      - {type: hugepage_size, min: 2MiB, max: 2MiB, matching: true, allow: true}
      - {type: unmapped, matching: false}
`;
    const run = runOf(yaml);
    const debian = await kernel('v6.12');
    expect(() => buildPlan(run, debian.caps)).toThrow(PlanError);
    expect(() => buildPlan(run, debian.caps)).toThrow(/filter type 'hugepage_size'/);
    const current = await kernel('current');
    const plan = buildPlan(run, current.caps);
    applySteps(plan.steps, current.emulator, current.processes);
    const scheme = below(current.emulator.snapshot(), 'kdamonds/0/contexts/0/schemes/0');
    expect(scheme).toMatchObject({
      action: 'migrate_hot',
      target_nid: '1',
      apply_interval_us: '200000',
      'quotas/bytes': String(2 ** 30),
      'quotas/goals/nr_goals': '2',
      'quotas/goals/0/target_metric': 'node_mem_used_bp',
      'quotas/goals/0/target_value': '9000',
      'quotas/goals/0/nid': '1',
      'quotas/goals/0/path': '',
      'quotas/goals/1/target_metric': 'user_input',
      'quotas/goals/1/target_value': '100',
      'quotas/goals/1/current_value': '10',
      'filters/nr_filters': '2',
      'filters/0/type': 'hugepage_size',
      'filters/0/min': String(2 * 2 ** 20),
      'filters/0/max': String(2 * 2 ** 20),
      'filters/0/matching': 'Y',
      'filters/0/allow': 'Y',
      'filters/1/type': 'unmapped',
      'filters/1/matching': 'N',
      'filters/1/allow': 'N', // not written: the kernel's default
    });
    expect(current.emulator.log.filter((w) => w.error)).toEqual([]);
    // A plan that uses no newer file writes none: a 6.9 kernel takes it.
    const old = await kernel('v6.9');
    const plain = buildPlan(runOf(PAGEOUT_AND_STAT), old.caps);
    applyPlan(plain, old.emulator, old.processes);
    expect(old.emulator.log.filter((w) => w.error)).toEqual([]);
    expect(old.emulator.log.map((w) => w.path).filter((p) => /target_nid|allow|apply_interval_us/.test(p))).toEqual([]);
  });

  it('give every context of the multi-context fork’s one kdamond its schemes (a named set)', async () => {
    const { emulator, processes, caps } = await kernel('v6.9', 'multi-context');
    const run = runOf(`name: fork
workloads: {a: {masim: w.cfg}, b: {masim: w.cfg}, c: {masim: w.cfg}}
layout: {kind: many-contexts, workloads: [a, b, c], contexts_per_kdamond: auto}
scheme_sets:
  reclaim:
    - action: pageout
      access_pattern: {nr_accesses: {max: 0}, age: {min: 1s}}
      quotas: {time: 10ms, reset_interval: 1s}
    - action: stat
schemes: reclaim
`);
    const plan = buildPlan(run, caps);
    expect(plan.layout.kdamonds).toHaveLength(1);
    expect(plan.layout.kdamonds[0]!.contexts).toHaveLength(3);
    applySteps(plan.steps, emulator, processes);
    const tree = emulator.snapshot();
    expect(tree['kdamonds/nr_kdamonds']).toBe('1');
    expect(tree['kdamonds/0/contexts/nr_contexts']).toBe('3');
    expect(tree['kdamonds/0/state']).toBe('on');
    for (const c of [0, 1, 2]) {
      const schemes = `kdamonds/0/contexts/${c}/schemes`;
      expect(tree[`${schemes}/nr_schemes`], schemes).toBe('2');
      expect(below(tree, `${schemes}/0`), schemes).toMatchObject({
        action: 'pageout',
        'access_pattern/nr_accesses/min': '0',
        'access_pattern/nr_accesses/max': '0',
        'access_pattern/age/min': '10',
        'access_pattern/age/max': ULONG_MAX,
        'quotas/ms': '10',
        'quotas/reset_interval_ms': '1000',
      });
      expect(tree[`${schemes}/1/action`], schemes).toBe('stat');
      expect(tree[`${schemes}/0/target_nid`], schemes).toBeUndefined(); // 6.9 has none
    }
    // Their counters, as the recorder samples them (the emulator's documented rule).
    const sampler = new SchemeStatsSampler(emulatedSysfs(emulator), plan, 60_000);
    sampler.add(0);
    emulator.write('kdamonds/0/state', 'update_schemes_stats'); // someone else's refresh counts too
    const stats = await sampler.stop();
    expect(stats.problems).toEqual([]);
    expect(stats.schemes.map((s) => [s.context, s.scheme, s.action, s.set])).toEqual([
      [0, 0, 'pageout', 'reclaim'],
      [0, 1, 'stat', 'reclaim'],
      [1, 0, 'pageout', 'reclaim'],
      [1, 1, 'stat', 'reclaim'],
      [2, 0, 'pageout', 'reclaim'],
      [2, 1, 'stat', 'reclaim'],
    ]);
    expect(stats.samples).toHaveLength(12); // its first sample and its last, of 6 schemes each
    const last = stats.samples.slice(6);
    expect(new Set(last.map((s) => s.tNs)).size).toBe(1);
    for (const sample of last) {
      // three update_schemes_stats since on: ours, the sampler's first and its last
      const applies = sample.scheme === 0;
      expect(sample, `${sample.context}/${sample.scheme}`).toMatchObject({
        nr_tried: 3,
        sz_tried: 4096 * 6,
        nr_applied: applies ? 3 : 0,
        sz_applied: applies ? 4096 * 6 : 0,
        qt_exceeds: 0,
      });
    }
    applySteps(plan.teardown, emulator, processes);
    expect(emulator.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
  });
});

/** Hooks that pretend to run the workloads (their pids exist for the emulator) and perf. */
function hooks(processes: PretendProcesses): ProcessHooks & { stopped: string[] } {
  let nextPid = 5000;
  const stopped: string[] = [];
  return {
    stopped,
    startWorkload: async (ref) => {
      const pid = nextPid++;
      processes.pids.set(ref, pid);
      processes.live.add(pid);
      return pid;
    },
    stopWorkload: async (ref) => {
      stopped.push(ref);
      processes.live.delete(processes.pids.get(ref)!);
    },
    attachWorkload: async () => {},
    startRecorder: async () => {},
    stopRecorder: async () => {},
    convertTrace: async () => {},
  };
}

describe('the executor with schemes', () => {
  const TWO_KDAMONDS = `name: two
workloads: {a: {masim: w.cfg}, b: {masim: w.cfg}}
layout: {kind: many-contexts, workloads: [a, b], contexts_per_kdamond: auto}
duration: 1s
schemes:
  - action: pageout
    filters: [{type: addr, start: 0x1000, end: 0x2000}]
`;

  const execute = async (plan: Plan, kernel: Kernel) => {
    const h = hooks(kernel.processes);
    const result = await executePlan(plan, {
      sysfs: emulatedSysfs(kernel.emulator),
      hooks: h,
      stateTimeoutMs: 1000,
      statePollMs: 50,
      busyRetries: { attempts: 2, firstDelayMs: 1 },
    });
    return { result, stopped: h.stopped };
  };

  it('fails on EINVAL at a scheme file, naming it, and removes the kdamonds it set up', async () => {
    const k = await kernel('v6.12');
    const plan = buildPlan(runOf(TWO_KDAMONDS), k.caps);
    expect(plan.layout.kdamonds).toHaveLength(2); // upstream: a kdamond per context
    const path = 'kdamonds/1/contexts/0/schemes/0/filters/0/type';
    k.emulator.failures.set(path, 'EINVAL');
    const { result } = await execute(plan, k);
    expect(result.outcome).toBe('failed');
    expect(result.error?.message).toContain(`${k.emulator.root}/${path}`);
    expect(result.error?.message).toMatch(/EINVAL/);
    expect(result.cleanupErrors).toEqual([]);
    expect(k.emulator.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
    expect(k.emulator.log.map((w) => w.path).filter((p) => p.endsWith('/state'))).toEqual([]); // never switched on
  });

  it('fails on EINVAL at on after another kdamond started, and switches that one off before removing both', async () => {
    const k = await kernel('v6.12');
    const plan = buildPlan(runOf(TWO_KDAMONDS), k.caps);
    k.emulator.failures.set('kdamonds/1/state', 'EINVAL');
    const { result, stopped } = await execute(plan, k);
    expect(result.outcome).toBe('failed');
    expect(result.error?.message).toContain(`${k.emulator.root}/kdamonds/1/state`);
    expect(result.cleanupErrors).toEqual([]);
    const states = k.emulator.log.filter((w) => w.path === 'kdamonds/0/state').map((w) => w.value);
    expect(states).toEqual(['on', 'off']);
    expect(k.emulator.log.at(-1)).toEqual({ path: 'kdamonds/nr_kdamonds', value: '0' });
    expect(k.emulator.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
    expect(stopped).toEqual(['w0', 'w1']);
    expect(k.processes.live.size).toBe(0);
  });

  it('runs a plan with schemes to completion', async () => {
    const k = await kernel('v6.12');
    const plan = buildPlan(runOf(TWO_KDAMONDS.replace('duration: 1s', 'duration: 100ms')), k.caps);
    const { result } = await execute(plan, k);
    expect(result.error).toBeUndefined();
    expect(result.outcome).toBe('complete');
    expect(k.emulator.log.filter((w) => w.path.endsWith('/filters/0/type')).map((w) => w.value)).toEqual([
      'addr',
      'addr',
    ]);
    expect(k.emulator.snapshot()).toEqual({ 'kdamonds/nr_kdamonds': '0' });
  });
});
