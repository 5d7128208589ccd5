// Where a sweep run by damon-exp itself (not by Slurm) stands, from what is on its directory's
// floor: each run's state, the runs being written now and how far they are, the runs its runner
// still has to run, and when it may be done. Pure: the floor, the time and which pids live are given.
import type { RunState } from '../record/run-files.js';

/** A run's directory as status reads it: in its place, or being written (`.<id>.partial-<pid>`). */
export interface RunOnFloor {
  id: string;
  /** status.json's; null when there is none (or it cannot be read). */
  status: { state: RunState; startedAt?: string; endedAt?: string; errors?: string[] } | null;
  /** The run's duration (run.json); null when unknown. */
  durationUs: number | null;
}

export interface SweepFloor {
  /** Who holds the results directory's lock (a local runner; a Slurm submitter); null when no one. */
  resultsLock: { pid: number | null; sinceMs: number } | null;
  /** The runs locked by a runner (it locks every run it is to run before the first starts). */
  runLocks: { id: string; pid: number | null; sinceMs: number }[];
  /** Run directories in their place. */
  places: RunOnFloor[];
  /** Runs being written, by the runner whose pid names the directory. */
  partials: (RunOnFloor & { pid: number })[];
  /** Every run of the sweep, when a record of the sweep names them; else only those above are known. */
  listed?: readonly string[] | null;
}

/** 'lost': its runner ended without finishing it; 'not run': no runner at work will run it (one locked it and is gone, or the sweep lists it). */
export type RunPhase = 'pending' | 'running' | 'complete' | 'failed' | 'interrupted' | 'lost' | 'not run';

export const RUN_PHASES: readonly RunPhase[] = [
  'pending',
  'running',
  'complete',
  'failed',
  'interrupted',
  'lost',
  'not run',
];

export interface RunProgress {
  /** Since the run started (its checks and setup, then the recording). */
  elapsedMs: number;
  /** How long it records; null when its run.json does not say. */
  durationMs: number | null;
}

export interface RunStanding {
  id: string;
  phase: RunPhase;
  /** The runner writing it (running). */
  pid: number | null;
  startedAt: string | null;
  endedAt: string | null;
  /** From its start to its end (ended runs). */
  wallMs: number | null;
  progress: RunProgress | null;
  errors: string[];
}

export interface Eta {
  /** Mean wall time × runs left ÷ runs at once; null before any run has ended. */
  ms: number | null;
  meanWallMs: number | null;
  runsLeft: number;
  atOnce: number;
}

export interface LocalStanding {
  executor: 'local';
  /** The holder of the results directory's lock, and whether it lives. */
  runner: { pid: number; alive: boolean; since: string } | null;
  /** Whether a live runner works on the sweep. */
  active: boolean;
  /** Whether the runs listed are all of the sweep's (a live runner's locks, or a record of the sweep, name each); else only those with a directory. */
  whole: boolean;
  counts: Partial<Record<RunPhase, number>>;
  runs: RunStanding[];
  /** While a runner works; null once none does. */
  eta: Eta | null;
}

export function standingOf(floor: SweepFloor, nowMs: number, alive: (pid: number) => boolean): LocalStanding {
  const lives = (pid: number | null): pid is number => pid !== null && alive(pid);
  const liveLocks = new Map(floor.runLocks.filter((lock) => lives(lock.pid)).map((lock) => [lock.id, lock]));
  const runnerLives = floor.resultsLock !== null && lives(floor.resultsLock.pid);
  const ids = [
    ...new Set([
      ...[...floor.places, ...floor.partials, ...floor.runLocks].map((entry) => entry.id),
      ...(floor.listed ?? []),
    ]),
  ].sort();
  const runs = ids.map((id) => runOf(id, floor, liveLocks, runnerLives, nowMs, lives));
  const counts: Partial<Record<RunPhase, number>> = {};
  for (const run of runs) counts[run.phase] = (counts[run.phase] ?? 0) + 1;
  const holder = floor.resultsLock;
  const active = runnerLives || liveLocks.size > 0 || runs.some((run) => run.phase === 'running');
  return {
    executor: 'local',
    runner:
      holder && holder.pid !== null
        ? { pid: holder.pid, alive: runnerLives, since: new Date(holder.sinceMs).toISOString() }
        : null,
    active,
    whole: liveLocks.size > 0 || Boolean(floor.listed),
    counts,
    runs,
    eta: active ? etaOf(runs) : null,
  };
}

