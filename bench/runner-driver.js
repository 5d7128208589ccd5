// Runs `damon-exp run` in this process against the sysfs emulator, as the benchmark's subject:
// prints, as JSON, its CPU time during the recording window and when each stage began
// (process.hrtime, CLOCK_MONOTONIC ns, comparable with the parent's clock).
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { main } = await import(`${ROOT}dist/cli/main.js`);
const { SysfsEmulator } = await import(`${ROOT}.bench-build/test/helpers/sysfs-emulator.js`);
const { emulatedSysfs } = await import(`${ROOT}.bench-build/test/helpers/async-sysfs.js`);
const { Progress } = await import(`${ROOT}dist/cli/progress.js`);

const [manifest, duration] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'damon-exp-bench-run-'));
const emulator = new SysfsEmulator(join(dir, 'admin'), { kernel: 'upstream' });
mkdirSync(join(dir, 'tracing/events/damon/damon_aggregated'), { recursive: true });

const stages = {};
let cpuAtRecording;
let cpuAtTeardown;
const original = Progress.prototype.stage;
Progress.prototype.stage = function (stage, detail) {
  stages[stage] = Number(process.hrtime.bigint());
  if (stage === 'recording') cpuAtRecording = process.cpuUsage();
  if (stage === 'teardown') cpuAtTeardown = process.cpuUsage(cpuAtRecording);
  return original.call(this, stage, detail);
};

const quiet = { out: () => {}, err: () => {}, color: false };
const status = await main(
  [
    'run',
    manifest,
    '--set',
    `duration=${duration}`,
    '--sysfs-root',
    emulator.root,
    '--tracefs',
    join(dir, 'tracing'),
    '--perf',
    `${ROOT}test/fixtures/bin/perf`,
    '--out',
    join(dir, 'results'),
  ],
  quiet,
  {
    sysfsFor: () => emulatedSysfs(emulator),
    env: { ...process.env, MASIM: `${ROOT}native/masim/masim` },
    lockPath: join(dir, 'lock'),
    signals: new EventEmitter(),
  },
);
const name = readFileSync(manifest, 'utf8').match(/^name: (.*)$/m)[1];
const runDir = join(dir, 'results', name, `duration-${duration}`);
const runStatus = JSON.parse(readFileSync(join(runDir, 'status.json'), 'utf8'));
const firstRegions = Math.min(
  ...runStatus.processes
    .filter((p) => p.ref.startsWith('w'))
    .map((p) => JSON.parse(readFileSync(join(runDir, 'logs', `${p.ref}.phase.jsonl`), 'utf8').split('\n')[0]).t_ns),
);
console.log(
  JSON.stringify({
    status,
    stages,
    cpuRecordingUs: cpuAtTeardown.user + cpuAtTeardown.system,
    timings: runStatus.timings,
    workloadsReadyNs: firstRegions,
  }),
);
