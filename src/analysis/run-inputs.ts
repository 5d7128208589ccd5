// What a run directory holds besides the trace, read once for the analysis and the report. Every
// file is optional: a trace file given alone, or a run that failed early, still gets analysed. A
// file that is there but cannot be used (cut short, not JSON, not of the form damon-exp writes)
// is read as absent and named in `problems`.
import { join } from 'node:path';
import { InputFileError, MAX_RUN_FILE_BYTES, readInputFile } from '../util/input-file.js';
import type { Run } from '../manifest/run.js';
import type { Plan } from '../plan/plan.js';
import type { KdamondCpu } from '../record/cpu.js';
import type { WorkloadMemory } from '../record/memory.js';
import type { SchemeStats } from '../record/scheme-stats.js';
import type { Environment } from '../record/environment.js';
import { LOGS_DIR, readRunFile, RUN_FILES, type RunStatus } from '../record/run-files.js';
import { THREAD_NUMBERING_NOTE } from '../trace/source.js';
import { parsePhaseLog, PhaseLogError, type PhaseLog } from './accuracy.js';

export interface RunInputs {
  dir: string | null;
  run: Run | null;
  plan: Plan | null;
  status: RunStatus | null;
  env: Environment | null;
  cpu: KdamondCpu | null;
  memory: WorkloadMemory | null;
  schemeStats: SchemeStats | null;
  /** By workload reference (w0, w1, …): logs/<ref>.phase.jsonl. */
  phaseLogs: Map<string, PhaseLog>;
  /** Files that exist but could not be read, with why. */
  problems: string[];
}

export const NO_RUN_INPUTS: RunInputs = {
  dir: null,
  run: null,
  plan: null,
  status: null,
  env: null,
  cpu: null,
  memory: null,
  schemeStats: null,
  phaseLogs: new Map(),
  problems: [],
};

function readPhaseLog(dir: string, ref: string, problems: string[]): PhaseLog | null {
  const name = `${LOGS_DIR}/${ref}.phase.jsonl`;
  let text: string;
  try {
    text = readInputFile(join(dir, name), 'a phase log', MAX_RUN_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    if (error.errno !== 'ENOENT') problems.push(error.message);
    return null;
  }
  try {
    return parsePhaseLog(text, name);
  } catch (error) {
    if (!(error instanceof PhaseLogError)) throw error;
    problems.push(error.message);
    return null;
  }
}

export async function readRunInputs(dir: string): Promise<RunInputs> {
  const problems: string[] = [];
  const run = readRunFile<Run>(dir, RUN_FILES.run, problems);
  const plan = readRunFile<Plan>(dir, RUN_FILES.plan, problems);
  const known = problems.length;
  const status = readRunFile<RunStatus>(dir, RUN_FILES.status, problems);
  if (problems.length > known) problems[known] += THREAD_NUMBERING_NOTE;
  const env = readRunFile<Environment>(dir, RUN_FILES.env, problems);
  const cpu = readRunFile<KdamondCpu>(dir, RUN_FILES.kdamondCpu, problems);
  const memory = wellFormed(
    readRunFile<WorkloadMemory>(dir, RUN_FILES.memory, problems),
    'damon-exp.memory/1',
    RUN_FILES.memory,
    problems,
  );
  const schemeStats = wellFormed(
    readRunFile<SchemeStats>(dir, RUN_FILES.schemeStats, problems),
    'damon-exp.scheme-stats/1',
    RUN_FILES.schemeStats,
    problems,
  );
  const phaseLogs = new Map<string, PhaseLog>();
  for (const workload of plan?.workloads ?? []) {
    if (typeof workload?.ref !== 'string' || !/^[A-Za-z0-9._-]+$/.test(workload.ref)) continue;
    const log = readPhaseLog(dir, workload.ref, problems);
    if (log) phaseLogs.set(workload.ref, log);
  }
  return { dir, run, plan, status, env, cpu, memory, schemeStats, phaseLogs, problems };
}

/** A file of ours of the format named, whose samples are a list; else null, with why. */
function wellFormed<T extends { format: string; samples: unknown[] }>(
  data: T | null,
  format: string,
  name: string,
  problems: string[],
): T | null {
  if (data === null) return null;
  if (data.format !== format || !Array.isArray(data.samples)) {
    problems.push(`${name} is not of format ${format}: left out`);
    return null;
  }
  return data;
}
