/* Generated from schemas/manifest.schema.json by `npm run gen`. Do not edit. */
// @ts-nocheck
"use strict";
export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://damon-exp.invalid/schemas/manifest.schema.json","title":"Manifest","description":"A damon-exp experiment: what to monitor with DAMON, with which workloads, for how long, swept over which parameters.","type":"object","additionalProperties":false,"required":["name","workloads","layout"],"properties":{"name":{"description":"The experiment's name; results go to results/<name>/.","expected":"a name safe as a path component: letters, digits, '.', '_' and '-', starting with a letter or digit","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$","maxLength":64},"description":{"description":"A line or two saying what the experiment is for: kept in each run.json and shown in the reports and the sweep index.","type":"string"},"workloads":{"description":"The workloads, by name. Each is a masim config, from a file or written inline, a command, or a pid. None for a layout of paddr contexts only (physical memory, no process).","type":"object","propertyNames":{"$ref":"#/$defs/identifier"},"additionalProperties":{"$ref":"#/$defs/workload"}},"layout":{"description":"What DAMON monitors: the kdamonds, their contexts and targets, as a shorthand or an explicit tree.","$ref":"#/$defs/layout"},"monitoring":{"description":"Monitoring attributes for every context, or `off`: DAMON is not started (a baseline run that measures the workloads alone; a matrix value such as [off, on]), or `on`: the kernel's defaults.","if":{"type":"string"},"then":{"enum":["on","off"]},"else":{"$ref":"#/$defs/monitoring"},"tsType":"'on' | 'off' | Monitoring"},"schemes":{"description":"The schemes of every context that does not name its own: a scheme set's name (`none`: no schemes) or a list. A matrix axis over set names compares them: schemes: [none, pageout_cold].","$ref":"#/$defs/schemes"},"scheme_sets":{"description":"Named lists of schemes, for `schemes:` and matrix axes. `none` is taken: it means no schemes.","type":"object","propertyNames":{"$ref":"#/$defs/identifier"},"additionalProperties":{"description":"A scheme set: its schemes, written to each context that uses the set in this order.","type":"array","items":{"$ref":"#/$defs/scheme"}}},"allow_physical_actions":{"description":"Let schemes on paddr contexts (the whole machine's memory) act on the local backend. Off by default: damon-exp refuses them there.","default":false,"type":"boolean"},"duration":{"description":"How long perf records after DAMON is switched on (default 30s).","default":"30s","$ref":"#/$defs/duration"},"record":{"description":"What perf records while the run measures.","$ref":"#/$defs/record"},"matrix":{"description":"The sweep: parameters to vary, each with its values; every combination is a run.","$ref":"#/$defs/matrix"},"repeat":{"description":"How many times each matrix point runs (default 1).","default":1,"type":"integer","minimum":1,"maximum":1000},"backend":{"description":"Where the runs execute (this host or a VM booted on a DAMON kernel) and what the VM is given.","$ref":"#/$defs/backend"},"executor":{"description":"Who runs the runs: this machine, or a Slurm cluster.","$ref":"#/$defs/executor"},"figures":{"description":"Paper figures drawn from the runs' results after a sweep and by `damon-exp figures`.","$ref":"#/$defs/figures"}},"patternProperties":{"^x-":{"description":"Extension keys, ignored: a place for YAML anchors to share (x-defaults: &defaults ...).","tsType":"unknown"}},"$defs":{"identifier":{"description":"A name of letters, digits, '.', '_' and '-', starting with a letter or digit","expected":"a name of letters, digits, '.', '_' and '-', starting with a letter or digit","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$","maxLength":64},"duration":{"description":"A duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h","expected":"a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h","type":"string","pattern":"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},"size":{"description":"A size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)","expected":"a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)","type":["integer","string"],"minimum":0,"pattern":"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},"address":{"description":"An address: a decimal integer or a 0x-prefixed hexadecimal string","expected":"an address: a decimal integer or a 0x-prefixed hexadecimal string","type":["integer","string"],"minimum":0,"pattern":"^(0x[0-9a-fA-F]+|[0-9]+)$"},"workload":{"description":"A workload: a masim config (`masim: FILE.cfg`, relative to the manifest, or inline `regions` and `phases`), a `command` to start, or the `pid` of a process that runs already.","type":"object","additionalProperties":false,"properties":{"masim":{"description":"Path of a masim config file, relative to the manifest.","type":"string","minLength":1},"regions":{"description":"An inline masim config's regions (with `phases`; instead of `masim`): rendered to the same text as a .cfg file.","type":"array","minItems":1,"items":{"$ref":"#/$defs/masimRegion"}},"phases":{"description":"An inline masim config's phases, run one after the other (with `regions`).","type":"array","minItems":1,"items":{"$ref":"#/$defs/masimPhase"}},"command":{"description":"A command to start and monitor instead of masim: a string (run by bash -c, as damo record does: a single command runs in bash's place, so DAMON monitors its pid) or a list of arguments. What it writes into $DAMON_EXP_OUTPUT_DIR (output/<ref>/ of the run directory) is kept with the result.","expected":"a command: a string for bash -c, or a list of arguments, without NUL bytes (no program takes them)","type":["string","array"],"minLength":1,"minItems":1,"items":{"type":"string","expected":"an argument without NUL bytes (no program takes them)","pattern":"^[^\\u0000]*$"},"pattern":"^[^\\u0000]+$"},"cwd":{"description":"The folder a command starts in: an absolute path, or one relative to the manifest (default: the folder damon-exp runs in). In a VM (the qemu backend) it is the host's folder, read-only.","expected":"a folder's path on one line","type":"string","minLength":1,"pattern":"^[^\\r\\n\\u0000]+$"},"pid":{"description":"The pid of a process that runs already, to monitor without starting or stopping it (at most 4194304, the kernel's PID_MAX_LIMIT).","type":"integer","minimum":1,"maximum":4194304},"binary":{"description":"A masim-compatible program to run instead of the default (the MASIM environment variable, then our native/masim): a path relative to the manifest, or a name looked up in PATH.","expected":"a path on one line","type":"string","minLength":1,"pattern":"^[^\\r\\n\\u0000]+$"},"args":{"description":"Extra command-line arguments passed to masim before the config file.","type":"array","items":{"type":"string","expected":"an argument on one line, without NUL bytes","pattern":"^[^\\r\\n\\u0000]*$"}}}},"masimRegion":{"description":"A masim region: an anonymous mapping of its own, populated before the first phase.","type":"object","additionalProperties":false,"required":["name","size"],"properties":{"name":{"description":"The region's name, as the phases' patterns call it.","$ref":"#/$defs/identifier"},"size":{"description":"The region's size (above 0).","$ref":"#/$defs/size"},"init":{"description":"A file to fill the region from, or `none` (masim's optional third region field).","expected":"a file name or none, without commas or spaces around it","type":"string","pattern":"^[^,\\s\\u0000]([^,\\r\\n\\u0000]*[^,\\s\\u0000])?$"}}},"masimPhase":{"description":"A masim phase: for its duration, masim keeps accessing its patterns' regions, picking a pattern by weight each time.","type":"object","additionalProperties":false,"required":["name","duration","patterns"],"properties":{"name":{"description":"The phase's name: one line, not starting with '#' (a comment in masim) or a space.","expected":"a phase name: one line, not starting with '#' or a space","type":"string","pattern":"^[^#\\s\\u0000][^\\r\\n\\u0000]*$"},"duration":{"description":"How long the phase runs (above 0; masim takes whole milliseconds).","$ref":"#/$defs/duration"},"patterns":{"description":"The access patterns the phase picks from, in proportion to their weights (not all 0).","type":"array","minItems":1,"items":{"$ref":"#/$defs/masimPattern"}}}},"masimPattern":{"description":"A masim access pattern: how the phase accesses one region.","type":"object","additionalProperties":false,"required":["region","weight"],"properties":{"region":{"description":"The name of one of the workload's regions.","type":"string","minLength":1},"random":{"description":"true: access addresses picked uniformly at random in the region; false: walk it by `stride` and wrap around.","default":false,"type":"boolean"},"stride":{"description":"The step between two accesses of a sequential walk.","default":4096,"$ref":"#/$defs/size"},"weight":{"description":"How often the phase picks this pattern, relative to its other patterns (0: never).","type":"integer","minimum":0},"mode":{"description":"ro: read, wo: write, rw: both. Unset: masim's default, wo unless its --default_rw_mode says otherwise.","enum":["ro","wo","rw"]}}},"operations":{"description":"DAMON operations set: vaddr (virtual address space of a process), fvaddr (fixed virtual ranges), paddr (physical memory)","enum":["vaddr","fvaddr","paddr"]},"layout":{"description":"How kdamonds, contexts and targets are laid out: a shorthand (`kind` + `workloads`) or an explicit `kdamonds` tree.","type":"object","additionalProperties":false,"properties":{"kind":{"description":"one-target: 1 kdamond, 1 context, 1 target; many-targets: 1 context with a target per workload; many-contexts: a context (with one target) per workload","enum":["one-target","many-targets","many-contexts"]},"workloads":{"description":"Workload names, one per target (one-target, many-targets) or per context (many-contexts).","type":"array","minItems":1,"items":{"type":"string"}},"targets":{"description":"Number of monitored processes; the workloads list is repeated to fill it (default: one per listed workload).","type":"integer","minimum":1,"maximum":256},"contexts_per_kdamond":{"description":"auto (default): one kdamond with all its contexts when the kernel allows it, else a kdamond per context; one: always a kdamond per context; many: always share, and refuse kernels that cannot","default":"auto","enum":["auto","one","many"]},"kdamonds":{"description":"The explicit tree, instead of `kind` and `workloads`: the kdamonds, each with its contexts and their targets.","type":"array","minItems":1,"items":{"$ref":"#/$defs/kdamond"}}},"if":{"required":["kdamonds"]},"else":{"required":["kind","workloads"]}},"kdamond":{"description":"A kdamond: a kernel thread that serves its contexts.","type":"object","additionalProperties":false,"required":["contexts"],"properties":{"contexts":{"description":"The kdamond's contexts. More than one needs a kernel whose kdamond takes several (the multi-context fork); with contexts_per_kdamond auto, an upstream kernel gets a kdamond per context instead.","type":"array","minItems":1,"items":{"$ref":"#/$defs/context"}}}},"context":{"description":"A DAMON monitoring context: an operations set, monitoring attributes, targets and schemes.","type":"object","additionalProperties":false,"required":["targets"],"properties":{"operations":{"description":"The context's operations set: what its targets' addresses are.","default":"vaddr","$ref":"#/$defs/operations"},"monitoring":{"description":"The context's own monitoring attributes, each overriding the top-level `monitoring` one. Contexts that share a kdamond must share one sampling interval.","$ref":"#/$defs/monitoring"},"targets":{"description":"What the context monitors: a process per target (vaddr, fvaddr), or one target without a process (paddr).","type":"array","minItems":1,"items":{"$ref":"#/$defs/target"}},"schemes":{"description":"The context's own DAMOS schemes, instead of the top-level `schemes`.","$ref":"#/$defs/schemes"}}},"target":{"description":"A monitoring target: a workload's process, or the physical memory for paddr.","type":"object","additionalProperties":false,"properties":{"workload":{"description":"The workload whose process this target monitors (vaddr, fvaddr). paddr targets have none.","type":"string"},"regions":{"description":"Initial monitoring regions, sorted and not overlapping (required for fvaddr, optional for vaddr and paddr).","type":"array","items":{"$ref":"#/$defs/addressRange"}}}},"addressRange":{"description":"An address range: from start up to (not including) end, start below end, within 64 bits.","type":"object","additionalProperties":false,"required":["start","end"],"properties":{"start":{"description":"The range's first address.","$ref":"#/$defs/address"},"end":{"description":"The address just past the range.","$ref":"#/$defs/address"}}},"monitoring":{"description":"Monitoring attributes. Unset ones take the kernel defaults: sample 5ms, aggr 100ms, update 60s, nr_regions 10..1000.","type":"object","additionalProperties":false,"properties":{"sample":{"description":"The sampling interval (sample_us): how often DAMON checks whether each region was accessed. At most `aggr`; unset: the kernel's 5ms (a context's: the top-level one's).","$ref":"#/$defs/duration"},"aggr":{"description":"The aggregation interval (aggr_us): DAMON reports a snapshot (damon_aggregated) as each ends, then counts afresh. At least `sample` and at most `duration`; unset: the kernel's 100ms.","$ref":"#/$defs/duration"},"update":{"description":"The regions update interval (update_us): how often DAMON updates its regions from the targets' memory mappings. Unset: the kernel's 60s.","$ref":"#/$defs/duration"},"nr_regions":{"description":"The number of regions DAMON keeps per target, as it splits and merges them (unset: the kernel's 10 to 1000).","type":"object","additionalProperties":false,"properties":{"min":{"description":"The fewest regions (nr_regions/min): at least 3 and at most `max`; unset: 10.","type":"integer","minimum":0},"max":{"description":"The most regions (nr_regions/max); unset: 1000.","type":"integer","minimum":0}}},"intervals_goal":{"description":"Automatic tuning of sample and aggregation intervals (Linux 6.15+).","type":"object","additionalProperties":false,"required":["access_bp","aggrs","min_sample","max_sample"],"properties":{"access_bp":{"description":"The share of accesses DAMON aims to observe per aggregation, in basis points (1/10000) of the most it could.","type":"integer","minimum":1,"maximum":10000},"aggrs":{"description":"How many aggregation intervals each tuning step observes.","type":"integer","minimum":1},"min_sample":{"description":"The shortest sampling interval tuning may choose (at most max_sample).","$ref":"#/$defs/duration"},"max_sample":{"description":"The longest sampling interval tuning may choose.","$ref":"#/$defs/duration"}}}}},"record":{"description":"What perf records: the tracepoints of the run's trace (masim.data, masim.script).","title":"RecordSettings","type":"object","additionalProperties":false,"properties":{"events":{"description":"Tracepoints perf records (default [damon:damon_aggregated]).","default":["damon:damon_aggregated"],"type":"array","minItems":1,"uniqueItems":true,"items":{"description":"a tracepoint as subsystem:event, such as damon:damon_aggregated","expected":"a tracepoint as subsystem:event, such as damon:damon_aggregated","type":"string","pattern":"^[a-z0-9_]+:[a-z0-9_]+$"}}}},"matrix":{"description":"Dotted paths into the manifest, each with a list of values; every combination is a run (cartesian), plus `include` and minus `exclude`.","type":"object","propertyNames":{"description":"a dotted path into the manifest, such as layout.kind or monitoring.sample, or include/exclude","expected":"a dotted path into the manifest, such as layout.kind or monitoring.sample, or include/exclude","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"properties":{"include":{"description":"Extra combinations: each extends the matching combinations, or is added as a run of its own when it matches none.","type":"array","items":{"type":"object","minProperties":1,"tsType":"{ [path: string]: unknown }"}},"exclude":{"description":"Combinations to leave out: a combination is dropped when it has all the values of an entry.","type":"array","items":{"type":"object","minProperties":1,"tsType":"{ [path: string]: unknown }"}}},"additionalProperties":{"description":"An axis: the values the parameter at this dotted path takes, one per combination.","type":"array","minItems":1,"tsType":"unknown[] | { [path: string]: unknown }[] | undefined"}},"backend":{"description":"Where runs execute (used by `damon-exp run`).","type":"object","additionalProperties":false,"properties":{"kind":{"description":"auto (default): this host when its DAMON can serve the run, else QEMU","default":"auto","enum":["auto","local","qemu"]},"kernel":{"description":"Kernel for the qemu backend: a cached kernel's name (`debian`, or one that `damon-exp kernel build` made; `damon-exp kernel list`), a bzImage path (relative to the manifest; its config beside it as <image>.config), or {source: TREE} to build one from a kernel source tree on first use.","oneOf":[{"type":"string","minLength":1},{"type":"object","description":"A kernel built from a source tree on first use (damon-exp kernel build), then taken from the cache.","properties":{"source":{"description":"The kernel source tree, relative to the manifest.","type":"string","minLength":1},"config":{"description":"A config fragment merged after the shipped guest fragment, relative to the manifest.","type":"string","minLength":1},"name":{"description":"The kernel's name in the cache (default: the source directory's name).","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"}},"required":["source"],"additionalProperties":false}]},"memory":{"description":"The qemu backend's VM memory. Masim workloads that map more are refused (a warning above 75 %).","default":"1GiB","$ref":"#/$defs/size"},"cpus":{"description":"The qemu backend's vCPUs.","default":2,"type":"integer","minimum":1,"maximum":64},"accel":{"description":"The qemu backend's accelerator: auto: KVM when /dev/kvm works, else (or when KVM fails) TCG emulation; kvm; tcg. --accel overrides it.","default":"auto","enum":["auto","kvm","tcg"]},"swap":{"description":"Swap for the qemu backend's guest (a virtio disk), so that pageout can reclaim anonymous memory; 0 for none. Default: as large as the VM's memory when a run's schemes page out, else none.","$ref":"#/$defs/size"},"tlb_refresh":{"description":"Under QEMU's TCG emulation, how often each vCPU of the guest drops its cached address translations while the run measures, as a real CPU's small TLB does by itself: without it, DAMON sees almost nothing of a process that runs alone on a vCPU (docs/reliability.md, 'DAMON under emulation'). auto (default): once per shortest sampling interval (between 500us and 20ms) when a workload may have a vCPU to itself (no more workload processes than vCPUs; with more, their switches between each other already empty QEMU's TLB); off: never (to show the artefact); or a duration. Not used under KVM or on this host, whose hardware TLB behaves.","default":"auto","expected":"auto, off, or a duration such as 500us or 1ms","type":"string","pattern":"^(auto|off|[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h))$"},"thp":{"description":"Transparent huge pages for the run: always, madvise or never. QEMU boots its guest with transparent_hugepage=<value>; on this host, the run is refused when the host's setting differs (it is not damon-exp's to change). Unset: the kernel's own default. Under TCG, whether a workload's memory happens to get huge pages changes its speed many times over.","enum":["always","madvise","never"]}}},"figures":{"description":"Paper figures made from the runs' results by `damon-exp figures` (and after each sweep): each selects runs by their parameters and plots a metric against a parameter, one series per value of another, or a grid of heatmaps.","type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["name","x"],"properties":{"name":{"description":"The figure's file name (figures/<name>.svg, .csv, .png).","$ref":"#/$defs/identifier"},"title":{"description":"The figure's title (default: the metric by x).","type":"string"},"type":{"description":"line (default): the metric's mean against x with 95 % confidence bars; bar: bars per x value with error bars; heatmaps: a grid of access heatmaps, a column per x value and a row per series value; tradeoff: for each value of x against the baseline value, the memory it saves (mean RSS, %) against the slowdown it costs (workload throughput, %), with 95 % confidence bars.","enum":["line","bar","heatmaps","tradeoff"]},"x":{"description":"The parameter along the x axis: a dotted path of the matrix, such as layout.targets.","expected":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"y":{"description":"The metric plotted (not for heatmaps).","expected":"a metric: kdamond_cpu, nr_regions_mean, nr_regions_max, wss_p25, wss_p50, wss_p75, recall, precision, events, interval_jitter, rss_mean, swap_max, throughput, wall_time, sz_applied","enum":["kdamond_cpu","nr_regions_mean","nr_regions_max","wss_p25","wss_p50","wss_p75","recall","precision","events","interval_jitter","rss_mean","swap_max","throughput","wall_time","sz_applied"]},"series":{"description":"The parameter that splits the runs into series: a line (or a bar of each group) per value; heatmaps: a row per value.","expected":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"baseline":{"description":"tradeoff: the value of x the others are measured against (default: the first, or the smallest number), such as none, or off for monitoring.","type":["string","number","boolean"]},"where":{"description":"Only runs with these parameter values.","type":"object","minProperties":1,"tsType":"{ [param: string]: unknown }"},"x_label":{"description":"The x axis's label (default: x).","type":"string"},"y_label":{"description":"The y axis's label (default: the metric with its unit; heatmaps: series).","type":"string"}}}},"executor":{"description":"Who runs the runs (used by `damon-exp run`; --executor overrides the kind): this machine, or a Slurm cluster, a job array task per run.","type":"object","additionalProperties":false,"properties":{"kind":{"description":"local (default): this machine runs them; slurm: one sbatch job array, a task per run, on the cluster's nodes","default":"local","enum":["local","slurm"]},"partition":{"description":"The Slurm partition (sbatch --partition).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"account":{"description":"The Slurm account to charge (sbatch --account).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"qos":{"description":"The Slurm quality of service (sbatch --qos).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"time":{"description":"Each task's time limit, instead of the one derived from the duration (the recording, plus boot and analysis margins).","$ref":"#/$defs/duration"},"options":{"description":"Further sbatch options, each as sbatch takes it (such as --constraint=kvm); --slurm-opt adds to them.","type":"array","items":{"type":"string","expected":"an sbatch option on one line, starting with - or --","pattern":"^--?[A-Za-z][^\\r\\n\\u0000]*$"}}}},"nrAccesses":{"description":"An access frequency: samples with an access per aggregation interval (0 to aggr/sample), or a percentage of that maximum such as 0% or 50%","expected":"an access frequency: a whole number of samples per aggregation interval, or a percentage such as 5%","type":["integer","string"],"minimum":0,"pattern":"^[0-9]+(\\.[0-9]+)?\\s*%$"},"age":{"description":"An age: a duration such as 5s (converted to aggregation intervals, damo's way), or a whole number of aggregation intervals","expected":"an age: a duration such as 5s, or a whole number of aggregation intervals","type":["integer","string"],"minimum":0,"pattern":"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},"scheme":{"description":"A DAMON-based operation scheme (DAMOS): an action DAMON applies to the regions whose access pattern matches, within its quotas, while its watermarks allow.","type":"object","additionalProperties":false,"required":["action"],"properties":{"action":{"description":"What DAMON does to matching regions: pageout (reclaim), cold, willneed, hugepage, nohugepage (vaddr, fvaddr), lru_prio, lru_deprio, migrate_hot, migrate_cold (paddr), or stat (nothing: count only).","enum":["willneed","cold","pageout","hugepage","nohugepage","lru_prio","lru_deprio","migrate_hot","migrate_cold","stat"]},"access_pattern":{"description":"Which regions the action applies to: size, access frequency and age ranges. Unset bounds match everything.","type":"object","additionalProperties":false,"properties":{"size":{"type":"object","additionalProperties":false,"description":"A range of region sizes: min and max (both optional)","properties":{"min":{"description":"The smallest region size that matches.","$ref":"#/$defs/size"},"max":{"description":"The largest region size that matches.","$ref":"#/$defs/size"}}},"nr_accesses":{"type":"object","additionalProperties":false,"description":"A range of access frequencies: min and max (both optional)","properties":{"min":{"description":"The lowest access frequency that matches.","$ref":"#/$defs/nrAccesses"},"max":{"description":"The highest access frequency that matches.","$ref":"#/$defs/nrAccesses"}}},"age":{"type":"object","additionalProperties":false,"description":"A range of ages (how long a region kept its access frequency): min and max (both optional)","properties":{"min":{"description":"The youngest age that matches.","$ref":"#/$defs/age"},"max":{"description":"The oldest age that matches.","$ref":"#/$defs/age"}}}}},"apply_interval":{"description":"How often the scheme is applied (apply_interval_us, Linux 6.7+; default: every aggregation interval).","$ref":"#/$defs/duration"},"target_nid":{"description":"The NUMA node migrate_hot and migrate_cold move pages to (Linux 6.11+).","type":"integer","minimum":0},"quotas":{"description":"Limits on what the scheme does per reset interval, with the weights that pick regions first, and goals that tune the quota.","type":"object","additionalProperties":false,"properties":{"time":{"description":"CPU time the scheme may take per reset interval (quotas/ms; 0: no limit).","$ref":"#/$defs/duration"},"size":{"description":"Bytes the scheme may apply to per reset interval (quotas/bytes; 0: no limit).","$ref":"#/$defs/size"},"reset_interval":{"description":"The quotas' charge period (quotas/reset_interval_ms).","$ref":"#/$defs/duration"},"weights":{"description":"Region priority under a quota, per mille each (quotas/weights).","type":"object","additionalProperties":false,"properties":{"size":{"description":"The weight of a region's size (weights/sz_permil; unset: 0).","type":"integer","minimum":0},"nr_accesses":{"description":"The weight of a region's access frequency (weights/nr_accesses_permil; unset: 0).","type":"integer","minimum":0},"age":{"description":"The weight of a region's age (weights/age_permil; unset: 0).","type":"integer","minimum":0}}},"goals":{"description":"Quota auto-tuning goals (quotas/goals, Linux 6.8+; target_metric 6.9+).","type":"array","items":{"description":"A quota goal: DAMON raises or lowers the quota to bring the metric to its target.","type":"object","additionalProperties":false,"required":["metric","target"],"properties":{"metric":{"description":"What the goal measures (target_metric): user_input (a value you give as current), some_mem_psi_us (memory pressure stall time, µs), node_mem_used_bp and node_mem_free_bp (a NUMA node's memory, basis points), node_memcg_used_bp and node_memcg_free_bp (a cgroup's on a node).","enum":["user_input","some_mem_psi_us","node_mem_used_bp","node_mem_free_bp","node_memcg_used_bp","node_memcg_free_bp"]},"target":{"description":"The value the quota is tuned to reach (target_value).","type":"integer","minimum":0},"current":{"description":"The metric's current value (current_value), for user_input only.","type":"integer","minimum":0},"nid":{"description":"The NUMA node of a node_* metric.","type":"integer","minimum":0},"memcg_path":{"description":"The cgroup of a node_memcg_* metric.","type":"string","minLength":1,"expected":"a cgroup path on one line","pattern":"^[^\\r\\n\\u0000]+$"}}}}}},"watermarks":{"description":"When the scheme is active: by a metric of the system, checked every interval (high, mid, low in per mille).","type":"object","additionalProperties":false,"required":["metric"],"properties":{"metric":{"description":"none: the scheme is always active; free_mem_rate: by the free memory's share of the system's, in per mille. With free_mem_rate, interval, high, mid and low are required.","enum":["none","free_mem_rate"]},"interval":{"description":"How often the metric is checked (interval_us).","$ref":"#/$defs/duration"},"high":{"description":"Above it the scheme is deactivated (per mille; at least mid).","type":"integer","minimum":0,"maximum":1000},"mid":{"description":"Below it the scheme is activated (per mille; at least low).","type":"integer","minimum":0,"maximum":1000},"low":{"description":"Below it the scheme is deactivated (per mille).","type":"integer","minimum":0,"maximum":1000}}},"filters":{"description":"Which memory the action may or may not touch within matching regions (Linux 6.3+).","type":"array","items":{"description":"A DAMOS filter: memory picked by a property (anonymous, of a cgroup, in an address range, ...) that the action leaves out or, with `allow`, is kept to.","type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"description":"What the filter picks: anon (anonymous pages), active (pages on an active LRU list, 6.15+), memcg (pages of a cgroup), young (pages accessed since the last check), hugepage_size (folios within a size range, 6.15+) and unmapped (unmapped pages, 6.15+), which only the paddr operations set applies; addr (an address range) and target (one of the context's targets), on any operations set.","enum":["anon","active","memcg","young","hugepage_size","unmapped","addr","target"]},"matching":{"description":"true (default): the filter applies to memory of this type; false: to memory not of it","default":true,"type":"boolean"},"allow":{"description":"false (default): the memory the filter matches is left out; true: only it is kept (Linux 6.14+)","type":"boolean"},"memcg_path":{"description":"The cgroup of a memcg filter","type":"string","minLength":1,"expected":"a cgroup path on one line","pattern":"^[^\\r\\n\\u0000]+$"},"start":{"description":"The start of an addr filter's range","$ref":"#/$defs/address"},"end":{"description":"The end of an addr filter's range","$ref":"#/$defs/address"},"target":{"description":"The target index of a target filter","type":"integer","minimum":0},"min":{"description":"hugepage_size: the smallest folio size","$ref":"#/$defs/size"},"max":{"description":"hugepage_size: the largest folio size","$ref":"#/$defs/size"}}}}}},"schemes":{"description":"DAMOS schemes: the name of a scheme set (scheme_sets; `none` for no schemes) or a list of schemes.","if":{"type":"string"},"then":{"$ref":"#/$defs/identifier"},"else":{"type":"array","items":{"$ref":"#/$defs/scheme"}},"tsType":"string | Scheme[]","expected":"a scheme set's name (or none) or a list of schemes"}}};
const schema32 = {"description":"A name of letters, digits, '.', '_' and '-', starting with a letter or digit","expected":"a name of letters, digits, '.', '_' and '-', starting with a letter or digit","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._-]*$","maxLength":64};
const schema38 = {"description":"A duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h","expected":"a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h","type":"string","pattern":"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"};
const schema75 = {"description":"What perf records: the tracepoints of the run's trace (masim.data, masim.script).","title":"RecordSettings","type":"object","additionalProperties":false,"properties":{"events":{"description":"Tracepoints perf records (default [damon:damon_aggregated]).","default":["damon:damon_aggregated"],"type":"array","minItems":1,"uniqueItems":true,"items":{"description":"a tracepoint as subsystem:event, such as damon:damon_aggregated","expected":"a tracepoint as subsystem:event, such as damon:damon_aggregated","type":"string","pattern":"^[a-z0-9_]+:[a-z0-9_]+$"}}}};
const schema76 = {"description":"Dotted paths into the manifest, each with a list of values; every combination is a run (cartesian), plus `include` and minus `exclude`.","type":"object","propertyNames":{"description":"a dotted path into the manifest, such as layout.kind or monitoring.sample, or include/exclude","expected":"a dotted path into the manifest, such as layout.kind or monitoring.sample, or include/exclude","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"properties":{"include":{"description":"Extra combinations: each extends the matching combinations, or is added as a run of its own when it matches none.","type":"array","items":{"type":"object","minProperties":1,"tsType":"{ [path: string]: unknown }"}},"exclude":{"description":"Combinations to leave out: a combination is dropped when it has all the values of an entry.","type":"array","items":{"type":"object","minProperties":1,"tsType":"{ [path: string]: unknown }"}}},"additionalProperties":{"description":"An axis: the values the parameter at this dotted path takes, one per combination.","type":"array","minItems":1,"tsType":"unknown[] | { [path: string]: unknown }[] | undefined"}};
const func1 = Object.prototype.hasOwnProperty;
const pattern4 = new RegExp("^x-", "u");
const pattern5 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]*$", "u");
const pattern11 = new RegExp("^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$", "u");
const pattern45 = new RegExp("^[a-z0-9_]+:[a-z0-9_]+$", "u");
const pattern46 = new RegExp("^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$", "u");
const schema33 = {"description":"A workload: a masim config (`masim: FILE.cfg`, relative to the manifest, or inline `regions` and `phases`), a `command` to start, or the `pid` of a process that runs already.","type":"object","additionalProperties":false,"properties":{"masim":{"description":"Path of a masim config file, relative to the manifest.","type":"string","minLength":1},"regions":{"description":"An inline masim config's regions (with `phases`; instead of `masim`): rendered to the same text as a .cfg file.","type":"array","minItems":1,"items":{"$ref":"#/$defs/masimRegion"}},"phases":{"description":"An inline masim config's phases, run one after the other (with `regions`).","type":"array","minItems":1,"items":{"$ref":"#/$defs/masimPhase"}},"command":{"description":"A command to start and monitor instead of masim: a string (run by bash -c, as damo record does: a single command runs in bash's place, so DAMON monitors its pid) or a list of arguments. What it writes into $DAMON_EXP_OUTPUT_DIR (output/<ref>/ of the run directory) is kept with the result.","expected":"a command: a string for bash -c, or a list of arguments, without NUL bytes (no program takes them)","type":["string","array"],"minLength":1,"minItems":1,"items":{"type":"string","expected":"an argument without NUL bytes (no program takes them)","pattern":"^[^\\u0000]*$"},"pattern":"^[^\\u0000]+$"},"cwd":{"description":"The folder a command starts in: an absolute path, or one relative to the manifest (default: the folder damon-exp runs in). In a VM (the qemu backend) it is the host's folder, read-only.","expected":"a folder's path on one line","type":"string","minLength":1,"pattern":"^[^\\r\\n\\u0000]+$"},"pid":{"description":"The pid of a process that runs already, to monitor without starting or stopping it (at most 4194304, the kernel's PID_MAX_LIMIT).","type":"integer","minimum":1,"maximum":4194304},"binary":{"description":"A masim-compatible program to run instead of the default (the MASIM environment variable, then our native/masim): a path relative to the manifest, or a name looked up in PATH.","expected":"a path on one line","type":"string","minLength":1,"pattern":"^[^\\r\\n\\u0000]+$"},"args":{"description":"Extra command-line arguments passed to masim before the config file.","type":"array","items":{"type":"string","expected":"an argument on one line, without NUL bytes","pattern":"^[^\\r\\n\\u0000]*$"}}}};
const schema34 = {"description":"A masim region: an anonymous mapping of its own, populated before the first phase.","type":"object","additionalProperties":false,"required":["name","size"],"properties":{"name":{"description":"The region's name, as the phases' patterns call it.","$ref":"#/$defs/identifier"},"size":{"description":"The region's size (above 0).","$ref":"#/$defs/size"},"init":{"description":"A file to fill the region from, or `none` (masim's optional third region field).","expected":"a file name or none, without commas or spaces around it","type":"string","pattern":"^[^,\\s\\u0000]([^,\\r\\n\\u0000]*[^,\\s\\u0000])?$"}}};
const schema36 = {"description":"A size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)","expected":"a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)","type":["integer","string"],"minimum":0,"pattern":"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"};
const pattern8 = new RegExp("^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$", "u");
const pattern9 = new RegExp("^[^,\\s\\u0000]([^,\\r\\n\\u0000]*[^,\\s\\u0000])?$", "u");

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.size === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "size"},message:"must have required property '"+"size"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "size")) || (key0 === "init"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(data0.length > 64){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern5.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.size !== undefined){
let data1 = data.size;
if((!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))) && (typeof data1 !== "string")){
const err6 = {instancePath:instancePath+"/size",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err7 = {instancePath:instancePath+"/size",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(typeof data1 === "string"){
if(!pattern8.test(data1)){
const err8 = {instancePath:instancePath+"/size",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data.init !== undefined){
let data2 = data.init;
if(typeof data2 === "string"){
if(!pattern9.test(data2)){
const err9 = {instancePath:instancePath+"/init",schemaPath:"#/properties/init/pattern",keyword:"pattern",params:{pattern: "^[^,\\s\\u0000]([^,\\r\\n\\u0000]*[^,\\s\\u0000])?$"},message:"must match pattern \""+"^[^,\\s\\u0000]([^,\\r\\n\\u0000]*[^,\\s\\u0000])?$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/init",schemaPath:"#/properties/init/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema37 = {"description":"A masim phase: for its duration, masim keeps accessing its patterns' regions, picking a pattern by weight each time.","type":"object","additionalProperties":false,"required":["name","duration","patterns"],"properties":{"name":{"description":"The phase's name: one line, not starting with '#' (a comment in masim) or a space.","expected":"a phase name: one line, not starting with '#' or a space","type":"string","pattern":"^[^#\\s\\u0000][^\\r\\n\\u0000]*$"},"duration":{"description":"How long the phase runs (above 0; masim takes whole milliseconds).","$ref":"#/$defs/duration"},"patterns":{"description":"The access patterns the phase picks from, in proportion to their weights (not all 0).","type":"array","minItems":1,"items":{"$ref":"#/$defs/masimPattern"}}}};
const pattern10 = new RegExp("^[^#\\s\\u0000][^\\r\\n\\u0000]*$", "u");
const schema39 = {"description":"A masim access pattern: how the phase accesses one region.","type":"object","additionalProperties":false,"required":["region","weight"],"properties":{"region":{"description":"The name of one of the workload's regions.","type":"string","minLength":1},"random":{"description":"true: access addresses picked uniformly at random in the region; false: walk it by `stride` and wrap around.","default":false,"type":"boolean"},"stride":{"description":"The step between two accesses of a sequential walk.","default":4096,"$ref":"#/$defs/size"},"weight":{"description":"How often the phase picks this pattern, relative to its other patterns (0: never).","type":"integer","minimum":0},"mode":{"description":"ro: read, wo: write, rw: both. Unset: masim's default, wo unless its --default_rw_mode says otherwise.","enum":["ro","wo","rw"]}}};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.region === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "region"},message:"must have required property '"+"region"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.weight === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "weight"},message:"must have required property '"+"weight"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "region") || (key0 === "random")) || (key0 === "stride")) || (key0 === "weight")) || (key0 === "mode"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.region !== undefined){
let data0 = data.region;
if(typeof data0 === "string"){
if(data0.length < 1){
const err3 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.random !== undefined){
if(typeof data.random !== "boolean"){
const err5 = {instancePath:instancePath+"/random",schemaPath:"#/properties/random/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.stride !== undefined){
let data2 = data.stride;
if((!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))) && (typeof data2 !== "string")){
const err6 = {instancePath:instancePath+"/stride",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 0 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/stride",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(typeof data2 === "string"){
if(!pattern8.test(data2)){
const err8 = {instancePath:instancePath+"/stride",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data.weight !== undefined){
let data3 = data.weight;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err9 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
if(data.mode !== undefined){
let data4 = data.mode;
if(!(((data4 === "ro") || (data4 === "wo")) || (data4 === "rw"))){
const err11 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema39.properties.mode.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate24.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.duration === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "duration"},message:"must have required property '"+"duration"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.patterns === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "patterns"},message:"must have required property '"+"patterns"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "duration")) || (key0 === "patterns"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern10.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[^#\\s\\u0000][^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^#\\s\\u0000][^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.duration !== undefined){
let data1 = data.duration;
if(typeof data1 === "string"){
if(!pattern11.test(data1)){
const err6 = {instancePath:instancePath+"/duration",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/duration",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.patterns !== undefined){
let data2 = data.patterns;
if(Array.isArray(data2)){
if(data2.length < 1){
const err8 = {instancePath:instancePath+"/patterns",schemaPath:"#/properties/patterns/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(!(validate25(data2[i0], {instancePath:instancePath+"/patterns/" + i0,parentData:data2,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
}
else {
const err9 = {instancePath:instancePath+"/patterns",schemaPath:"#/properties/patterns/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}
validate24.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const pattern13 = new RegExp("^[^\\u0000]+$", "u");
const pattern14 = new RegExp("^[^\\u0000]*$", "u");
const pattern15 = new RegExp("^[^\\r\\n\\u0000]+$", "u");
const pattern17 = new RegExp("^[^\\r\\n\\u0000]*$", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((((key0 === "masim") || (key0 === "regions")) || (key0 === "phases")) || (key0 === "command")) || (key0 === "cwd")) || (key0 === "pid")) || (key0 === "binary")) || (key0 === "args"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.masim !== undefined){
let data0 = data.masim;
if(typeof data0 === "string"){
if(data0.length < 1){
const err1 = {instancePath:instancePath+"/masim",schemaPath:"#/properties/masim/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/masim",schemaPath:"#/properties/masim/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.regions !== undefined){
let data1 = data.regions;
if(Array.isArray(data1)){
if(data1.length < 1){
const err3 = {instancePath:instancePath+"/regions",schemaPath:"#/properties/regions/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(!(validate22(data1[i0], {instancePath:instancePath+"/regions/" + i0,parentData:data1,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
}
else {
const err4 = {instancePath:instancePath+"/regions",schemaPath:"#/properties/regions/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.phases !== undefined){
let data3 = data.phases;
if(Array.isArray(data3)){
if(data3.length < 1){
const err5 = {instancePath:instancePath+"/phases",schemaPath:"#/properties/phases/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len1 = data3.length;
for(let i1=0; i1<len1; i1++){
if(!(validate24(data3[i1], {instancePath:instancePath+"/phases/" + i1,parentData:data3,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
}
else {
const err6 = {instancePath:instancePath+"/phases",schemaPath:"#/properties/phases/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.command !== undefined){
let data5 = data.command;
if((typeof data5 !== "string") && (!(Array.isArray(data5)))){
const err7 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: schema33.properties.command.type},message:"must be string,array"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(typeof data5 === "string"){
if(data5.length < 1){
const err8 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern13.test(data5)){
const err9 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000]+$"},message:"must match pattern \""+"^[^\\u0000]+$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(Array.isArray(data5)){
if(data5.length < 1){
const err10 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
const len2 = data5.length;
for(let i2=0; i2<len2; i2++){
let data6 = data5[i2];
if(typeof data6 === "string"){
if(!pattern14.test(data6)){
const err11 = {instancePath:instancePath+"/command/" + i2,schemaPath:"#/properties/command/items/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000]*$"},message:"must match pattern \""+"^[^\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/command/" + i2,schemaPath:"#/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
}
if(data.cwd !== undefined){
let data7 = data.cwd;
if(typeof data7 === "string"){
if(data7.length < 1){
const err13 = {instancePath:instancePath+"/cwd",schemaPath:"#/properties/cwd/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern15.test(data7)){
const err14 = {instancePath:instancePath+"/cwd",schemaPath:"#/properties/cwd/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]+$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]+$"+"\""};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/cwd",schemaPath:"#/properties/cwd/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.pid !== undefined){
let data8 = data.pid;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err16 = {instancePath:instancePath+"/pid",schemaPath:"#/properties/pid/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 4194304 || isNaN(data8)){
const err17 = {instancePath:instancePath+"/pid",schemaPath:"#/properties/pid/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4194304},message:"must be <= 4194304"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err18 = {instancePath:instancePath+"/pid",schemaPath:"#/properties/pid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data.binary !== undefined){
let data9 = data.binary;
if(typeof data9 === "string"){
if(data9.length < 1){
const err19 = {instancePath:instancePath+"/binary",schemaPath:"#/properties/binary/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(!pattern15.test(data9)){
const err20 = {instancePath:instancePath+"/binary",schemaPath:"#/properties/binary/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]+$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]+$"+"\""};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/binary",schemaPath:"#/properties/binary/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.args !== undefined){
let data10 = data.args;
if(Array.isArray(data10)){
const len3 = data10.length;
for(let i3=0; i3<len3; i3++){
let data11 = data10[i3];
if(typeof data11 === "string"){
if(!pattern17.test(data11)){
const err22 = {instancePath:instancePath+"/args/" + i3,schemaPath:"#/properties/args/items/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/args/" + i3,schemaPath:"#/properties/args/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/args",schemaPath:"#/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema41 = {"description":"How kdamonds, contexts and targets are laid out: a shorthand (`kind` + `workloads`) or an explicit `kdamonds` tree.","type":"object","additionalProperties":false,"properties":{"kind":{"description":"one-target: 1 kdamond, 1 context, 1 target; many-targets: 1 context with a target per workload; many-contexts: a context (with one target) per workload","enum":["one-target","many-targets","many-contexts"]},"workloads":{"description":"Workload names, one per target (one-target, many-targets) or per context (many-contexts).","type":"array","minItems":1,"items":{"type":"string"}},"targets":{"description":"Number of monitored processes; the workloads list is repeated to fill it (default: one per listed workload).","type":"integer","minimum":1,"maximum":256},"contexts_per_kdamond":{"description":"auto (default): one kdamond with all its contexts when the kernel allows it, else a kdamond per context; one: always a kdamond per context; many: always share, and refuse kernels that cannot","default":"auto","enum":["auto","one","many"]},"kdamonds":{"description":"The explicit tree, instead of `kind` and `workloads`: the kdamonds, each with its contexts and their targets.","type":"array","minItems":1,"items":{"$ref":"#/$defs/kdamond"}}},"if":{"required":["kdamonds"]},"else":{"required":["kind","workloads"]}};
const schema42 = {"description":"A kdamond: a kernel thread that serves its contexts.","type":"object","additionalProperties":false,"required":["contexts"],"properties":{"contexts":{"description":"The kdamond's contexts. More than one needs a kernel whose kdamond takes several (the multi-context fork); with contexts_per_kdamond auto, an upstream kernel gets a kdamond per context instead.","type":"array","minItems":1,"items":{"$ref":"#/$defs/context"}}}};
const schema43 = {"description":"A DAMON monitoring context: an operations set, monitoring attributes, targets and schemes.","type":"object","additionalProperties":false,"required":["targets"],"properties":{"operations":{"description":"The context's operations set: what its targets' addresses are.","default":"vaddr","$ref":"#/$defs/operations"},"monitoring":{"description":"The context's own monitoring attributes, each overriding the top-level `monitoring` one. Contexts that share a kdamond must share one sampling interval.","$ref":"#/$defs/monitoring"},"targets":{"description":"What the context monitors: a process per target (vaddr, fvaddr), or one target without a process (paddr).","type":"array","minItems":1,"items":{"$ref":"#/$defs/target"}},"schemes":{"description":"The context's own DAMOS schemes, instead of the top-level `schemes`.","$ref":"#/$defs/schemes"}}};
const schema44 = {"description":"DAMON operations set: vaddr (virtual address space of a process), fvaddr (fixed virtual ranges), paddr (physical memory)","enum":["vaddr","fvaddr","paddr"]};
const schema45 = {"description":"Monitoring attributes. Unset ones take the kernel defaults: sample 5ms, aggr 100ms, update 60s, nr_regions 10..1000.","type":"object","additionalProperties":false,"properties":{"sample":{"description":"The sampling interval (sample_us): how often DAMON checks whether each region was accessed. At most `aggr`; unset: the kernel's 5ms (a context's: the top-level one's).","$ref":"#/$defs/duration"},"aggr":{"description":"The aggregation interval (aggr_us): DAMON reports a snapshot (damon_aggregated) as each ends, then counts afresh. At least `sample` and at most `duration`; unset: the kernel's 100ms.","$ref":"#/$defs/duration"},"update":{"description":"The regions update interval (update_us): how often DAMON updates its regions from the targets' memory mappings. Unset: the kernel's 60s.","$ref":"#/$defs/duration"},"nr_regions":{"description":"The number of regions DAMON keeps per target, as it splits and merges them (unset: the kernel's 10 to 1000).","type":"object","additionalProperties":false,"properties":{"min":{"description":"The fewest regions (nr_regions/min): at least 3 and at most `max`; unset: 10.","type":"integer","minimum":0},"max":{"description":"The most regions (nr_regions/max); unset: 1000.","type":"integer","minimum":0}}},"intervals_goal":{"description":"Automatic tuning of sample and aggregation intervals (Linux 6.15+).","type":"object","additionalProperties":false,"required":["access_bp","aggrs","min_sample","max_sample"],"properties":{"access_bp":{"description":"The share of accesses DAMON aims to observe per aggregation, in basis points (1/10000) of the most it could.","type":"integer","minimum":1,"maximum":10000},"aggrs":{"description":"How many aggregation intervals each tuning step observes.","type":"integer","minimum":1},"min_sample":{"description":"The shortest sampling interval tuning may choose (at most max_sample).","$ref":"#/$defs/duration"},"max_sample":{"description":"The longest sampling interval tuning may choose.","$ref":"#/$defs/duration"}}}}};

function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate32.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "sample") || (key0 === "aggr")) || (key0 === "update")) || (key0 === "nr_regions")) || (key0 === "intervals_goal"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.sample !== undefined){
let data0 = data.sample;
if(typeof data0 === "string"){
if(!pattern11.test(data0)){
const err1 = {instancePath:instancePath+"/sample",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/sample",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.aggr !== undefined){
let data1 = data.aggr;
if(typeof data1 === "string"){
if(!pattern11.test(data1)){
const err3 = {instancePath:instancePath+"/aggr",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/aggr",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.update !== undefined){
let data2 = data.update;
if(typeof data2 === "string"){
if(!pattern11.test(data2)){
const err5 = {instancePath:instancePath+"/update",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/update",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.nr_regions !== undefined){
let data3 = data.nr_regions;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!((key1 === "min") || (key1 === "max"))){
const err7 = {instancePath:instancePath+"/nr_regions",schemaPath:"#/properties/nr_regions/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data3.min !== undefined){
let data4 = data3.min;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err8 = {instancePath:instancePath+"/nr_regions/min",schemaPath:"#/properties/nr_regions/properties/min/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err9 = {instancePath:instancePath+"/nr_regions/min",schemaPath:"#/properties/nr_regions/properties/min/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data3.max !== undefined){
let data5 = data3.max;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err10 = {instancePath:instancePath+"/nr_regions/max",schemaPath:"#/properties/nr_regions/properties/max/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 0 || isNaN(data5)){
const err11 = {instancePath:instancePath+"/nr_regions/max",schemaPath:"#/properties/nr_regions/properties/max/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
}
else {
const err12 = {instancePath:instancePath+"/nr_regions",schemaPath:"#/properties/nr_regions/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.intervals_goal !== undefined){
let data6 = data.intervals_goal;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.access_bp === undefined){
const err13 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/required",keyword:"required",params:{missingProperty: "access_bp"},message:"must have required property '"+"access_bp"+"'"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data6.aggrs === undefined){
const err14 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/required",keyword:"required",params:{missingProperty: "aggrs"},message:"must have required property '"+"aggrs"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data6.min_sample === undefined){
const err15 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/required",keyword:"required",params:{missingProperty: "min_sample"},message:"must have required property '"+"min_sample"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data6.max_sample === undefined){
const err16 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/required",keyword:"required",params:{missingProperty: "max_sample"},message:"must have required property '"+"max_sample"+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key2 in data6){
if(!((((key2 === "access_bp") || (key2 === "aggrs")) || (key2 === "min_sample")) || (key2 === "max_sample"))){
const err17 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data6.access_bp !== undefined){
let data7 = data6.access_bp;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err18 = {instancePath:instancePath+"/intervals_goal/access_bp",schemaPath:"#/properties/intervals_goal/properties/access_bp/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 10000 || isNaN(data7)){
const err19 = {instancePath:instancePath+"/intervals_goal/access_bp",schemaPath:"#/properties/intervals_goal/properties/access_bp/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data7 < 1 || isNaN(data7)){
const err20 = {instancePath:instancePath+"/intervals_goal/access_bp",schemaPath:"#/properties/intervals_goal/properties/access_bp/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
if(data6.aggrs !== undefined){
let data8 = data6.aggrs;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err21 = {instancePath:instancePath+"/intervals_goal/aggrs",schemaPath:"#/properties/intervals_goal/properties/aggrs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 1 || isNaN(data8)){
const err22 = {instancePath:instancePath+"/intervals_goal/aggrs",schemaPath:"#/properties/intervals_goal/properties/aggrs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
if(data6.min_sample !== undefined){
let data9 = data6.min_sample;
if(typeof data9 === "string"){
if(!pattern11.test(data9)){
const err23 = {instancePath:instancePath+"/intervals_goal/min_sample",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/intervals_goal/min_sample",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data6.max_sample !== undefined){
let data10 = data6.max_sample;
if(typeof data10 === "string"){
if(!pattern11.test(data10)){
const err25 = {instancePath:instancePath+"/intervals_goal/max_sample",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/intervals_goal/max_sample",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/intervals_goal",schemaPath:"#/properties/intervals_goal/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
validate32.errors = vErrors;
return errors === 0;
}
validate32.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema51 = {"description":"A monitoring target: a workload's process, or the physical memory for paddr.","type":"object","additionalProperties":false,"properties":{"workload":{"description":"The workload whose process this target monitors (vaddr, fvaddr). paddr targets have none.","type":"string"},"regions":{"description":"Initial monitoring regions, sorted and not overlapping (required for fvaddr, optional for vaddr and paddr).","type":"array","items":{"$ref":"#/$defs/addressRange"}}}};
const schema52 = {"description":"An address range: from start up to (not including) end, start below end, within 64 bits.","type":"object","additionalProperties":false,"required":["start","end"],"properties":{"start":{"description":"The range's first address.","$ref":"#/$defs/address"},"end":{"description":"The address just past the range.","$ref":"#/$defs/address"}}};
const schema53 = {"description":"An address: a decimal integer or a 0x-prefixed hexadecimal string","expected":"an address: a decimal integer or a 0x-prefixed hexadecimal string","type":["integer","string"],"minimum":0,"pattern":"^(0x[0-9a-fA-F]+|[0-9]+)$"};
const pattern23 = new RegExp("^(0x[0-9a-fA-F]+|[0-9]+)$", "u");

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate35.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.start === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "start"},message:"must have required property '"+"start"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.end === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "end"},message:"must have required property '"+"end"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "start") || (key0 === "end"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.start !== undefined){
let data0 = data.start;
if((!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))) && (typeof data0 !== "string")){
const err3 = {instancePath:instancePath+"/start",schemaPath:"#/$defs/address/type",keyword:"type",params:{type: schema53.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err4 = {instancePath:instancePath+"/start",schemaPath:"#/$defs/address/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(typeof data0 === "string"){
if(!pattern23.test(data0)){
const err5 = {instancePath:instancePath+"/start",schemaPath:"#/$defs/address/pattern",keyword:"pattern",params:{pattern: "^(0x[0-9a-fA-F]+|[0-9]+)$"},message:"must match pattern \""+"^(0x[0-9a-fA-F]+|[0-9]+)$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.end !== undefined){
let data1 = data.end;
if((!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))) && (typeof data1 !== "string")){
const err6 = {instancePath:instancePath+"/end",schemaPath:"#/$defs/address/type",keyword:"type",params:{type: schema53.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 0 || isNaN(data1)){
const err7 = {instancePath:instancePath+"/end",schemaPath:"#/$defs/address/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(typeof data1 === "string"){
if(!pattern23.test(data1)){
const err8 = {instancePath:instancePath+"/end",schemaPath:"#/$defs/address/pattern",keyword:"pattern",params:{pattern: "^(0x[0-9a-fA-F]+|[0-9]+)$"},message:"must match pattern \""+"^(0x[0-9a-fA-F]+|[0-9]+)$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate35.errors = vErrors;
return errors === 0;
}
validate35.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "workload") || (key0 === "regions"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.workload !== undefined){
if(typeof data.workload !== "string"){
const err1 = {instancePath:instancePath+"/workload",schemaPath:"#/properties/workload/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.regions !== undefined){
let data1 = data.regions;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(!(validate35(data1[i0], {instancePath:instancePath+"/regions/" + i0,parentData:data1,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath:instancePath+"/regions",schemaPath:"#/properties/regions/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
else {
const err3 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema55 = {"description":"DAMOS schemes: the name of a scheme set (scheme_sets; `none` for no schemes) or a list of schemes.","if":{"type":"string"},"then":{"$ref":"#/$defs/identifier"},"else":{"type":"array","items":{"$ref":"#/$defs/scheme"}},"tsType":"string | Scheme[]","expected":"a scheme set's name (or none) or a list of schemes"};
const schema57 = {"description":"A DAMON-based operation scheme (DAMOS): an action DAMON applies to the regions whose access pattern matches, within its quotas, while its watermarks allow.","type":"object","additionalProperties":false,"required":["action"],"properties":{"action":{"description":"What DAMON does to matching regions: pageout (reclaim), cold, willneed, hugepage, nohugepage (vaddr, fvaddr), lru_prio, lru_deprio, migrate_hot, migrate_cold (paddr), or stat (nothing: count only).","enum":["willneed","cold","pageout","hugepage","nohugepage","lru_prio","lru_deprio","migrate_hot","migrate_cold","stat"]},"access_pattern":{"description":"Which regions the action applies to: size, access frequency and age ranges. Unset bounds match everything.","type":"object","additionalProperties":false,"properties":{"size":{"type":"object","additionalProperties":false,"description":"A range of region sizes: min and max (both optional)","properties":{"min":{"description":"The smallest region size that matches.","$ref":"#/$defs/size"},"max":{"description":"The largest region size that matches.","$ref":"#/$defs/size"}}},"nr_accesses":{"type":"object","additionalProperties":false,"description":"A range of access frequencies: min and max (both optional)","properties":{"min":{"description":"The lowest access frequency that matches.","$ref":"#/$defs/nrAccesses"},"max":{"description":"The highest access frequency that matches.","$ref":"#/$defs/nrAccesses"}}},"age":{"type":"object","additionalProperties":false,"description":"A range of ages (how long a region kept its access frequency): min and max (both optional)","properties":{"min":{"description":"The youngest age that matches.","$ref":"#/$defs/age"},"max":{"description":"The oldest age that matches.","$ref":"#/$defs/age"}}}}},"apply_interval":{"description":"How often the scheme is applied (apply_interval_us, Linux 6.7+; default: every aggregation interval).","$ref":"#/$defs/duration"},"target_nid":{"description":"The NUMA node migrate_hot and migrate_cold move pages to (Linux 6.11+).","type":"integer","minimum":0},"quotas":{"description":"Limits on what the scheme does per reset interval, with the weights that pick regions first, and goals that tune the quota.","type":"object","additionalProperties":false,"properties":{"time":{"description":"CPU time the scheme may take per reset interval (quotas/ms; 0: no limit).","$ref":"#/$defs/duration"},"size":{"description":"Bytes the scheme may apply to per reset interval (quotas/bytes; 0: no limit).","$ref":"#/$defs/size"},"reset_interval":{"description":"The quotas' charge period (quotas/reset_interval_ms).","$ref":"#/$defs/duration"},"weights":{"description":"Region priority under a quota, per mille each (quotas/weights).","type":"object","additionalProperties":false,"properties":{"size":{"description":"The weight of a region's size (weights/sz_permil; unset: 0).","type":"integer","minimum":0},"nr_accesses":{"description":"The weight of a region's access frequency (weights/nr_accesses_permil; unset: 0).","type":"integer","minimum":0},"age":{"description":"The weight of a region's age (weights/age_permil; unset: 0).","type":"integer","minimum":0}}},"goals":{"description":"Quota auto-tuning goals (quotas/goals, Linux 6.8+; target_metric 6.9+).","type":"array","items":{"description":"A quota goal: DAMON raises or lowers the quota to bring the metric to its target.","type":"object","additionalProperties":false,"required":["metric","target"],"properties":{"metric":{"description":"What the goal measures (target_metric): user_input (a value you give as current), some_mem_psi_us (memory pressure stall time, µs), node_mem_used_bp and node_mem_free_bp (a NUMA node's memory, basis points), node_memcg_used_bp and node_memcg_free_bp (a cgroup's on a node).","enum":["user_input","some_mem_psi_us","node_mem_used_bp","node_mem_free_bp","node_memcg_used_bp","node_memcg_free_bp"]},"target":{"description":"The value the quota is tuned to reach (target_value).","type":"integer","minimum":0},"current":{"description":"The metric's current value (current_value), for user_input only.","type":"integer","minimum":0},"nid":{"description":"The NUMA node of a node_* metric.","type":"integer","minimum":0},"memcg_path":{"description":"The cgroup of a node_memcg_* metric.","type":"string","minLength":1,"expected":"a cgroup path on one line","pattern":"^[^\\r\\n\\u0000]+$"}}}}}},"watermarks":{"description":"When the scheme is active: by a metric of the system, checked every interval (high, mid, low in per mille).","type":"object","additionalProperties":false,"required":["metric"],"properties":{"metric":{"description":"none: the scheme is always active; free_mem_rate: by the free memory's share of the system's, in per mille. With free_mem_rate, interval, high, mid and low are required.","enum":["none","free_mem_rate"]},"interval":{"description":"How often the metric is checked (interval_us).","$ref":"#/$defs/duration"},"high":{"description":"Above it the scheme is deactivated (per mille; at least mid).","type":"integer","minimum":0,"maximum":1000},"mid":{"description":"Below it the scheme is activated (per mille; at least low).","type":"integer","minimum":0,"maximum":1000},"low":{"description":"Below it the scheme is deactivated (per mille).","type":"integer","minimum":0,"maximum":1000}}},"filters":{"description":"Which memory the action may or may not touch within matching regions (Linux 6.3+).","type":"array","items":{"description":"A DAMOS filter: memory picked by a property (anonymous, of a cgroup, in an address range, ...) that the action leaves out or, with `allow`, is kept to.","type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"description":"What the filter picks: anon (anonymous pages), active (pages on an active LRU list, 6.15+), memcg (pages of a cgroup), young (pages accessed since the last check), hugepage_size (folios within a size range, 6.15+) and unmapped (unmapped pages, 6.15+), which only the paddr operations set applies; addr (an address range) and target (one of the context's targets), on any operations set.","enum":["anon","active","memcg","young","hugepage_size","unmapped","addr","target"]},"matching":{"description":"true (default): the filter applies to memory of this type; false: to memory not of it","default":true,"type":"boolean"},"allow":{"description":"false (default): the memory the filter matches is left out; true: only it is kept (Linux 6.14+)","type":"boolean"},"memcg_path":{"description":"The cgroup of a memcg filter","type":"string","minLength":1,"expected":"a cgroup path on one line","pattern":"^[^\\r\\n\\u0000]+$"},"start":{"description":"The start of an addr filter's range","$ref":"#/$defs/address"},"end":{"description":"The end of an addr filter's range","$ref":"#/$defs/address"},"target":{"description":"The target index of a target filter","type":"integer","minimum":0},"min":{"description":"hugepage_size: the smallest folio size","$ref":"#/$defs/size"},"max":{"description":"hugepage_size: the largest folio size","$ref":"#/$defs/size"}}}}}};
const schema60 = {"description":"An access frequency: samples with an access per aggregation interval (0 to aggr/sample), or a percentage of that maximum such as 0% or 50%","expected":"an access frequency: a whole number of samples per aggregation interval, or a percentage such as 5%","type":["integer","string"],"minimum":0,"pattern":"^[0-9]+(\\.[0-9]+)?\\s*%$"};
const schema62 = {"description":"An age: a duration such as 5s (converted to aggregation intervals, damo's way), or a whole number of aggregation intervals","expected":"an age: a duration such as 5s, or a whole number of aggregation intervals","type":["integer","string"],"minimum":0,"pattern":"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"};
const pattern28 = new RegExp("^[0-9]+(\\.[0-9]+)?\\s*%$", "u");

function validate39(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate39.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.action === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "action"},message:"must have required property '"+"action"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "action") || (key0 === "access_pattern")) || (key0 === "apply_interval")) || (key0 === "target_nid")) || (key0 === "quotas")) || (key0 === "watermarks")) || (key0 === "filters"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.action !== undefined){
let data0 = data.action;
if(!((((((((((data0 === "willneed") || (data0 === "cold")) || (data0 === "pageout")) || (data0 === "hugepage")) || (data0 === "nohugepage")) || (data0 === "lru_prio")) || (data0 === "lru_deprio")) || (data0 === "migrate_hot")) || (data0 === "migrate_cold")) || (data0 === "stat"))){
const err2 = {instancePath:instancePath+"/action",schemaPath:"#/properties/action/enum",keyword:"enum",params:{allowedValues: schema57.properties.action.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.access_pattern !== undefined){
let data1 = data.access_pattern;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
if(!(((key1 === "size") || (key1 === "nr_accesses")) || (key1 === "age"))){
const err3 = {instancePath:instancePath+"/access_pattern",schemaPath:"#/properties/access_pattern/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data1.size !== undefined){
let data2 = data1.size;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key2 in data2){
if(!((key2 === "min") || (key2 === "max"))){
const err4 = {instancePath:instancePath+"/access_pattern/size",schemaPath:"#/properties/access_pattern/properties/size/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data2.min !== undefined){
let data3 = data2.min;
if((!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))) && (typeof data3 !== "string")){
const err5 = {instancePath:instancePath+"/access_pattern/size/min",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err6 = {instancePath:instancePath+"/access_pattern/size/min",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(typeof data3 === "string"){
if(!pattern8.test(data3)){
const err7 = {instancePath:instancePath+"/access_pattern/size/min",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data2.max !== undefined){
let data4 = data2.max;
if((!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))) && (typeof data4 !== "string")){
const err8 = {instancePath:instancePath+"/access_pattern/size/max",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 0 || isNaN(data4)){
const err9 = {instancePath:instancePath+"/access_pattern/size/max",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(typeof data4 === "string"){
if(!pattern8.test(data4)){
const err10 = {instancePath:instancePath+"/access_pattern/size/max",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
else {
const err11 = {instancePath:instancePath+"/access_pattern/size",schemaPath:"#/properties/access_pattern/properties/size/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data1.nr_accesses !== undefined){
let data5 = data1.nr_accesses;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key3 in data5){
if(!((key3 === "min") || (key3 === "max"))){
const err12 = {instancePath:instancePath+"/access_pattern/nr_accesses",schemaPath:"#/properties/access_pattern/properties/nr_accesses/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data5.min !== undefined){
let data6 = data5.min;
if((!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))) && (typeof data6 !== "string")){
const err13 = {instancePath:instancePath+"/access_pattern/nr_accesses/min",schemaPath:"#/$defs/nrAccesses/type",keyword:"type",params:{type: schema60.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
const err14 = {instancePath:instancePath+"/access_pattern/nr_accesses/min",schemaPath:"#/$defs/nrAccesses/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(typeof data6 === "string"){
if(!pattern28.test(data6)){
const err15 = {instancePath:instancePath+"/access_pattern/nr_accesses/min",schemaPath:"#/$defs/nrAccesses/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*%$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*%$"+"\""};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
if(data5.max !== undefined){
let data7 = data5.max;
if((!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))) && (typeof data7 !== "string")){
const err16 = {instancePath:instancePath+"/access_pattern/nr_accesses/max",schemaPath:"#/$defs/nrAccesses/type",keyword:"type",params:{type: schema60.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 0 || isNaN(data7)){
const err17 = {instancePath:instancePath+"/access_pattern/nr_accesses/max",schemaPath:"#/$defs/nrAccesses/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(typeof data7 === "string"){
if(!pattern28.test(data7)){
const err18 = {instancePath:instancePath+"/access_pattern/nr_accesses/max",schemaPath:"#/$defs/nrAccesses/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*%$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*%$"+"\""};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
}
else {
const err19 = {instancePath:instancePath+"/access_pattern/nr_accesses",schemaPath:"#/properties/access_pattern/properties/nr_accesses/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data1.age !== undefined){
let data8 = data1.age;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key4 in data8){
if(!((key4 === "min") || (key4 === "max"))){
const err20 = {instancePath:instancePath+"/access_pattern/age",schemaPath:"#/properties/access_pattern/properties/age/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data8.min !== undefined){
let data9 = data8.min;
if((!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))) && (typeof data9 !== "string")){
const err21 = {instancePath:instancePath+"/access_pattern/age/min",schemaPath:"#/$defs/age/type",keyword:"type",params:{type: schema62.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err22 = {instancePath:instancePath+"/access_pattern/age/min",schemaPath:"#/$defs/age/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(typeof data9 === "string"){
if(!pattern11.test(data9)){
const err23 = {instancePath:instancePath+"/access_pattern/age/min",schemaPath:"#/$defs/age/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
if(data8.max !== undefined){
let data10 = data8.max;
if((!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))) && (typeof data10 !== "string")){
const err24 = {instancePath:instancePath+"/access_pattern/age/max",schemaPath:"#/$defs/age/type",keyword:"type",params:{type: schema62.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 0 || isNaN(data10)){
const err25 = {instancePath:instancePath+"/access_pattern/age/max",schemaPath:"#/$defs/age/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(typeof data10 === "string"){
if(!pattern11.test(data10)){
const err26 = {instancePath:instancePath+"/access_pattern/age/max",schemaPath:"#/$defs/age/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
}
else {
const err27 = {instancePath:instancePath+"/access_pattern/age",schemaPath:"#/properties/access_pattern/properties/age/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/access_pattern",schemaPath:"#/properties/access_pattern/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.apply_interval !== undefined){
let data11 = data.apply_interval;
if(typeof data11 === "string"){
if(!pattern11.test(data11)){
const err29 = {instancePath:instancePath+"/apply_interval",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/apply_interval",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.target_nid !== undefined){
let data12 = data.target_nid;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err31 = {instancePath:instancePath+"/target_nid",schemaPath:"#/properties/target_nid/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 0 || isNaN(data12)){
const err32 = {instancePath:instancePath+"/target_nid",schemaPath:"#/properties/target_nid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
if(data.quotas !== undefined){
let data13 = data.quotas;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key5 in data13){
if(!(((((key5 === "time") || (key5 === "size")) || (key5 === "reset_interval")) || (key5 === "weights")) || (key5 === "goals"))){
const err33 = {instancePath:instancePath+"/quotas",schemaPath:"#/properties/quotas/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data13.time !== undefined){
let data14 = data13.time;
if(typeof data14 === "string"){
if(!pattern11.test(data14)){
const err34 = {instancePath:instancePath+"/quotas/time",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/quotas/time",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data13.size !== undefined){
let data15 = data13.size;
if((!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))) && (typeof data15 !== "string")){
const err36 = {instancePath:instancePath+"/quotas/size",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 0 || isNaN(data15)){
const err37 = {instancePath:instancePath+"/quotas/size",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(typeof data15 === "string"){
if(!pattern8.test(data15)){
const err38 = {instancePath:instancePath+"/quotas/size",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
if(data13.reset_interval !== undefined){
let data16 = data13.reset_interval;
if(typeof data16 === "string"){
if(!pattern11.test(data16)){
const err39 = {instancePath:instancePath+"/quotas/reset_interval",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/quotas/reset_interval",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data13.weights !== undefined){
let data17 = data13.weights;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
for(const key6 in data17){
if(!(((key6 === "size") || (key6 === "nr_accesses")) || (key6 === "age"))){
const err41 = {instancePath:instancePath+"/quotas/weights",schemaPath:"#/properties/quotas/properties/weights/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data17.size !== undefined){
let data18 = data17.size;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err42 = {instancePath:instancePath+"/quotas/weights/size",schemaPath:"#/properties/quotas/properties/weights/properties/size/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 < 0 || isNaN(data18)){
const err43 = {instancePath:instancePath+"/quotas/weights/size",schemaPath:"#/properties/quotas/properties/weights/properties/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
if(data17.nr_accesses !== undefined){
let data19 = data17.nr_accesses;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
const err44 = {instancePath:instancePath+"/quotas/weights/nr_accesses",schemaPath:"#/properties/quotas/properties/weights/properties/nr_accesses/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if((typeof data19 == "number") && (isFinite(data19))){
if(data19 < 0 || isNaN(data19)){
const err45 = {instancePath:instancePath+"/quotas/weights/nr_accesses",schemaPath:"#/properties/quotas/properties/weights/properties/nr_accesses/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
if(data17.age !== undefined){
let data20 = data17.age;
if(!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))){
const err46 = {instancePath:instancePath+"/quotas/weights/age",schemaPath:"#/properties/quotas/properties/weights/properties/age/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if((typeof data20 == "number") && (isFinite(data20))){
if(data20 < 0 || isNaN(data20)){
const err47 = {instancePath:instancePath+"/quotas/weights/age",schemaPath:"#/properties/quotas/properties/weights/properties/age/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
}
else {
const err48 = {instancePath:instancePath+"/quotas/weights",schemaPath:"#/properties/quotas/properties/weights/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data13.goals !== undefined){
let data21 = data13.goals;
if(Array.isArray(data21)){
const len0 = data21.length;
for(let i0=0; i0<len0; i0++){
let data22 = data21[i0];
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.metric === undefined){
const err49 = {instancePath:instancePath+"/quotas/goals/" + i0,schemaPath:"#/properties/quotas/properties/goals/items/required",keyword:"required",params:{missingProperty: "metric"},message:"must have required property '"+"metric"+"'"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(data22.target === undefined){
const err50 = {instancePath:instancePath+"/quotas/goals/" + i0,schemaPath:"#/properties/quotas/properties/goals/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
for(const key7 in data22){
if(!(((((key7 === "metric") || (key7 === "target")) || (key7 === "current")) || (key7 === "nid")) || (key7 === "memcg_path"))){
const err51 = {instancePath:instancePath+"/quotas/goals/" + i0,schemaPath:"#/properties/quotas/properties/goals/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data22.metric !== undefined){
let data23 = data22.metric;
if(!((((((data23 === "user_input") || (data23 === "some_mem_psi_us")) || (data23 === "node_mem_used_bp")) || (data23 === "node_mem_free_bp")) || (data23 === "node_memcg_used_bp")) || (data23 === "node_memcg_free_bp"))){
const err52 = {instancePath:instancePath+"/quotas/goals/" + i0+"/metric",schemaPath:"#/properties/quotas/properties/goals/items/properties/metric/enum",keyword:"enum",params:{allowedValues: schema57.properties.quotas.properties.goals.items.properties.metric.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data22.target !== undefined){
let data24 = data22.target;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err53 = {instancePath:instancePath+"/quotas/goals/" + i0+"/target",schemaPath:"#/properties/quotas/properties/goals/items/properties/target/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 < 0 || isNaN(data24)){
const err54 = {instancePath:instancePath+"/quotas/goals/" + i0+"/target",schemaPath:"#/properties/quotas/properties/goals/items/properties/target/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
if(data22.current !== undefined){
let data25 = data22.current;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err55 = {instancePath:instancePath+"/quotas/goals/" + i0+"/current",schemaPath:"#/properties/quotas/properties/goals/items/properties/current/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 < 0 || isNaN(data25)){
const err56 = {instancePath:instancePath+"/quotas/goals/" + i0+"/current",schemaPath:"#/properties/quotas/properties/goals/items/properties/current/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
if(data22.nid !== undefined){
let data26 = data22.nid;
if(!(((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26))) && (isFinite(data26)))){
const err57 = {instancePath:instancePath+"/quotas/goals/" + i0+"/nid",schemaPath:"#/properties/quotas/properties/goals/items/properties/nid/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if((typeof data26 == "number") && (isFinite(data26))){
if(data26 < 0 || isNaN(data26)){
const err58 = {instancePath:instancePath+"/quotas/goals/" + i0+"/nid",schemaPath:"#/properties/quotas/properties/goals/items/properties/nid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
if(data22.memcg_path !== undefined){
let data27 = data22.memcg_path;
if(typeof data27 === "string"){
if(data27.length < 1){
const err59 = {instancePath:instancePath+"/quotas/goals/" + i0+"/memcg_path",schemaPath:"#/properties/quotas/properties/goals/items/properties/memcg_path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(!pattern15.test(data27)){
const err60 = {instancePath:instancePath+"/quotas/goals/" + i0+"/memcg_path",schemaPath:"#/properties/quotas/properties/goals/items/properties/memcg_path/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]+$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]+$"+"\""};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
else {
const err61 = {instancePath:instancePath+"/quotas/goals/" + i0+"/memcg_path",schemaPath:"#/properties/quotas/properties/goals/items/properties/memcg_path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
}
else {
const err62 = {instancePath:instancePath+"/quotas/goals/" + i0,schemaPath:"#/properties/quotas/properties/goals/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
else {
const err63 = {instancePath:instancePath+"/quotas/goals",schemaPath:"#/properties/quotas/properties/goals/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/quotas",schemaPath:"#/properties/quotas/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data.watermarks !== undefined){
let data28 = data.watermarks;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
if(data28.metric === undefined){
const err65 = {instancePath:instancePath+"/watermarks",schemaPath:"#/properties/watermarks/required",keyword:"required",params:{missingProperty: "metric"},message:"must have required property '"+"metric"+"'"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
for(const key8 in data28){
if(!(((((key8 === "metric") || (key8 === "interval")) || (key8 === "high")) || (key8 === "mid")) || (key8 === "low"))){
const err66 = {instancePath:instancePath+"/watermarks",schemaPath:"#/properties/watermarks/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data28.metric !== undefined){
let data29 = data28.metric;
if(!((data29 === "none") || (data29 === "free_mem_rate"))){
const err67 = {instancePath:instancePath+"/watermarks/metric",schemaPath:"#/properties/watermarks/properties/metric/enum",keyword:"enum",params:{allowedValues: schema57.properties.watermarks.properties.metric.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data28.interval !== undefined){
let data30 = data28.interval;
if(typeof data30 === "string"){
if(!pattern11.test(data30)){
const err68 = {instancePath:instancePath+"/watermarks/interval",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
else {
const err69 = {instancePath:instancePath+"/watermarks/interval",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data28.high !== undefined){
let data31 = data28.high;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err70 = {instancePath:instancePath+"/watermarks/high",schemaPath:"#/properties/watermarks/properties/high/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 > 1000 || isNaN(data31)){
const err71 = {instancePath:instancePath+"/watermarks/high",schemaPath:"#/properties/watermarks/properties/high/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if(data31 < 0 || isNaN(data31)){
const err72 = {instancePath:instancePath+"/watermarks/high",schemaPath:"#/properties/watermarks/properties/high/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
if(data28.mid !== undefined){
let data32 = data28.mid;
if(!(((typeof data32 == "number") && (!(data32 % 1) && !isNaN(data32))) && (isFinite(data32)))){
const err73 = {instancePath:instancePath+"/watermarks/mid",schemaPath:"#/properties/watermarks/properties/mid/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if((typeof data32 == "number") && (isFinite(data32))){
if(data32 > 1000 || isNaN(data32)){
const err74 = {instancePath:instancePath+"/watermarks/mid",schemaPath:"#/properties/watermarks/properties/mid/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if(data32 < 0 || isNaN(data32)){
const err75 = {instancePath:instancePath+"/watermarks/mid",schemaPath:"#/properties/watermarks/properties/mid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
if(data28.low !== undefined){
let data33 = data28.low;
if(!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))){
const err76 = {instancePath:instancePath+"/watermarks/low",schemaPath:"#/properties/watermarks/properties/low/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if((typeof data33 == "number") && (isFinite(data33))){
if(data33 > 1000 || isNaN(data33)){
const err77 = {instancePath:instancePath+"/watermarks/low",schemaPath:"#/properties/watermarks/properties/low/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
if(data33 < 0 || isNaN(data33)){
const err78 = {instancePath:instancePath+"/watermarks/low",schemaPath:"#/properties/watermarks/properties/low/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
}
}
else {
const err79 = {instancePath:instancePath+"/watermarks",schemaPath:"#/properties/watermarks/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data.filters !== undefined){
let data34 = data.filters;
if(Array.isArray(data34)){
const len1 = data34.length;
for(let i1=0; i1<len1; i1++){
let data35 = data34[i1];
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
if(data35.type === undefined){
const err80 = {instancePath:instancePath+"/filters/" + i1,schemaPath:"#/properties/filters/items/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
for(const key9 in data35){
if(!(func1.call(schema57.properties.filters.items.properties, key9))){
const err81 = {instancePath:instancePath+"/filters/" + i1,schemaPath:"#/properties/filters/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data35.type !== undefined){
let data36 = data35.type;
if(!((((((((data36 === "anon") || (data36 === "active")) || (data36 === "memcg")) || (data36 === "young")) || (data36 === "hugepage_size")) || (data36 === "unmapped")) || (data36 === "addr")) || (data36 === "target"))){
const err82 = {instancePath:instancePath+"/filters/" + i1+"/type",schemaPath:"#/properties/filters/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema57.properties.filters.items.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
if(data35.matching !== undefined){
if(typeof data35.matching !== "boolean"){
const err83 = {instancePath:instancePath+"/filters/" + i1+"/matching",schemaPath:"#/properties/filters/items/properties/matching/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data35.allow !== undefined){
if(typeof data35.allow !== "boolean"){
const err84 = {instancePath:instancePath+"/filters/" + i1+"/allow",schemaPath:"#/properties/filters/items/properties/allow/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data35.memcg_path !== undefined){
let data39 = data35.memcg_path;
if(typeof data39 === "string"){
if(data39.length < 1){
const err85 = {instancePath:instancePath+"/filters/" + i1+"/memcg_path",schemaPath:"#/properties/filters/items/properties/memcg_path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(!pattern15.test(data39)){
const err86 = {instancePath:instancePath+"/filters/" + i1+"/memcg_path",schemaPath:"#/properties/filters/items/properties/memcg_path/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]+$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]+$"+"\""};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
else {
const err87 = {instancePath:instancePath+"/filters/" + i1+"/memcg_path",schemaPath:"#/properties/filters/items/properties/memcg_path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
if(data35.start !== undefined){
let data40 = data35.start;
if((!(((typeof data40 == "number") && (!(data40 % 1) && !isNaN(data40))) && (isFinite(data40)))) && (typeof data40 !== "string")){
const err88 = {instancePath:instancePath+"/filters/" + i1+"/start",schemaPath:"#/$defs/address/type",keyword:"type",params:{type: schema53.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
if((typeof data40 == "number") && (isFinite(data40))){
if(data40 < 0 || isNaN(data40)){
const err89 = {instancePath:instancePath+"/filters/" + i1+"/start",schemaPath:"#/$defs/address/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(typeof data40 === "string"){
if(!pattern23.test(data40)){
const err90 = {instancePath:instancePath+"/filters/" + i1+"/start",schemaPath:"#/$defs/address/pattern",keyword:"pattern",params:{pattern: "^(0x[0-9a-fA-F]+|[0-9]+)$"},message:"must match pattern \""+"^(0x[0-9a-fA-F]+|[0-9]+)$"+"\""};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
}
if(data35.end !== undefined){
let data41 = data35.end;
if((!(((typeof data41 == "number") && (!(data41 % 1) && !isNaN(data41))) && (isFinite(data41)))) && (typeof data41 !== "string")){
const err91 = {instancePath:instancePath+"/filters/" + i1+"/end",schemaPath:"#/$defs/address/type",keyword:"type",params:{type: schema53.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if((typeof data41 == "number") && (isFinite(data41))){
if(data41 < 0 || isNaN(data41)){
const err92 = {instancePath:instancePath+"/filters/" + i1+"/end",schemaPath:"#/$defs/address/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(typeof data41 === "string"){
if(!pattern23.test(data41)){
const err93 = {instancePath:instancePath+"/filters/" + i1+"/end",schemaPath:"#/$defs/address/pattern",keyword:"pattern",params:{pattern: "^(0x[0-9a-fA-F]+|[0-9]+)$"},message:"must match pattern \""+"^(0x[0-9a-fA-F]+|[0-9]+)$"+"\""};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
if(data35.target !== undefined){
let data42 = data35.target;
if(!(((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42))) && (isFinite(data42)))){
const err94 = {instancePath:instancePath+"/filters/" + i1+"/target",schemaPath:"#/properties/filters/items/properties/target/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
if((typeof data42 == "number") && (isFinite(data42))){
if(data42 < 0 || isNaN(data42)){
const err95 = {instancePath:instancePath+"/filters/" + i1+"/target",schemaPath:"#/properties/filters/items/properties/target/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
}
if(data35.min !== undefined){
let data43 = data35.min;
if((!(((typeof data43 == "number") && (!(data43 % 1) && !isNaN(data43))) && (isFinite(data43)))) && (typeof data43 !== "string")){
const err96 = {instancePath:instancePath+"/filters/" + i1+"/min",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
if((typeof data43 == "number") && (isFinite(data43))){
if(data43 < 0 || isNaN(data43)){
const err97 = {instancePath:instancePath+"/filters/" + i1+"/min",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
if(typeof data43 === "string"){
if(!pattern8.test(data43)){
const err98 = {instancePath:instancePath+"/filters/" + i1+"/min",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
}
if(data35.max !== undefined){
let data44 = data35.max;
if((!(((typeof data44 == "number") && (!(data44 % 1) && !isNaN(data44))) && (isFinite(data44)))) && (typeof data44 !== "string")){
const err99 = {instancePath:instancePath+"/filters/" + i1+"/max",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
if((typeof data44 == "number") && (isFinite(data44))){
if(data44 < 0 || isNaN(data44)){
const err100 = {instancePath:instancePath+"/filters/" + i1+"/max",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(typeof data44 === "string"){
if(!pattern8.test(data44)){
const err101 = {instancePath:instancePath+"/filters/" + i1+"/max",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
}
}
else {
const err102 = {instancePath:instancePath+"/filters/" + i1,schemaPath:"#/properties/filters/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
}
else {
const err103 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
}
else {
const err104 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
validate39.errors = vErrors;
return errors === 0;
}
validate39.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate38.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs0 = errors;
let valid0 = true;
const _errs1 = errors;
if(typeof data !== "string"){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
var _valid0 = _errs1 === errors;
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs3 = errors;
if(typeof data === "string"){
if(data.length > 64){
const err1 = {instancePath,schemaPath:"#/$defs/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern5.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs3 === errors;
valid0 = _valid0;
ifClause0 = "then";
}
else {
const _errs7 = errors;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(validate39(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
errors = vErrors.length;
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/else/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid0 = _errs7 === errors;
valid0 = _valid0;
if(valid0){
var items0 = true;
}
ifClause0 = "else";
}
if(!valid0){
const err5 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate38.errors = vErrors;
evaluated0.items = items0;
return errors === 0;
}
validate38.evaluated = {"dynamicProps":false,"dynamicItems":true};


function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate31.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.targets === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "targets"},message:"must have required property '"+"targets"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "operations") || (key0 === "monitoring")) || (key0 === "targets")) || (key0 === "schemes"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.operations !== undefined){
let data0 = data.operations;
if(!(((data0 === "vaddr") || (data0 === "fvaddr")) || (data0 === "paddr"))){
const err2 = {instancePath:instancePath+"/operations",schemaPath:"#/$defs/operations/enum",keyword:"enum",params:{allowedValues: schema44.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.monitoring !== undefined){
if(!(validate32(data.monitoring, {instancePath:instancePath+"/monitoring",parentData:data,parentDataProperty:"monitoring",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.targets !== undefined){
let data2 = data.targets;
if(Array.isArray(data2)){
if(data2.length < 1){
const err3 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(!(validate34(data2[i0], {instancePath:instancePath+"/targets/" + i0,parentData:data2,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
}
else {
const err4 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.schemes !== undefined){
if(!(validate38(data.schemes, {instancePath:instancePath+"/schemes",parentData:data,parentDataProperty:"schemes",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
}
}
else {
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}
validate31.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate30.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.contexts === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "contexts"},message:"must have required property '"+"contexts"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "contexts")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.contexts !== undefined){
let data0 = data.contexts;
if(Array.isArray(data0)){
if(data0.length < 1){
const err2 = {instancePath:instancePath+"/contexts",schemaPath:"#/properties/contexts/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(validate31(data0[i0], {instancePath:instancePath+"/contexts/" + i0,parentData:data0,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath:instancePath+"/contexts",schemaPath:"#/properties/contexts/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate30.errors = vErrors;
return errors === 0;
}
validate30.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate29.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.kdamonds === undefined) && (missing0 = "kdamonds")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
if(!_valid0){
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.workloads === undefined){
const err2 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "workloads"},message:"must have required property '"+"workloads"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var _valid0 = _errs3 === errors;
valid0 = _valid0;
}
if(!valid0){
const err3 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: "else"},message:"must match \"else\" schema"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "kind") || (key0 === "workloads")) || (key0 === "targets")) || (key0 === "contexts_per_kdamond")) || (key0 === "kdamonds"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if(!(((data0 === "one-target") || (data0 === "many-targets")) || (data0 === "many-contexts"))){
const err5 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema41.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.workloads !== undefined){
let data1 = data.workloads;
if(Array.isArray(data1)){
if(data1.length < 1){
const err6 = {instancePath:instancePath+"/workloads",schemaPath:"#/properties/workloads/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(typeof data1[i0] !== "string"){
const err7 = {instancePath:instancePath+"/workloads/" + i0,schemaPath:"#/properties/workloads/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/workloads",schemaPath:"#/properties/workloads/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.targets !== undefined){
let data3 = data.targets;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err9 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 256 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/maximum",keyword:"maximum",params:{comparison: "<=", limit: 256},message:"must be <= 256"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data.contexts_per_kdamond !== undefined){
let data4 = data.contexts_per_kdamond;
if(!(((data4 === "auto") || (data4 === "one")) || (data4 === "many"))){
const err12 = {instancePath:instancePath+"/contexts_per_kdamond",schemaPath:"#/properties/contexts_per_kdamond/enum",keyword:"enum",params:{allowedValues: schema41.properties.contexts_per_kdamond.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.kdamonds !== undefined){
let data5 = data.kdamonds;
if(Array.isArray(data5)){
if(data5.length < 1){
const err13 = {instancePath:instancePath+"/kdamonds",schemaPath:"#/properties/kdamonds/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
if(!(validate30(data5[i1], {instancePath:instancePath+"/kdamonds/" + i1,parentData:data5,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
}
else {
const err14 = {instancePath:instancePath+"/kdamonds",schemaPath:"#/properties/kdamonds/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}
validate29.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema77 = {"description":"Where runs execute (used by `damon-exp run`).","type":"object","additionalProperties":false,"properties":{"kind":{"description":"auto (default): this host when its DAMON can serve the run, else QEMU","default":"auto","enum":["auto","local","qemu"]},"kernel":{"description":"Kernel for the qemu backend: a cached kernel's name (`debian`, or one that `damon-exp kernel build` made; `damon-exp kernel list`), a bzImage path (relative to the manifest; its config beside it as <image>.config), or {source: TREE} to build one from a kernel source tree on first use.","oneOf":[{"type":"string","minLength":1},{"type":"object","description":"A kernel built from a source tree on first use (damon-exp kernel build), then taken from the cache.","properties":{"source":{"description":"The kernel source tree, relative to the manifest.","type":"string","minLength":1},"config":{"description":"A config fragment merged after the shipped guest fragment, relative to the manifest.","type":"string","minLength":1},"name":{"description":"The kernel's name in the cache (default: the source directory's name).","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"}},"required":["source"],"additionalProperties":false}]},"memory":{"description":"The qemu backend's VM memory. Masim workloads that map more are refused (a warning above 75 %).","default":"1GiB","$ref":"#/$defs/size"},"cpus":{"description":"The qemu backend's vCPUs.","default":2,"type":"integer","minimum":1,"maximum":64},"accel":{"description":"The qemu backend's accelerator: auto: KVM when /dev/kvm works, else (or when KVM fails) TCG emulation; kvm; tcg. --accel overrides it.","default":"auto","enum":["auto","kvm","tcg"]},"swap":{"description":"Swap for the qemu backend's guest (a virtio disk), so that pageout can reclaim anonymous memory; 0 for none. Default: as large as the VM's memory when a run's schemes page out, else none.","$ref":"#/$defs/size"},"tlb_refresh":{"description":"Under QEMU's TCG emulation, how often each vCPU of the guest drops its cached address translations while the run measures, as a real CPU's small TLB does by itself: without it, DAMON sees almost nothing of a process that runs alone on a vCPU (docs/reliability.md, 'DAMON under emulation'). auto (default): once per shortest sampling interval (between 500us and 20ms) when a workload may have a vCPU to itself (no more workload processes than vCPUs; with more, their switches between each other already empty QEMU's TLB); off: never (to show the artefact); or a duration. Not used under KVM or on this host, whose hardware TLB behaves.","default":"auto","expected":"auto, off, or a duration such as 500us or 1ms","type":"string","pattern":"^(auto|off|[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h))$"},"thp":{"description":"Transparent huge pages for the run: always, madvise or never. QEMU boots its guest with transparent_hugepage=<value>; on this host, the run is refused when the host's setting differs (it is not damon-exp's to change). Unset: the kernel's own default. Under TCG, whether a workload's memory happens to get huge pages changes its speed many times over.","enum":["always","madvise","never"]}}};
const pattern47 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$", "u");
const pattern50 = new RegExp("^(auto|off|[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h))$", "u");

function validate48(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate48.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((((key0 === "kind") || (key0 === "kernel")) || (key0 === "memory")) || (key0 === "cpus")) || (key0 === "accel")) || (key0 === "swap")) || (key0 === "tlb_refresh")) || (key0 === "thp"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if(!(((data0 === "auto") || (data0 === "local")) || (data0 === "qemu"))){
const err1 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema77.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.kernel !== undefined){
let data1 = data.kernel;
const _errs4 = errors;
let valid1 = false;
let passing0 = null;
const _errs5 = errors;
if(typeof data1 === "string"){
if(data1.length < 1){
const err2 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs5 === errors;
if(_valid0){
valid1 = true;
passing0 = 0;
}
const _errs7 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.source === undefined){
const err4 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf/1/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key1 in data1){
if(!(((key1 === "source") || (key1 === "config")) || (key1 === "name"))){
const err5 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data1.source !== undefined){
let data2 = data1.source;
if(typeof data2 === "string"){
if(data2.length < 1){
const err6 = {instancePath:instancePath+"/kernel/source",schemaPath:"#/properties/kernel/oneOf/1/properties/source/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/kernel/source",schemaPath:"#/properties/kernel/oneOf/1/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data1.config !== undefined){
let data3 = data1.config;
if(typeof data3 === "string"){
if(data3.length < 1){
const err8 = {instancePath:instancePath+"/kernel/config",schemaPath:"#/properties/kernel/oneOf/1/properties/config/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/kernel/config",schemaPath:"#/properties/kernel/oneOf/1/properties/config/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.name !== undefined){
let data4 = data1.name;
if(typeof data4 === "string"){
if(!pattern47.test(data4)){
const err10 = {instancePath:instancePath+"/kernel/name",schemaPath:"#/properties/kernel/oneOf/1/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/kernel/name",schemaPath:"#/properties/kernel/oneOf/1/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
var _valid0 = _errs7 === errors;
if(_valid0 && valid1){
valid1 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid1 = true;
passing0 = 1;
}
}
if(!valid1){
const err13 = {instancePath:instancePath+"/kernel",schemaPath:"#/properties/kernel/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
else {
errors = _errs4;
if(vErrors !== null){
if(_errs4){
vErrors.length = _errs4;
}
else {
vErrors = null;
}
}
}
}
if(data.memory !== undefined){
let data5 = data.memory;
if((!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))) && (typeof data5 !== "string")){
const err14 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 0 || isNaN(data5)){
const err15 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(typeof data5 === "string"){
if(!pattern8.test(data5)){
const err16 = {instancePath:instancePath+"/memory",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
if(data.cpus !== undefined){
let data6 = data.cpus;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err17 = {instancePath:instancePath+"/cpus",schemaPath:"#/properties/cpus/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 64 || isNaN(data6)){
const err18 = {instancePath:instancePath+"/cpus",schemaPath:"#/properties/cpus/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data6 < 1 || isNaN(data6)){
const err19 = {instancePath:instancePath+"/cpus",schemaPath:"#/properties/cpus/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
if(data.accel !== undefined){
let data7 = data.accel;
if(!(((data7 === "auto") || (data7 === "kvm")) || (data7 === "tcg"))){
const err20 = {instancePath:instancePath+"/accel",schemaPath:"#/properties/accel/enum",keyword:"enum",params:{allowedValues: schema77.properties.accel.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.swap !== undefined){
let data8 = data.swap;
if((!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))) && (typeof data8 !== "string")){
const err21 = {instancePath:instancePath+"/swap",schemaPath:"#/$defs/size/type",keyword:"type",params:{type: schema36.type},message:"must be integer,string"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 < 0 || isNaN(data8)){
const err22 = {instancePath:instancePath+"/swap",schemaPath:"#/$defs/size/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(typeof data8 === "string"){
if(!pattern8.test(data8)){
const err23 = {instancePath:instancePath+"/swap",schemaPath:"#/$defs/size/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"+"\""};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
if(data.tlb_refresh !== undefined){
let data9 = data.tlb_refresh;
if(typeof data9 === "string"){
if(!pattern50.test(data9)){
const err24 = {instancePath:instancePath+"/tlb_refresh",schemaPath:"#/properties/tlb_refresh/pattern",keyword:"pattern",params:{pattern: "^(auto|off|[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h))$"},message:"must match pattern \""+"^(auto|off|[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h))$"+"\""};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/tlb_refresh",schemaPath:"#/properties/tlb_refresh/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.thp !== undefined){
let data10 = data.thp;
if(!(((data10 === "always") || (data10 === "madvise")) || (data10 === "never"))){
const err26 = {instancePath:instancePath+"/thp",schemaPath:"#/properties/thp/enum",keyword:"enum",params:{allowedValues: schema77.properties.thp.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
validate48.errors = vErrors;
return errors === 0;
}
validate48.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema80 = {"description":"Who runs the runs (used by `damon-exp run`; --executor overrides the kind): this machine, or a Slurm cluster, a job array task per run.","type":"object","additionalProperties":false,"properties":{"kind":{"description":"local (default): this machine runs them; slurm: one sbatch job array, a task per run, on the cluster's nodes","default":"local","enum":["local","slurm"]},"partition":{"description":"The Slurm partition (sbatch --partition).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"account":{"description":"The Slurm account to charge (sbatch --account).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"qos":{"description":"The Slurm quality of service (sbatch --qos).","type":"string","minLength":1,"pattern":"^[^\\s]+$"},"time":{"description":"Each task's time limit, instead of the one derived from the duration (the recording, plus boot and analysis margins).","$ref":"#/$defs/duration"},"options":{"description":"Further sbatch options, each as sbatch takes it (such as --constraint=kvm); --slurm-opt adds to them.","type":"array","items":{"type":"string","expected":"an sbatch option on one line, starting with - or --","pattern":"^--?[A-Za-z][^\\r\\n\\u0000]*$"}}}};
const pattern51 = new RegExp("^[^\\s]+$", "u");
const pattern55 = new RegExp("^--?[A-Za-z][^\\r\\n\\u0000]*$", "u");

function validate50(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate50.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((key0 === "kind") || (key0 === "partition")) || (key0 === "account")) || (key0 === "qos")) || (key0 === "time")) || (key0 === "options"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if(!((data0 === "local") || (data0 === "slurm"))){
const err1 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema80.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.partition !== undefined){
let data1 = data.partition;
if(typeof data1 === "string"){
if(data1.length < 1){
const err2 = {instancePath:instancePath+"/partition",schemaPath:"#/properties/partition/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern51.test(data1)){
const err3 = {instancePath:instancePath+"/partition",schemaPath:"#/properties/partition/pattern",keyword:"pattern",params:{pattern: "^[^\\s]+$"},message:"must match pattern \""+"^[^\\s]+$"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/partition",schemaPath:"#/properties/partition/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.account !== undefined){
let data2 = data.account;
if(typeof data2 === "string"){
if(data2.length < 1){
const err5 = {instancePath:instancePath+"/account",schemaPath:"#/properties/account/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern51.test(data2)){
const err6 = {instancePath:instancePath+"/account",schemaPath:"#/properties/account/pattern",keyword:"pattern",params:{pattern: "^[^\\s]+$"},message:"must match pattern \""+"^[^\\s]+$"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/account",schemaPath:"#/properties/account/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.qos !== undefined){
let data3 = data.qos;
if(typeof data3 === "string"){
if(data3.length < 1){
const err8 = {instancePath:instancePath+"/qos",schemaPath:"#/properties/qos/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern51.test(data3)){
const err9 = {instancePath:instancePath+"/qos",schemaPath:"#/properties/qos/pattern",keyword:"pattern",params:{pattern: "^[^\\s]+$"},message:"must match pattern \""+"^[^\\s]+$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/qos",schemaPath:"#/properties/qos/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.time !== undefined){
let data4 = data.time;
if(typeof data4 === "string"){
if(!pattern11.test(data4)){
const err11 = {instancePath:instancePath+"/time",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/time",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.options !== undefined){
let data5 = data.options;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 === "string"){
if(!pattern55.test(data6)){
const err13 = {instancePath:instancePath+"/options/" + i0,schemaPath:"#/properties/options/items/pattern",keyword:"pattern",params:{pattern: "^--?[A-Za-z][^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^--?[A-Za-z][^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/options/" + i0,schemaPath:"#/properties/options/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/options",schemaPath:"#/properties/options/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate50.errors = vErrors;
return errors === 0;
}
validate50.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema82 = {"description":"Paper figures made from the runs' results by `damon-exp figures` (and after each sweep): each selects runs by their parameters and plots a metric against a parameter, one series per value of another, or a grid of heatmaps.","type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["name","x"],"properties":{"name":{"description":"The figure's file name (figures/<name>.svg, .csv, .png).","$ref":"#/$defs/identifier"},"title":{"description":"The figure's title (default: the metric by x).","type":"string"},"type":{"description":"line (default): the metric's mean against x with 95 % confidence bars; bar: bars per x value with error bars; heatmaps: a grid of access heatmaps, a column per x value and a row per series value; tradeoff: for each value of x against the baseline value, the memory it saves (mean RSS, %) against the slowdown it costs (workload throughput, %), with 95 % confidence bars.","enum":["line","bar","heatmaps","tradeoff"]},"x":{"description":"The parameter along the x axis: a dotted path of the matrix, such as layout.targets.","expected":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"y":{"description":"The metric plotted (not for heatmaps).","expected":"a metric: kdamond_cpu, nr_regions_mean, nr_regions_max, wss_p25, wss_p50, wss_p75, recall, precision, events, interval_jitter, rss_mean, swap_max, throughput, wall_time, sz_applied","enum":["kdamond_cpu","nr_regions_mean","nr_regions_max","wss_p25","wss_p50","wss_p75","recall","precision","events","interval_jitter","rss_mean","swap_max","throughput","wall_time","sz_applied"]},"series":{"description":"The parameter that splits the runs into series: a line (or a bar of each group) per value; heatmaps: a row per value.","expected":"a parameter of the runs: a dotted path of the matrix, such as layout.targets","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},"baseline":{"description":"tradeoff: the value of x the others are measured against (default: the first, or the smallest number), such as none, or off for monitoring.","type":["string","number","boolean"]},"where":{"description":"Only runs with these parameter values.","type":"object","minProperties":1,"tsType":"{ [param: string]: unknown }"},"x_label":{"description":"The x axis's label (default: x).","type":"string"},"y_label":{"description":"The y axis's label (default: the metric with its unit; heatmaps: series).","type":"string"}}}};

function validate52(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate52.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(Array.isArray(data)){
if(data.length < 1){
const err0 = {instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.name === undefined){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data0.x === undefined){
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/required",keyword:"required",params:{missingProperty: "x"},message:"must have required property '"+"x"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data0){
if(!(func1.call(schema82.items.properties, key0))){
const err3 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data0.name !== undefined){
let data1 = data0.name;
if(typeof data1 === "string"){
if(data1.length > 64){
const err4 = {instancePath:instancePath+"/" + i0+"/name",schemaPath:"#/$defs/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern5.test(data1)){
const err5 = {instancePath:instancePath+"/" + i0+"/name",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/" + i0+"/name",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data0.title !== undefined){
if(typeof data0.title !== "string"){
const err7 = {instancePath:instancePath+"/" + i0+"/title",schemaPath:"#/items/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data0.type !== undefined){
let data3 = data0.type;
if(!((((data3 === "line") || (data3 === "bar")) || (data3 === "heatmaps")) || (data3 === "tradeoff"))){
const err8 = {instancePath:instancePath+"/" + i0+"/type",schemaPath:"#/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema82.items.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data0.x !== undefined){
let data4 = data0.x;
if(typeof data4 === "string"){
if(!pattern46.test(data4)){
const err9 = {instancePath:instancePath+"/" + i0+"/x",schemaPath:"#/items/properties/x/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/" + i0+"/x",schemaPath:"#/items/properties/x/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data0.y !== undefined){
let data5 = data0.y;
if(!(((((((((((((((data5 === "kdamond_cpu") || (data5 === "nr_regions_mean")) || (data5 === "nr_regions_max")) || (data5 === "wss_p25")) || (data5 === "wss_p50")) || (data5 === "wss_p75")) || (data5 === "recall")) || (data5 === "precision")) || (data5 === "events")) || (data5 === "interval_jitter")) || (data5 === "rss_mean")) || (data5 === "swap_max")) || (data5 === "throughput")) || (data5 === "wall_time")) || (data5 === "sz_applied"))){
const err11 = {instancePath:instancePath+"/" + i0+"/y",schemaPath:"#/items/properties/y/enum",keyword:"enum",params:{allowedValues: schema82.items.properties.y.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data0.series !== undefined){
let data6 = data0.series;
if(typeof data6 === "string"){
if(!pattern46.test(data6)){
const err12 = {instancePath:instancePath+"/" + i0+"/series",schemaPath:"#/items/properties/series/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"+"\""};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/" + i0+"/series",schemaPath:"#/items/properties/series/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data0.baseline !== undefined){
let data7 = data0.baseline;
if(((typeof data7 !== "string") && (!((typeof data7 == "number") && (isFinite(data7))))) && (typeof data7 !== "boolean")){
const err14 = {instancePath:instancePath+"/" + i0+"/baseline",schemaPath:"#/items/properties/baseline/type",keyword:"type",params:{type: schema82.items.properties.baseline.type},message:"must be string,number,boolean"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data0.where !== undefined){
let data8 = data0.where;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(Object.keys(data8).length < 1){
const err15 = {instancePath:instancePath+"/" + i0+"/where",schemaPath:"#/items/properties/where/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/" + i0+"/where",schemaPath:"#/items/properties/where/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data0.x_label !== undefined){
if(typeof data0.x_label !== "string"){
const err17 = {instancePath:instancePath+"/" + i0+"/x_label",schemaPath:"#/items/properties/x_label/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data0.y_label !== undefined){
if(typeof data0.y_label !== "string"){
const err18 = {instancePath:instancePath+"/" + i0+"/y_label",schemaPath:"#/items/properties/y_label/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/" + i0,schemaPath:"#/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate52.errors = vErrors;
return errors === 0;
}
validate52.evaluated = {"items":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://damon-exp.invalid/schemas/manifest.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.workloads === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "workloads"},message:"must have required property '"+"workloads"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.layout === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "layout"},message:"must have required property '"+"layout"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((func1.call(schema31.properties, key0)) || (pattern4.test(key0)))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(data0.length > 64){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern5.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\""};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.description !== undefined){
if(typeof data.description !== "string"){
const err7 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.workloads !== undefined){
let data2 = data.workloads;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
const _errs9 = errors;
if(typeof key1 === "string"){
if(key1.length > 64){
const err8 = {instancePath:instancePath+"/workloads",schemaPath:"#/$defs/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",propertyName:key1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern5.test(key1)){
const err9 = {instancePath:instancePath+"/workloads",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\"",propertyName:key1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/workloads",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",propertyName:key1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var valid1 = _errs9 === errors;
if(!valid1){
const err11 = {instancePath:instancePath+"/workloads",schemaPath:"#/properties/workloads/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
for(const key2 in data2){
if(!(validate21(data2[key2], {instancePath:instancePath+"/workloads/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data2,parentDataProperty:key2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err12 = {instancePath:instancePath+"/workloads",schemaPath:"#/properties/workloads/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.layout !== undefined){
if(!(validate29(data.layout, {instancePath:instancePath+"/layout",parentData:data,parentDataProperty:"layout",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
if(data.monitoring !== undefined){
let data5 = data.monitoring;
const _errs17 = errors;
let valid4 = true;
const _errs18 = errors;
if(typeof data5 !== "string"){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid0 = _errs18 === errors;
errors = _errs17;
if(vErrors !== null){
if(_errs17){
vErrors.length = _errs17;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs20 = errors;
if(!((data5 === "on") || (data5 === "off"))){
const err14 = {instancePath:instancePath+"/monitoring",schemaPath:"#/properties/monitoring/then/enum",keyword:"enum",params:{allowedValues: schema31.properties.monitoring.then.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
var _valid0 = _errs20 === errors;
valid4 = _valid0;
ifClause0 = "then";
}
else {
const _errs21 = errors;
if(!(validate32(data5, {instancePath:instancePath+"/monitoring",parentData:data,parentDataProperty:"monitoring",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
var _valid0 = _errs21 === errors;
valid4 = _valid0;
ifClause0 = "else";
}
if(!valid4){
const err15 = {instancePath:instancePath+"/monitoring",schemaPath:"#/properties/monitoring/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.schemes !== undefined){
if(!(validate38(data.schemes, {instancePath:instancePath+"/schemes",parentData:data,parentDataProperty:"schemes",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
}
if(data.scheme_sets !== undefined){
let data7 = data.scheme_sets;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key3 in data7){
const _errs26 = errors;
if(typeof key3 === "string"){
if(key3.length > 64){
const err16 = {instancePath:instancePath+"/scheme_sets",schemaPath:"#/$defs/identifier/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",propertyName:key3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!pattern5.test(key3)){
const err17 = {instancePath:instancePath+"/scheme_sets",schemaPath:"#/$defs/identifier/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._-]*$"+"\"",propertyName:key3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/scheme_sets",schemaPath:"#/$defs/identifier/type",keyword:"type",params:{type: "string"},message:"must be string",propertyName:key3};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
var valid5 = _errs26 === errors;
if(!valid5){
const err19 = {instancePath:instancePath+"/scheme_sets",schemaPath:"#/properties/scheme_sets/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
for(const key4 in data7){
let data8 = data7[key4];
if(Array.isArray(data8)){
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
if(!(validate39(data8[i0], {instancePath:instancePath+"/scheme_sets/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0,parentData:data8,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate39.errors : vErrors.concat(validate39.errors);
errors = vErrors.length;
}
}
}
else {
const err20 = {instancePath:instancePath+"/scheme_sets/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/scheme_sets/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/scheme_sets",schemaPath:"#/properties/scheme_sets/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.allow_physical_actions !== undefined){
if(typeof data.allow_physical_actions !== "boolean"){
const err22 = {instancePath:instancePath+"/allow_physical_actions",schemaPath:"#/properties/allow_physical_actions/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.duration !== undefined){
let data11 = data.duration;
if(typeof data11 === "string"){
if(!pattern11.test(data11)){
const err23 = {instancePath:instancePath+"/duration",schemaPath:"#/$defs/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?\\s*(us|µs|ms|s|m|h)$"+"\""};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/duration",schemaPath:"#/$defs/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.record !== undefined){
let data12 = data.record;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key5 in data12){
if(!(key5 === "events")){
const err25 = {instancePath:instancePath+"/record",schemaPath:"#/$defs/record/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data12.events !== undefined){
let data13 = data12.events;
if(Array.isArray(data13)){
if(data13.length < 1){
const err26 = {instancePath:instancePath+"/record/events",schemaPath:"#/$defs/record/properties/events/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
const len1 = data13.length;
for(let i1=0; i1<len1; i1++){
let data14 = data13[i1];
if(typeof data14 === "string"){
if(!pattern45.test(data14)){
const err27 = {instancePath:instancePath+"/record/events/" + i1,schemaPath:"#/$defs/record/properties/events/items/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9_]+:[a-z0-9_]+$"},message:"must match pattern \""+"^[a-z0-9_]+:[a-z0-9_]+$"+"\""};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/record/events/" + i1,schemaPath:"#/$defs/record/properties/events/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
let i2 = data13.length;
let j0;
if(i2 > 1){
const indices0 = {};
for(;i2--;){
let item0 = data13[i2];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err29 = {instancePath:instancePath+"/record/events",schemaPath:"#/$defs/record/properties/events/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
break;
}
indices0[item0] = i2;
}
}
}
else {
const err30 = {instancePath:instancePath+"/record/events",schemaPath:"#/$defs/record/properties/events/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/record",schemaPath:"#/$defs/record/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.matrix !== undefined){
let data15 = data.matrix;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
for(const key6 in data15){
const _errs52 = errors;
if(typeof key6 === "string"){
if(!pattern46.test(key6)){
const err32 = {instancePath:instancePath+"/matrix",schemaPath:"#/$defs/matrix/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9._-]*)?$"+"\"",propertyName:key6};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
var valid17 = _errs52 === errors;
if(!valid17){
const err33 = {instancePath:instancePath+"/matrix",schemaPath:"#/$defs/matrix/propertyNames",keyword:"propertyNames",params:{propertyName: key6},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
for(const key7 in data15){
if(!((key7 === "include") || (key7 === "exclude"))){
let data16 = data15[key7];
if(Array.isArray(data16)){
if(data16.length < 1){
const err34 = {instancePath:instancePath+"/matrix/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/matrix/additionalProperties/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/matrix/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/matrix/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
if(data15.include !== undefined){
let data17 = data15.include;
if(Array.isArray(data17)){
const len2 = data17.length;
for(let i3=0; i3<len2; i3++){
let data18 = data17[i3];
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(Object.keys(data18).length < 1){
const err36 = {instancePath:instancePath+"/matrix/include/" + i3,schemaPath:"#/$defs/matrix/properties/include/items/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/matrix/include/" + i3,schemaPath:"#/$defs/matrix/properties/include/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
else {
const err38 = {instancePath:instancePath+"/matrix/include",schemaPath:"#/$defs/matrix/properties/include/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data15.exclude !== undefined){
let data19 = data15.exclude;
if(Array.isArray(data19)){
const len3 = data19.length;
for(let i4=0; i4<len3; i4++){
let data20 = data19[i4];
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
if(Object.keys(data20).length < 1){
const err39 = {instancePath:instancePath+"/matrix/exclude/" + i4,schemaPath:"#/$defs/matrix/properties/exclude/items/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/matrix/exclude/" + i4,schemaPath:"#/$defs/matrix/properties/exclude/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/matrix/exclude",schemaPath:"#/$defs/matrix/properties/exclude/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
else {
const err42 = {instancePath:instancePath+"/matrix",schemaPath:"#/$defs/matrix/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data.repeat !== undefined){
let data21 = data.repeat;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
const err43 = {instancePath:instancePath+"/repeat",schemaPath:"#/properties/repeat/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if((typeof data21 == "number") && (isFinite(data21))){
if(data21 > 1000 || isNaN(data21)){
const err44 = {instancePath:instancePath+"/repeat",schemaPath:"#/properties/repeat/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(data21 < 1 || isNaN(data21)){
const err45 = {instancePath:instancePath+"/repeat",schemaPath:"#/properties/repeat/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
if(data.backend !== undefined){
if(!(validate48(data.backend, {instancePath:instancePath+"/backend",parentData:data,parentDataProperty:"backend",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
errors = vErrors.length;
}
}
if(data.executor !== undefined){
if(!(validate50(data.executor, {instancePath:instancePath+"/executor",parentData:data,parentDataProperty:"executor",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
}
if(data.figures !== undefined){
if(!(validate52(data.figures, {instancePath:instancePath+"/figures",parentData:data,parentDataProperty:"figures",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate52.errors : vErrors.concat(validate52.errors);
errors = vErrors.length;
}
}
}
else {
const err46 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};
