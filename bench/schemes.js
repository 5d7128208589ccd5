// The cost of measuring a scheme's effect: the runner's CPU time during a 10 s recording (local
// backend, sysfs emulator, stand-in perf, our masim) with two schemes, their counters sampled
// through update_schemes_stats and the workload's memory through /proc, against the same run
// without schemes; three rounds, alternating, medians.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function cpuShare(manifest) {
  const result = spawnSync(process.execPath, [`${ROOT}bench/runner-driver.js`, manifest, '10s'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  const measured = JSON.parse(result.stdout.trim().split('\n').at(-1));
  if (measured.status !== 0) throw new Error(`the run failed: ${result.stdout}`);
  const windowMs = (measured.stages.teardown - measured.stages.recording) / 1e6;
  return (measured.cpuRecordingUs / 1000 / windowMs) * 100;
}

function samplersAlone(mode) {
  const result = spawnSync(process.execPath, [`${ROOT}bench/samplers-driver.js`, mode], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

export async function run() {
  const on = [];
  const off = [];
  let samples;
  for (let round = 0; round < 3; round++) {
    const measured = samplersAlone('on');
    samples = measured;
    on.push((measured.cpuUs / 1000 / measured.wallMs) * 100);
    const idle = samplersAlone('off');
    off.push((idle.cpuUs / 1000 / idle.wallMs) * 100);
  }
  report(
    'the samplers alone: scheme stats (2 schemes) and /proc memory, every 333 ms',
    `${(median(on) - median(off)).toFixed(3)} % of one CPU`,
    '< 1 %',
    `(${samples.schemeSamples} scheme and ${samples.memorySamples} memory samples in 10 s; sysfs answered from memory, as a kernel answers in µs; medians of 3, idle process subtracted)`,
  );

  const withSchemes = [];
  const without = [];
  for (let round = 0; round < 3; round++) {
    withSchemes.push(cpuShare(`${ROOT}bench/schemes.yaml`));
    without.push(cpuShare(`${ROOT}experiments/one_target.yaml`));
  }
  const cost = median(withSchemes) - median(without);
  report(
    'the runner with schemes against without, on the sysfs emulator (2 schemes, 1 workload, 3 samples/s)',
    `${cost.toFixed(2)} % of one CPU`,
    '(reported)',
    `(runner CPU in the recording window: ${median(withSchemes).toFixed(2)} % with schemes, ${median(without).toFixed(2)} % without; medians of 3; the emulator runs in the runner's process and re-reads its tree on every access)`,
  );
}
