// What a run directory holds besides the trace, read once for the analysis and the report. Every
// file is optional: a trace file given alone, or a run that failed early, still gets analysed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Run } from '../manifest/run.js';
import type { Plan } from '../plan/plan.js';
import type { KdamondCpu } from '../record/cpu.js';
import type { Environment } from '../record/environment.js';
import { parsePhaseLog, PhaseLogError, type PhaseLog } from './accuracy.js';

export interface RunStatusFile {
  state: string;
  runId: string;
  backend?: string;
  startedAt?: string;
  endedAt?: string;
  kdamondPids?: Record<string, number>;
  errors?: string[];
  warnings?: string[];
  timings?: Record<string, number>;
  vm?: Record<string, unknown>;
}

export interface RunInputs {
  dir: string | null;
  run: Run | null;
  plan: Plan | null;
  status: RunStatusFile | null;
  env: Environment | null;
  cpu: KdamondCpu | null;
  /** By workload reference (w0, w1, …): logs/<ref>.phase.jsonl. */
  phaseLogs: Map<string, PhaseLog>;
  /** Files that exist but could not be read, with why. */
  problems: string[];
}

export const NO_RUN_INPUTS: RunInputs = { dir: null, run: null, plan: null, status: null, env: null, cpu: null, phaseLogs: new Map(), problems: [] };

export async function readRunInputs(dir: string): Promise<RunInputs> {
  const problems: string[] = [];
  const json = async <T>(name: string): Promise<T | null> => {
    let text: string;
    try {
      text = await readFile(join(dir, name), 'utf8');
    } catch {
      return null;
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      return null;
    }
  };
  const [run, plan, status, env, cpu] = await Promise.all([json<Run>('run.json'), json<Plan>('plan.json'), json<RunStatusFile>('status.json'), json<Environment>('env.json'), json<KdamondCpu>('kdamond-cpu.json')]);
  const phaseLogs = new Map<string, PhaseLog>();
  for (const workload of plan?.workloads ?? []) {
    const name = `logs/${workload.ref}.phase.jsonl`;
    const text = await readFile(join(dir, name), 'utf8').catch(() => null);
    if (text === null) continue;
    try {
      phaseLogs.set(workload.ref, parsePhaseLog(text, name));
    } catch (error) {
      if (!(error instanceof PhaseLogError)) throw error;
      problems.push(error.message);
    }
  }
  return { dir, run, plan, status, env, cpu, phaseLogs, problems };
}
