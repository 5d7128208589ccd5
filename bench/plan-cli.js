// `damon-exp plan experiments/many_contexts.yaml`, wall time of the whole command (Node start-up
// included), over 30 runs after 3 warm-ups.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, percentile, report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function run() {
  const times = [];
  for (let i = 0; i < 33; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(
      process.execPath,
      [`${ROOT}bin/damon-exp.js`, 'plan', `${ROOT}experiments/many_contexts.yaml`],
      { encoding: 'utf8' },
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`plan failed: ${result.stderr}`);
    if (i >= 3) times.push(ms);
  }
  report(
    'plan many_contexts.yaml, wall',
    `${median(times).toFixed(0)} ms median`,
    '< 300 ms',
    `(min ${Math.min(...times).toFixed(0)} ms, p90 ${percentile(times, 90).toFixed(0)} ms, n=${times.length})`,
  );
}
