import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandExperiment } from '../../src/manifest/load.js';
import {
  buildPlan,
  PlanError,
  stageAttrs,
  stageContext,
  stageKdamond,
  stageKdamonds,
  stageRegions,
  stageTarget,
  stageTargets,
  targetPids,
} from '../../src/plan/build.js';
import { assumedCaps, MULTI_CONTEXT_CAPS, UPSTREAM_CAPS, type KernelCaps } from '../../src/plan/caps.js';
import type { MonitoringAttrs } from '../../src/manifest/run.js';
import type { Plan, PlanContext, PlanKdamond, PlanTarget, Step } from '../../src/plan/plan.js';
import { admin } from '../../src/plan/sysfs-tree.js';
import { SHIPPED, shippedRuns, variedRun } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-plan-'));
writeFileSync(join(dir, 'w.cfg'), 'a, 4096\n\np\n600000\na, 0, 4096, 1\n');
const runOf = (yaml: string) => expandExperiment(join(dir, 'exp.yaml'), yaml).runs[0]!;

const writes = (steps: Step[]) => steps.flatMap((s) => (s.op === 'write' || s.op === 'write-pid' ? [s.path] : []));
const index = (plan: Plan, predicate: (s: Step) => boolean) => plan.steps.findIndex(predicate);

describe('the multi-context assumption (--kernel multi-context)', () => {
  it("is the fork's 6.9: no intervals_goal, which came in 6.15", () => {
    expect(() => buildPlan(variedRun(), assumedCaps('multi-context'))).toThrow(/intervals_goal/);
    expect(() => buildPlan(variedRun(), assumedCaps('upstream'))).not.toThrow();
  });
});

