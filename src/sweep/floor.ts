// What a sweep directory holds for `status` to read (standing.ts): its run directories, those
// being written (.<id>.partial-<pid>), and who holds its locks. Reads only; a file that cannot be
// read is told in `problems` and read as absent.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readSweepLocks } from '../record/lock-holders.js';
import { listRunDirectories, partialRun, readRunFile, RUN_FILES, type RunStatus } from '../record/run-files.js';
import type { RunOnFloor, SweepFloor } from './standing.js';
import { readSweepRecord, SWEEP_FILE } from './sweep-record.js';

/** The floor of `sweepDir`, the runs in `leaveOut` left out (a Slurm job's: its job shows them). */
export async function readSweepFloor(
  sweepDir: string,
  problems: string[],
  leaveOut: ReadonlySet<string> = new Set(),
): Promise<SweepFloor> {
  const kept = ({ id }: { id: string }) => !leaveOut.has(id);
  const places: RunOnFloor[] = [];
  for (const id of (await listRunDirectories(sweepDir)).filter((id) => !leaveOut.has(id))) {
    // A directory with neither run.json nor status.json is not a run's (results/ itself holds sweeps).
    const run = runOnFloor(join(sweepDir, id), id, problems);
    if (run) places.push(run);
  }
  const partials: SweepFloor['partials'] = [];
  for (const name of readdirSync(sweepDir)) {
    const partial = partialRun(name);
    if (partial === null || leaveOut.has(partial.id)) continue;
    const { id, pid } = partial;
    const run = runOnFloor(join(sweepDir, name), id, problems);
    // Being made: its run.json and status.json may not be there yet.
    partials.push({ ...(run ?? { id, status: null, durationUs: null }), pid });
  }
  const locks = readSweepLocks(sweepDir);
  // The manifest's runs as its last `run` listed them: the sweep's whole, started or not.
  const unread: string[] = [];
  const record = readSweepRecord(sweepDir, unread);
  if (unread.length) problems.push(`${join(sweepDir, SWEEP_FILE)} cannot be read: the sweep's total is unknown`);
  return {
    listed: record ? record.runs.filter((id) => !leaveOut.has(id)) : null,
    resultsLock: locks.results,
    runLocks: [...locks.runs].map(([id, holder]) => ({ id, ...holder })).filter(kept),
    places,
    partials,
  };
}

function runOnFloor(dir: string, id: string, problems: string[]): RunOnFloor | null {
  const noted: string[] = [];
  const run = readRunFile<{ durationUs?: number }>(dir, RUN_FILES.run, noted);
  const status = readRunFile<RunStatus>(dir, RUN_FILES.status, noted);
  problems.push(...noted);
  if (!run && !status && !noted.length) return null;
  return {
    id,
    status: status
      ? { state: status.state, startedAt: status.startedAt, endedAt: status.endedAt, errors: status.errors ?? [] }
      : null,
    durationUs: typeof run?.durationUs === 'number' ? run.durationUs : null,
  };
}
