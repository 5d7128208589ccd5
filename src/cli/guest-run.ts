import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readInputFile, readPart } from '../util/input-file.js';
import type { Run } from '../manifest/run.js';
import { defineCommand } from './command.js';
import { UsageError } from './output.js';
import { executeRuns } from './execute-runs.js';
import { DAMON_ADMIN_ROOT } from '../damon-sysfs/sysfs.js';
import type { EarlyPerfVersion } from '../record/perf.js';

/** How often the guest looks for the host's request to stop (a stat over 9p). */
const STOP_POLL_MS = 250;

export const guestRunCommand = defineCommand({
  name: 'guest-run',
  usage: 'damon-exp guest-run RUN.json [--out DIR | --run-dir DIR] [--stop-file FILE]',
  help: `Runs one resolved run (a run.json, as damon-exp run writes it) on this host's DAMON with the
local backend. The qemu backend runs this inside its guest; it is also a way to re-run a stored
run exactly.

--run-dir writes the run into DIR as it is (the qemu backend's guest writes into the run
directory its host made, over the VM's share). --stop-file FILE: when FILE appears, the run is
stopped as if by the signal FILE names (its content; SIGTERM when it names none), torn down and
its data written: the qemu backend asks its guest to stop so.

Examples:
  sudo damon-exp guest-run results/one_target/run/run.json --out /tmp/rerun`,
  options: {
    out: {
      type: 'string',
      default: 'results',
      value: 'DIR',
      description: 'the results directory: the run goes to DIR/<manifest name>/<run id>',
    },
    'run-dir': {
      type: 'string',
      value: 'DIR',
      description: "write the run into DIR as it is (what the qemu backend's guest does)",
    },
    'stop-file': {
      type: 'string',
      value: 'FILE',
      description: 'stop, tear down and write the data when FILE appears (it may name the signal)',
    },
    'tlb-refresh-file': {
      type: 'string',
      value: 'FILE',
      description: 'when FILE exists, run the TLB refresher every (its content) µs while measuring',
      internal: true,
    },
    'no-perf-probe': {
      type: 'boolean',
      description: 'skip the short perf recording that checks perf before the run',
      internal: true,
    },
    'perf-version-early': {
      type: 'string',
      value: 'PREFIX',
      description: "read perf's version from PREFIX.out once PREFIX.status says 0 (the guest's script starts it early)",
      internal: true,
    },
    'no-convert': {
      type: 'boolean',
      description: 'leave masim.data for the host to convert (perf script under TCG takes seconds)',
      internal: true,
    },
    json: { type: 'boolean', description: "print the run's result as JSON" },
  },
  async run({ values, positionals }, output, deps) {
    if (positionals.length !== 1) throw new UsageError('name one run.json', 'guest-run');
    let run: Run;
    try {
      run = JSON.parse(readInputFile(positionals[0]!, 'a run.json', 64 << 20)) as Run;
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new UsageError(`${positionals[0]} is not a damon-exp run.json (${error.message})`, 'guest-run');
      throw error;
    }
    if (run?.format !== 'damon-exp.run/1')
      throw new UsageError(`${positionals[0]} is not a damon-exp run.json`, 'guest-run');
    const signals = deps.signals ?? new EventEmitter();
    const stopFile = values['stop-file'] === undefined ? null : values['stop-file'];
    const poll = stopFile
      ? setInterval(() => stopWhenAsked(stopFile, signals) && clearInterval(poll), STOP_POLL_MS)
      : undefined;
    if (!deps.signals)
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => signals.emit(signal));
    try {
      if (stopFile && stopWhenAsked(stopFile, signals)) clearInterval(poll);
      return await executeRuns(
        [run],
        {
          schedule: {
            resultsRoot: resolve(values.out),
            runDir: values['run-dir'] === undefined ? undefined : resolve(values['run-dir']),
            backend: 'local',
            jobs: 1,
            failFast: false,
            force: false,
            resume: false,
          },
          json: values.json === true,
          plainProgress: true,
          local: {
            sysfsRoot: DAMON_ADMIN_ROOT,
            ...(deps.sysfsFor ? { sysfs: deps.sysfsFor(DAMON_ADMIN_ROOT) } : {}),
            tracefsRoot: '/sys/kernel/tracing',
            env: deps.env ?? process.env,
            ...(deps.lockPath ? { lockPath: deps.lockPath } : {}),
            ...(values['no-perf-probe'] ? { probePerf: false } : {}),
            ...earlyPerfVersion(values['perf-version-early']),
            ...(values['no-convert'] ? { convertTrace: false } : {}),
            ...(values['run-dir'] ? { statusBackend: 'qemu' as const } : {}),
            ...tlbRefreshOption(values['tlb-refresh-file']),
          },
          qemu: {},
          signals,
        },
        output,
      );
    } finally {
      clearInterval(poll);
    }
  },
});

/** Whether the host asked to stop (then the run is told, as by a signal). */
function stopWhenAsked(stopFile: string, signals: EventEmitter): boolean {
  if (!existsSync(stopFile)) return false;
  let reason = '';
  try {
    reason = readPart(stopFile, 64, 'head')?.trim() ?? '';
  } catch {
    // asked all the same
  }
  signals.emit(['SIGINT', 'SIGTERM', 'SIGHUP'].includes(reason) ? reason : 'SIGTERM');
  return true;
}

function earlyPerfVersion(prefix: string | undefined): { perfVersionStartedEarly?: EarlyPerfVersion } {
  return prefix === undefined
    ? {}
    : { perfVersionStartedEarly: { output: `${prefix}.out`, status: `${prefix}.status` } };
}

/**
 * The qemu backend writes the TLB refresher's interval (µs) into a file of the share when its VM
 * runs under TCG (record/tlb-refresh.ts), and no file under KVM.
 */
function tlbRefreshOption(file: string | undefined): { tlbRefreshUs?: number } {
  if (file === undefined || !existsSync(file)) return {};
  const text = readInputFile(file, 'the TLB refresher interval', 64).trim();
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`${file} does not hold an interval in µs: '${text}'`, 'guest-run');
  return { tlbRefreshUs: Number(text) };
}