describe.each(['upstream', 'multi-context'] as const)('plans of the shipped experiments on %s kernels', (kernel) => {
  const plans = [
    ...SHIPPED.flatMap((name) =>
      shippedRuns(name).map((run) => [`${name}/${run.id}`, buildPlan(run, assumedCaps(kernel))] as const),
    ),
    ['varied (explicit tree)', buildPlan(variedRun(kernel), assumedCaps(kernel))] as const,
  ];
  const targetRegionCounts = (plan: Plan) =>
    plan.steps.filter(
      (s): s is Extract<Step, { op: 'write' }> =>
        s.op === 'write' && s.path.endsWith('/nr_regions') && s.path.includes('targets'),
    );

  it('covers every shipped experiment, an attached process and init regions', () => {
    expect(SHIPPED.filter((name) => !plans.some(([label]) => label.startsWith(`${name}/`)))).toEqual([]);
    const labelsWhere = (predicate: (plan: Plan) => boolean) =>
      plans.filter(([, plan]) => predicate(plan)).map(([label]) => label);
    expect(labelsWhere((plan) => plan.workloads.some((w) => w.kind === 'pid'))).toContain('varied (explicit tree)');
    expect(labelsWhere((plan) => targetRegionCounts(plan).length > 0)).toContain('varied (explicit tree)');
  });

  it.each(plans)('%s writes counts before the files below them, each nr_* once', (_name, plan) => {
    const paths = writes(plan.steps);
    let numbered = 0;
    paths.forEach((path, i) => {
      const parts = path.split('/');
      for (let depth = 1; depth < parts.length; depth++) {
        if (!/^[0-9]+$/.test(parts[depth]!)) continue;
        numbered++;
        const parent = parts.slice(0, depth).join('/');
        const counter = paths.findIndex((p) => p.startsWith(`${parent}/nr_`) && p.split('/').length === depth + 1);
        expect(counter, `${path} needs its count`).toBeGreaterThanOrEqual(0);
        expect(counter, `${path} after its count`).toBeLessThan(i);
      }
    });
    expect(numbered, 'paths below a numbered directory').toBeGreaterThan(0);
    const counters = paths.filter((p) => /\/nr_[a-z]+$/.test(p) && !p.includes('monitoring_attrs'));
    expect(counters.length).toBeGreaterThan(0);
    expect(new Set(counters).size).toBe(counters.length);
    expect(targetRegionCounts(plan).filter((s) => s.value === '0')).toEqual([]);
  });

  it.each(plans)('%s starts perf first, each workload before writing its pid, and DAMON last', (_name, plan) => {
    expect(plan.workloads.length).toBeGreaterThan(0);
    expect(plan.layout.kdamonds.length).toBeGreaterThan(0);
    for (const w of plan.workloads) {
      const started = index(plan, (s) => (s.op === 'start-workload' || s.op === 'attach-workload') && s.ref === w.ref);
      const written = index(plan, (s) => s.op === 'write-pid' && s.ref === w.ref);
      expect(started).toBeGreaterThanOrEqual(0);
      expect(started).toBeLessThan(written);
    }
    const recorder = index(plan, (s) => s.op === 'start-recorder');
    const firstOn = index(plan, (s) => s.op === 'write' && s.path.endsWith('/state') && s.value === 'on');
    const lastPid = plan.steps.map((s) => s.op).lastIndexOf('write-pid');
    const firstWorkload = plan.steps.findIndex((s) => s.op === 'start-workload' || s.op === 'attach-workload');
    // perf's start-up (a second or more) must not eat into the workloads' first phase.
    expect(recorder).toBeGreaterThanOrEqual(0);
    expect(recorder).toBeLessThan(firstWorkload);
    expect(lastPid).toBeLessThan(firstOn);
    expect(recorder).toBeLessThan(firstOn);
    expect(plan.steps.at(-1)).toEqual({ op: 'sleep', us: plan.durationUs });
    for (const k of plan.layout.kdamonds) {
      expect(index(plan, (s) => s.op === 'await-state' && s.kdamond === k.index && s.state === 'on')).toBeGreaterThan(
        firstOn,
      );
      expect(index(plan, (s) => s.op === 'read-kdamond-pid' && s.kdamond === k.index)).toBeGreaterThan(firstOn);
    }
  });

  it.each(plans)(
    '%s tears down perf, then its own kdamonds, then its own processes (never an attached one)',
    (_name, plan) => {
      expect(plan.teardown).toEqual([
        { op: 'stop-recorder' },
        ...plan.layout.kdamonds.map((k) => ({ op: 'stop-kdamond', kdamond: k.index })),
        { op: 'write', path: 'kdamonds/nr_kdamonds', value: '0' },
        ...plan.workloads.filter((w) => w.kind !== 'pid').map((w) => ({ op: 'stop-workload', ref: w.ref })),
      ]);
      for (const w of plan.workloads.filter((w) => w.kind === 'pid')) {
        expect(plan.steps).toContainEqual({ op: 'attach-workload', ref: w.ref, pid: 1 });
        expect(plan.steps.filter((s) => s.op === 'start-workload' && s.ref === w.ref)).toEqual([]);
      }
      expect(plan.finalize).toEqual([{ op: 'convert-trace', input: 'masim.data', output: 'masim.script' }]);
    },
  );
});

