// A sweep's earlier Slurm jobs: those nobody finalized are settled (their ends recorded) before
// another submission, and one Slurm still runs refuses a second runner of the same runs (another
// job, or runs here).
import { DamonExpError } from '../../util/errors.js';
import { SlurmError, type SlurmClient } from './client.js';
import { readJobRecords, type JobRecord } from './job-record.js';
import { finalizeJob, observeJob } from './watch.js';

/** A submission refused before anything reached Slurm (or taken back): what to do is in the hint. */
export class SlurmSubmitError extends DamonExpError {}

/** The sweep's jobs that nobody finalized (warning of records it cannot read). */
export async function openJobs(sweepDir: string, warn: (text: string) => void): Promise<JobRecord[]> {
  const problems: string[] = [];
  const records = await readJobRecords(sweepDir, problems);
  for (const problem of problems) warn(problem);
  return records.filter((record) => !record.finalizedAt);
}

/**
 * Of the jobs nobody finalized, those Slurm still runs are returned as active; those that ended
 * while nobody watched (--detach, a submitter killed) have their ends recorded now.
 */
export async function settleJobs(
  open: readonly JobRecord[],
  resultsRoot: string,
  client: SlurmClient,
): Promise<{ active: JobRecord[]; settled: JobRecord[] }> {
  const active: JobRecord[] = [];
  const settled: JobRecord[] = [];
  for (const record of open) {
    const { views, active: running } = await observeJob(record, client, resultsRoot);
    if (running) active.push(record);
    else {
      await finalizeJob(record, views, resultsRoot, { cancelled: false });
      settled.push(record);
    }
  }
  return { active, settled };
}

/** Two runners of one sweep's runs (a second job, or runs here) would write the same runs. */
function stillRunning(sweepDir: string, jobIds: string[], what = ''): SlurmSubmitError {
  return new SlurmSubmitError(
    `Slurm job ${jobIds.join(', ')} of ${sweepDir} is still pending or running${what}`,
    `wait for it (damon-exp status ${sweepDir}), or cancel it: scancel ${jobIds[0]}`,
  );
}

/** A job of the sweep that Slurm still runs refuses a new submission; ended ones are recorded. */
export async function settleEarlierJobs(
  sweepDir: string,
  resultsRoot: string,
  client: SlurmClient,
  reports: { warn(text: string): void },
) {
  const { active } = await settleJobs(await openJobs(sweepDir, reports.warn), resultsRoot, client);
  if (active.length)
    throw stillRunning(
      sweepDir,
      active.map((r) => r.jobId),
    );
}

/**
 * A sweep run here while a job of it runs on Slurm (submitted with --detach) would write the same
 * runs: refused. Without Slurm's commands here, it can only warn.
 */
export async function refuseWhileSlurmJobRuns(
  sweepDir: string,
  client: SlurmClient,
  warn: (text: string) => void,
): Promise<void> {
  for (const record of await openJobs(sweepDir, warn)) {
    let queued;
    try {
      queued = await client.queue(record.jobId);
    } catch (error) {
      if (!(error instanceof SlurmError)) throw error;
      warn(`cannot ask Slurm whether job ${record.jobId} of this sweep still runs: ${error.message}`);
      continue;
    }
    if (queued.length) throw stillRunning(sweepDir, [record.jobId], ': runs here would write the same runs');
  }
}
