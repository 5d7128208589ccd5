// What the target kernel's DAMON supports: probed from sysfs (the runner), or assumed here from the
// kernel's kind (`--kernel upstream|multi-context`).
import type { OperationsSet } from '../manifest/run.js';

export type KernelKind = 'upstream' | 'multi-context';

export interface KernelCaps {
  kind: KernelKind;
  /** Where these facts come from: "assumed" or the probed sysfs root. */
  source: string;
  operations: OperationsSet[];
  /** Contexts one kdamond accepts; null when there is no limit (the multi-context fork). */
  maxContextsPerKdamond: number | null;
  /** monitoring_attrs/intervals/intervals_goal (Linux 6.15+). */
  intervalsGoal: boolean;
  /** Tracepoints perf can record; null when not known (not probed). */
  tracepoints: string[] | null;
  /** What DAMOS offers; absent in caps recorded before schemes were probed. */
  damos?: DamosCaps;
}

/** The DAMOS features of a kernel: each arrived in a later release, so each is probed. */
export interface DamosCaps {
  actions: string[];
  /** schemes/<S>/apply_interval_us (6.7). */
  applyInterval: boolean;
  /** schemes/<S>/target_nid (6.11). */
  targetNid: boolean;
  /** Filter types; empty when the kernel has no filters (before 6.3). */
  filterTypes: string[];
  /** filters/<F>/allow (6.14). */
  filterAllow: boolean;
  /** Quota goal metrics; empty without quota goals (before 6.8); ['user_input'] without target_metric (6.8). */
  goalMetrics: string[];
}

/** Every action, filter type and goal metric damon-exp knows (a current upstream kernel offers them all). */
export const ALL_DAMOS: DamosCaps = {
  actions: [
    'willneed',
    'cold',
    'pageout',
    'hugepage',
    'nohugepage',
    'lru_prio',
    'lru_deprio',
    'migrate_hot',
    'migrate_cold',
    'stat',
  ],
  applyInterval: true,
  targetNid: true,
  filterTypes: ['anon', 'active', 'memcg', 'young', 'hugepage_size', 'unmapped', 'addr', 'target'],
  filterAllow: true,
  goalMetrics: [
    'user_input',
    'some_mem_psi_us',
    'node_mem_used_bp',
    'node_mem_free_bp',
    'node_memcg_used_bp',
    'node_memcg_free_bp',
  ],
};

/**
 * An upstream kernel with today's DAMON features (intervals_goal since 6.15): one context per
 * kdamond. For previews; `run` probes the kernel it uses, and an older one lacks intervals_goal.
 */
export const UPSTREAM_CAPS: KernelCaps = {
  kind: 'upstream',
  source: 'assumed (--kernel upstream: a current upstream kernel)',
  operations: ['vaddr', 'fvaddr', 'paddr'],
  maxContextsPerKdamond: 1,
  intervalsGoal: true,
  tracepoints: null,
  damos: ALL_DAMOS,
};

/** The multi-context fork (Linux 6.9-rc4): any number of contexts per kdamond, the DAMOS of 6.9. */
export const MULTI_CONTEXT_CAPS: KernelCaps = {
  ...UPSTREAM_CAPS,
  kind: 'multi-context',
  source: 'assumed (--kernel multi-context)',
  maxContextsPerKdamond: null,
  // 6.9 predates intervals_goal (6.15).
  intervalsGoal: false,
  damos: {
    actions: ['willneed', 'cold', 'pageout', 'hugepage', 'nohugepage', 'lru_prio', 'lru_deprio', 'stat'],
    applyInterval: true,
    targetNid: false,
    filterTypes: ['anon', 'memcg', 'addr', 'target'],
    filterAllow: false,
    goalMetrics: ['user_input', 'some_mem_psi_us'],
  },
};

export function assumedCaps(kind: KernelKind): KernelCaps {
  return kind === 'upstream' ? UPSTREAM_CAPS : MULTI_CONTEXT_CAPS;
}
