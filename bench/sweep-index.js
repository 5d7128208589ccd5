// The sweep index and the figures of a 100-run sweep, regenerated from stored results: a results
// tree of 100 run directories made from the real many_contexts run (its trace, analysis.json and
// status, each run.json given its own parameters and each analysis.json its own numbers), then
// `damon-exp index` and `damon-exp figures` (with and without PNGs), wall time of each command.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin/damon-exp.js');

function damonExp(args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`damon-exp ${args.join(' ')}: ${result.stderr}`);
  return performance.now() - started;
}

export async function run() {
  const base = mkdtempSync(join(tmpdir(), 'damon-exp-bench-sweep-'));
  const template = join(base, 'template');
  cpSync(join(ROOT, 'test/fixtures/runs/many_contexts.qemu-6.12'), template, { recursive: true });
  damonExp(['report', template]);
  const sweep = join(base, 'bench_sweep');
  const aggrs = ['50ms', '100ms', '200ms', '400ms'];
  const samples = ['1ms', '2ms', '5ms', '10ms', '20ms'];
  let n = 0;
  for (const aggr of aggrs) {
    for (const sample of samples) {
      for (let rep = 1; rep <= 5; rep++) {
        const id = `aggr-${aggr}_sample-${sample}_rep${rep}`;
        const dir = join(sweep, id);
        cpSync(template, dir, { recursive: true });
        const runJson = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
        Object.assign(runJson, {
          id,
          params: { 'monitoring.aggr': aggr, 'monitoring.sample': sample },
          repetition: rep,
          repetitions: 5,
        });
        runJson.manifest.name = 'bench_sweep';
        writeFileSync(join(dir, 'run.json'), JSON.stringify(runJson, null, 2));
        const analysis = JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8'));
        for (const k of analysis.kdamonds) k.share *= 1 + ((n * 7) % 13) / 20;
        writeFileSync(join(dir, 'analysis.json'), JSON.stringify(analysis));
        n++;
      }
    }
  }
  const manifest = join(base, 'bench_sweep.yaml');
  writeFileSync(
    manifest,
    `name: bench_sweep
workloads: {z: {masim: ${join(ROOT, 'experiments/masim/zigzag_small.cfg')}, args: ["--repeat", "0"]}}
layout: {kind: one-target, workloads: [z]}
repeat: 5
matrix:
  monitoring.aggr: [${aggrs.join(', ')}]
  monitoring.sample: [${samples.join(', ')}]
figures:
  - {name: cpu, x: monitoring.sample, y: kdamond_cpu, series: monitoring.aggr}
  - {name: recall, x: monitoring.sample, y: recall, series: monitoring.aggr, type: bar}
  - {name: wss, x: monitoring.sample, y: wss_p50, series: monitoring.aggr}
  - {name: heatmaps, x: monitoring.sample, series: monitoring.aggr, type: heatmaps}
`,
  );
  const index = [];
  const figures = [];
  const figuresPng = [];
  for (let i = 0; i < 3; i++) {
    index.push(damonExp(['index', sweep]));
    figures.push(damonExp(['figures', sweep, '--manifest', manifest, '--no-png']));
  }
  figuresPng.push(damonExp(['figures', sweep, '--manifest', manifest]));
  const total = median(index) + median(figures);
  report(
    `index + figures of a ${n}-run sweep, regenerated (SVG and CSV; 4 figures, one a 4×5 heatmap grid)`,
    `${(total / 1000).toFixed(2)} s`,
    '< 10 s',
    `(index ${(median(index) / 1000).toFixed(2)} s, figures ${(median(figures) / 1000).toFixed(2)} s; medians of 3)`,
  );
  report(
    `index + figures of a ${n}-run sweep with PNGs drawn by Chromium`,
    `${((median(index) + figuresPng[0]) / 1000).toFixed(2)} s`,
    '< 10 s',
    '(one run)',
  );
}
