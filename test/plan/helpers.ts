import { fileURLToPath } from 'node:url';
import { loadExperiment } from '../../src/manifest/load.js';
import { allContexts, type Run } from '../../src/manifest/run.js';
import type { KernelKind } from '../../src/plan/caps.js';

export const SHIPPED = ['one_target', 'many_targets', 'many_contexts', 'sweep_layouts'] as const;

export function shippedRuns(name: string): Run[] {
  const runs = loadExperiment(fileURLToPath(new URL(`../../experiments/${name}.yaml`, import.meta.url))).runs;
  // Tests iterate over these (it.each, loops): no run would make them pass without checking anything.
  if (runs.length === 0) throw new Error(`experiments/${name}.yaml expands to no run`);
  return runs;
}

/**
 * An explicit tree with what the shipped experiments lack: init regions, paddr, fvaddr,
 * intervals_goal; on the multi-context fork (6.9, before intervals_goal) without intervals_goal.
 */
export function variedRun(kernel: KernelKind = 'upstream'): Run {
  const run = loadExperiment(fileURLToPath(new URL('../fixtures/manifests/varied.yaml', import.meta.url))).runs[0]!;
  if (kernel === 'multi-context') for (const context of allContexts(run.layout)) context.attrs.intervalsGoal = null;
  return run;
}
