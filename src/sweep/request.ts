// What a command asks of a sweep (as hyperfine's Options): built once from the options (`run`'s,
// `record`'s), and taken as it is by running the runs here, by the Slurm submitter and by a Slurm
// task, whose command line (slurm/task.ts: taskArgv) is this request's settings written out.
import type { BackendChoice } from '../backends/choose.js';
import type { LocalBackendOptions } from '../backends/local.js';
import type { QemuBackendOptions } from '../backends/qemu/options.js';
import type { Experiment } from '../manifest/load.js';
import type { SlurmSettings } from '../manifest/executor-spec.js';
import type { Run } from '../manifest/run.js';
import type { Schedule } from './scheduler.js';

/** A duration as given (a Slurm task's command line repeats it as written) and its value. */
export interface GivenDuration {
  text: string;
  ms: number;
}

/** What the runs are run with, here or in a Slurm task on another node: what a task's argv says. */
export interface RunSettings {
  /** The manifest's file, the --set changes made to it, and the most runs it may make. */
  manifest: { file: string; sets: string[]; maxRuns: number };
  resultsRoot: string;
  /** Overrides each run's backend.kind (null: the runs' own). */
  backend: BackendChoice | null;
  /** This host's DAMON: its sysfs tree, tracefs and perf (null: the usual place, $PERF or perf on PATH). */
  host: { sysfsRoot: string | null; tracefsRoot: string | null; perf: string | null };
  /** The VM of the qemu backend (null: the run's own, or QEMU's default). */
  qemu: {
    kernel: string | null;
    accel: 'auto' | 'kvm' | 'tcg' | null;
    append: string | null;
    bootTimeout: GivenDuration | null;
    guestTimeout: GivenDuration | null;
  };
  /** Keep an earlier result beside the new one. */
  force: boolean;
  /** Skip a complete result of the same run. */
  resume: boolean;
}

/** A sweep handed to Slurm as one job array. */
export interface SlurmRequest {
  /** The job's one backend (backends/choose.ts: slurmBackendOf). */
  backend: 'local' | 'qemu';
  /** The manifest's executor settings, with --slurm-opt's options after its own. */
  settings: SlurmSettings;
  /** Return after submitting. */
  detach: boolean;
  /** The nodes see these paths, though not on a shared file system. */
  assumeShared: boolean;
}

export interface SweepRequest {
  settings: RunSettings;
  experiment: Experiment;
  /** The runs asked for (--only), in the manifest's order. */
  runs: Run[];
  /** Runs at once (a Slurm job: its array's throttle); null: not asked. */
  jobs: number | null;
  failFast: boolean;
  /** Where the runs go: here, a Slurm job, or (a task of a Slurm job) the one run here. */
  executor: { kind: 'local' } | ({ kind: 'slurm' } & SlurmRequest) | { kind: 'slurm-task' };
  /** List what would run (or the job script), changing nothing. */
  dryRun: boolean;
  /** Results as JSON on stdout. */
  json: boolean;
  /** A suspect run makes the exit status 1. */
  strict: boolean;
  /** The sweep's figures as PNG too (through Chromium). */
  png: boolean;
}

/** How the scheduler runs the request's runs here. */
export function scheduleOf(request: SweepRequest): Schedule {
  const { settings } = request;
  return {
    resultsRoot: settings.resultsRoot,
    backend: settings.backend ?? undefined,
    jobs: request.jobs ?? 1,
    failFast: request.failFast,
    force: settings.force,
    resume: settings.resume,
  };
}

/** This host's backend's options, as the request's settings say. */
export function localBackendOptions(
  settings: RunSettings,
  world: { env: NodeJS.ProcessEnv; sysfs?: LocalBackendOptions['sysfs']; lockPath?: string | undefined },
): LocalBackendOptions {
  return {
    sysfsRoot: settings.host.sysfsRoot ?? undefined,
    sysfs: world.sysfs,
    tracefsRoot: settings.host.tracefsRoot ?? undefined,
    perf: settings.host.perf ?? undefined,
    env: world.env,
    lockPath: world.lockPath,
  };
}

/** The qemu backend's options, as the request's settings say. */
export function qemuBackendOptions(settings: RunSettings, env: NodeJS.ProcessEnv): QemuBackendOptions {
  const { kernel, accel, append, bootTimeout, guestTimeout } = settings.qemu;
  return {
    kernel: kernel ?? undefined,
    accel: accel ?? undefined,
    append: append || undefined,
    // 0 asks for no limit of ours: QEMU's defaults.
    bootTimeoutMs: bootTimeout?.ms || undefined,
    commandTimeoutMs: guestTimeout?.ms || undefined,
    env,
  };
}
