// The run directory, results/<manifest name>/<run id>/, and its crash consistency. A run is written
// into a hidden directory beside its place (.<id>.partial-<pid>) that holds run.json, status.json
// (and plan.json once there is a plan) from the moment it exists, and moved into place when the
// run ends. Nothing complete is ever lost:
// - an existing result is never overwritten: --force keeps it beside a new one that completes
//   (<id>.before-<time>); a new attempt that does not complete goes beside a complete result
//   instead (<id>.attempt-<time>-<state>), which keeps its place;
// - a runner killed outright leaves its partial directory, which the next run of the id keeps
//   visibly (<id>.before-abandoned-<pid>);
// - a full disk cannot stop status.json from being written: a reserve of space is kept in the
//   directory and given up for it; and when moving into place fails, the run stays where it is
//   and its status.json says so.
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DamonExpError, errnoOf, fileError, isOsError } from '../util/errors.js';
import { acquireLock } from '../util/lock.js';
import { processAlive } from '../util/process-alive.js';
import { writeWhole } from '../util/write-whole.js';
import { whatChanged } from '../manifest/run-identity.js';
import {
  abandonedName,
  attemptName,
  beforeName,
  CorruptFileError,
  LOGS_DIR,
  newStatus,
  partialName,
  partialOwner,
  readRunJson,
  RUN_FILES,
  runLockName,
  shapeProblem,
  WORKLOADS_DIR,
  type RunState,
  type RunStatus,
  runPlace,
} from './run-files.js';
import { makeDirs } from '../util/make-dirs.js';

/** Where files go; replaceable in tests (a full disk). */
export interface ResultFs {
  writeFile(path: string, data: string | Buffer): Promise<void>;
}

export const nodeResultFs: ResultFs = {
  writeFile: (path, data) => writeFile(path, data),
};

/** Kept in every run directory while it is written, and given up to write status.json on a full disk. */
const SPACE_RESERVE = '.space-reserve';
const SPACE_RESERVE_BYTES = 256 << 10;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export class ExistingResultError extends DamonExpError {}

export interface Existing {
  state: RunState | 'unknown' | 'corrupt';
  /** Its run.json records the run of the same identity (manifest/run-identity.ts). */
  sameRun: boolean;
  /** What changed since, in a few words, when its run.json records another run. */
  changed: string | null;
}

/** --resume skips a run whose place holds a complete result of the same run; every other run runs. */
export function resumeSkips(found: Existing | null, resume: boolean | undefined): boolean {
  return Boolean(found && resume && found.state === 'complete' && found.sameRun);
}

/** What the place of a run holds already, if anything, against `now` (the run resolved now). */
function existing(final: string, now: unknown): Existing | null {
  if (!existsSync(final)) return null;
  if (!statSync(final).isDirectory()) return { state: 'unknown', sameRun: false, changed: null };
  const corrupt = { state: 'corrupt', sameRun: false, changed: null } as const;
  let status: RunStatus | null;
  let run: unknown;
  try {
    status = readRunJson<RunStatus>(final, RUN_FILES.status);
    run = readRunJson(final, RUN_FILES.run);
  } catch (error) {
    if (error instanceof CorruptFileError) return corrupt;
    throw error;
  }
  // Parsed, but not of their form (a hand edit): corrupt as well.
  if ((status !== null && shapeProblem(RUN_FILES.status, status)) || (run !== null && shapeProblem(RUN_FILES.run, run)))
    return corrupt;
  const changed = run === null ? null : whatChanged(run, now);
  return { state: status?.state ?? 'unknown', sameRun: run !== null && changed === null, changed };
}

/** What a run's place under resultsRoot holds already, if anything (for --dry-run and sweeps). */
export async function inspectExisting(
  resultsRoot: string,
  run: { id: string; manifest: { name: string } },
): Promise<Existing | null> {
  return existing(runPlace(resultsRoot, run.manifest.name, run.id), run);
}

/**
 * A runner killed outright (SIGKILL, a lost machine) leaves its partial directory behind. The next
 * run of the id keeps it, visibly, as `<id>.before-abandoned-<pid>` (what it holds may still be
 * wanted); a partial directory whose runner is alive is another runner's, and left alone.
 */
async function setAsideAbandoned(final: string, runId: string): Promise<void> {
  const names = await readdir(dirname(final)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = partialOwner(name, runId);
    if (pid === null || pid === process.pid || processAlive(pid)) continue;
    const aside = await freeName(join(dirname(final), abandonedName(runId, pid)));
    await rename(join(dirname(final), name), aside).catch(() => undefined);
  }
}