describe('fitting the layout to the kernel', () => {
  const [manyContexts] = shippedRuns('many_contexts');

  it('runs many contexts as a kdamond each on upstream kernels, and says why', () => {
    const plan = buildPlan(manyContexts!, UPSTREAM_CAPS);
    expect(plan.layout.contexts).toBe('separate');
    expect(plan.layout.kdamonds.map((k) => k.contexts.map((c) => c.targets.map((t) => t.workload)))).toEqual([
      [['demo']],
      [['stairs']],
      [['zigzag']],
    ]);
    expect(plan.layout.reason).toMatch(/allows 1 context per kdamond .*EINVAL/);
    expect(plan.layout.kdamonds.map((k) => k.contexts[0]!.from)).toEqual([
      { kdamond: 0, context: 0 },
      { kdamond: 0, context: 1 },
      { kdamond: 0, context: 2 },
    ]);
  });

  it('shares one kdamond on the multi-context fork', () => {
    const plan = buildPlan(manyContexts!, MULTI_CONTEXT_CAPS);
    expect(plan.layout.contexts).toBe('shared');
    expect(plan.layout.kdamonds).toHaveLength(1);
    expect(plan.layout.kdamonds[0]!.contexts).toHaveLength(3);
    expect(plan.steps).toContainEqual({ op: 'write', path: 'kdamonds/0/contexts/nr_contexts', value: '3' });
  });

  it('honours contexts_per_kdamond: one and many', () => {
    const one = { ...manyContexts!, layout: { ...manyContexts!.layout, contextsPerKdamond: 'one' as const } };
    expect(buildPlan(one, MULTI_CONTEXT_CAPS).layout.kdamonds).toHaveLength(3);
    const many = { ...manyContexts!, layout: { ...manyContexts!.layout, contextsPerKdamond: 'many' as const } };
    expect(buildPlan(many, MULTI_CONTEXT_CAPS).layout.kdamonds).toHaveLength(1);
    expect(() => buildPlan(many, UPSTREAM_CAPS)).toThrow(PlanError);
    expect(() => buildPlan(many, UPSTREAM_CAPS)).toThrow(/3 contexts in one kdamond, but this kernel allows 1/);
  });

  it('refuses what the kernel lacks: operations sets, intervals_goal, tracepoints', () => {
    const goal = runOf(`name: g
workloads: {w: {masim: w.cfg}}
layout: {kind: one-target, workloads: [w]}
monitoring: {intervals_goal: {access_bp: 400, aggrs: 3, min_sample: 5ms, max_sample: 10s}}
record: {events: [damon:damon_aggregated, damon:damon_monitor_intervals_tune]}
`);
    const debian612: KernelCaps = { ...UPSTREAM_CAPS, source: 'probed', intervalsGoal: false };
    expect(() => buildPlan(goal, debian612)).toThrow(/no intervals_goal/);
    const newer: KernelCaps = { ...UPSTREAM_CAPS, tracepoints: ['damon:damon_aggregated'] };
    expect(() => buildPlan(goal, newer)).toThrow(/no tracepoint damon:damon_monitor_intervals_tune/);
    const plan = buildPlan(goal, { ...newer, tracepoints: null });
    expect(writes(plan.steps)).toContain('kdamonds/0/contexts/0/monitoring_attrs/intervals/intervals_goal/access_bp');
    expect(() => buildPlan(goal, { ...newer, tracepoints: null, operations: ['paddr'] })).toThrow(
      /no.*'vaddr' operations set/,
    );
  });

  it('writes init regions only for targets that have them, and no pid for paddr targets', () => {
    const run = runOf(`name: r
workloads: {w: {masim: w.cfg}}
layout:
  kdamonds:
    - contexts: [{targets: [{workload: w, regions: [{start: 4096, end: 8192}]}, {workload: w}]}]
    - contexts: [{operations: paddr, targets: [{regions: [{start: 0, end: 0x100000}]}]}]
`);
    const plan = buildPlan(run, UPSTREAM_CAPS);
    const paths = writes(plan.steps);
    expect(paths).toContain('kdamonds/0/contexts/0/targets/0/regions/nr_regions');
    expect(paths).not.toContain('kdamonds/0/contexts/0/targets/1/regions/nr_regions');
    expect(plan.steps).toContainEqual({
      op: 'write',
      path: 'kdamonds/1/contexts/0/targets/0/regions/0/end',
      value: '1048576',
    });
    expect(paths.filter((p) => p.endsWith('pid_target'))).toEqual([
      'kdamonds/0/contexts/0/targets/0/pid_target',
      'kdamonds/0/contexts/0/targets/1/pid_target',
    ]);
    expect(plan.workloads.map((w) => w.ref)).toEqual(['w0', 'w1']);
    expect(Object.keys(plan.files)).toEqual(['workloads/w.cfg']);
  });
});

