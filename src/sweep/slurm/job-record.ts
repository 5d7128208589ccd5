// What the sweep directory keeps of each Slurm job (slurm/job-<id>.json beside its script): the
// runs it was given, by task id, so that `status` and `index` can tell later, from any process,
// which run each task is and record how Slurm says it ended.
import { readdir } from 'node:fs/promises';
import { readInputFile } from '../../util/input-file.js';
import { join } from 'node:path';
import type { Run } from '../../manifest/run.js';
import type { TaskView } from './task-states.js';
import { writeWhole } from '../../util/write-whole.js';

/** The directory of a sweep that holds its Slurm jobs' scripts, records and task output. */
import { isManifestName, isRunId, SLURM_DIR } from '../../record/run-files.js';
import { makeDirs } from '../../util/make-dirs.js';

export { SLURM_DIR };

export interface JobRecord {
  format: 'damon-exp.slurm-job/1';
  jobId: string;
  /** The sweep's name. */
  name: string;
  script: string;
  submittedAt: string;
  backend: 'local' | 'qemu';
  /** The runs, by array task id. */
  runs: Run[];
  /** When the submitter or `index` recorded every task's end in the run directories. */
  finalizedAt?: string;
  /** Whether a stop (Ctrl-C) cancelled it. */
  cancelled?: boolean;
  /** How each task ended, as recorded when it was finalized. */
  tasks?: TaskView[];
}

const recordName = (jobId: string) => `job-${jobId}.json`;
/** Big sweeps make big records (each run's resolved form); far beyond any, a file is not one of ours. */
const MAX_RECORD_BYTES = 256 * 2 ** 20;

export const slurmDir = (sweepDir: string) => join(sweepDir, SLURM_DIR);
/** Where each task's output goes, as sbatch's --output pattern and for one task. */
export const taskOutputPattern = (sweepDir: string) => join(slurmDir(sweepDir), '%A_%a.out');
export const taskOutput = (sweepDir: string, jobId: string, taskId: number) =>
  join(slurmDir(sweepDir), `${jobId}_${taskId}.out`);

export async function writeJobRecord(sweepDir: string, record: JobRecord): Promise<void> {
  makeDirs(slurmDir(sweepDir));
  await writeWhole(join(slurmDir(sweepDir), recordName(record.jobId)), `${JSON.stringify(record)}\n`);
}

/**
 * What makes a parsed file no job record of ours, or null. Its names become paths (the run
 * directories `index` finalizes): each must be a run id, one path component inside the sweep.
 */
export function recordProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return 'not a job record';
  const r = record as Partial<Record<keyof JobRecord, unknown>>;
  if (r.format !== 'damon-exp.slurm-job/1' || !Array.isArray(r.runs)) return 'not a job record';
  if (typeof r.jobId !== 'string' || !/^[0-9]{1,20}$/.test(r.jobId)) return `corrupt: job id ${shortJson(r.jobId)}`;
  if (!isManifestName(r.name)) return `corrupt: sweep name ${shortJson(r.name)} is not a manifest name`;
  if (typeof r.submittedAt !== 'string' || Number.isNaN(Date.parse(r.submittedAt)))
    return `corrupt: submittedAt ${shortJson(r.submittedAt)} is not a time`;
  if (r.backend !== 'local' && r.backend !== 'qemu') return `corrupt: backend ${shortJson(r.backend)}`;
  const ids = new Set<string>();
  for (const [task, run] of r.runs.entries()) {
    const id = (run as { id?: unknown } | null)?.id;
    if (!isRunId(id))
      return `corrupt: task ${task}'s run id ${shortJson(id)} is not a run id (it would name a directory outside the sweep)`;
    if (ids.has(id)) return `corrupt: run ${id} is given to two tasks`;
    ids.add(id);
  }
  if (r.tasks !== undefined && !Array.isArray(r.tasks)) return 'corrupt: tasks is not a list';
  return null;
}

const shortJson = (value: unknown) => (JSON.stringify(value) ?? String(value)).slice(0, 60);

/** The jobs submitted for a sweep, oldest first; unreadable records are told in `problems`. */
export async function readJobRecords(sweepDir: string, problems: string[] = []): Promise<JobRecord[]> {
  let names: string[];
  try {
    names = await readdir(slurmDir(sweepDir));
  } catch {
    return [];
  }
  const records: JobRecord[] = [];
  for (const name of names.filter((n) => /^job-\d+\.json$/.test(n))) {
    const path = join(slurmDir(sweepDir), name);
    try {
      // A FIFO or a device where a record should be is refused, never waited on.
      const text = readInputFile(path, 'a Slurm job record', MAX_RECORD_BYTES);
      const record = JSON.parse(text) as JobRecord;
      const problem = recordProblem(record);
      if (problem) throw new Error(problem);
      records.push(record);
    } catch (error) {
      problems.push(`${path}: ${(error as Error).message}: left out`);
    }
  }
  return records.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || Number(a.jobId) - Number(b.jobId));
}
