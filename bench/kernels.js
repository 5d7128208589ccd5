// Kernels (issue: the seed's own kernel): a many_contexts run on the multi-context fork against the
// same run on Debian's 6.12, both in QEMU under TCG (wall time, alternating, medians); and
// `damon-exp kernel build` of a real source tree: its first build and a cache hit.
// BENCH_KERNEL_SRC names the tree (a clone of github.com/onlyoneofme/damon-multi-contexts); without
// it the build figures are skipped. A first build takes a quarter of an hour on 2 cores.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${ROOT}bin/damon-exp.js`;
const REPETITIONS = Number(process.env.BENCH_KERNEL_REPS ?? 3);

function timed(args, env = process.env) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`damon-exp ${args.join(' ')}: ${result.stderr}`);
  return { ms, stdout: result.stdout, stderr: result.stderr };
}

export async function run() {
  const list = JSON.parse(timed(['kernel', 'list', '--json']).stdout);
  if (REPETITIONS === 0) {
    report('many_contexts on the fork against Debian 6.12 (TCG)', 'skipped: BENCH_KERNEL_REPS=0', 'within 10 %');
  } else if (!list.some((k) => k.name === 'damon-multi-contexts')) {
    report(
      'many_contexts on the fork against Debian 6.12 (TCG)',
      'skipped: no damon-multi-contexts kernel (make fork-kernel)',
      'within 10 %',
    );
  } else {
    const walls = { debian: [], 'damon-multi-contexts': [] };
    const kdamonds = {};
    for (let r = 0; r < REPETITIONS; r++) {
      for (const kernel of Object.keys(walls)) {
        const out = mkdtempSync(join(tmpdir(), 'damon-exp-bench-kernels-'));
        const { ms, stdout } = timed([
          'run',
          `${ROOT}experiments/many_contexts.yaml`,
          '--backend',
          'qemu',
          '--accel',
          'tcg',
          '--set',
          `backend.kernel=${kernel}`,
          '--set',
          'duration=10s',
          '--out',
          out,
        ]);
        walls[kernel].push(ms);
        kdamonds[kernel] = Object.keys(
          JSON.parse(readFileSync(join(stdout.trim(), 'status.json'), 'utf8')).kdamondPids,
        ).length;
      }
    }
    const debian = median(walls.debian);
    const fork = median(walls['damon-multi-contexts']);
    report(
      'many_contexts, 10 s, in QEMU (TCG): the fork against Debian 6.12',
      `${(fork / 1000).toFixed(1)} s against ${(debian / 1000).toFixed(1)} s (${(((fork - debian) / debian) * 100).toFixed(1)} %)`,
      'within 10 %',
      `(medians of ${REPETITIONS}, alternating; ${kdamonds['damon-multi-contexts']} kdamond on the fork, ${kdamonds.debian} on Debian)`,
    );
  }

  const source = process.env.BENCH_KERNEL_SRC;
  if (!source) {
    report(
      'kernel build of an unchanged tree (cache hit)',
      'skipped: set BENCH_KERNEL_SRC to a kernel source tree',
      '< 1 s',
    );
    return;
  }
  const name = process.env.BENCH_KERNEL_NAME ?? 'damon-multi-contexts';
  const first = timed(['kernel', 'build', source, '--name', name, '--json']);
  const firstResult = JSON.parse(first.stdout);
  if (!firstResult.cacheHit)
    report(
      'kernel build, first build of the tree',
      `${(first.ms / 60000).toFixed(1)} min`,
      '(reported)',
      `(${firstResult.release})`,
    );
  const hits = [];
  for (let i = 0; i < 5; i++) {
    const again = timed(['kernel', 'build', source, '--name', name, '--json']);
    if (!JSON.parse(again.stdout).cacheHit) throw new Error('the second build of an unchanged tree was no cache hit');
    hits.push(again.ms);
  }
  report(
    'kernel build of an unchanged tree (cache hit), whole command',
    `${Math.round(median(hits))} ms median`,
    '< 1 s',
    `(${firstResult.id})`,
  );
}
