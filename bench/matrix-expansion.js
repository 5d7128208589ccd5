// Expanding a 10,000-run matrix (10 × 10 × 10 × 10 axes over monitoring attributes and the
// number of targets), in a fresh process: wall time of load + validate + expand, and peak RSS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

export function manifest10k() {
  return `name: matrix10k
workloads:
  zigzag: {masim: ${ROOT}experiments/masim/zigzag.cfg}
  stairs: {masim: ${ROOT}experiments/masim/stairs.cfg}
layout: {kind: many-targets, workloads: [zigzag, stairs]}
monitoring: {update: 1s}
duration: 10s
matrix:
  monitoring.sample: [${range(10, (i) => `${i + 1}ms`).join(', ')}]
  monitoring.aggr: [${range(10, (i) => `${(i + 1) * 100}ms`).join(', ')}]
  monitoring.update: [${range(10, (i) => `${i + 1}s`).join(', ')}]
  layout.targets: [${range(10, (i) => i + 2).join(', ')}]
`;
}

const CHILD = `
const { expandExperiment } = await import(${JSON.stringify(`${ROOT}dist/manifest/load.js`)});
const { readFileSync } = await import('node:fs');
const file = process.argv[1];
const text = readFileSync(file, 'utf8');
const started = process.hrtime.bigint();
const { runs } = expandExperiment(file, text);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ runs: runs.length, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
`;

export async function run() {
  const file = join(mkdtempSync(join(tmpdir(), 'damon-exp-bench-')), 'matrix10k.yaml');
  writeFileSync(file, manifest10k());
  const samples = [];
  for (let i = 0; i < 5; i++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, file], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    samples.push(JSON.parse(result.stdout));
  }
  if (samples[0].runs !== 10_000) throw new Error(`expected 10000 runs, got ${samples[0].runs}`);
  report(
    'expand a 10,000-run matrix, wall',
    `${median(samples.map((s) => s.ms)).toFixed(0)} ms median`,
    '< 1 s',
    `(n=${samples.length})`,
  );
  report(
    'expand a 10,000-run matrix, peak RSS',
    `${Math.max(...samples.map((s) => s.maxRssMiB)).toFixed(0)} MiB`,
    '< 200 MB',
  );
}
