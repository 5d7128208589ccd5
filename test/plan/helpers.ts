import { loadExperiment } from '../../src/manifest/load.js';
import type { Run } from '../../src/manifest/run.js';

export const SHIPPED = ['one_target', 'many_targets', 'many_contexts', 'sweep_layouts'] as const;

export function shippedRuns(name: string): Run[] {
  return loadExperiment(new URL(`../../experiments/${name}.yaml`, import.meta.url).pathname).runs;
}

/** An explicit tree with what the shipped experiments lack: init regions, paddr, fvaddr, intervals_goal. */
export function variedRun(): Run {
  return loadExperiment(new URL('../fixtures/manifests/varied.yaml', import.meta.url).pathname).runs[0]!;
}
