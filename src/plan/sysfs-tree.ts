// DAMON's sysfs admin tree (REFERENCE.md §2): every file this project reads or writes, spelt here and
// nowhere else in src/ (the sysfs emulator and the tests spell them on their own, to check this).
// One node per directory, as the kernel's own selftest helper models it:
//
//   admin → kdamonds (nr_kdamonds) → kdamond K (state, pid) → contexts (nr_contexts)
//     → context C (avail_operations, operations, monitoring_attrs, targets, schemes)
//       monitoring_attrs → intervals (sample_us, aggr_us, update_us, intervals_goal/…), nr_regions (min, max)
//       targets (nr_targets) → target T (pid_target) → regions (nr_regions) → region R (start, end)
//       schemes (nr_schemes) → scheme S (action, apply_interval_us, target_nid)
//         access_pattern → sz, nr_accesses, age (min, max)
//         quotas (ms, bytes, reset_interval_ms) → weights (sz_permil, nr_accesses_permil, age_permil),
//           goals (nr_goals) → goal G (target_metric, target_value, current_value, nid, path)
//         watermarks (metric, interval_us, high, mid, low)
//         filters (nr_filters) → filter F (type, matching, allow, memcg_path, addr_start, addr_end,
// target_idx, min, max)
//         stats (nr_tried, sz_tried, nr_applied, sz_applied, qt_exceeds)
//
// Every node has its directory's `path`; its files and subdirectories are properties named as in
// sysfs, so that `admin.kdamonds.kdamond(0).contexts.context(1).targets.nr_targets` reads as the
// path it gives: kdamonds/0/contexts/1/targets/nr_targets. Paths are relative to the admin root (the
// `Sysfs` interface and plan steps take them so); the admin node's own path is ''. Pure: plan/
// and kernel/ both use it.

/** Where the admin tree is on a DAMON kernel. */
export const DAMON_ADMIN_ROOT = '/sys/kernel/mm/damon/admin';

/**
 * The index of a numbered directory: a number, or for plan.sh a shell word that stands for one
 * (`$1`) or for every one (`*`).
 */
export type Index = number | '*' | `$${string}`;

export interface AdminDir {
  path: '';
  kdamonds: KdamondsDir;
}

export interface KdamondsDir {
  path: string;
  nr_kdamonds: string;
  kdamond(k: Index): KdamondDir;
}

export interface KdamondDir {
  path: string;
  /** on | off | commit | ... to write; reads back on or off. */
  state: string;
  /** The kdamond thread's pid; -1 when it is not running. */
  pid: string;
  contexts: ContextsDir;
}

export interface ContextsDir {
  path: string;
  nr_contexts: string;
  context(c: Index): ContextDir;
}

export interface ContextDir {
  path: string;
  /** Read-only, since 5.19. */
  avail_operations: string;
  operations: string;
  monitoring_attrs: MonitoringAttrsDir;
  targets: TargetsDir;
  schemes: SchemesDir;
}

export interface MonitoringAttrsDir {
  path: string;
  intervals: IntervalsDir;
  nr_regions: NrRegionsDir;
}

export interface IntervalsDir {
  path: string;
  sample_us: string;
  aggr_us: string;
  update_us: string;
  /** Since 6.15. */
  intervals_goal: IntervalsGoalDir;
}

export interface IntervalsGoalDir {
  path: string;
  access_bp: string;
  aggrs: string;
  min_sample_us: string;
  max_sample_us: string;
}

export interface NrRegionsDir {
  path: string;
  min: string;
  max: string;
}

export interface TargetsDir {
  path: string;
  nr_targets: string;
  target(t: Index): TargetDir;
}

export interface TargetDir {
  path: string;
  pid_target: string;
  regions: RegionsDir;
}

export interface RegionsDir {
  path: string;
  nr_regions: string;
  region(r: Index): RegionDir;
}

export interface RegionDir {
  path: string;
  start: string;
  end: string;
}

export interface SchemesDir {
  path: string;
  nr_schemes: string;
  scheme(s: Index): SchemeDir;
}

export interface SchemeDir {
  path: string;
  action: string;
  /** Since 6.7. */
  apply_interval_us: string;
  /** Since 6.11 (migrate_hot, migrate_cold). */
  target_nid: string;
  access_pattern: AccessPatternDir;
  quotas: QuotasDir;
  watermarks: WatermarksDir;
  /** Since 6.3. */
  filters: FiltersDir;
  stats: SchemeStatsDir;
}

