/* Generated from schemas/manifest.schema.json by `npm run gen:types`. Do not edit. */

/**
 * a name of letters, digits, '.', '_' and '-', starting with a letter or digit
 */
export type Identifier = string;
/**
 * a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)
 */
export type Size = number | string;
/**
 * a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h
 */
export type Duration = string;
/**
 * DAMON operations set: vaddr (virtual address space of a process), fvaddr (fixed virtual ranges), paddr (physical memory)
 */
export type Operations = 'vaddr' | 'fvaddr' | 'paddr';
/**
 * an address: a decimal integer or a 0x-prefixed hexadecimal string
 */
export type Address = number | string;
/**
 * DAMOS schemes: the name of a scheme set (scheme_sets; `none` for no schemes) or a list of schemes.
 */
export type Schemes = string | Scheme[];
/**
 * an access frequency: samples with an access per aggregation interval (0 to aggr/sample), or a percentage of that maximum such as 0% or 50%
 */
export type NrAccesses = number | string;
/**
 * an age: a duration such as 5s (converted to aggregation intervals, damo's way), or a whole number of aggregation intervals
 */
export type Age = number | string;
/**
 * Paper figures made from the runs' results by `damon-exp figures` (and after each sweep): each selects runs by their parameters and plots a metric against a parameter, one series per value of another, or a grid of heatmaps.
 *
 * @minItems 1
 */
export type Figures = [
  {
    /**
     * a name of letters, digits, '.', '_' and '-', starting with a letter or digit
     */
    name: string;
    title?: string;
    /**
     * line (default): the metric's mean against x with 95 % confidence bars; bar: bars per x value with error bars; heatmaps: a grid of access heatmaps, a column per x value and a row per series value; tradeoff: for each value of x against the baseline value, the memory it saves (mean RSS, %) against the slowdown it costs (workload throughput, %), with 95 % confidence bars.
     */
    type?: 'line' | 'bar' | 'heatmaps' | 'tradeoff';
    /**
     * a parameter of the runs: a dotted path of the matrix, such as layout.targets
     */
    x: string;
    /**
     * The metric plotted (not for heatmaps).
     */
    y?:
      | 'kdamond_cpu'
      | 'nr_regions_mean'
      | 'nr_regions_max'
      | 'wss_p25'
      | 'wss_p50'
      | 'wss_p75'
      | 'recall'
      | 'precision'
      | 'events'
      | 'interval_jitter'
      | 'rss_mean'
      | 'swap_max'
      | 'throughput'
      | 'wall_time'
      | 'sz_applied';
    /**
     * a parameter of the runs: a dotted path of the matrix, such as layout.targets
     */
    series?: string;
    /**
     * tradeoff: the value of x the others are measured against (default: the first, or the smallest number), such as none, or off for monitoring.
     */
    baseline?: string | number | boolean;
    /**
     * Only runs with these parameter values.
     */
    where?: {[param: string]: unknown};
    x_label?: string;
    y_label?: string;
  },
  ...{
    /**
     * a name of letters, digits, '.', '_' and '-', starting with a letter or digit
     */
    name: string;
    title?: string;
    /**
     * line (default): the metric's mean against x with 95 % confidence bars; bar: bars per x value with error bars; heatmaps: a grid of access heatmaps, a column per x value and a row per series value; tradeoff: for each value of x against the baseline value, the memory it saves (mean RSS, %) against the slowdown it costs (workload throughput, %), with 95 % confidence bars.
     */
    type?: 'line' | 'bar' | 'heatmaps' | 'tradeoff';
    /**
     * a parameter of the runs: a dotted path of the matrix, such as layout.targets
     */
    x: string;
    /**
     * The metric plotted (not for heatmaps).
     */
    y?:
      | 'kdamond_cpu'
      | 'nr_regions_mean'
      | 'nr_regions_max'
      | 'wss_p25'
      | 'wss_p50'
      | 'wss_p75'
      | 'recall'
      | 'precision'
      | 'events'
      | 'interval_jitter'
      | 'rss_mean'
      | 'swap_max'
      | 'throughput'
      | 'wall_time'
      | 'sz_applied';
    /**
     * a parameter of the runs: a dotted path of the matrix, such as layout.targets
     */
    series?: string;
    /**
     * tradeoff: the value of x the others are measured against (default: the first, or the smallest number), such as none, or off for monitoring.
     */
    baseline?: string | number | boolean;
    /**
     * Only runs with these parameter values.
     */
    where?: {[param: string]: unknown};
    x_label?: string;
    y_label?: string;
  }[]
];

