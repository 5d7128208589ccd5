// What a run directory holds, named once: its files, the status format, how earlier and later
// attempts kept beside a result are named, and how its JSON files are read. Everything that
// reads or writes a run directory (the backends, the guest, analysis, report, sweeps) goes
// through here and through RunDirectory (run-directory.ts).
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DamonExpError, shorten } from '../util/errors.js';
import { InputFileError, MAX_RUN_FILE_BYTES, readInputFile } from '../util/input-file.js';
import { TRACE_DATA, TRACE_SCRIPT } from '../plan/plan.js';
import { writeWhole } from '../util/write-whole.js';
import { FILE_SHAPES } from './file-shapes.js';

export const RUN_FILES = {
  run: 'run.json',
  plan: 'plan.json',
  planSh: 'plan.sh',
  env: 'env.json',
  status: 'status.json',
  kdamondCpu: 'kdamond-cpu.json',
  /** Each workload's RSS and swap over time (record/memory.ts). */
  memory: 'memory.json',
  /** The DAMOS schemes' counters over time (record/scheme-stats.ts), for runs with schemes. */
  schemeStats: 'scheme-stats.json',
  /** The plan names the trace files: its steps write them. */
  traceData: TRACE_DATA,
  traceScript: TRACE_SCRIPT,
  analysis: 'analysis.json',
  /** The heatmap grids of the analysis (analysis/stored.ts). */
  heatmaps: 'heatmaps.bin.gz',
  report: 'report.html',
} as const;

export type RunFileName = (typeof RUN_FILES)[keyof typeof RUN_FILES];

export const LOGS_DIR = 'logs';
export const WORKLOADS_DIR = 'workloads';
/**
 * The qemu backend's exchange with its guest (the guest's script, its exit status, a stop request);
 * removed when the run ends.
 */
export const VM_DIR = 'vm';

export type RunState = 'running' | 'complete' | 'failed' | 'interrupted';

export interface ProcessStatus {
  ref: string;
  program: string;
  args: string[];
  pid: number | null;
  exitCode: number | null;
  signal: string | null;
  endedOnItsOwn: boolean | null;
  /** From its start to its end on its own (a command workload's wall time); null when it was stopped or still ran. */
  wallMs?: number | null;
  /** CLOCK_MONOTONIC (ns) when it ended (absent in older runs, and for one that still ran). */
  endedNs?: number;
}

/** How a QEMU run's VM went (status.json of the qemu backend). */
export interface VmStatus {
  kernel: string;
  image: string;
  /** How QEMU entered the kernel (absent in runs from before PVH boot: the bzImage). */
  entry?: 'pvh' | 'bzImage';
  accel: string;
  tcgThreads: 'multi' | 'single' | null;
  bootMs: number | null;
  wallMs: number;
  retries: string[];
  exitStatus: number | null;
  failure: { kind: string; message: string } | null;
}

export interface RunStatus {
  format: 'damon-exp.status/1';
  state: RunState;
  runId: string;
  backend: 'local' | 'qemu';
  startedAt: string;
  endedAt?: string;
  /** Milliseconds from the start of the execution; checksMs: from the start of the run to its first sysfs write. */
  timings: {
    checksMs?: number;
    onAt?: number;
    recordingEndedAt?: number;
    teardownStartedAt?: number;
    teardownEndedAt?: number;
    finalizedAt?: number;
  };
  /**
   * CLOCK_MONOTONIC (ns; the trace's, the phase logs' and the samplers' clock): DAMON on, and the
   * measurement's window (from the workloads ready to the end of the recording). Absent in runs
   * recorded before it was kept.
   */
  clock?: { onNs?: number; measureStartNs?: number; measureEndNs?: number };
  /** Whether the run's own data vouch for its numbers (analysis.json's validity), once analysed. */
  validity?: StatusValidity;
  kdamondPids: Record<number, number>;
  processes: ProcessStatus[];
  errors: string[];
  warnings: string[];
  vm?: VmStatus;
  /** Set when the result could not be moved to its place: where it is instead. */
  location?: string;
  /** The Slurm array task that ran it (the Slurm executor), and how Slurm says it ended. */
  slurm?: SlurmTaskStatus;
}

export interface StatusValidity {
  verdict: 'ok' | 'suspect';
  /** Why, in plain words (the first suspect problem); null when ok. */
  headline: string | null;
  /** The codes of the problems that make it suspect (analysis.json has each problem's sentence and numbers). */
  problems: string[];
}