export interface RangeDir {
  path: string;
  min: string;
  max: string;
}

export interface AccessPatternDir {
  path: string;
  sz: RangeDir;
  nr_accesses: RangeDir;
  age: RangeDir;
}

export interface QuotasDir {
  path: string;
  ms: string;
  bytes: string;
  reset_interval_ms: string;
  weights: { path: string; sz_permil: string; nr_accesses_permil: string; age_permil: string };
  /** Since 6.8. */
  goals: GoalsDir;
}

export interface GoalsDir {
  path: string;
  nr_goals: string;
  goal(g: Index): GoalDir;
}

export interface GoalDir {
  path: string;
  /** Since 6.9. */
  target_metric: string;
  target_value: string;
  current_value: string;
  /** node_* metrics (6.16). */
  nid: string;
  /** node_memcg_* metrics (6.19). */
  path_: string;
}

export interface WatermarksDir {
  path: string;
  metric: string;
  interval_us: string;
  high: string;
  mid: string;
  low: string;
}

export interface FiltersDir {
  path: string;
  nr_filters: string;
  filter(f: Index): FilterDir;
}

export interface FilterDir {
  path: string;
  type: string;
  matching: string;
  /** Since 6.14. */
  allow: string;
  memcg_path: string;
  addr_start: string;
  addr_end: string;
  target_idx: string;
  /** hugepage_size filters (6.15). */
  min: string;
  max: string;
}

/** The counters `update_schemes_stats` refreshes. */
export const SCHEME_STATS = ['nr_tried', 'sz_tried', 'nr_applied', 'sz_applied', 'qt_exceeds'] as const;
export type SchemeStatName = (typeof SCHEME_STATS)[number];

export type SchemeStatsDir = { path: string } & Record<SchemeStatName, string>;

const under = (parent: string, name: string | number) => `${parent}/${name}`;

function kdamondsDir(path: string): KdamondsDir {
  return { path, nr_kdamonds: under(path, 'nr_kdamonds'), kdamond: (k) => kdamondDir(under(path, k)) };
}

function kdamondDir(path: string): KdamondDir {
  return {
    path,
    state: under(path, 'state'),
    pid: under(path, 'pid'),
    contexts: contextsDir(under(path, 'contexts')),
  };
}

function contextsDir(path: string): ContextsDir {
  return { path, nr_contexts: under(path, 'nr_contexts'), context: (c) => contextDir(under(path, c)) };
}

function contextDir(path: string): ContextDir {
  return {
    path,
    avail_operations: under(path, 'avail_operations'),
    operations: under(path, 'operations'),
    monitoring_attrs: monitoringAttrsDir(under(path, 'monitoring_attrs')),
    targets: targetsDir(under(path, 'targets')),
    schemes: schemesDir(under(path, 'schemes')),
  };
}

function monitoringAttrsDir(path: string): MonitoringAttrsDir {
  return {
    path,
    intervals: intervalsDir(under(path, 'intervals')),
    nr_regions: nrRegionsDir(under(path, 'nr_regions')),
  };
}

function intervalsDir(path: string): IntervalsDir {
  return {
    path,
    sample_us: under(path, 'sample_us'),
    aggr_us: under(path, 'aggr_us'),
    update_us: under(path, 'update_us'),
    intervals_goal: intervalsGoalDir(under(path, 'intervals_goal')),
  };
}

function intervalsGoalDir(path: string): IntervalsGoalDir {
  return {
    path,
    access_bp: under(path, 'access_bp'),
    aggrs: under(path, 'aggrs'),
    min_sample_us: under(path, 'min_sample_us'),
    max_sample_us: under(path, 'max_sample_us'),
  };
}

function nrRegionsDir(path: string): NrRegionsDir {
  return { path, min: under(path, 'min'), max: under(path, 'max') };
}

function targetsDir(path: string): TargetsDir {
  return { path, nr_targets: under(path, 'nr_targets'), target: (t) => targetDir(under(path, t)) };
}

function targetDir(path: string): TargetDir {
  return { path, pid_target: under(path, 'pid_target'), regions: regionsDir(under(path, 'regions')) };
}

