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
}

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
};

/** The multi-context fork: any number of contexts per kdamond. */
export const MULTI_CONTEXT_CAPS: KernelCaps = {
  ...UPSTREAM_CAPS,
  kind: 'multi-context',
  source: 'assumed (--kernel multi-context)',
  maxContextsPerKdamond: null,
};

export function assumedCaps(kind: KernelKind): KernelCaps {
  return kind === 'upstream' ? UPSTREAM_CAPS : MULTI_CONTEXT_CAPS;
}
