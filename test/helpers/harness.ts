// A DAMON host for runner tests: the sysfs emulator, a tracefs with DAMON's events, the stand-in
// perf, our native masim, and a results directory, all in a fresh temporary directory.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventEmitter } from 'node:events';
import type { LocalOptions } from '../../src/backends/local.js';
import { main } from '../../src/cli/main.js';
import type { Deps } from '../../src/cli/command.js';
import { captureOutput } from './capture.js';
import { loadExperiment } from '../../src/manifest/load.js';
import type { Run } from '../../src/manifest/run.js';
import { emulatedSysfs } from './async-sysfs.js';
import { SysfsEmulator, type EmulatorOptions } from './sysfs-emulator.js';

export const FAKE_PERF = fileURLToPath(new URL('../fixtures/bin/perf', import.meta.url));
export const NATIVE_MASIM = fileURLToPath(new URL('../../native/masim/masim', import.meta.url));
export const EXPERIMENTS = fileURLToPath(new URL('../../experiments/', import.meta.url));

export interface Host {
  dir: string;
  emulator: SysfsEmulator;
  options: LocalOptions;
}

export function fakeHost(emulatorOptions: Partial<EmulatorOptions> = {}, env: NodeJS.ProcessEnv = {}): Host {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-host-'));
  const emulator = new SysfsEmulator(join(dir, 'admin'), { kernel: 'upstream', ...emulatorOptions });
  for (const event of ['damon_aggregated', 'damos_before_apply'])
    mkdirSync(join(dir, 'tracing/events/damon', event), { recursive: true });
  // The emulator's kdamond threads (pids from 40000) in a /proc of their own, with CPU times.
  for (let pid = 40_000; pid < 40_016; pid++) {
    mkdirSync(join(dir, 'proc', String(pid)), { recursive: true });
    writeFileSync(
      join(dir, 'proc', String(pid), 'stat'),
      `${pid} (kdamond.${pid - 40_000}) S 2 0 0 0 -1 2129984 0 0 0 0 ${pid - 39_990} 7 0 0 20 0 1 0 4242 0 0\n`,
    );
  }
  return {
    dir,
    emulator,
    options: {
      resultsRoot: join(dir, 'results'),
      sysfs: emulatedSysfs(emulator),
      tracefsRoot: join(dir, 'tracing'),
      perf: FAKE_PERF,
      lockPath: join(dir, 'damon-exp.lock'),
      // The stand-in perf reads the emulator's kdamonds as it stops, to write a trace of them.
      env: { ...process.env, MASIM: NATIVE_MASIM, FAKE_PERF: '', FAKE_PERF_DAMON: emulator.root, ...env },
      cpuIntervalMs: 100,
      procRoot: join(dir, 'proc'),
    },
  };
}

/** `damon-exp run ARGV` in-process against the host (the emulator behind --sysfs-root). */
export async function runCli(
  host: Host,
  argv: string[],
  signals = new EventEmitter(),
  deps: Partial<Deps> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { output, result } = captureOutput();
  const status = await main(
    [
      'run',
      ...argv,
      '--sysfs-root',
      host.emulator.root,
      '--tracefs',
      host.options.tracefsRoot!,
      '--perf',
      FAKE_PERF,
      ...(argv.includes('--out') ? [] : ['--out', host.options.resultsRoot]),
    ],
    output,
    {
      sysfsFor: () => emulatedSysfs(host.emulator),
      env: host.options.env,
      lockPath: host.options.lockPath,
      signals,
      ...deps,
    },
  );
  return { status, ...result() };
}

export function shortRun(name: string, duration = '1s', sets: string[] = []): Run {
  const runs = loadExperiment(join(EXPERIMENTS, `${name}.yaml`), { sets: [`duration=${duration}`, ...sets] }).runs;
  return runs[0]!;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