function runOf(
  id: string,
  floor: SweepFloor,
  liveLocks: ReadonlyMap<string, { pid: number | null; sinceMs: number }>,
  runnerLives: boolean,
  nowMs: number,
  lives: (pid: number | null) => pid is number,
): RunStanding {
  const base: Unplaced = { id, pid: null, startedAt: null, endedAt: null, wallMs: null, progress: null, errors: [] };
  const writing = floor.partials.find((partial) => partial.id === id && lives(partial.pid));
  if (writing) return running(base, writing, writing.pid, nowMs);
  const lock = liveLocks.get(id);
  const place = floor.places.find((p) => p.id === id);
  if (place) {
    const state = place.status?.state ?? 'running';
    if (state === 'running') {
      // In its place but not ended: a runner that still holds it is writing it; else it was left so.
      const pid = lock?.pid ?? (runnerLives ? floor.resultsLock!.pid : null);
      return pid !== null ? running(base, place, pid, nowMs) : { ...ended(base, place), phase: 'lost' };
    }
    // An attempt that ended before the runner locked it is run again (--resume, --force).
    const endedMs = Date.parse(place.status?.endedAt ?? '');
    if (lock && state !== 'complete' && endedMs < lock.sinceMs) return { ...base, phase: 'pending' };
    return { ...ended(base, place), phase: state };
  }
  if (lock) return { ...base, phase: 'pending' };
  const left = floor.partials.find((partial) => partial.id === id);
  if (left) return { ...ended(base, left), phase: 'lost', pid: left.pid };
  return { ...base, phase: 'not run' };
}

/** A run's standing before its phase is known. */
type Unplaced = Omit<RunStanding, 'phase'>;

function running(base: Unplaced, run: RunOnFloor, pid: number, nowMs: number): RunStanding {
  const startedMs = Date.parse(run.status?.startedAt ?? '');
  return {
    ...base,
    phase: 'running',
    pid,
    startedAt: run.status?.startedAt ?? null,
    progress: Number.isFinite(startedMs)
      ? {
          elapsedMs: Math.max(0, nowMs - startedMs),
          durationMs: run.durationUs === null ? null : run.durationUs / 1000,
        }
      : null,
  };
}

function ended(base: Unplaced, run: RunOnFloor): Unplaced {
  const startedAt = run.status?.startedAt ?? null;
  const endedAt = run.status?.endedAt ?? null;
  const wallMs = Date.parse(endedAt ?? '') - Date.parse(startedAt ?? '');
  return {
    ...base,
    startedAt,
    endedAt,
    wallMs: Number.isFinite(wallMs) && wallMs >= 0 ? wallMs : null,
    errors: run.status?.errors ?? [],
  };
}

/** Mean wall time of the runs ended × runs left ÷ runs at once (those running now, at least one). */
export function etaOf(runs: readonly RunStanding[]): Eta {
  const walls = runs
    .filter((run) => ['complete', 'failed', 'interrupted'].includes(run.phase) && run.wallMs !== null)
    .map((run) => run.wallMs!);
  const meanWallMs = walls.length ? walls.reduce((sum, wall) => sum + wall, 0) / walls.length : null;
  const runsLeft = runs.filter((run) => run.phase === 'pending' || run.phase === 'running').length;
  const atOnce = Math.max(1, runs.filter((run) => run.phase === 'running').length);
  return {
    ms: meanWallMs === null ? null : (meanWallMs * runsLeft) / atOnce,
    meanWallMs,
    runsLeft,
    atOnce,
  };
}
