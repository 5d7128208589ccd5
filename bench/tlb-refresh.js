// DAMON under TCG with and without the guest's TLB refresher (backend.tlb_refresh): recall per
// phase of the three shipped layouts, three repetitions each, and what the refresher costs a
// workload (masim's accesses per second over the measurement's window) and kdamond CPU.
//   BENCH_TLB_DURATION (default 20s), BENCH_TLB_REPEAT (default 3),
//   BENCH_TLB_PARTS (default cost,alone,two: the cost, one_target alone, the three layouts two at once)
// Two settings of QEMU: one VM at a time (`run`'s default: TCG with a host thread per vCPU) for
// one_target, and two at once (`--jobs 2`: a host thread per VM, as sweeps run) for all three.
// About 30 minutes under TCG on 2 cores.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${ROOT}bin/damon-exp.js`;
const DURATION = process.env.BENCH_TLB_DURATION ?? '20s';
const REPEAT = process.env.BENCH_TLB_REPEAT ?? '3';

/** The shipped manifest with the refresher's setting, the duration and the repetitions (not matrix axes). */
function manifestFor(name, setting, dir) {
  const manifest = parse(readFileSync(`${ROOT}experiments/${name}.yaml`, 'utf8'));
  manifest.duration = DURATION;
  manifest.repeat = Number(REPEAT);
  manifest.backend = { ...manifest.backend, tlb_refresh: setting };
  cpSync(`${ROOT}experiments/masim`, join(dir, 'masim'), { recursive: true });
  const file = join(dir, `${name}-${setting}.yaml`);
  writeFileSync(file, stringify(manifest));
  return file;
}

function sweep(name, setting, jobs, out) {
  const args = [
    CLI,
    'run',
    manifestFor(name, setting, out),
    '--backend',
    'qemu',
    '--jobs',
    String(jobs),
    '--no-png',
    '--out',
    out,
  ];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  // A suspect run exits 0 (no --strict); a run that did not complete is a failed measurement.
  if (result.status !== 0) throw new Error(`damon-exp ${args.slice(1).join(' ')}: ${result.stderr}`);
  return join(out, name);
}

/** Every complete run's analysis under a sweep directory. */
function analyses(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.includes('.before-'))
    .flatMap((e) => {
      try {
        return [JSON.parse(readFileSync(join(dir, e.name, 'analysis.json'), 'utf8'))];
      } catch {
        return [];
      }
    });
}

function mkdirIn(parent, name) {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const pct = (v) => `${(v * 100).toFixed(0)} %`;

/** Recall per phase name (every target and repetition's snapshots together), over phases with 5 or more snapshots. */
function recallByPhase(runs) {
  const phases = new Map();
  for (const a of runs)
    for (const t of a.targets)
      for (const p of t.accuracy?.phases ?? []) {
        if (p.snapshots < 5 || !p.truthBytes) continue;
        const sum = phases.get(p.name) ?? { hit: 0, truth: 0, worst: 1 };
        sum.hit += p.hitBytes;
        sum.truth += p.truthBytes;
        sum.worst = Math.min(sum.worst, p.recall);
        phases.set(p.name, sum);
      }
  return phases;
}

function summarize(label, runs) {
  const phases = recallByPhase(runs);
  const worst = Math.min(...[...phases.values()].map((p) => p.worst));
  const suspect = runs.filter((a) => a.validity?.verdict === 'suspect').length;
  const cpu = mean(runs.map((a) => a.kdamonds.reduce((n, k) => n + (k.share ?? 0), 0) * 100));
  const throughput = mean(runs.map((a) => a.workloads.reduce((n, w) => n + (w.throughput?.accessesPerSecond ?? 0), 0)));
  report(
    `${label}: recall per phase (worst single phase of any run)`,
    `${[...phases].map(([name, p]) => `${name} ${pct(p.hit / p.truth)}`).join(', ')} (worst ${pct(worst)})`,
    '≥ 90 % in every phase',
    `(${runs.length} runs, ${suspect} suspect; kdamond CPU ${cpu.toFixed(1)} % of one CPU; masim ${(throughput / 1e6).toFixed(2)} M accesses/s)`,
  );
  return { cpu, throughput };
}

/**
 * What the refresher itself costs: a workload whose pages stay in any TLB (1 MiB, read in a loop)
 * loses only the refresher's own time and the refills of what a real CPU would have kept, so its
 * accesses per second with and without the refresher say what it takes from a workload.
 */
function costManifest(setting, dir) {
  const manifest = {
    name: 'tlb_cost',
    description: 'a 1 MiB region read in a loop: what the TLB refresher takes from a workload',
    workloads: {
      small: {
        regions: [{ name: 'a', size: '1MiB' }],
        phases: [{ name: 'loop', duration: '120s', patterns: [{ region: 'a', stride: 64, weight: 1, mode: 'ro' }] }],
      },
    },
    layout: { kind: 'one-target', workloads: ['small'] },
    monitoring: { update: '1s' },
    duration: DURATION,
    repeat: Number(REPEAT),
    backend: { kind: 'qemu', tlb_refresh: setting },
  };
  const file = join(dir, `tlb_cost-${setting}.yaml`);
  writeFileSync(file, stringify(manifest));
  return file;
}

const PARTS = (process.env.BENCH_TLB_PARTS ?? 'cost,alone,two').split(',');

export async function run() {
  const out = mkdtempSync(join(tmpdir(), 'damon-exp-bench-tlb-'));
  console.log(`tlb-refresh: ${DURATION} runs, ${REPEAT} repetitions, results in ${out}`);
  if (PARTS.includes('cost')) {
    const cost = {};
    for (const setting of ['off', 'auto']) {
      const dir = mkdirIn(out, `cost-${setting}`);
      const args = [CLI, 'run', costManifest(setting, dir), '--jobs', '1', '--no-png', '--out', dir];
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (result.status !== 0) throw new Error(`damon-exp ${args.slice(1).join(' ')}: ${result.stderr}`);
      const runs = analyses(join(dir, 'tlb_cost'));
      cost[setting] = {
        cpu: mean(runs.map((a) => a.kdamonds.reduce((n, k) => n + (k.share ?? 0), 0) * 100)),
        throughput: mean(runs.map((a) => a.workloads.reduce((n, w) => n + (w.throughput?.accessesPerSecond ?? 0), 0))),
      };
    }
    report(
      "the TLB refresher's cost, a 1 MiB workload (its pages stay in any TLB), one VM at a time",
      `masim ${(cost.off.throughput / 1e6).toFixed(1)} → ${(cost.auto.throughput / 1e6).toFixed(1)} M accesses/s (${((cost.auto.throughput / cost.off.throughput - 1) * 100).toFixed(1)} %), kdamond CPU ${cost.off.cpu.toFixed(1)} → ${cost.auto.cpu.toFixed(1)} % of one CPU`,
      '(reported)',
    );
  }
  if (PARTS.includes('alone'))
    for (const setting of ['off', 'auto']) {
      const dir = sweep('one_target', setting, 1, mkdirIn(out, `alone-${setting}`));
      summarize(`one_target, one VM at a time, tlb_refresh ${setting}`, analyses(dir));
    }
  if (PARTS.includes('two'))
    for (const manifest of ['one_target', 'many_targets', 'many_contexts'])
      for (const setting of ['off', 'auto'])
        summarize(
          `${manifest}, two VMs at once, tlb_refresh ${setting}`,
          analyses(sweep(manifest, setting, 2, mkdirIn(out, `two-${setting}`))),
        );
}
