// What a run asks that a kernel's DAMON cannot do, given its caps: operations sets, intervals_goal,
// contexts per kdamond, DAMOS actions, filters and goals, tracepoints. The one checker: the planner
// throws the first refusal (PlanError), validation and the qemu backend's preflight report them
// all, before any VM boots.
import type { Run } from '../manifest/run.js';
import { allSchemes } from '../manifest/run.js';
import type { RunPlace, RunRefusal } from '../manifest/run-place.js';
import type { KernelCaps } from './caps.js';

export interface CapsRefusal extends RunRefusal {
  /** What the kernel lacks, the same text for every kernel (to tell which other kernel has it). */
  feature: string;
}

/** Every refusal of `run` on a kernel with `caps`, which messages call `kernel`. */
export function capsRefusals(run: Run, caps: KernelCaps, kernel = 'this kernel'): CapsRefusal[] {
  if (run.monitoring === 'off') return [];
  const refusals: CapsRefusal[] = [];
  const crowded = contextsRefusal(run, caps, kernel);
  if (crowded) refusals.push(crowded);
  run.layout.kdamonds.forEach((k, kdamond) =>
    k.contexts.forEach((context, c) => {
      const place = { kdamond, context: c } as const;
      if (!caps.operations.includes(context.operations))
        refusals.push({
          place: { at: 'operations', ...place },
          feature: `the '${context.operations}' operations set`,
          message: `${kernel} does not offer the '${context.operations}' operations set (it offers: ${caps.operations.join(', ') || 'none'})`,
          hint: 'check CONFIG_DAMON_VADDR / CONFIG_DAMON_PADDR, or pick another operations set',
        });
      if (context.attrs.intervalsGoal && !caps.intervalsGoal)
        refusals.push({
          place: { at: 'intervals_goal', ...place },
          feature: 'intervals_goal',
          message: `monitoring.intervals_goal: ${kernel} has no intervals_goal (automatic interval tuning, DAMON 6.15+)`,
          hint: 'remove monitoring.intervals_goal or use a newer kernel',
        });
    }),
  );
  if (caps.damos) refusals.push(...damosRefusals(run, caps.damos, kernel));
  if (caps.tracepoints)
    run.events.forEach((event, index) => {
      if (!caps.tracepoints!.includes(event))
        refusals.push({
          place: { at: 'event', index },
          feature: `the tracepoint ${event}`,
          message: `${kernel} has no tracepoint ${event}`,
          hint: 'recording an event the kernel lacks fails; remove it from record.events',
        });
    });
  return refusals;
}

/** More contexts in one kdamond than the kernel allows, when the layout insists (contexts_per_kdamond: many). */
export function contextsRefusal(run: Run, caps: KernelCaps, kernel = 'this kernel'): CapsRefusal | undefined {
  const limit = caps.maxContextsPerKdamond;
  const widest = Math.max(...run.layout.kdamonds.map((k) => k.contexts.length));
  if (run.layout.contextsPerKdamond !== 'many' || limit === null || widest <= limit) return undefined;
  return {
    place: { at: 'contexts_per_kdamond' },
    feature: 'several contexts per kdamond',
    message: `the layout puts ${widest} contexts in one kdamond, but ${kernel} allows ${limit} per kdamond (nr_contexts > ${limit} fails with EINVAL on upstream kernels)`,
    hint: 'use a multi-context kernel, or set layout.contexts_per_kdamond to auto to run a kdamond per context',
  };
}

function damosRefusals(run: Run, damos: NonNullable<KernelCaps['damos']>, kernel: string): CapsRefusal[] {
  const refusals: CapsRefusal[] = [];
  for (const { scheme, kdamond, context, index } of allSchemes(run.layout)) {
    const where = `(kdamond ${kdamond}, context ${context}, scheme ${index})`;
    const refuse = (key: Extract<RunPlace, { at: 'scheme' }>['key'], feature: string, what: string, hint: string) =>
      refusals.push({
        place: { at: 'scheme', kdamond, context, scheme: index, key },
        feature,
        message: `${kernel}'s DAMOS lacks ${what}`,
        hint,
      });
    if (!damos.actions.includes(scheme.action))
      refuse(
        ['action'],
        `the action '${scheme.action}'`,
        `the action '${scheme.action}' ${where}; it offers ${damos.actions.join(', ')}`,
        'pick another action, or a newer kernel (migrate_hot/cold: 6.11)',
      );
    if (scheme.applyIntervalUs !== null && !damos.applyInterval)
      refuse(
        ['apply_interval'],
        'apply_interval_us',
        `apply_interval_us ${where} (Linux 6.7+)`,
        'remove apply_interval: the scheme is then applied every aggregation interval',
      );
    if (scheme.targetNid !== null && !damos.targetNid)
      refuse(['target_nid'], 'target_nid', `target_nid ${where} (Linux 6.11+)`, 'remove target_nid');
    scheme.filters.forEach((filter, f) => {
      if (!damos.filterTypes.includes(filter.type))
        refuse(
          ['filters', f, 'type'],
          `the filter type '${filter.type}'`,
          damos.filterTypes.length
            ? `the filter type '${filter.type}' ${where}; it offers ${damos.filterTypes.join(', ')}`
            : `scheme filters ${where} (Linux 6.3+)`,
          'remove the filter, or use a newer kernel (young: 6.10, active, hugepage_size and unmapped: 6.15)',
        );
      if (filter.allow !== null && !damos.filterAllow)
        refuse(
          ['filters', f, 'allow'],
          "the filters' allow file",
          `the filters' allow file ${where} (Linux 6.14+)`,
          'remove allow: filters then leave out the memory they match',
        );
    });
    (scheme.quotas?.goals ?? []).forEach((goal, g) => {
      if (!damos.goalMetrics.includes(goal.metric))
        refuse(
          ['quotas', 'goals', g, 'metric'],
          `the quota goal metric '${goal.metric}'`,
          damos.goalMetrics.length
            ? `the quota goal metric '${goal.metric}' ${where}; it offers ${damos.goalMetrics.join(', ')}`
            : `quota goals with a target_metric ${where} (Linux 6.9+)`,
          'remove the goal, or use a newer kernel',
        );
    });
  }
  return refusals;
}