describe('staging one level of the sysfs tree at a time', () => {
  /** [path, value] of each write, in order; fails on any other step. */
  const written = (steps: Step[]) =>
    steps.map((s) => {
      if (s.op !== 'write') throw new Error(`not a write: ${JSON.stringify(s)}`);
      return [s.path, s.value];
    });
  const attrs: MonitoringAttrs = {
    sampleUs: 5000,
    aggrUs: 100000,
    updateUs: 1000000,
    minNrRegions: 10,
    maxNrRegions: 1000,
    intervalsGoal: null,
  };
  const target = (
    index: number,
    regions: PlanTarget['regions'] = [],
    ref: string | null = `w${index}`,
  ): PlanTarget => ({
    index,
    workload: ref ? 'w' : null,
    ref,
    regions,
  });
  const context = (index: number, targets: PlanTarget[]): PlanContext => ({
    index,
    from: { kdamond: 0, context: index },
    operations: 'vaddr',
    attrs,
    targets,
    schemes: [],
  });
  const k1c0 = admin.kdamonds.kdamond(1).contexts.context(0);

  it('regions: nothing when there are none, else the count and each start and end', () => {
    const dir = k1c0.targets.target(2).regions;
    expect(stageRegions(dir, [])).toEqual([]);
    expect(
      written(
        stageRegions(dir, [
          { start: '4096', end: '8192' },
          { start: '18446744073709547520', end: '18446744073709551615' },
        ]),
      ),
    ).toEqual([
      ['kdamonds/1/contexts/0/targets/2/regions/nr_regions', '2'],
      ['kdamonds/1/contexts/0/targets/2/regions/0/start', '4096'],
      ['kdamonds/1/contexts/0/targets/2/regions/0/end', '8192'],
      ['kdamonds/1/contexts/0/targets/2/regions/1/start', '18446744073709547520'],
      ['kdamonds/1/contexts/0/targets/2/regions/1/end', '18446744073709551615'],
    ]);
  });

  it('target: its regions only (its pid waits for its process)', () => {
    const dir = k1c0.targets.target(2);
    expect(stageTarget(dir, target(2))).toEqual([]);
    expect(written(stageTarget(dir, target(2, [{ start: '0', end: '4096' }]))).map(([path]) => path)).toEqual([
      'kdamonds/1/contexts/0/targets/2/regions/nr_regions',
      'kdamonds/1/contexts/0/targets/2/regions/0/start',
      'kdamonds/1/contexts/0/targets/2/regions/0/end',
    ]);
  });

  it('targets: the count first, then each target in its own directory', () => {
    const steps = written(stageTargets(k1c0.targets, [target(0), target(1, [{ start: '0', end: '4096' }])]));
    expect(steps.map(([path]) => path)).toEqual([
      'kdamonds/1/contexts/0/targets/nr_targets',
      'kdamonds/1/contexts/0/targets/1/regions/nr_regions',
      'kdamonds/1/contexts/0/targets/1/regions/0/start',
      'kdamonds/1/contexts/0/targets/1/regions/0/end',
    ]);
    expect(steps[0]![1]).toBe('2');
    expect(written(stageTargets(k1c0.targets, []))).toEqual([['kdamonds/1/contexts/0/targets/nr_targets', '0']]);
  });

  it('attrs: the intervals, the intervals goal only when asked for, then nr_regions', () => {
    const intervals = 'kdamonds/1/contexts/0/monitoring_attrs/intervals';
    const nrRegions = 'kdamonds/1/contexts/0/monitoring_attrs/nr_regions';
    const plain = [
      [`${intervals}/sample_us`, '5000'],
      [`${intervals}/aggr_us`, '100000'],
      [`${intervals}/update_us`, '1000000'],
      [`${nrRegions}/min`, '10'],
      [`${nrRegions}/max`, '1000'],
    ];
    expect(written(stageAttrs(k1c0.monitoring_attrs, attrs))).toEqual(plain);
    const goal = { accessBp: 400, aggrs: 3, minSampleUs: 5000, maxSampleUs: 10_000_000 };
    expect(written(stageAttrs(k1c0.monitoring_attrs, { ...attrs, intervalsGoal: goal }))).toEqual([
      ...plain.slice(0, 3),
      [`${intervals}/intervals_goal/access_bp`, '400'],
      [`${intervals}/intervals_goal/aggrs`, '3'],
      [`${intervals}/intervals_goal/min_sample_us`, '5000'],
      [`${intervals}/intervals_goal/max_sample_us`, '10000000'],
      ...plain.slice(3),
    ]);
  });

  it('context: operations, then its attrs, then its targets', () => {
    const c = { ...context(0, [target(0)]), operations: 'fvaddr' as const };
    expect(stageContext(k1c0, c)).toEqual([
      { op: 'write', path: 'kdamonds/1/contexts/0/operations', value: 'fvaddr' },
      ...stageAttrs(k1c0.monitoring_attrs, attrs),
      ...stageTargets(k1c0.targets, c.targets),
    ]);
  });

  it('kdamond: each of its contexts, in order; its nr_contexts and state are written by other levels', () => {
    const dir = admin.kdamonds.kdamond(1);
    const k: PlanKdamond = { index: 1, contexts: [context(0, [target(0)]), context(1, [target(0), target(1)])] };
    expect(stageKdamond(dir, k)).toEqual([
      ...stageContext(dir.contexts.context(0), k.contexts[0]!),
      ...stageContext(dir.contexts.context(1), k.contexts[1]!),
    ]);
  });

  it('kdamonds: nr_kdamonds, then every nr_contexts, then each kdamond', () => {
    const kdamonds: PlanKdamond[] = [
      { index: 0, contexts: [context(0, [target(0)])] },
      { index: 1, contexts: [context(0, [target(0)]), context(1, [target(0)])] },
    ];
    const steps = stageKdamonds(admin.kdamonds, kdamonds);
    expect(written(steps.slice(0, 3))).toEqual([
      ['kdamonds/nr_kdamonds', '2'],
      ['kdamonds/0/contexts/nr_contexts', '1'],
      ['kdamonds/1/contexts/nr_contexts', '2'],
    ]);
    expect(steps.slice(3)).toEqual([
      ...stageKdamond(admin.kdamonds.kdamond(0), kdamonds[0]!),
      ...stageKdamond(admin.kdamonds.kdamond(1), kdamonds[1]!),
    ]);
  });

  it('pids: one pid_target per target that has a process, none for paddr', () => {
    const kdamonds: PlanKdamond[] = [
      { index: 0, contexts: [context(0, [target(0, [], 'w0'), target(1, [], 'w1')])] },
      { index: 1, contexts: [context(0, [target(0, [{ start: '0', end: '4096' }], null)])] },
    ];
    expect(targetPids(admin.kdamonds, kdamonds)).toEqual([
      { op: 'write-pid', path: 'kdamonds/0/contexts/0/targets/0/pid_target', ref: 'w0' },
      { op: 'write-pid', path: 'kdamonds/0/contexts/0/targets/1/pid_target', ref: 'w1' },
    ]);
  });

  it.each(['one_target', 'many_targets', 'many_contexts'])(
    'a whole plan (%s) sets up with the levels before it starts perf',
    (name) => {
      const plan = buildPlan(shippedRuns(name)[0]!, UPSTREAM_CAPS);
      const recorder = index(plan, (s) => s.op === 'start-recorder');
      expect(recorder).toBeGreaterThan(0);
      expect(plan.steps.slice(0, recorder)).toEqual(stageKdamonds(admin.kdamonds, plan.layout.kdamonds));
      const pids = plan.steps.filter((s) => s.op === 'write-pid');
      expect(pids).toHaveLength(plan.workloads.length);
      expect(pids).toEqual(targetPids(admin.kdamonds, plan.layout.kdamonds));
    },
  );
});
