// The Slurm executor on a single-node cluster started here (Debian's slurmctld and slurmd, as the
// tests start them; needs root): the submission overhead, from `run --executor slurm` to the first
// task starting on the node (median of 5; how much of it is damon-exp's, until sbatch returned), and a 4-run QEMU sweep through Slurm against the same
// sweep with the local executor, both two at once (--jobs 2), alternating, three rounds each (medians).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin/damon-exp.js');

function manifestOf(base, name, samples) {
  const file = join(base, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}
workloads: {z: {masim: ${join(ROOT, 'experiments/masim/zigzag_small.cfg')}, args: ["--repeat", "0"]}}
layout: {kind: one-target, workloads: [z]}
duration: 3s
backend: {cpus: 1, memory: 1GiB}
matrix:
  monitoring.sample: [${samples.join(', ')}]
`,
  );
  return file;
}

/** ms from spawning the submitter to the first task's output file appearing (the task started). */
async function submissionOverhead(cluster, manifest, out) {
  const outputs = join(out, 'overhead', 'slurm');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [CLI, 'run', manifest, '--executor', 'slurm', '--detach', '--accel', 'tcg', '--force', '--out', out],
    {
      env: cluster.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let stdout = '';
  let submittedMs = null;
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    if (submittedMs === null && String(chunk).includes('submitted Slurm job'))
      submittedMs = performance.now() - started;
  });
  for (;;) {
    const found = existsSync(outputs) && readdirSync(outputs).some((name) => name.endsWith('_0.out'));
    if (found) break;
    if (performance.now() - started > 60_000) throw new Error('no task started within a minute');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const ms = performance.now() - started;
  await exited;
  submittedMs ??= ms;
  const jobId = stdout.trim();
  cluster.client('scancel', [jobId]);
  // Wait for the job to go, and for its output to be set aside for the next round.
  while (cluster.client('squeue', ['-h', '-j', jobId]).trim()) await new Promise((resolve) => setTimeout(resolve, 200));
  spawnSync('rm', ['-rf', join(out, 'overhead')]);
  return { ms, submittedMs };
}

function sweepWall(args, env) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, 'run', ...args], { encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`the sweep failed: ${result.stderr}`);
  return performance.now() - started;
}

export async function run() {
  if (process.getuid?.() !== 0) {
    report('Slurm submission overhead', 'not measured: the test cluster needs root', '< 3 s');
    return;
  }
  const { startSlurmCluster } = await import(`${ROOT}.bench-build/test/helpers/slurm-cluster.js`);
  const cluster = await startSlurmCluster();
  try {
    const base = mkdtempSync(join(tmpdir(), 'damon-exp-bench-slurm-'));
    const one = manifestOf(base, 'overhead', ['5ms']);
    const rounds = [];
    for (let i = 0; i < 5; i++) rounds.push(await submissionOverhead(cluster, one, join(base, 'out')));
    const seconds = (ms) => (ms / 1000).toFixed(2);
    report(
      'Slurm submission overhead: run --executor slurm to the first task starting',
      `${seconds(median(rounds.map((r) => r.ms)))} s`,
      '< 3 s',
      `(median of 5: ${rounds.map((r) => seconds(r.ms)).join(', ')} s; of which damon-exp until sbatch returned: ${seconds(median(rounds.map((r) => r.submittedMs)))} s, the rest Slurm scheduling and starting the task)`,
    );

    const four = manifestOf(base, 'four_runs', ['5ms', '10ms', '20ms', '40ms']);
    const walls = { slurm: [], local: [] };
    for (let round = 0; round < 3; round++) {
      walls.slurm.push(
        sweepWall(
          ['--executor', 'slurm', '--jobs', '2', '--accel', 'tcg', '--out', join(base, `slurm-${round}`), four],
          cluster.env,
        ),
      );
      walls.local.push(
        sweepWall(
          ['--backend', 'qemu', '--jobs', '2', '--accel', 'tcg', '--out', join(base, `local-${round}`), four],
          cluster.env,
        ),
      );
    }
    const slurm = median(walls.slurm);
    const local = median(walls.local);
    report(
      '4-run QEMU sweep through Slurm against the local executor, both --jobs 2',
      `${((slurm / local) * 100).toFixed(0)} % of the local wall time`,
      '≤ 115 %',
      `(Slurm: ${walls.slurm.map((ms) => (ms / 1000).toFixed(0)).join(', ')} s; local: ${walls.local.map((ms) => (ms / 1000).toFixed(0)).join(', ')} s)`,
    );
  } finally {
    await cluster.stop();
  }
}
