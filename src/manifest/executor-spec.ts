// Who runs a manifest's runs (`executor:`), as the commands take it.
import { parseDuration } from '../util/units.js';
import type { Executor } from './manifest.types.js';

export interface ExecutorSpec {
  kind: 'local' | 'slurm';
  settings: SlurmSettings;
}

/** What the Slurm executor passes to sbatch beyond what it derives from the runs. */
export interface SlurmSettings {
  partition?: string;
  account?: string;
  qos?: string;
  /** A time limit for each task instead of the one derived from the runs (microseconds). */
  timeLimitUs?: number;
  /** Further sbatch options, passed as they are (executor.options, --slurm-opt). */
  options: string[];
}

export function executorOf(value: unknown): ExecutorSpec {
  const spec = (value ?? {}) as Executor;
  return {
    kind: spec.kind ?? 'local',
    settings: {
      ...(spec.partition ? { partition: spec.partition } : {}),
      ...(spec.account ? { account: spec.account } : {}),
      ...(spec.qos ? { qos: spec.qos } : {}),
      ...(spec.time ? { timeLimitUs: parseDuration(spec.time) } : {}),
      options: spec.options ?? [],
    },
  };
}
