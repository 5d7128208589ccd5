// A Run: one fully resolved experiment. No matrix, no implicit defaults, durations in µs, sizes in
// bytes, masim configs as text. Saved as run.json; everything after expansion works from it.

export type OperationsSet = 'vaddr' | 'fvaddr' | 'paddr';
export type LayoutKind = 'one-target' | 'many-targets' | 'many-contexts' | 'explicit';
export type ContextsPerKdamond = 'auto' | 'one' | 'many';

export interface IntervalsGoal {
  accessBp: number;
  aggrs: number;
  minSampleUs: number;
  maxSampleUs: number;
}

export interface MonitoringAttrs {
  sampleUs: number;
  aggrUs: number;
  updateUs: number;
  minNrRegions: number;
  maxNrRegions: number;
  intervalsGoal: IntervalsGoal | null;
}

export interface AddressRange {
  /** Decimal strings: addresses may exceed 2^53. */
  start: string;
  end: string;
}

export interface RunTarget {
  /** The workload whose process is monitored; null for paddr targets. */
  workload: string | null;
  regions: AddressRange[];
}

export interface RunContext {
  operations: OperationsSet;
  attrs: MonitoringAttrs;
  targets: RunTarget[];
}

export interface RunKdamond {
  contexts: RunContext[];
}

export interface RunLayout {
  kind: LayoutKind;
  contextsPerKdamond: ContextsPerKdamond;
  kdamonds: RunKdamond[];
}

/** A masim workload: our native/masim or a compatible program runs the config. */
export interface MasimWorkload {
  kind: 'masim';
  /** The .cfg path as written in the manifest (relative to it), or 'inline'. */
  source: string;
  /** masim config text. */
  config: string;
  /** A masim-compatible program named by the manifest; null: MASIM, then our native/masim. */
  binary: string | null;
  args: string[];
  durationMs: number;
  sizeBytes: number;
}

/** Any command, started for the run and ended with it. */
export interface CommandWorkload {
  kind: 'command';
  argv: string[];
}

/** A process that runs already: monitored, never started or stopped. */
export interface AttachedWorkload {
  kind: 'pid';
  pid: number;
}

export type RunWorkload = MasimWorkload | CommandWorkload | AttachedWorkload;

/**
 * What a run ran on that figures and summaries can use like parameters, though no manifest sets
 * them: the kernel's release and source commit (from env.json).
 */
export const RUN_FACTS = ['kernel.release', 'kernel.commit'] as const;

/** A kernel to build from a source tree on first use (absolute paths). */
export interface KernelSourceSpec {
  source: string;
  config: string | null;
  name: string | null;
}

export interface RunBackend {
  kind: 'auto' | 'local' | 'qemu';
  /** A cached kernel's name or an image's path (relative to the manifest), or a tree to build; null for Debian's. */
  kernel: string | KernelSourceSpec | null;
  memoryBytes: number;
  cpus: number;
  accel: 'auto' | 'kvm' | 'tcg';
}

export interface Run {
  format: 'damon-exp.run/1';
  id: string;
  manifest: {
    name: string;
    description: string;
    /** The manifest file as given on the command line. */
    file: string;
    /** sha256 of the manifest text. */
    sha256: string;
  };
  /** The matrix point (and --set overrides) that made this run, by dotted path. */
  params: Record<string, unknown>;
  repetition: number;
  repetitions: number;
  durationUs: number;
  events: string[];
  workloads: Record<string, RunWorkload>;
  layout: RunLayout;
  backend: RunBackend;
}

/** The kernel's defaults for a new context (REFERENCE.md §2). */
export const KERNEL_DEFAULT_ATTRS: MonitoringAttrs = {
  sampleUs: 5_000,
  aggrUs: 100_000,
  updateUs: 60_000_000,
  minNrRegions: 10,
  maxNrRegions: 1_000,
  intervalsGoal: null,
};

export const DEFAULT_DURATION_US = 30_000_000;
export const DEFAULT_EVENTS = ['damon:damon_aggregated'];
export const DEFAULT_BACKEND: RunBackend = { kind: 'auto', kernel: null, memoryBytes: 2 ** 30, cpus: 2, accel: 'auto' };

export function allContexts(layout: RunLayout): RunContext[] {
  return layout.kdamonds.flatMap((kdamond) => kdamond.contexts);
}
