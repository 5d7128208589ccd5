// The contexts of a run's layout in the manifest's order, each with the sysfs kdamond and context
// that served it on the kernel it ran on. The same layout is one kdamond with three contexts on
// the multi-context fork and three kdamonds of one context upstream, so "context 1" of the
// manifest is (kdamond 0, context 1) on one and (kdamond 1, context 0) on the other.
import type { PlanContext, PlanKdamond } from './plan.js';

export interface LayoutContext {
  /** The context's place in the manifest's layout, counted from 0 across its kdamonds. */
  index: number;
  /** The sysfs kdamond and context that served it. */
  kdamond: number;
  context: number;
  /** Its targets' workloads (null for a target without one, as paddr's). */
  workloads: (string | null)[];
}

/**
 * The plan's contexts in the manifest's order: by where the manifest put them (`from`), or, in
 * plans written before `from`, in the plan's own order.
 */
export function layoutContexts(kdamonds: readonly PlanKdamond[]): LayoutContext[] {
  const served = kdamonds.flatMap((k) =>
    k.contexts.map((c: Pick<PlanContext, 'index' | 'targets'> & { from?: PlanContext['from'] }) => ({
      kdamond: k.index,
      context: c.index,
      from: c.from ?? { kdamond: k.index, context: c.index },
      workloads: c.targets.map((t) => t.workload),
    })),
  );
  served.sort((a, b) => a.from.kdamond - b.from.kdamond || a.from.context - b.from.context);
  return served.map(({ kdamond, context, workloads }, index) => ({ index, kdamond, context, workloads }));
}
