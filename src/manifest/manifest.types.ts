/* Generated from schemas/manifest.schema.json by `npm run gen:types`. Do not edit. */

/**
 * Paper figures drawn from the runs' results after a sweep and by `damon-exp figures`.
 *
 * @minItems 1
 */
export type Figures = [
  {
    /**
     * A name of letters, digits, '.', '_' and '-', starting with a letter or digit
     */
    name: string;
    /**
     * The figure's title (default: the metric by x).
     */
    title?: string;
    /**
     * line (default): the metric's mean against x with 95 % confidence bars; bar: bars per x value with error bars; heatmaps: a grid of access heatmaps, a column per x value and a row per series value; tradeoff: for each value of x against the baseline value, the memory it saves (mean RSS, %) against the slowdown it costs (workload throughput, %), with 95 % confidence bars.
     */
    type?: 'line' | 'bar' | 'heatmaps' | 'tradeoff';
    /**
     * The parameter along the x axis: a dotted path of the matrix, such as layout.targets.
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
     * The parameter that splits the runs into series: a line (or a bar of each group) per value; heatmaps: a row per value.
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
    /**
     * The x axis's label (default: x).
     */
    x_label?: string;
    /**
     * The y axis's label (default: the metric with its unit; heatmaps: series).
     */
    y_label?: string;
  },
  ...{
    /**
     * A name of letters, digits, '.', '_' and '-', starting with a letter or digit
     */
    name: string;
    /**
     * The figure's title (default: the metric by x).
     */
    title?: string;
    /**
     * line (default): the metric's mean against x with 95 % confidence bars; bar: bars per x value with error bars; heatmaps: a grid of access heatmaps, a column per x value and a row per series value; tradeoff: for each value of x against the baseline value, the memory it saves (mean RSS, %) against the slowdown it costs (workload throughput, %), with 95 % confidence bars.
     */
    type?: 'line' | 'bar' | 'heatmaps' | 'tradeoff';
    /**
     * The parameter along the x axis: a dotted path of the matrix, such as layout.targets.
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
     * The parameter that splits the runs into series: a line (or a bar of each group) per value; heatmaps: a row per value.
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
    /**
     * The x axis's label (default: x).
     */
    x_label?: string;
    /**
     * The y axis's label (default: the metric with its unit; heatmaps: series).
     */
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
  /**
   * A line or two saying what the experiment is for: kept in each run.json and shown in the reports and the sweep index.
   */
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
   * The schemes of every context that does not name its own: a scheme set's name (`none`: no schemes) or a list. A matrix axis over set names compares them: schemes: [none, pageout_cold].
   */
  schemes?: string | Scheme[];
  /**
   * Named lists of schemes, for `schemes:` and matrix axes. `none` is taken: it means no schemes.
   */
  scheme_sets?: {
    /**
     * A scheme set: its schemes, written to each context that uses the set in this order.
     */
    [k: string]: Scheme[];
  };
  /**
   * Let schemes on paddr contexts (the whole machine's memory) act on the local backend. Off by default: damon-exp refuses them there.
   */
  allow_physical_actions?: boolean;
  /**
   * How long perf records after DAMON is switched on (default 30s).
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
   * An inline masim config's regions (with `phases`; instead of `masim`): rendered to the same text as a .cfg file.
   *
   * @minItems 1
   */
  regions?: [MasimRegion, ...MasimRegion[]];
  /**
   * An inline masim config's phases, run one after the other (with `regions`).
   *
   * @minItems 1
   */
  phases?: [MasimPhase, ...MasimPhase[]];
  /**
   * A command to start and monitor instead of masim: a string (run by bash -c, as damo record does: a single command runs in bash's place, so DAMON monitors its pid) or a list of arguments. What it writes into $DAMON_EXP_OUTPUT_DIR (output/<ref>/ of the run directory) is kept with the result.
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
/**
 * A masim region: an anonymous mapping of its own, populated before the first phase.
 */
export interface MasimRegion {
  /**
   * A name of letters, digits, '.', '_' and '-', starting with a letter or digit
   */
  name: string;
  /**
   * The region's size (above 0).
   */
  size: number | string;
  /**
   * A file to fill the region from, or `none` (masim's optional third region field).
   */
  init?: string;
}
/**
 * A masim phase: for its duration, masim keeps accessing its patterns' regions, picking a pattern by weight each time.
 */
export interface MasimPhase {
  /**
   * The phase's name: one line, not starting with '#' (a comment in masim) or a space.
   */
  name: string;
  /**
   * How long the phase runs (above 0; masim takes whole milliseconds).
   */
  duration: string;
  /**
   * The access patterns the phase picks from, in proportion to their weights (not all 0).
   *
   * @minItems 1
   */
  patterns: [MasimPattern, ...MasimPattern[]];
}
/**
 * A masim access pattern: how the phase accesses one region.
 */
export interface MasimPattern {
  /**
   * The name of one of the workload's regions.
   */
  region: string;
  /**
   * true: access addresses picked uniformly at random in the region; false: walk it by `stride` and wrap around.
   */
  random?: boolean;
  /**
   * The step between two accesses of a sequential walk.
   */
  stride?: number | string;
  /**
   * How often the phase picks this pattern, relative to its other patterns (0: never).
   */
  weight: number;
  /**
   * ro: read, wo: write, rw: both. Unset: masim's default, wo unless its --default_rw_mode says otherwise.
   */
  mode?: 'ro' | 'wo' | 'rw';
}
/**
 * What DAMON monitors: the kdamonds, their contexts and targets, as a shorthand or an explicit tree.
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
   * The explicit tree, instead of `kind` and `workloads`: the kdamonds, each with its contexts and their targets.
   *
   * @minItems 1
   */
  kdamonds?: [Kdamond, ...Kdamond[]];
}
/**
 * A kdamond: a kernel thread that serves its contexts.
 */
export interface Kdamond {
  /**
   * The kdamond's contexts. More than one needs a kernel whose kdamond takes several (the multi-context fork); with contexts_per_kdamond auto, an upstream kernel gets a kdamond per context instead.
   *
   * @minItems 1
   */
  contexts: [Context, ...Context[]];
}
/**
 * A DAMON monitoring context: an operations set, monitoring attributes, targets and schemes.
 */
export interface Context {
  /**
   * The context's operations set: what its targets' addresses are.
   */
  operations?: 'vaddr' | 'fvaddr' | 'paddr';
  monitoring?: Monitoring;
  /**
   * What the context monitors: a process per target (vaddr, fvaddr), or one target without a process (paddr).
   *
   * @minItems 1
   */
  targets: [Target, ...Target[]];
  /**
   * The context's own DAMOS schemes, instead of the top-level `schemes`.
   */
  schemes?: string | Scheme[];
}
/**
 * The context's own monitoring attributes, each overriding the top-level `monitoring` one. Contexts that share a kdamond must share one sampling interval.
 */
export interface Monitoring {
  /**
   * The sampling interval (sample_us): how often DAMON checks whether each region was accessed. At most `aggr`; unset: the kernel's 5ms (a context's: the top-level one's).
   */
  sample?: string;
  /**
   * The aggregation interval (aggr_us): DAMON reports a snapshot (damon_aggregated) as each ends, then counts afresh. At least `sample` and at most `duration`; unset: the kernel's 100ms.
   */
  aggr?: string;
  /**
   * The regions update interval (update_us): how often DAMON updates its regions from the targets' memory mappings. Unset: the kernel's 60s.
   */
  update?: string;
  /**
   * The number of regions DAMON keeps per target, as it splits and merges them (unset: the kernel's 10 to 1000).
   */
  nr_regions?: {
    /**
     * The fewest regions (nr_regions/min): at least 3 and at most `max`; unset: 10.
     */
    min?: number;
    /**
     * The most regions (nr_regions/max); unset: 1000.
     */
    max?: number;
  };
  /**
   * Automatic tuning of sample and aggregation intervals (Linux 6.15+).
   */
  intervals_goal?: {
    /**
     * The share of accesses DAMON aims to observe per aggregation, in basis points (1/10000) of the most it could.
     */
    access_bp: number;
    /**
     * How many aggregation intervals each tuning step observes.
     */
    aggrs: number;
    /**
     * The shortest sampling interval tuning may choose (at most max_sample).
     */
    min_sample: string;
    /**
     * The longest sampling interval tuning may choose.
     */
    max_sample: string;
  };
}
/**
 * A monitoring target: a workload's process, or the physical memory for paddr.
 */
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
/**
 * An address range: from start up to (not including) end, start below end, within 64 bits.
 */
export interface AddressRange {
  /**
   * The range's first address.
   */
  start: number | string;
  /**
   * The address just past the range.
   */
  end: number | string;
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
     * A range of region sizes: min and max (both optional)
     */
    size?: {
      /**
       * The smallest region size that matches.
       */
      min?: number | string;
      /**
       * The largest region size that matches.
       */
      max?: number | string;
    };
    /**
     * A range of access frequencies: min and max (both optional)
     */
    nr_accesses?: {
      /**
       * The lowest access frequency that matches.
       */
      min?: number | string;
      /**
       * The highest access frequency that matches.
       */
      max?: number | string;
    };
    /**
     * A range of ages (how long a region kept its access frequency): min and max (both optional)
     */
    age?: {
      /**
       * The youngest age that matches.
       */
      min?: number | string;
      /**
       * The oldest age that matches.
       */
      max?: number | string;
    };
  };
  /**
   * How often the scheme is applied (apply_interval_us, Linux 6.7+; default: every aggregation interval).
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
     * CPU time the scheme may take per reset interval (quotas/ms; 0: no limit).
     */
    time?: string;
    /**
     * Bytes the scheme may apply to per reset interval (quotas/bytes; 0: no limit).
     */
    size?: number | string;
    /**
     * The quotas' charge period (quotas/reset_interval_ms).
     */
    reset_interval?: string;
    /**
     * Region priority under a quota, per mille each (quotas/weights).
     */
    weights?: {
      /**
       * The weight of a region's size (weights/sz_permil; unset: 0).
       */
      size?: number;
      /**
       * The weight of a region's access frequency (weights/nr_accesses_permil; unset: 0).
       */
      nr_accesses?: number;
      /**
       * The weight of a region's age (weights/age_permil; unset: 0).
       */
      age?: number;
    };
    /**
     * Quota auto-tuning goals (quotas/goals, Linux 6.8+; target_metric 6.9+).
     */
    goals?: {
      /**
       * What the goal measures (target_metric): user_input (a value you give as current), some_mem_psi_us (memory pressure stall time, µs), node_mem_used_bp and node_mem_free_bp (a NUMA node's memory, basis points), node_memcg_used_bp and node_memcg_free_bp (a cgroup's on a node).
       */
      metric:
        | 'user_input'
        | 'some_mem_psi_us'
        | 'node_mem_used_bp'
        | 'node_mem_free_bp'
        | 'node_memcg_used_bp'
        | 'node_memcg_free_bp';
      /**
       * The value the quota is tuned to reach (target_value).
       */
      target: number;
      /**
       * The metric's current value (current_value), for user_input only.
       */
      current?: number;
      /**
       * The NUMA node of a node_* metric.
       */
      nid?: number;
      /**
       * The cgroup of a node_memcg_* metric.
       */
      memcg_path?: string;
    }[];
  };
  /**
   * When the scheme is active: by a metric of the system, checked every interval (high, mid, low in per mille).
   */
  watermarks?: {
    /**
     * none: the scheme is always active; free_mem_rate: by the free memory's share of the system's, in per mille. With free_mem_rate, interval, high, mid and low are required.
     */
    metric: 'none' | 'free_mem_rate';
    /**
     * How often the metric is checked (interval_us).
     */
    interval?: string;
    /**
     * Above it the scheme is deactivated (per mille; at least mid).
     */
    high?: number;
    /**
     * Below it the scheme is activated (per mille; at least low).
     */
    mid?: number;
    /**
     * Below it the scheme is deactivated (per mille).
     */
    low?: number;
  };
  /**
   * Which memory the action may or may not touch within matching regions (Linux 6.3+).
   */
  filters?: {
    /**
     * What the filter picks: anon (anonymous pages), active (pages on an active LRU list, 6.15+), memcg (pages of a cgroup), young (pages accessed since the last check), hugepage_size (folios within a size range, 6.15+) and unmapped (unmapped pages, 6.15+), which only the paddr operations set applies; addr (an address range) and target (one of the context's targets), on any operations set.
     */
    type: 'anon' | 'active' | 'memcg' | 'young' | 'hugepage_size' | 'unmapped' | 'addr' | 'target';
    /**
     * true (default): the filter applies to memory of this type; false: to memory not of it
     */
    matching?: boolean;
    /**
     * false (default): the memory the filter matches is left out; true: only it is kept (Linux 6.14+)
     */
    allow?: boolean;
    /**
     * The cgroup of a memcg filter
     */
    memcg_path?: string;
    /**
     * The start of an addr filter's range
     */
    start?: number | string;
    /**
     * The end of an addr filter's range
     */
    end?: number | string;
    /**
     * The target index of a target filter
     */
    target?: number;
    /**
     * hugepage_size: the smallest folio size
     */
    min?: number | string;
    /**
     * hugepage_size: the largest folio size
     */
    max?: number | string;
  }[];
}
/**
 * What perf records while the run measures.
 */
