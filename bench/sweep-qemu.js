// Two VMs at once: a 4-run sweep in QEMU (one-target small zigzag, 3 s each) with --jobs 1 and
// with --jobs 2, wall time of each; the figure is the ratio. Takes a few minutes under TCG.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function run() {
  const base = mkdtempSync(join(tmpdir(), 'damon-exp-bench-qemu-sweep-'));
  const manifest = join(base, 'four_runs.yaml');
  writeFileSync(
    manifest,
    `name: four_runs
workloads: {z: {masim: ${join(ROOT, 'experiments/masim/zigzag_small.cfg')}, args: ["--repeat", "0"]}}
layout: {kind: one-target, workloads: [z]}
duration: 3s
matrix:
  monitoring.sample: [5ms, 10ms, 20ms, 40ms]
`,
  );
  const wall = {};
  for (const jobs of [1, 2]) {
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin/damon-exp.js'),
        'run',
        manifest,
        '--backend',
        'qemu',
        '--jobs',
        String(jobs),
        '--out',
        join(base, `jobs-${jobs}`),
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`the sweep failed with --jobs ${jobs}: ${result.stderr}`);
    wall[jobs] = performance.now() - started;
  }
  report(
    '4-run QEMU sweep, --jobs 2 against --jobs 1',
    `${((wall[2] / wall[1]) * 100).toFixed(0)} % of the sequential wall time`,
    '< 65 %',
    `(--jobs 1: ${(wall[1] / 1000).toFixed(0)} s, --jobs 2: ${(wall[2] / 1000).toFixed(0)} s)`,
  );
}
