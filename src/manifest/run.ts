// A Run: one fully resolved experiment. No matrix, no implicit defaults, durations in µs, sizes in
// bytes, masim configs as text. Saved as run.json; everything after expansion works from it.
import type { Scheme } from './manifest.types.js';

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

/** The names the manifest's schema allows (schemas/manifest.schema.json is their one source). */
export type DamosAction = Scheme['action'];
export type DamosFilterType = NonNullable<Scheme['filters']>[number]['type'];

/** An inclusive range as sysfs takes it, in decimal (ULONG_MAX does not fit a double). */
export type SysfsRange = [min: string, max: string];

export interface RunSchemeFilter {
  type: DamosFilterType;
  matching: boolean;
  /** null: not written (the kernel's default, and kernels before 6.14 have no `allow`). */
  allow: boolean | null;
  memcgPath: string | null;
  /** addr: the range [start, end). */
  addr: { start: string; end: string } | null;
  /** target: the target's index in its context. */
  targetIdx: number | null;
  /** hugepage_size: the folio sizes, in bytes. */
  size: { min: number; max: number } | null;
}

export interface RunQuotaGoal {
  metric: string;
  targetValue: number;
  currentValue: number | null;
  nid: number | null;
  memcgPath: string | null;
}

/**
 * A DAMOS scheme in sysfs units: bytes, samples per aggregation interval, aggregation intervals,
 * µs/ms as the files take them.
 */
export interface RunScheme {
  /** The scheme set it comes from (null: written in place), and its index in the context. */
  set: string | null;
  action: DamosAction;
  accessPattern: { size: SysfsRange; nrAccesses: SysfsRange; age: SysfsRange };
  applyIntervalUs: number | null;
  targetNid: number | null;
  quotas: {
    ms: number;
    bytes: number;
    resetIntervalMs: number;
    weights: { size: number; nrAccesses: number; age: number } | null;
    goals: RunQuotaGoal[];
  } | null;
  watermarks: { metric: 'none' | 'free_mem_rate'; intervalUs: number; high: number; mid: number; low: number } | null;
  filters: RunSchemeFilter[];
}

export interface RunContext {
  operations: OperationsSet;
  attrs: MonitoringAttrs;
  targets: RunTarget[];
  /** DAMOS schemes, in sysfs order. */
  schemes: RunScheme[];
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
  /** The folder it starts in (absolute); absent: the folder the runner runs in. */
  cwd?: string;
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

export interface TlbRefreshSetting {
  /** auto: damon-exp decided (from the sampling interval, and whether it is needed); off; or a duration the manifest gave. */
  mode: 'auto' | 'off' | 'fixed';
  intervalUs: number | null;
  why: string;
}

export interface RunBackend {
  kind: 'auto' | 'local' | 'qemu';
  /** A cached kernel's name or an image's path (relative to the manifest), or a tree to build; null for Debian's. */
  kernel: string | KernelSourceSpec | null;
  /**
   * Which build of `kernel` a VM boots, as resolved when the run was (KernelResolver.build): a
   * kernel rebuilt or re-imported under the same name is another run for --resume. null when it
   * could not be told (a kernel built from source as the run starts; this host's own kernel);
   * absent in runs resolved before it existed.
   */
  kernelBuild?: string | null;
  memoryBytes: number;
  cpus: number;
  accel: 'auto' | 'kvm' | 'tcg';
  /** The qemu guest's swap disk, in bytes; 0 for none. */
  swapBytes: number;
  /**
   * Transparent huge pages: the guest boots with it; the local backend refuses a host set
   * otherwise. null: as the kernel has it.
   */
  thp: 'always' | 'madvise' | 'never' | null;
  /**
   * Under TCG, whether the guest's TLB refresher runs while the run measures, every `intervalUs`
   * (record/tlb-refresh.ts; null: it does not), and why. Absent in runs resolved before it existed
   * (they ran without).
   */
  tlbRefresh?: TlbRefreshSetting;
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
  /** off: DAMON is not started; the workloads run alone (a baseline for DAMON's cost). */
  monitoring: 'on' | 'off';
  /** Schemes on paddr contexts may act on the local backend's whole machine. */
  allowPhysicalActions: boolean;
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
export const DEFAULT_BACKEND: RunBackend = {
  kind: 'auto',
  kernel: null,
  memoryBytes: 2 ** 30,
  cpus: 2,
  accel: 'auto',
  swapBytes: 0,
  thp: null,
  tlbRefresh: { mode: 'off', intervalUs: null, why: 'backend.tlb_refresh: off' },
};

/** ULONG_MAX: an unbounded end of a sysfs range. */
export const ULONG_MAX = '18446744073709551615';

/** Actions each operations set applies (the kernel accepts the others and does nothing with them). */
export const ACTIONS_OF: Record<OperationsSet, readonly DamosAction[]> = {
  vaddr: ['willneed', 'cold', 'pageout', 'hugepage', 'nohugepage', 'stat'],
  fvaddr: ['willneed', 'cold', 'pageout', 'hugepage', 'nohugepage', 'stat'],
  paddr: ['pageout', 'lru_prio', 'lru_deprio', 'migrate_hot', 'migrate_cold', 'stat'],
};

/** Filters the operations set handles (paddr), against those DAMON's core handles for any set. */
export const OPS_FILTERS: readonly DamosFilterType[] = [
  'anon',
  'active',
  'memcg',
  'young',
  'hugepage_size',
  'unmapped',
];

/** The contexts' schemes, each with where it is. */
export function allSchemes(
  layout: RunLayout,
): { kdamond: number; context: number; index: number; scheme: RunScheme; operations: OperationsSet }[] {
  return layout.kdamonds.flatMap((k, kdamond) =>
    k.contexts.flatMap((c, context) =>
      (c.schemes ?? []).map((scheme, index) => ({ kdamond, context, index, scheme, operations: c.operations })),
    ),
  );
}

export function allContexts(layout: RunLayout): RunContext[] {
  return layout.kdamonds.flatMap((kdamond) => kdamond.contexts);
}
