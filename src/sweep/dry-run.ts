// What the scheduler would do with each run (`run --dry-run`), given what the results directory
// holds and --resume or --force: the same rules (record/run-directory.ts: resumeSkips; the same
// run is one of the same identity, manifest/run-identity.ts), nothing written, locked or probed.
// A run that re-runs says why: what changed since (`re-run: monitoring.sample 5 ms -> 10 ms`).
import type { Run } from '../manifest/run.js';
import { inspectExisting, resumeSkips } from '../record/run-directory.js';
import { runPlace } from '../record/run-files.js';

export interface PlannedRun {
  id: string;
  dir: string;
  /** 'run', 'skip: …', 're-run: …' (why), 'run: … kept aside' or 'refused: …', as `run --dry-run` prints it. */
  action: string;
  params: Run['params'];
}

export async function planRuns(
  runs: readonly Run[],
  resultsRoot: string,
  options: { resume: boolean; force: boolean },
): Promise<PlannedRun[]> {
  return Promise.all(
    runs.map(async (run) => {
      const found = await inspectExisting(resultsRoot, run);
      let action: string;
      if (!found) action = 'run';
      else if (resumeSkips(found, options.resume)) action = 'skip: complete, same run';
      else if (options.resume)
        action =
          found.state === 'corrupt'
            ? 're-run: its earlier result is corrupt (status.json or run.json cannot be read)'
            : found.sameRun
              ? `re-run: ${found.state} before`
              : `re-run: ${found.changed ?? 'its earlier result records no run (run.json is missing)'}`;
      else if (options.force)
        // A complete result keeps its place until a new one completes (record/run-directory.ts: close).
        action = `run: the earlier result (${earlier(found)}) is kept aside${found.state === 'complete' ? ' once the new one completes' : ''}`;
      else action = `refused: a result exists (${found.state}); --resume or --force`;
      return { id: run.id, dir: runPlace(resultsRoot, run.manifest.name, run.id), action, params: run.params };
    }),
  );
}

/** Whether the run would run (a first time, again, or beside an earlier result). */
export const wouldRun = (planned: PlannedRun) =>
  planned.action.startsWith('run') || planned.action.startsWith('re-run');

/** The earlier result --force sets aside: its state, and whether it is the same run or what changed since. */
function earlier(found: NonNullable<Awaited<ReturnType<typeof inspectExisting>>>): string {
  if (found.state === 'corrupt') return 'corrupt';
  if (found.sameRun) return `${found.state}, the same run`;
  return `${found.state}; since: ${found.changed ?? 'it records no run'}`;
}

/**
 * Why each run that --resume runs again does (`re-run: …`, what changed since), or what --force
 * sets aside (`run: the earlier result (…) is kept aside`); null for the others: for its progress line.
 */
export async function rerunReasons(
  runs: readonly Run[],
  resultsRoot: string,
  options: { resume: boolean; force: boolean },
): Promise<(string | null)[]> {
  const planned = await planRuns(runs, resultsRoot, options);
  return planned.map((p) => (p.action.startsWith('re-run') || p.action.startsWith('run: ') ? p.action : null));
}
