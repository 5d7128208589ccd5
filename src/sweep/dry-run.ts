// What the scheduler would do with each run (`run --dry-run`), given what the results directory
// holds and --resume or --force: the same rules (record/run-directory.ts: resumeSkips), nothing
// written, locked or probed.
import type { Run } from '../manifest/run.js';
import { inspectExisting, resumeSkips } from '../record/run-directory.js';
import { runPlace } from '../record/run-files.js';

export interface PlannedRun {
  id: string;
  dir: string;
  /** 'run', 'skip: …', 're-run: …', 'run: … kept aside' or 'refused: …', as `run --dry-run` prints it. */
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
              : 're-run: the run changed since';
      else if (options.force) action = `run: the earlier result (${found.state}) is kept aside`;
      else action = `refused: a result exists (${found.state}); --resume or --force`;
      return { id: run.id, dir: runPlace(resultsRoot, run.manifest.name, run.id), action, params: run.params };
    }),
  );
}

/** Whether the run would run (a first time, again, or beside an earlier result). */
export const wouldRun = (planned: PlannedRun) =>
  planned.action.startsWith('run') || planned.action.startsWith('re-run');