export interface SlurmTaskStatus {
  jobId: string;
  taskId: number;
  node: string | null;
  /** Slurm's end state (COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, NODE_FAIL, …), once known. */
  state?: string;
  exitCode?: string | null;
}

export function newStatus(runId: string, backend: RunStatus['backend'], state: RunState = 'running'): RunStatus {
  return {
    format: 'damon-exp.status/1',
    state,
    runId,
    backend,
    startedAt: new Date().toISOString(),
    timings: {},
    kdamondPids: {},
    processes: [],
    errors: [],
    warnings: [],
  };
}

/**
 * Adds warnings to the status.json of a run already in its place (what its analysis found, such
 * as a trace without a DAMON event), written whole or not at all.
 */
export async function addStatusWarnings(dir: string, warnings: string[]): Promise<void> {
  await updateStatus(dir, (status) => {
    const added = warnings.filter((w) => !status.warnings.includes(w));
    if (!added.length) return false;
    status.warnings = [...status.warnings, ...added];
    return true;
  });
}

/** Puts the run's validity (its analysis's verdict and the codes of what makes it suspect) into its status.json. */
export async function recordValidity(
  dir: string,
  validity: Pick<StatusValidity, 'verdict' | 'headline'> & { problems: { code: string; severity: string }[] },
): Promise<void> {
  const recorded: StatusValidity = {
    verdict: validity.verdict,
    headline: validity.headline,
    problems: [...new Set(validity.problems.filter((p) => p.severity === 'suspect').map((p) => p.code))],
  };
  await updateStatus(dir, (status) => {
    if (JSON.stringify(status.validity) === JSON.stringify(recorded)) return false;
    status.validity = recorded;
    return true;
  });
}

/**
 * Changes the status.json of a run in its place (`change` returns false for no change), written
 * whole or not at all.
 */
export async function updateStatus(dir: string, change: (status: RunStatus) => boolean): Promise<void> {
  const status = readRunJson<RunStatus>(dir, RUN_FILES.status);
  if (!status || !change(status)) return;
  await writeWhole(join(dir, RUN_FILES.status), `${JSON.stringify(status, null, 2)}\n`);
}

/** A file of ours that cannot be read back (truncated by a crash, edited by hand, not JSON). */
export class CorruptFileError extends DamonExpError {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path} is corrupt: ${shorten(detail, 160)}`, remedy(path));
  }
}

/**
 * What makes a damaged file again: the analysis and the report are made from the run's files, the
 * rest only by running it.
 */
function remedy(path: string): string {
  const made = [RUN_FILES.analysis, RUN_FILES.report].some((name) => path.endsWith(`/${name}`));
  return made
    ? `damon-exp report ${path.slice(0, path.lastIndexOf('/'))} makes it again from the run's files`
    : 'it may have been cut short by a crash or a full disk; run the experiment again (--resume re-runs it)';
}

/**
 * A JSON file of a run directory: null when it is not there, CorruptFileError when it is there
 * but unreadable (not JSON, not a regular file, absurdly large).
 */
export function readRunJson<T>(dir: string, name: RunFileName): T | null {
  const path = join(dir, name);
  let text: string;
  try {
    text = readInputFile(path, name, MAX_RUN_FILE_BYTES);
  } catch (error) {
    if (error instanceof InputFileError && error.errno === 'ENOENT') return null;
    // Not ours to call corrupt: a file that cannot be read (permissions, a failing disk) says why itself.
    if (error instanceof InputFileError && error.code !== 'unreadable') throw new CorruptFileError(path, error.message);
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new CorruptFileError(path, (error as Error).message);
  }
}

/** Like readRunJson, but a corrupt or unreadable file is told in `problems` and read as absent. */
export function readRunJsonOrNote<T>(dir: string, name: RunFileName, problems: string[]): T | null {
  try {
    return readRunJson<T>(dir, name);
  } catch (error) {
    if (!(error instanceof CorruptFileError || error instanceof InputFileError)) throw error;
    problems.push(error.message);
    return null;
  }
}

/**
 * What is wrong with a run directory file's content against the form its readers rely on
 * (record/file-shapes.ts), or null.
 */