/**
 * A damon-exp experiment: what to monitor with DAMON, with which workloads, for how long, swept over which parameters.
 */
export interface Manifest {
  /**
   * The experiment's name; results go to results/<name>/.
   */
  name: string;
  description?: string;
  /**
   * The workloads, by name. Each is a masim config, from a file or written inline, a command, or a pid. None for a layout of paddr contexts only (physical memory, no process).
   */
  workloads: {
    [k: string]: Workload;
  };
  layout: Layout;
  /**
   * Monitoring attributes for every context, or `off`: DAMON is not started (a baseline run that measures the workloads alone; a matrix value such as [off, on]), or `on`: the kernel's defaults.
   */
  monitoring?: 'on' | 'off' | Monitoring;
  /**
   * DAMOS schemes: the name of a scheme set (scheme_sets; `none` for no schemes) or a list of schemes.
   */
  schemes?: string | Scheme[];
  /**
   * Named lists of schemes, for `schemes:` and matrix axes. `none` is taken: it means no schemes.
   */
  scheme_sets?: {
    [k: string]: Scheme[];
  };
  /**
   * Let schemes on paddr contexts (the whole machine's memory) act on the local backend. Off by default: damon-exp refuses them there.
   */
  allow_physical_actions?: boolean;
  /**
   * a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h
   */
  duration?: string;
  record?: RecordSettings;
  matrix?: Matrix;
  /**
   * How many times each matrix point runs (default 1).
   */
  repeat?: number;
  backend?: Backend;
  executor?: Executor;
  figures?: Figures;
  /**
   * Extension keys, ignored: a place for YAML anchors to share (x-defaults: &defaults ...).
   *
   * This interface was referenced by `Manifest`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * A workload: a masim config (`masim: FILE.cfg`, relative to the manifest, or inline `regions` and `phases`), a `command` to start, or the `pid` of a process that runs already.
 */
export interface Workload {
  /**
   * Path of a masim config file, relative to the manifest.
   */
  masim?: string;
  /**
   * @minItems 1
   */
  regions?: [MasimRegion, ...MasimRegion[]];
  /**
   * @minItems 1
   */
  phases?: [MasimPhase, ...MasimPhase[]];
  /**
   * A command to start and monitor instead of masim: a string (run by bash -c, as damo record does: a single command runs in bash's place, so DAMON monitors its pid) or a list of arguments.
   *
   * @minItems 1
   */
  command?: string | [string, ...string[]];
  /**
   * The folder a command starts in: an absolute path, or one relative to the manifest (default: the folder damon-exp runs in). In a VM (the qemu backend) it is the host's folder, read-only.
   */
  cwd?: string;
  /**
   * The pid of a process that runs already, to monitor without starting or stopping it (at most 4194304, the kernel's PID_MAX_LIMIT).
   */
  pid?: number;
  /**
   * A masim-compatible program to run instead of the default (the MASIM environment variable, then our native/masim): a path relative to the manifest, or a name looked up in PATH.
   */
  binary?: string;
  /**
   * Extra command-line arguments passed to masim before the config file.
   */
  args?: string[];
}
export interface MasimRegion {
  name: Identifier;
  size: Size;
  /**
   * A file to fill the region from, or `none` (masim's optional third region field).
   */
  init?: string;
}
export interface MasimPhase {
  /**
   * The phase's name: one line, not starting with '#' (a comment in masim) or a space.
   */
  name: string;
  duration: Duration;
  /**
   * @minItems 1
   */
  patterns: [MasimPattern, ...MasimPattern[]];
}
export interface MasimPattern {
  region: string;
  random?: boolean;
  stride?: Size;
  weight: number;
  mode?: 'ro' | 'wo' | 'rw';
}
/**
 * How kdamonds, contexts and targets are laid out: a shorthand (`kind` + `workloads`) or an explicit `kdamonds` tree.
 */
export interface Layout {
  /**
   * one-target: 1 kdamond, 1 context, 1 target; many-targets: 1 context with a target per workload; many-contexts: a context (with one target) per workload
   */
  kind?: 'one-target' | 'many-targets' | 'many-contexts';
  /**
   * Workload names, one per target (one-target, many-targets) or per context (many-contexts).
   *
   * @minItems 1
   */
  workloads?: [string, ...string[]];
  /**
   * Number of monitored processes; the workloads list is repeated to fill it (default: one per listed workload).
   */
  targets?: number;
  /**
   * auto (default): one kdamond with all its contexts when the kernel allows it, else a kdamond per context; one: always a kdamond per context; many: always share, and refuse kernels that cannot
   */
  contexts_per_kdamond?: 'auto' | 'one' | 'many';
  /**
   * @minItems 1
   */
  kdamonds?: [Kdamond, ...Kdamond[]];
}
export interface Kdamond {
  /**
   * @minItems 1
   */
  contexts: [Context, ...Context[]];
}
export interface Context {
  operations?: Operations;
  monitoring?: Monitoring;
  /**
   * @minItems 1
   */
  targets: [Target, ...Target[]];
  schemes?: Schemes;
}
/**
 * Monitoring attributes. Unset ones take the kernel defaults: sample 5ms, aggr 100ms, update 60s, nr_regions 10..1000.
 */
export interface Monitoring {
  sample?: Duration;
  aggr?: Duration;
  update?: Duration;
  nr_regions?: {
    min?: number;
    max?: number;
  };
  /**
   * Automatic tuning of sample and aggregation intervals (Linux 6.15+).
   */
  intervals_goal?: {
    access_bp: number;
    aggrs: number;
    min_sample: Duration;
    max_sample: Duration;
  };
}
export interface Target {
  /**
   * The workload whose process this target monitors (vaddr, fvaddr). paddr targets have none.
   */
  workload?: string;
  /**
   * Initial monitoring regions, sorted and not overlapping (required for fvaddr, optional for vaddr and paddr).
   */
  regions?: AddressRange[];
}
export interface AddressRange {
  start: Address;
  end: Address;
}
/**
 * A DAMON-based operation scheme (DAMOS): an action DAMON applies to the regions whose access pattern matches, within its quotas, while its watermarks allow.
 */
export interface Scheme {
  /**
   * What DAMON does to matching regions: pageout (reclaim), cold, willneed, hugepage, nohugepage (vaddr, fvaddr), lru_prio, lru_deprio, migrate_hot, migrate_cold (paddr), or stat (nothing: count only).
   */
  action:
    | 'willneed'
    | 'cold'
    | 'pageout'
    | 'hugepage'
    | 'nohugepage'
    | 'lru_prio'
    | 'lru_deprio'
    | 'migrate_hot'
    | 'migrate_cold'
    | 'stat';
  /**
   * Which regions the action applies to: size, access frequency and age ranges. Unset bounds match everything.
   */
  access_pattern?: {
    /**
     * a range of region sizes: min and max (both optional)
     */
    size?: {
      min?: Size;
      max?: Size;
    };
    /**
     * a range of access frequencies: min and max (both optional)
     */
    nr_accesses?: {
      min?: NrAccesses;
      max?: NrAccesses;
    };
    /**
     * a range of ages (how long a region kept its access frequency): min and max (both optional)
     */
    age?: {
      min?: Age;
      max?: Age;
    };
  };
  /**
   * a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h
   */
  apply_interval?: string;
  /**
   * The NUMA node migrate_hot and migrate_cold move pages to (Linux 6.11+).
   */
  target_nid?: number;
  /**
   * Limits on what the scheme does per reset interval, with the weights that pick regions first, and goals that tune the quota.
   */
  quotas?: {
    /**
     * a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h
     */
    time?: string;
    /**
     * a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)
     */
    size?: number | string;
    /**
     * a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h
     */
    reset_interval?: string;
    /**
     * Region priority under a quota, per mille each (quotas/weights).
     */
    weights?: {
      size?: number;
      nr_accesses?: number;
      age?: number;
    };
    /**
     * Quota auto-tuning goals (quotas/goals, Linux 6.8+; target_metric 6.9+).
     */
    goals?: {
      metric:
        | 'user_input'
        | 'some_mem_psi_us'
        | 'node_mem_used_bp'
        | 'node_mem_free_bp'
        | 'node_memcg_used_bp'
        | 'node_memcg_free_bp';
      /**
       * target_value
       */
      target: number;
      /**
       * current_value (user_input only)
       */
      current?: number;
      /**
       * the NUMA node of node_* metrics
       */
      nid?: number;
      /**
       * the cgroup of node_memcg_* metrics
       */
      memcg_path?: string;
    }[];
  };
  /**
   * When the scheme is active: by a metric of the system, checked every interval (high, mid, low in per mille).
   */
  watermarks?: {
    metric: 'none' | 'free_mem_rate';
    interval?: Duration;
    high?: number;
    mid?: number;
    low?: number;
  };
  /**
   * Which memory the action may or may not touch within matching regions (Linux 6.3+).
   */
  filters?: {
    /**
     * anon, memcg, young (paddr only), hugepage_size, unmapped (6.15+/6.16+), addr, target (any operations set)
     */
    type: 'anon' | 'memcg' | 'young' | 'hugepage_size' | 'unmapped' | 'addr' | 'target';
    /**
     * true (default): the filter applies to memory of this type; false: to memory not of it
     */
    matching?: boolean;
    /**
     * false (default): the memory the filter matches is left out; true: only it is kept (Linux 6.14+)
     */
    allow?: boolean;
    /**
     * the cgroup of a memcg filter
     */
    memcg_path?: string;
    /**
     * an address: a decimal integer or a 0x-prefixed hexadecimal string
     */
    start?: number | string;
    /**
     * an address: a decimal integer or a 0x-prefixed hexadecimal string
     */
    end?: number | string;
    /**
     * the target index of a target filter
     */
    target?: number;
    /**
     * a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)
     */
    min?: number | string;
    /**
     * a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)
     */
    max?: number | string;
  }[];
}
export interface RecordSettings {
  /**
   * Tracepoints perf records (default [damon:damon_aggregated]).
   *
   * @minItems 1
   */
  events?: [string, ...string[]];
}
/**
 * Dotted paths into the manifest, each with a list of values; every combination is a run (cartesian), plus `include` and minus `exclude`.
 */
export interface Matrix {
  /**
   * Extra combinations: each extends the matching combinations, or is added as a run of its own when it matches none.
   */
  include?: {[path: string]: unknown}[];
  /**
   * Combinations to leave out: a combination is dropped when it has all the values of an entry.
   */
  exclude?: {[path: string]: unknown}[];
  /**
   * @minItems 1
   */
  [k: string]: unknown[] | {[path: string]: unknown}[] | undefined;
}
/**
 * Where runs execute (used by `damon-exp run`).
 */
export interface Backend {
  /**
   * auto (default): this host when its DAMON can serve the run, else QEMU
   */
  kind?: 'auto' | 'local' | 'qemu';
  /**
   * Kernel for the qemu backend: a cached kernel's name (`debian`, or one that `damon-exp kernel build` made; `damon-exp kernel list`), a bzImage path (relative to the manifest; its config beside it as <image>.config), or {source: TREE} to build one from a kernel source tree on first use.
   */
  kernel?:
    | string
    | {
        /**
         * The kernel source tree, relative to the manifest.
         */
        source: string;
        /**
         * A config fragment merged after the shipped guest fragment, relative to the manifest.
         */
        config?: string;
        /**
         * The kernel's name in the cache (default: the source directory's name).
         */
        name?: string;
      };
  memory?: Size;
  cpus?: number;
  accel?: 'auto' | 'kvm' | 'tcg';
  /**
   * a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)
   */
  swap?: number | string;
  /**
   * Under QEMU's TCG emulation, how often each vCPU of the guest drops its cached address translations while the run measures, as a real CPU's small TLB does by itself: without it, DAMON sees almost nothing of a process that runs alone on a vCPU (the README's 'DAMON under emulation'). auto (default): once per shortest sampling interval (between 500us and 20ms) when a workload may have a vCPU to itself (no more workload processes than vCPUs; with more, their switches between each other already empty QEMU's TLB); off: never (to show the artefact); or a duration. Not used under KVM or on this host, whose hardware TLB behaves.
   */
  tlb_refresh?: string;
  /**
   * Transparent huge pages for the run: always, madvise or never. QEMU boots its guest with transparent_hugepage=<value>; on this host, the run is refused when the host's setting differs (it is not damon-exp's to change). Unset: the kernel's own default. Under TCG, whether a workload's memory happens to get huge pages changes its speed many times over.
   */
  thp?: 'always' | 'madvise' | 'never';
}
/**
 * Who runs the runs (used by `damon-exp run`; --executor overrides the kind): this machine, or a Slurm cluster, a job array task per run.
 */
export interface Executor {
  /**
   * local (default): this machine runs them; slurm: one sbatch job array, a task per run, on the cluster's nodes
   */
  kind?: 'local' | 'slurm';
  /**
   * The Slurm partition (sbatch --partition).
   */
  partition?: string;
  /**
   * The Slurm account to charge (sbatch --account).
   */
  account?: string;
  /**
   * The Slurm quality of service (sbatch --qos).
   */
  qos?: string;
  /**
   * a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h
   */
  time?: string;
  /**
   * Further sbatch options, each as sbatch takes it (such as --constraint=kvm); --slurm-opt adds to them.
   */
  options?: string[];
}
