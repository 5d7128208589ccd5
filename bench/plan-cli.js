// Start-up: `damon-exp --version` and `damon-exp plan experiments/many_contexts.yaml`, wall time of
// the whole command (Node start-up included), each against `node -e 0` measured in the same run,
// interleaved (so that a busy moment of the machine weighs on all three alike), 30 runs after 3
// warm-ups.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, percentile, report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const COMMANDS = {
  node: ['-e', '0'],
  version: [`${ROOT}bin/damon-exp.js`, '--version'],
  plan: [`${ROOT}bin/damon-exp.js`, 'plan', `${ROOT}experiments/many_contexts.yaml`],
};

function wall(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

export async function run() {
  const times = { node: [], version: [], plan: [] };
  for (let i = 0; i < 33; i++) {
    for (const [name, args] of Object.entries(COMMANDS)) {
      const ms = wall(args);
      if (i >= 3) times[name].push(ms);
    }
  }
  const node = median(times.node);
  const line = (name, label, target) =>
    report(
      label,
      `${median(times[name]).toFixed(0)} ms median, ${(median(times[name]) / node).toFixed(2)} × node -e 0 (${node.toFixed(0)} ms)`,
      target,
      `(min ${Math.min(...times[name]).toFixed(0)} ms, p90 ${percentile(times[name], 90).toFixed(0)} ms, n=${times[name].length})`,
    );
  line('version', 'damon-exp --version, wall', '< 150 ms');
  line('plan', 'plan many_contexts.yaml, wall', '< 200 ms');
}
