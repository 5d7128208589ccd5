// experiments/proactive_reclaim.yaml in QEMU (12 runs of 20 s, about 9 minutes under TCG), then
// what `damon-exp compare` says of it: the memory each pageout scheme saves and the slowdown it
// costs against no scheme, DAMON's own cost against monitoring off, and kdamond CPU.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${ROOT}bin/damon-exp.js`;

function damonExp(args) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`damon-exp ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const MiB = 2 ** 20;
/** A 95 % interval as compare gives it, [low, high]; nothing below three repetitions a side. */
const ci = (low, high, scale = 1, digits = 1) =>
  low === null || high === null ? '' : ` [${(low / scale).toFixed(digits)}, ${(high / scale).toFixed(digits)}]`;

export async function run() {
  const out = mkdtempSync(join(tmpdir(), 'damon-exp-bench-reclaim-'));
  const started = performance.now();
  damonExp(['run', `${ROOT}experiments/proactive_reclaim.yaml`, '--backend', 'qemu', '--out', out]);
  const minutes = (performance.now() - started) / 60_000;
  const sweep = join(out, 'proactive_reclaim');
  const rows = JSON.parse(damonExp(['index', sweep, '--json']));
  const suspect = rows.filter((r) => r.validity === 'suspect');
  report(
    'proactive_reclaim under TCG: runs whose own data vouch for them',
    `${rows.length - suspect.length} of ${rows.length} valid`,
    '(reported)',
    suspect.length ? `(suspect: ${suspect.map((r) => r.id).join(', ')}; left out of what follows)` : '',
  );
  const schemes = JSON.parse(
    damonExp(['compare', sweep, '--axis', 'schemes', '--baseline', 'none', '--where', 'monitoring=on', '--json']),
  );
  for (const t of schemes.tradeoffs) {
    const change = schemes.changes.find((c) => c.value === t.value);
    const cpu = change.metrics.find((m) => m.metric === 'kdamond_cpu');
    report(
      `proactive_reclaim under TCG: ${t.value} against no scheme`,
      `memory saved ${(t.memorySaved.bytes / MiB).toFixed(1)}${ci(t.memorySaved.bytesLow95, t.memorySaved.bytesHigh95, MiB)} MiB (${t.memorySaved.percent.toFixed(1)}${ci(t.memorySaved.percentLow95, t.memorySaved.percentHigh95)} %; ${t.memorySaved.mibSeconds?.toFixed(0) ?? '?'} MiB·s over the window), slowdown ${t.slowdown.percent.toFixed(1)}${ci(t.slowdown.percentLow95, t.slowdown.percentHigh95)} %`,
      '(reported)',
      `(kdamond CPU ${cpu.baseline.mean.toFixed(2)} % → ${cpu.value.mean.toFixed(2)} % of one CPU; n=${cpu.baseline.n} and ${cpu.value.n}: a 95 % interval from 3)`,
    );
  }
  const overhead = JSON.parse(
    damonExp(['compare', sweep, '--axis', 'monitoring', '--baseline', 'off', '--where', 'schemes=none', '--json']),
  );
  const on = overhead.tradeoffs[0];
  report(
    'proactive_reclaim under TCG: DAMON monitoring (no scheme) against monitoring off',
    `slowdown ${on.slowdown.percent.toFixed(1)}${ci(on.slowdown.percentLow95, on.slowdown.percentHigh95)} %`,
    '(reported)',
    `(the sweep took ${minutes.toFixed(1)} min; results in ${sweep})`,
  );
}
