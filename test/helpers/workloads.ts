import type { MasimWorkload, RunWorkload } from '../../src/manifest/run.js';

/** The workload as a masim one, failing the test when it is another kind. */
export function masimOf(workload: RunWorkload | undefined): MasimWorkload {
  if (workload?.kind !== 'masim') throw new Error(`expected a masim workload, got ${JSON.stringify(workload)}`);
  return workload;
}
