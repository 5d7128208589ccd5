#!/usr/bin/env node
// npm run bench: the performance figures the issues name, measured on this machine.
// Each figure prints as `figure: value (target)`. Deterministic inputs; timings are medians.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];
const benches = {
  'plan-cli': () => import('./plan-cli.js'),
  'matrix-expansion': () => import('./matrix-expansion.js'),
  masim: () => import('./masim.js'),
  runner: () => import('./runner.js'),
  qemu: () => import('./qemu.js'),
  analysis: () => import('./analysis.js'),
  report: () => import('./report.js'),
  'damo-speed': () => import('./damo-speed.js'),
  'sweep-index': () => import('./sweep-index.js'),
  'sweep-qemu': () => import('./sweep-qemu.js'),
  kernels: () => import('./kernels.js'),
  slurm: () => import('./slurm.js'),
  schemes: () => import('./schemes.js'),
  'proactive-reclaim': () => import('./proactive-reclaim.js'),
  'tlb-refresh': () => import('./tlb-refresh.js'),
};

console.log(
  `damon-exp benchmarks on ${process.version}, ${(await import('node:os')).cpus()[0]?.model ?? 'unknown CPU'} × ${(await import('node:os')).cpus().length}`,
);
console.log(
  `git ${spawnSync('git', ['-C', ROOT, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).stdout.trim() || 'unknown'}`,
);
for (const [name, load] of Object.entries(benches)) {
  if (only && only !== name) continue;
  const bench = await load();
  await bench.run();
}