export interface RecordSettings {
  /**
   * Tracepoints perf records (default [damon:damon_aggregated]).
   *
   * @minItems 1
   */
  events?: [string, ...string[]];
}
/**
 * The sweep: parameters to vary, each with its values; every combination is a run.
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
   * An axis: the values the parameter at this dotted path takes, one per combination.
   *
   * @minItems 1
   */
  [k: string]: unknown[] | {[path: string]: unknown}[] | undefined;
}
/**
 * Where the runs execute (this host or a VM booted on a DAMON kernel) and what the VM is given.
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
  /**
   * The qemu backend's VM memory. Masim workloads that map more are refused (a warning above 75 %).
   */
  memory?: number | string;
  /**
   * The qemu backend's vCPUs.
   */
  cpus?: number;
  /**
   * The qemu backend's accelerator: auto: KVM when /dev/kvm works, else (or when KVM fails) TCG emulation; kvm; tcg. --accel overrides it.
   */
  accel?: 'auto' | 'kvm' | 'tcg';
  /**
   * Swap for the qemu backend's guest (a virtio disk), so that pageout can reclaim anonymous memory; 0 for none. Default: as large as the VM's memory when a run's schemes page out, else none.
   */
  swap?: number | string;
  /**
   * Under QEMU's TCG emulation, how often each vCPU of the guest drops its cached address translations while the run measures, as a real CPU's small TLB does by itself: without it, DAMON sees almost nothing of a process that runs alone on a vCPU (docs/reliability.md, 'DAMON under emulation'). auto (default): once per shortest sampling interval (between 500us and 20ms) when a workload may have a vCPU to itself (no more workload processes than vCPUs; with more, their switches between each other already empty QEMU's TLB); off: never (to show the artefact); or a duration. Not used under KVM or on this host, whose hardware TLB behaves.
   */
  tlb_refresh?: string;
  /**
   * Transparent huge pages for the run: always, madvise or never. QEMU boots its guest with transparent_hugepage=<value>; on this host, the run is refused when the host's setting differs (it is not damon-exp's to change). Unset: the kernel's own default. Under TCG, whether a workload's memory happens to get huge pages changes its speed many times over.
   */
  thp?: 'always' | 'madvise' | 'never';
}
/**
 * Who runs the runs: this machine, or a Slurm cluster.
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
   * Each task's time limit, instead of the one derived from the duration (the recording, plus boot and analysis margins).
   */
  time?: string;
  /**
   * Further sbatch options, each as sbatch takes it (such as --constraint=kvm); --slurm-opt adds to them.
   */
  options?: string[];
}
