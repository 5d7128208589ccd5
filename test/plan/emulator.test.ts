// Plans are valid under the kernel's rules: applied to the sysfs emulator, they switch DAMON on
// with exactly the attributes the run asks for, and teardown leaves the tree as it found it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import { assumedCaps } from '../../src/plan/caps.js';
import { applySteps, pretendProcesses } from '../helpers/apply-plan.js';
import { SysfsEmulator, SysfsError } from '../helpers/sysfs-emulator.js';
import { SHIPPED, shippedRuns, variedRun } from './helpers.js';

const cases = (['upstream', 'multi-context'] as const).flatMap((kernel) => [
  ...SHIPPED.flatMap((name) => shippedRuns(name).map((run) => ({ kernel, name: `${name}/${run.id}`, run }))),
  { kernel, name: 'varied (explicit tree)', run: variedRun(kernel) },
]);

describe('plans applied to the sysfs emulator', () => {
  it.each(cases)('$name on $kernel switches on as planned and tears down to the initial state', ({ kernel, run }) => {
    const processes = pretendProcesses();
    const emulator = new SysfsEmulator(mkdtempSync(join(tmpdir(), 'damon-exp-emu-')), {
      kernel,
      pidExists: processes.exists,
      intervalsGoal: true,
    });
    const initial = emulator.snapshot();
    const plan = buildPlan(run, assumedCaps(kernel));
    applySteps(plan.steps, emulator, processes);

    const tree = emulator.snapshot();
    expect(plan.layout.kdamonds.flatMap((k) => k.contexts.flatMap((c) => c.targets)).length).toBeGreaterThan(0);
    expect(tree['kdamonds/nr_kdamonds']).toBe(String(plan.layout.kdamonds.length));
    for (const k of plan.layout.kdamonds) {
      expect(tree[`kdamonds/${k.index}/state`]).toBe('on');
      for (const c of k.contexts) {
        const ctx = `kdamonds/${k.index}/contexts/${c.index}`;
        expect(tree[`${ctx}/operations`]).toBe(c.operations);
        expect(tree[`${ctx}/monitoring_attrs/intervals/sample_us`]).toBe(String(c.attrs.sampleUs));
        expect(tree[`${ctx}/monitoring_attrs/intervals/aggr_us`]).toBe(String(c.attrs.aggrUs));
        expect(tree[`${ctx}/monitoring_attrs/intervals/update_us`]).toBe(String(c.attrs.updateUs));
        expect(tree[`${ctx}/monitoring_attrs/nr_regions/min`]).toBe(String(c.attrs.minNrRegions));
        expect(tree[`${ctx}/monitoring_attrs/nr_regions/max`]).toBe(String(c.attrs.maxNrRegions));
        // Without a goal the file keeps the kernel's 0.
        expect(tree[`${ctx}/monitoring_attrs/intervals/intervals_goal/access_bp`]).toBe(
          String(c.attrs.intervalsGoal?.accessBp ?? 0),
        );
        for (const t of c.targets) {
          const target = `${ctx}/targets/${t.index}`;
          expect(tree[`${target}/pid_target`]).toBe(t.ref ? String(processes.pids.get(t.ref)) : '0');
          expect(tree[`${target}/regions/nr_regions`]).toBe(String(t.regions.length));
          t.regions.forEach((r, i) =>
            expect([tree[`${target}/regions/${i}/start`], tree[`${target}/regions/${i}/end`]]).toEqual([
              r.start,
              r.end,
            ]),
          );
        }
      }
    }
    expect(processes.live.size).toBe(plan.workloads.length);

    applySteps(plan.teardown, emulator, processes);
    expect(emulator.snapshot()).toEqual(initial);
    // Only attached processes outlive the run.
    expect([...processes.live]).toEqual(plan.workloads.flatMap((w) => (w.kind === 'pid' ? [w.pid] : [])));
    expect(emulator.log.filter((w) => w.error)).toEqual([]);
  });

  it('a multi-context plan fails on an upstream kernel at nr_contexts, with EINVAL', () => {
    const processes = pretendProcesses();
    const emulator = new SysfsEmulator(mkdtempSync(join(tmpdir(), 'damon-exp-emu-')), {
      kernel: 'upstream',
      pidExists: processes.exists,
    });
    const plan = buildPlan(shippedRuns('many_contexts')[0]!, assumedCaps('multi-context'));
    let error: unknown;
    try {
      applySteps(plan.steps, emulator, processes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SysfsError);
    expect((error as SysfsError).code).toBe('EINVAL');
    expect((error as SysfsError).path).toBe('kdamonds/0/contexts/nr_contexts');
  });
});