export function shapeProblem(name: RunFileName, value: unknown): string | null {
  const shape = FILE_SHAPES[name];
  if (!shape) return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'not an object';
  const problem = shape(value, '');
  if (problem) return problem;
  if (name === RUN_FILES.kdamondCpu && !((value as { clockTicksPerSecond: number }).clockTicksPerSecond > 0))
    return 'clockTicksPerSecond is not above 0';
  return null;
}

/**
 * A JSON file of the run directory when it is there and of the form expected; else null, with the
 * problem noted ("FILE is corrupt: targets[0].heatmap.address[0] is null, not a number").
 */
export function readRunFile<T>(dir: string, name: RunFileName, problems: string[]): T | null {
  const value = readRunJsonOrNote<unknown>(dir, name, problems);
  if (value === null) return null;
  const problem = shapeProblem(name, value);
  if (problem) {
    problems.push(`${join(dir, name)} is corrupt: ${shorten(problem, 200)}: left out`);
    return null;
  }
  return value as T;
}

/** How an earlier result is named when a new one takes its place: `<id>.before-<time>`. */
const BEFORE = '.before-';
/**
 * How a new attempt that did not complete is named when a complete result keeps its place:
 * `<id>.attempt-<time>-<state>`.
 */
const ATTEMPT = '.attempt-';
const PARTIAL = '.partial-';

export function timeStamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
}

export function beforeName(id: string, stamp = timeStamp()): string {
  return `${id}${BEFORE}${stamp}`;
}

export function abandonedName(id: string, pid: number): string {
  return `${id}${BEFORE}abandoned-${pid}`;
}

export function attemptName(id: string, state: RunState, stamp = timeStamp()): string {
  return `${id}${ATTEMPT}${stamp}-${state}`;
}

/** The hidden directory a runner writes a run into before it moves it to its place. */
export function partialName(id: string, pid = process.pid): string {
  return `.${id}${PARTIAL}${pid}`;
}

/** Where the result of run `id` of the sweep `sweep` (the manifest's name) goes: results/<sweep>/<id>. */
export function runPlace(resultsRoot: string, sweep: string, id: string): string {
  return join(resultsRoot, sweep, id);
}

/** The lock file of run `id` in its sweep directory (run-directory.ts: lockRuns). */
export function runLockName(id: string): string {
  return `.${id}.lock`;
}

/** Whether `name` is an attempt of run `id` kept beside its complete result. */
export function isAttemptOf(name: string, id: string): boolean {
  return name.startsWith(`${id}${ATTEMPT}`);
}

/** The run and the runner of a partial directory's name (`.<id>.partial-<pid>`), or null when it is not one. */
export function partialRun(name: string): { id: string; pid: number } | null {
  const at = name.lastIndexOf(PARTIAL);
  if (!name.startsWith('.') || at < 2) return null;
  const id = name.slice(1, at);
  const pid = isRunId(id) ? partialOwner(name, id) : null;
  return pid === null ? null : { id, pid };
}

/** The pid of the runner that wrote a partial directory of `id`, or null when `name` is not one. */
export function partialOwner(name: string, id: string): number | null {
  const prefix = `.${id}${PARTIAL}`;
  return name.startsWith(prefix) && /^[0-9]+$/.test(name.slice(prefix.length))
    ? Number(name.slice(prefix.length))
    : null;
}

/**
 * A run id as damon-exp makes them (manifest/run-id.ts: letters, digits, '.', '_', '+', '-', not
 * starting with '.'): one path component inside its sweep directory. An id read back from a file
 * (a Slurm job record) is taken only when it is one.
 */
export function isRunId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= 200 && /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/.test(id);
}

/** A manifest's name as the schema allows it: the sweep directory's name. */
export function isManifestName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= 64 && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name);
}

/** A result in its place, not one kept aside (before-, attempt-) nor being written (hidden). */
export function isRunDirectoryName(name: string): boolean {
  return !name.startsWith('.') && !name.includes(BEFORE) && !name.includes(ATTEMPT);
}

/** The directory of a sweep that holds its Slurm jobs (scripts, records, task output): not a run. */
export const SLURM_DIR = 'slurm';

/** The run directories of a sweep directory, by name. */
export async function listRunDirectories(sweepDir: string): Promise<string[]> {
  const entries = await readdir(sweepDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && isRunDirectoryName(e.name))
    .filter((e) => e.name !== SLURM_DIR || existsSync(join(sweepDir, e.name, RUN_FILES.run)))
    .map((e) => e.name);
}