function regionsDir(path: string): RegionsDir {
  return { path, nr_regions: under(path, 'nr_regions'), region: (r) => regionDir(under(path, r)) };
}

function regionDir(path: string): RegionDir {
  return { path, start: under(path, 'start'), end: under(path, 'end') };
}

function schemesDir(path: string): SchemesDir {
  return { path, nr_schemes: under(path, 'nr_schemes'), scheme: (s) => schemeDir(under(path, s)) };
}

function schemeDir(path: string): SchemeDir {
  const pattern = under(path, 'access_pattern');
  const quotas = under(path, 'quotas');
  const weights = under(quotas, 'weights');
  const watermarks = under(path, 'watermarks');
  const stats = under(path, 'stats');
  return {
    path,
    action: under(path, 'action'),
    apply_interval_us: under(path, 'apply_interval_us'),
    target_nid: under(path, 'target_nid'),
    access_pattern: {
      path: pattern,
      sz: rangeDir(under(pattern, 'sz')),
      nr_accesses: rangeDir(under(pattern, 'nr_accesses')),
      age: rangeDir(under(pattern, 'age')),
    },
    quotas: {
      path: quotas,
      ms: under(quotas, 'ms'),
      bytes: under(quotas, 'bytes'),
      reset_interval_ms: under(quotas, 'reset_interval_ms'),
      weights: {
        path: weights,
        sz_permil: under(weights, 'sz_permil'),
        nr_accesses_permil: under(weights, 'nr_accesses_permil'),
        age_permil: under(weights, 'age_permil'),
      },
      goals: goalsDir(under(quotas, 'goals')),
    },
    watermarks: {
      path: watermarks,
      metric: under(watermarks, 'metric'),
      interval_us: under(watermarks, 'interval_us'),
      high: under(watermarks, 'high'),
      mid: under(watermarks, 'mid'),
      low: under(watermarks, 'low'),
    },
    filters: filtersDir(under(path, 'filters')),
    stats: {
      path: stats,
      ...(Object.fromEntries(SCHEME_STATS.map((name) => [name, under(stats, name)])) as Record<SchemeStatName, string>),
    },
  };
}

function rangeDir(path: string): RangeDir {
  return { path, min: under(path, 'min'), max: under(path, 'max') };
}

function goalsDir(path: string): GoalsDir {
  return {
    path,
    nr_goals: under(path, 'nr_goals'),
    goal: (g) => {
      const dir = under(path, g);
      return {
        path: dir,
        target_metric: under(dir, 'target_metric'),
        target_value: under(dir, 'target_value'),
        current_value: under(dir, 'current_value'),
        nid: under(dir, 'nid'),
        path_: under(dir, 'path'),
      };
    },
  };
}

function filtersDir(path: string): FiltersDir {
  return {
    path,
    nr_filters: under(path, 'nr_filters'),
    filter: (f) => {
      const dir = under(path, f);
      return {
        path: dir,
        type: under(dir, 'type'),
        matching: under(dir, 'matching'),
        allow: under(dir, 'allow'),
        memcg_path: under(dir, 'memcg_path'),
        addr_start: under(dir, 'addr_start'),
        addr_end: under(dir, 'addr_end'),
        target_idx: under(dir, 'target_idx'),
        min: under(dir, 'min'),
        max: under(dir, 'max'),
      };
    },
  };
}

/** The root of the tree: the admin directory itself. */
export const admin: AdminDir = { path: '', kdamonds: kdamondsDir('kdamonds') };

/**
 * The kdamond whose state file `path` is, or null when it is no kdamond's state file. Writes to a
 * state file are commands (`on`, `commit`), not values that read back.
 */
export function stateOwner(path: string): number | null {
  const k = Number(path.split('/')[1]);
  return Number.isInteger(k) && k >= 0 && admin.kdamonds.kdamond(k).state === path ? k : null;
}

/** Whether `path` is the tree's `pattern` with each `*` one index: kdamonds/3/state is kdamonds/'*'/state. */
export function isPathOf(pattern: string, path: string): boolean {
  const [want, got] = [pattern.split('/'), path.split('/')];
  return (
    want.length === got.length && want.every((part, i) => part === got[i] || (part === '*' && /^\d+$/.test(got[i]!)))
  );
}

/** The file a path names, its last part (`state` for kdamonds/0/state). */
export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