async function freeName(path: string): Promise<string> {
  let candidate = path;
  for (let n = 2; await exists(candidate); n++) candidate = `${path}-${n}`;
  return candidate;
}

/**
 * Creates `path` and its parents one level at a time, so that a failure names the real cause (a
 * recursive mkdir on a read-only mount says ENOENT, not EROFS).
 */
export async function makeDirectories(path: string): Promise<void> {
  const parent = dirname(path);
  if (parent !== path && !(await exists(parent))) await makeDirectories(parent);
  try {
    await mkdir(path);
  } catch (error) {
    if (!isOsError(error) || error.code !== 'EEXIST') throw error;
    if (!(await stat(path)).isDirectory())
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), {
        code: 'ENOTDIR',
        syscall: 'mkdir',
        path,
      });
  }
}

export interface OpenOptions {
  force?: boolean;
  resume?: boolean;
  fs?: ResultFs;
  /** The status it starts with (backend, state running). */
  status: RunStatus;
  /** plan.json's text, when the plan is known before the directory exists. */
  planJson?: string;
}

/** Where a run ended up, and whether that is its place. */
export interface ClosedRun {
  dir: string;
  /** Why the run is not in its place (its status.json says so too). */
  notPlaced?: string;
}

export class RunDirectory {
  private closed = false;

  private constructor(
    /** Its place: results/<name>/<id>. */
    readonly final: string,
    /** Where it is written; its place once closed (see close()). */
    readonly tmp: string,
    private readonly fs: ResultFs,
    private readonly movable: boolean,
    private status: RunStatus,
  ) {}

