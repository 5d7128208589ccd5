// A recording shorter than its aggregation interval holds no snapshot: refused at the line that
// set the interval (or at the duration, for the kernel's default).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/manifest/diagnostics.js';
import { expandExperiment } from '../../../src/manifest/load.js';

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-snapshots-'));
writeFileSync(join(dir, 'w.cfg'), 'a, 4096\n\np\n600000\na, 0, 4096, 1\n');
const file = join(dir, 'exp.yaml');

function problems(yaml: string): string[] {
  try {
    expandExperiment(file, yaml);
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`);
    throw error;
  }
  return [];
}

const WHY = 'DAMON reports a snapshot as each aggregation interval ends, so the run would record none';

describe('runs that cannot yield a snapshot', () => {
  it('aggr longer than the duration, at the aggr that set it; up to the duration is taken', () => {
    expect(
      problems(`name: s
workloads: {w: {masim: w.cfg}}
layout: {kind: one-target, workloads: [w]}
monitoring: {aggr: 10s}
duration: 4s
`),
    ).toEqual([`4:20: the aggregation interval (10 s) is longer than the 4 s recording: ${WHY}`]);
    // an aggr up to the duration, or no DAMON at all, is taken
    const ok = `name: s\nworkloads: {w: {masim: w.cfg}}\nlayout: {kind: one-target, workloads: [w]}\n`;
    expect(problems(`${ok}monitoring: {aggr: 1s}\nduration: 4s\n`)).toEqual([]);
    expect(problems(`${ok}monitoring: {aggr: 4s}\nduration: 4s\n`)).toEqual([]);
    expect(problems(`${ok}monitoring: 'off'\nduration: 50ms\n`)).toEqual([]);
  });

  it("a context's own aggr, and the kernel's default at the duration", () => {
    expect(
      problems(`name: s
workloads: {w: {masim: w.cfg}}
layout:
  kdamonds:
    - contexts:
        - {targets: [{workload: w}], monitoring: {aggr: 3s}}
duration: 2s
`),
    ).toEqual([`6:57: the aggregation interval (3 s) is longer than the 2 s recording: ${WHY}`]);
    expect(
      problems(`name: s
workloads: {w: {masim: w.cfg}}
layout: {kind: one-target, workloads: [w]}
duration: 50ms
`),
    ).toEqual([`4:11: the aggregation interval (100 ms) is longer than the 50 ms recording: ${WHY}`]);
  });
});
