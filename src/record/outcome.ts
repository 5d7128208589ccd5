// What a run gives back to whoever ran it (the scheduler, through a backend) and what it reports
// on its way: data, so that a run in another process or on another machine gives the same.
import type { RunStatus } from './run-files.js';

/** What a stage of a run reports to whoever shows progress. */
export interface StageDetail {
  /** The recording's length (stage 'recording'). */
  durationUs?: number;
}

/** How a run ended: where its directory is and what its status.json says. */
export interface RunOutcome {
  /** null: skipped by --resume. */
  dir: string | null;
  status: RunStatus | null;
  /** Why the result is not in its place, when it could not be moved there (it is in `dir`). */
  notPlaced?: string;
}