  /**
   * Prepares the directory of a run, or returns null when --resume finds it complete already.
   * `runJson` is the run.json text: a result is "the same run" when it records a run of the same
   * identity (manifest/run-identity.ts). When this returns, run.json and status.json (and plan.json, when given) are
   * in the directory; if they cannot be written, nothing is left behind.
   */
  static async open(
    resultsRoot: string,
    manifestName: string,
    runId: string,
    runJson: string,
    options: OpenOptions,
  ): Promise<RunDirectory | null> {
    const final = runPlace(resultsRoot, manifestName, runId);
    const found = existing(final, JSON.parse(runJson) as unknown);
    if (resumeSkips(found, options.resume)) return null;
    if (found && !options.force && !options.resume) {
      throw new ExistingResultError(
        `${final} already holds a result (${found.state})`,
        '--force keeps it beside a new one; --resume skips complete results of the same run',
      );
    }
    await makeDirectories(dirname(final));
    await setAsideAbandoned(final, runId);
    const tmp = join(dirname(final), partialName(runId));
    await mkdir(tmp);
    const dir = new RunDirectory(final, tmp, options.fs ?? nodeResultFs, true, options.status);
    try {
      await dir.prepare(runJson, options.planJson);
    } catch (error) {
      await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
    return dir;
  }

  /**
   * Writes into a directory someone else made and will move (the qemu backend's guest writes into
   * the run directory its host opened): nothing is moved when it closes.
   */
  static async adopt(
    path: string,
    status: RunStatus,
    options: { fs?: ResultFs; planJson?: string; runJson?: string } = {},
  ): Promise<RunDirectory> {
    const dir = new RunDirectory(path, path, options.fs ?? nodeResultFs, false, status);
    await dir.prepare(options.runJson, options.planJson);
    return dir;
  }

  private async prepare(runJson: string | undefined, planJson: string | undefined): Promise<void> {
    makeDirs(join(this.tmp, LOGS_DIR));
    makeDirs(join(this.tmp, WORKLOADS_DIR));
    if (!(await exists(join(this.tmp, SPACE_RESERVE))))
      await this.fs.writeFile(join(this.tmp, SPACE_RESERVE), Buffer.alloc(SPACE_RESERVE_BYTES));
    if (runJson !== undefined) await this.writeWhole(RUN_FILES.run, runJson);
    if (planJson !== undefined) await this.writeWhole(RUN_FILES.plan, planJson);
    await this.writeStatus(this.status);
  }

  path(relative: string): string {
    return join(this.tmp, relative);
  }

  async write(relative: string, data: string | Buffer): Promise<void> {
    await this.fs.writeFile(this.path(relative), data);
  }

  /** Written whole or not at all: a full disk cannot leave half a file. */
  async writeWhole(relative: string, data: string | Buffer): Promise<void> {
    await writeWhole(this.path(relative), data, (path, bytes) => this.fs.writeFile(path, bytes));
  }

  async writeJson(relative: string, data: unknown): Promise<void> {
    await this.writeWhole(relative, `${JSON.stringify(data, null, 2)}\n`);
  }

  /** status.json, written even on a full disk: the space kept in reserve is given up for it. */
  async writeStatus(status: RunStatus): Promise<void> {
    this.status = status;
    try {
      await this.writeJson(RUN_FILES.status, status);
    } catch (error) {
      if (!['ENOSPC', 'EDQUOT'].includes(errnoOf(error) ?? '')) throw error;
      if (!(await this.releaseReserve())) throw error;
      await this.writeJson(RUN_FILES.status, status);
    }
  }

  private async releaseReserve(): Promise<boolean> {
    return unlink(this.path(SPACE_RESERVE)).then(
      () => true,
      () => false,
    );
  }

  /**
   * Moves the run into place and returns where it went. A complete run takes the place (an
   * earlier result there goes aside as <id>.before-<time>); one that did not complete takes it
   * only from another that did not either: beside a complete result it goes aside as
   * <id>.attempt-<time>-<state>. When moving fails, the run stays where it is, and its
   * status.json says where and why.
   */
  async close(): Promise<ClosedRun> {
    if (this.closed) throw new Error('run directory closed twice');
    this.closed = true;
    if (!this.movable) return { dir: this.tmp };
    await this.releaseReserve();
    const state = this.status.state;
    let target = this.final;
    try {
      const earlier = existing(this.final, {});
      if (earlier) {
        if (state !== 'complete' && earlier.state === 'complete')
          target = await freeName(join(dirname(this.final), attemptName(runIdOf(this.final), state)));
        else await rename(this.final, await freeName(join(dirname(this.final), beforeName(runIdOf(this.final)))));
      }
      await rename(this.tmp, target);
      return { dir: target };
    } catch (error) {
      const why = isOsError(error) ? fileError(error).message : (error as Error).message;
      const notPlaced = `could not move the result to ${target} (${why}); it is kept in ${this.tmp}`;
      await this.writeStatus({ ...this.status, location: this.tmp, errors: [...this.status.errors, notPlaced] }).catch(
        () => undefined,
      );
      return { dir: this.tmp, notPlaced };
    }
  }

  /** Removes a directory that never held anything of the run (it was refused before it started). */
  async discard(): Promise<void> {
    this.closed = true;
    if (this.movable) await rm(this.tmp, { recursive: true, force: true });
  }
}

function runIdOf(final: string): string {
  return final.slice(dirname(final).length + 1);
}

/** A run refused before it had a directory still gets one in a sweep: run.json and a failed status. */
export async function recordRefusal(
  resultsRoot: string,
  run: { id: string; manifest: { name: string } },
  backend: RunStatus['backend'],
  message: string,
  options: { force?: boolean; resume?: boolean },
): Promise<ClosedRun | null> {
  const runJson = `${JSON.stringify(run, null, 2)}\n`;
  const status = { ...newStatus(run.id, backend, 'failed'), endedAt: new Date().toISOString(), errors: [message] };
  const dir = await RunDirectory.open(resultsRoot, run.manifest.name, run.id, runJson, { ...options, status });
  return dir ? dir.close() : null;
}

/**
 * One runner per results directory (results/<name>/): taken before anything runs (before any VM
 * boots), so that a second runner is refused at once, naming the first, instead of running in
 * full and colliding at the end.
 */
export async function lockResults(resultsRoot: string, manifestName: string): Promise<() => void> {
  const dir = join(resultsRoot, manifestName);
  await makeDirectories(dir);
  return acquireLock(
    join(dir, RESULTS_LOCK),
    `the results directory ${dir}`,
    'wait for it to finish, or write elsewhere with --out DIR',
  );
}

/** The lock file of a results directory (hidden: no run directory is named so). */
export const RESULTS_LOCK = '.lock';

/**
 * One runner per run: a Slurm task runs one run of a sweep whose submitter may hold the results
 * directory's lock, so it takes its run's (`.<id>.lock`); every runner takes the locks of the runs
 * it runs, so that a task and a runner on the same machine never write the same run at once.
 */
export async function lockRuns(
  resultsRoot: string,
  runs: readonly { id: string; manifest: { name: string } }[],
): Promise<() => void> {
  if (!runs.length) return () => undefined;
  const dir = join(resultsRoot, runs[0]!.manifest.name);
  await makeDirectories(dir);
  const releases: (() => void)[] = [];
  const releaseAll = () => {
    for (const release of releases.reverse()) release();
  };
  try {
    for (const run of runs)
      releases.push(acquireLock(join(dir, runLockName(run.id)), `run ${run.id} of ${dir}`, 'wait for it to finish'));
  } catch (error) {
    releaseAll();
    throw error;
  }
  return releaseAll;
}
