// The layout's contexts in the manifest's order, each with the kdamond and context that served it:
// the same manifest on the multi-context fork (one kdamond) and upstream (a kdamond per context).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layoutContexts } from '../../src/plan/layout-contexts.js';
import type { Plan } from '../../src/plan/plan.js';

const planOf = (run: string): Plan =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../fixtures/runs/${run}/plan.json`, import.meta.url)), 'utf8'),
  ) as Plan;

describe('layoutContexts', () => {
  it("maps the manifest's contexts to a kdamond each upstream", () => {
    expect(layoutContexts(planOf('many_contexts.qemu-6.12').layout.kdamonds)).toEqual([
      { index: 0, kdamond: 0, context: 0, workloads: ['demo'] },
      { index: 1, kdamond: 1, context: 0, workloads: ['stairs'] },
      { index: 2, kdamond: 2, context: 0, workloads: ['zigzag'] },
    ]);
  });

  it('maps them to the contexts of one kdamond on the fork', () => {
    expect(layoutContexts(planOf('many_contexts.fork-6.9').layout.kdamonds)).toEqual([
      { index: 0, kdamond: 0, context: 0, workloads: ['demo'] },
      { index: 1, kdamond: 0, context: 1, workloads: ['stairs'] },
      { index: 2, kdamond: 0, context: 2, workloads: ['zigzag'] },
    ]);
  });

  it("follows the manifest's order (from), not the plan's, and the plan's order when from is absent", () => {
    const context = (index: number, from: { kdamond: number; context: number } | undefined, workload: string) => ({
      index,
      ...(from ? { from } : {}),
      targets: [{ index: 0, workload, ref: null, regions: [] }],
    });
    const reordered = [
      { index: 0, contexts: [context(0, { kdamond: 1, context: 0 }, 'late')] },
      { index: 1, contexts: [context(0, { kdamond: 0, context: 0 }, 'early')] },
    ] as unknown as Plan['layout']['kdamonds'];
    expect(layoutContexts(reordered).map((c) => [c.kdamond, c.workloads[0]])).toEqual([
      [1, 'early'],
      [0, 'late'],
    ]);
    const old = [
      { index: 0, contexts: [context(0, undefined, 'a'), context(1, undefined, 'b')] },
    ] as unknown as Plan['layout']['kdamonds'];
    expect(layoutContexts(old).map((c) => [c.context, c.workloads[0]])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
  });
});
