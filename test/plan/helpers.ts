import { fileURLToPath } from 'node:url';
import { loadExperiment } from '../../src/manifest/load.js';
import type { Run } from '../../src/manifest/run.js';

export const SHIPPED = ['one_target', 'many_targets', 'many_contexts', 'sweep_layouts'] as const;

export function shippedRuns(name: string): Run[] {
  const runs = loadExperiment(fileURLToPath(new URL(`../../experiments/${name}.yaml`, import.meta.url))).runs;
  // Tests iterate over these (it.each, loops): no run would make them pass without checking anything.
  if (runs.length === 0) throw new Error(`experiments/${name}.yaml expands to no run`);
  return runs;
}

/** An explicit tree with what the shipped experiments lack: init regions, paddr, fvaddr, intervals_goal. */
export function variedRun(): Run {
  return loadExperiment(fileURLToPath(new URL('../fixtures/manifests/varied.yaml', import.meta.url))).runs[0]!;
}
