import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandExperiment } from '../../src/manifest/load.js';
import { buildPlan, PlanError } from '../../src/plan/build.js';
import { assumedCaps, MULTI_CONTEXT_CAPS, UPSTREAM_CAPS, type KernelCaps } from '../../src/plan/caps.js';
import type { Plan, Step } from '../../src/plan/plan.js';
import { SHIPPED, shippedRuns, variedRun } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-plan-'));
writeFileSync(join(dir, 'w.cfg'), 'a, 4096\n\np\n600000\na, 0, 4096, 1\n');
const runOf = (yaml: string) => expandExperiment(join(dir, 'exp.yaml'), yaml).runs[0]!;

const writes = (steps: Step[]) => steps.flatMap((s) => (s.op === 'write' || s.op === 'write-pid' ? [s.path] : []));
const index = (plan: Plan, predicate: (s: Step) => boolean) => plan.steps.findIndex(predicate);

describe.each(['upstream', 'multi-context'] as const)('plans of the shipped experiments on %s kernels', (kernel) => {
  const plans = [
    ...SHIPPED.flatMap((name) =>
      shippedRuns(name).map((run) => [`${name}/${run.id}`, buildPlan(run, assumedCaps(kernel))] as const),
    ),
    ['varied (explicit tree)', buildPlan(variedRun(), assumedCaps(kernel))] as const,
  ];

  it.each(plans)('%s writes counts before the files below them, each nr_* once', (_name, plan) => {
    const paths = writes(plan.steps);
    paths.forEach((path, i) => {
      const parts = path.split('/');
      for (let depth = 1; depth < parts.length; depth++) {
        if (!/^[0-9]+$/.test(parts[depth]!)) continue;
        const parent = parts.slice(0, depth).join('/');
        const counter = paths.findIndex((p) => p.startsWith(`${parent}/nr_`) && p.split('/').length === depth + 1);
        expect(counter, `${path} needs its count`).toBeGreaterThanOrEqual(0);
        expect(counter, `${path} after its count`).toBeLessThan(i);
      }
    });
    const counters = paths.filter((p) => /\/nr_[a-z]+$/.test(p) && !p.includes('monitoring_attrs'));
    expect(new Set(counters).size).toBe(counters.length);
    for (const step of plan.steps)
      if (step.op === 'write' && step.path.endsWith('/nr_regions') && step.path.includes('targets'))
        expect(step.value).not.toBe('0');
  });

  it.each(plans)('%s starts perf first, each workload before writing its pid, and DAMON last', (_name, plan) => {
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
    if (firstWorkload >= 0) expect(recorder).toBeLessThan(firstWorkload);
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
        expect(plan.steps.some((s) => s.op === 'start-workload' && s.ref === w.ref)).toBe(false);
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
