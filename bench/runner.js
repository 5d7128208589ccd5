// The runner (damon-exp run, local backend, against the sysfs emulator with the stand-in perf and
// our masim): (1) its own CPU time during the recording window, as a share of the window;
// (2) from `damon-exp run` to DAMON on, and the workloads' start-up within it; (3) teardown.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function once(manifest, duration) {
  const spawned = Number(process.hrtime.bigint());
  const result = spawnSync(
    process.execPath,
    [`${ROOT}bench/runner-driver.js`, `${ROOT}experiments/${manifest}.yaml`, duration],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  const measured = JSON.parse(result.stdout.trim().split('\n').at(-1));
  if (measured.status !== 0) throw new Error(`the run failed: ${result.stdout}`);
  return { spawned, ...measured };
}

export async function run() {
  const window = once('many_contexts', '10s');
  const windowMs = (window.stages.teardown - window.stages.recording) / 1e6;
  report(
    'runner CPU during a 10 s recording (3 kdamonds, 3 workloads)',
    `${((window.cpuRecordingUs / 1000 / windowMs) * 100).toFixed(2)} % of the window`,
    '< 1 %',
    `(${(window.cpuRecordingUs / 1000).toFixed(1)} ms of CPU in ${(windowMs / 1000).toFixed(1)} s)`,
  );

  const samples = Array.from({ length: 5 }, () => once('many_contexts', '1s'));
  const toOn = samples.map((s) => (s.stages.recording - s.spawned) / 1e6);
  const workloads = samples.map((s) => (s.workloadsReadyNs - s.stages.setup) / 1e6);
  const teardown = samples.map((s) => s.timings.teardownEndedAt - s.timings.teardownStartedAt);
  report(
    'damon-exp run to DAMON on (many_contexts), wall',
    `${median(toOn).toFixed(0)} ms median`,
    '< 1 s + workload start-up',
    `(workloads mapped and populated ${median(workloads).toFixed(0)} ms after setup began; n=${samples.length})`,
  );
  report(
    'teardown (perf, 3 kdamonds, 3 workloads)',
    `${median(teardown).toFixed(0)} ms median`,
    '< 1 s',
    `(n=${samples.length})`,
  );
}
