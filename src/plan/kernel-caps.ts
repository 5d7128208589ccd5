// A kernel's DAMON known before it boots, from facts about it given as data: what a guest's probe
// found and stored with the kernel, else its release (upstream DAMON by version) and its config
// (which operations sets are built). kernel-images/ finds the facts; the qemu backend asks here.
import type { OperationsSet } from '../manifest/run.js';
import { ALL_DAMOS, UPSTREAM_CAPS, type DamosCaps, type KernelCaps } from './caps.js';

type Version = readonly [major: number, minor: number];

// When each feature reached upstream Linux: REFERENCE.md §2 (sysfs 5.18; fvaddr 5.19; filters 6.3;
// apply_interval_us 6.7; intervals_goal 6.15), the files' comments in sysfs-tree.ts (quota goals
// 6.8, target_metric 6.9, target_nid 6.11, filters' allow 6.14, active, hugepage_size and unmapped 6.15,
// node_mem_* goal metrics 6.16, node_memcg_* 6.19), the DAMOS generations the sysfs emulator models
// (the fork's 6.9-rc4 and Debian's 6.12, checked on those kernels), and the kernel's DAMON usage
// document for the rest. Each release was checked against the ABI document's dates, the patches'
// postings and damo's own table of DAMON features by release (src/_damon_features.py).
const FVADDR: Version = [5, 19];
const INTERVALS_GOAL: Version = [6, 15];
const APPLY_INTERVAL: Version = [6, 7];
const TARGET_NID: Version = [6, 11];
const FILTER_ALLOW: Version = [6, 14];
const QUOTA_GOALS: Version = [6, 8];
const TARGET_METRIC: Version = [6, 9];

const ACTIONS_SINCE: Record<string, Version> = {
  willneed: [5, 16],
  cold: [5, 16],
  pageout: [5, 16],
  hugepage: [5, 16],
  nohugepage: [5, 16],
  stat: [5, 16],
  lru_prio: [6, 0],
  lru_deprio: [6, 0],
  migrate_hot: [6, 11],
  migrate_cold: [6, 11],
};
const FILTERS_SINCE: Record<string, Version> = {
  anon: [6, 3],
  memcg: [6, 3],
  addr: [6, 6],
  target: [6, 6],
  young: [6, 10],
  active: [6, 15],
  hugepage_size: [6, 15],
  unmapped: [6, 15],
};
const GOAL_METRICS_SINCE: Record<string, Version> = {
  user_input: QUOTA_GOALS,
  some_mem_psi_us: TARGET_METRIC,
  node_mem_used_bp: [6, 16],
  node_mem_free_bp: [6, 16],
  node_memcg_used_bp: [6, 19],
  node_memcg_free_bp: [6, 19],
};

/** What is known of a kernel without booting it. */
export interface KernelFacts {
  /** How messages name it: "Debian's 6.12 kernel (debian)". */
  title: string;
  release: string;
  /** Its .config: each symbol's value. */
  config: ReadonlyMap<string, string>;
  /** A kernel of the multi-context fork: what neither its release nor its config says. */
  multiContext: boolean;
  /** What a guest's probe of it found, as stored with it (older records hold contexts per kdamond only). */
  probed: { caps?: unknown; maxContextsPerKdamond?: number | null; at: string } | null;
}

/** [major, minor] of a release such as 6.12.118+deb12-amd64 or 6.9.0-rc4+; null when it names none. */
export function versionOf(release: string): Version | null {
  const match = /^(\d+)\.(\d+)/.exec(release);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** The kernel's caps: probed ones as stored, else derived from its release and config. */
export function capsFromFacts(facts: KernelFacts): KernelCaps {
  const stored = facts.probed?.caps;
  if (isKernelCaps(stored))
    return { ...stored, source: `probed in a guest of ${facts.title} on ${facts.probed!.at.slice(0, 10)}` };
  const derived = derivedCaps(facts);
  const contexts = facts.probed?.maxContextsPerKdamond;
  if (contexts === undefined) return derived;
  return {
    ...derived,
    kind: contexts === 1 ? 'upstream' : 'multi-context',
    maxContextsPerKdamond: contexts,
    source: `${derived.source}; contexts per kdamond as a guest probed them on ${facts.probed!.at.slice(0, 10)}`,
  };
}

function derivedCaps({ title, release, config, multiContext }: KernelFacts): KernelCaps {
  // A release that names no version (an odd local build) is taken as a current kernel: the guest's probe decides.
  const version = versionOf(release);
  const since = (from: Version) => version === null || atLeast(version, from);
  const built = (option: string) => config.get(option) === 'y';
  const operations: OperationsSet[] = [];
  if (built('CONFIG_DAMON_VADDR')) operations.push('vaddr', ...(since(FVADDR) ? (['fvaddr'] as const) : []));
  if (built('CONFIG_DAMON_PADDR')) operations.push('paddr');
  return {
    kind: multiContext ? 'multi-context' : 'upstream',
    source: `derived from the release (${release}) and config of ${title}, before any guest probed it`,
    operations,
    // Upstream kernels refuse nr_contexts > 1 (REFERENCE.md §2); the fork takes any count (§3).
    maxContextsPerKdamond: multiContext ? null : 1,
    intervalsGoal: since(INTERVALS_GOAL),
    tracepoints: null,
    damos: version === null ? UPSTREAM_CAPS.damos! : damosOf(since),
  };
}

function damosOf(since: (from: Version) => boolean): DamosCaps {
  const arrived = (table: Record<string, Version>, names: readonly string[]) =>
    names.filter((name) => {
      const from = table[name];
      return from !== undefined && since(from);
    });
  const goalMetrics = since(TARGET_METRIC)
    ? arrived(GOAL_METRICS_SINCE, ALL_DAMOS.goalMetrics)
    : since(QUOTA_GOALS)
      ? ['user_input'] // goals without target_metric: user_input is all there is
      : [];
  return {
    actions: arrived(ACTIONS_SINCE, ALL_DAMOS.actions),
    applyInterval: since(APPLY_INTERVAL),
    targetNid: since(TARGET_NID),
    filterTypes: arrived(FILTERS_SINCE, ALL_DAMOS.filterTypes),
    filterAllow: since(FILTER_ALLOW),
    goalMetrics,
  };
}

function atLeast([major, minor]: Version, [fromMajor, fromMinor]: Version): boolean {
  return major > fromMajor || (major === fromMajor && minor >= fromMinor);
}

/** Whether a stored record is a whole KernelCaps (a probe's plan.json caps), not an older memo. */
function isKernelCaps(value: unknown): value is KernelCaps {
  if (value === null || typeof value !== 'object') return false;
  const caps = value as Partial<KernelCaps>;
  return (
    (caps.kind === 'upstream' || caps.kind === 'multi-context') &&
    Array.isArray(caps.operations) &&
    typeof caps.intervalsGoal === 'boolean' &&
    (caps.maxContextsPerKdamond === null || typeof caps.maxContextsPerKdamond === 'number') &&
    (caps.tracepoints === null || Array.isArray(caps.tracepoints))
  );
}
