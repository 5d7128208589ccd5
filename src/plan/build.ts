// Run + KernelCaps → Plan. Pure: the order is DAMON's (counts before the files below them, nr_*
// only when they change, workloads before their pids, the recorder before `on`), and the layout is
// fitted to what the kernel allows.
import { DamonExpError } from '../util/errors.js';
import type { AddressRange, MasimWorkload, MonitoringAttrs, Run, RunContext, RunScheme } from '../manifest/run.js';
import type { RunPlace } from '../manifest/run-place.js';
import type { KernelCaps } from './caps.js';
import { capsRefusals, contextsRefusal } from './caps-check.js';
import type { Plan, PlanContext, PlanKdamond, PlanTarget, PlanWorkload, Step } from './plan.js';
import { TRACE_DATA, TRACE_SCRIPT } from './plan.js';
import {
  admin,
  type ContextDir,
  type KdamondDir,
  type KdamondsDir,
  type MonitoringAttrsDir,
  type RegionsDir,
  type SchemeDir,
  type SchemesDir,
  type TargetDir,
  type TargetsDir,
} from './sysfs-tree.js';

export class PlanError extends DamonExpError {
  constructor(
    message: string,
    hint?: string,
    /** Where in the run, when a kernel's caps refuse it. */
    readonly place?: RunPlace,
  ) {
    super(message, hint);
  }
}

const write = (path: string, value: string | number): Step => ({ op: 'write', path, value: String(value) });

export function buildPlan(run: Run, caps: KernelCaps): Plan {
  const off = run.monitoring === 'off';
  const [refusal] = capsRefusals(run, caps);
  if (refusal) throw new PlanError(refusal.message, refusal.hint, refusal.place);
  const { kdamonds, contexts, reason } = fitLayout(run, caps);
  const workloads = assignWorkloadRefs(kdamonds, run);
  const files: Record<string, string> = {};
  for (const w of workloads)
    if (w.kind === 'masim') files[w.config] = (run.workloads[w.workload] as MasimWorkload).config;
  const common = {
    format: 'damon-exp.plan/1' as const,
    run: { id: run.id, manifest: run.manifest.name, description: run.manifest.description },
    caps,
    workloads,
    files,
    durationUs: run.durationUs,
  };
  const startWorkloads = workloads.map((w): Step =>
    w.kind === 'pid' ? { op: 'attach-workload', ref: w.ref, pid: w.pid } : { op: 'start-workload', ref: w.ref },
  );
  const stopWorkloads = workloads
    .filter((w) => w.kind !== 'pid')
    .map((w): Step => ({ op: 'stop-workload', ref: w.ref }));
  if (off) {
    return {
      ...common,
      monitoring: 'off',
      layout: {
        contexts: 'separate',
        reason: 'monitoring is off: DAMON is not started, the workloads run alone',
        kdamonds: [],
      },
      events: [],
      steps: [...startWorkloads, { op: 'sleep', us: run.durationUs }],
      teardown: stopWorkloads,
      finalize: [],
    };
  }
  return {
    ...common,
    monitoring: 'on',
    layout: { contexts, reason, kdamonds },
    events: run.events,
    steps: [
      ...stageKdamonds(admin.kdamonds, kdamonds),
      // perf first: its start-up (a second or more) would otherwise eat into the workloads'
      // first phase before DAMON is on, and compete with them for CPU.
      { op: 'start-recorder', events: run.events, output: TRACE_DATA, clock: 'CLOCK_MONOTONIC' },
      ...startWorkloads,
      ...targetPids(admin.kdamonds, kdamonds),
      ...switchOn(admin.kdamonds, kdamonds, run),
    ],
    teardown: [
      { op: 'stop-recorder' },
      ...kdamonds.map((k): Step => ({ op: 'stop-kdamond', kdamond: k.index })),
      write(admin.kdamonds.nr_kdamonds, 0),
      ...stopWorkloads,
    ],
    finalize: [{ op: 'convert-trace', input: TRACE_DATA, output: TRACE_SCRIPT }],
  };
}

function configFile(workload: string): string {
  return `workloads/${workload}.cfg`;
}

function fitLayout(run: Run, caps: KernelCaps): Pick<Plan['layout'], 'kdamonds' | 'contexts' | 'reason'> {
  const { contextsPerKdamond } = run.layout;
  const limit = caps.maxContextsPerKdamond;
  const widest = Math.max(...run.layout.kdamonds.map((k) => k.contexts.length));
  const groups: { context: RunContext; from: { kdamond: number; context: number } }[][] = [];
  let contexts: 'shared' | 'separate';
  let reason: string;

  const asWritten = () =>
    run.layout.kdamonds.forEach((k, ki) =>
      groups.push(k.contexts.map((context, ci) => ({ context, from: { kdamond: ki, context: ci } }))),
    );
  const split = () =>
    run.layout.kdamonds.forEach((k, ki) =>
      k.contexts.forEach((context, ci) => groups.push([{ context, from: { kdamond: ki, context: ci } }])),
    );

  if (widest === 1) {
    asWritten();
    contexts = 'separate';
    reason =
      run.layout.kdamonds.length === 1
        ? 'one kdamond with one context, as written'
        : 'one context per kdamond, as written';
  } else if (contextsPerKdamond === 'one') {
    split();
    contexts = 'separate';
    reason = 'contexts_per_kdamond: one asks for a kdamond per context';
  } else if (limit === null || widest <= limit) {
    asWritten();
    contexts = 'shared';
    reason = `this kernel lets one kdamond serve several contexts (${caps.kind}), so each kdamond gets its contexts as written (contexts_per_kdamond: ${contextsPerKdamond})`;
  } else if (contextsPerKdamond === 'many') {
    const refusal = contextsRefusal(run, caps)!;
    throw new PlanError(refusal.message, refusal.hint, refusal.place);
  } else {
    split();
    contexts = 'separate';
    reason = `this kernel allows ${limit} context per kdamond (nr_contexts > ${limit} fails with EINVAL on upstream kernels), so each context runs in a kdamond of its own (contexts_per_kdamond: auto)`;
  }

  const kdamonds: PlanKdamond[] = groups.map((group, k) => ({
    index: k,
    contexts: group.map(({ context, from }, c): PlanContext => ({
      index: c,
      from,
      operations: context.operations,
      attrs: context.attrs,
      targets: context.targets.map((target, t) => ({
        index: t,
        workload: target.workload,
        ref: null,
        regions: target.regions,
      })),
      schemes: context.schemes,
    })),
  }));
  return { kdamonds, contexts, reason };
}

/** One process per target, referenced as w0, w1, ... in target order. */
function assignWorkloadRefs(kdamonds: PlanKdamond[], run: Run): PlanWorkload[] {
  const workloads: PlanWorkload[] = [];
  for (const target of kdamonds.flatMap((k) => k.contexts.flatMap((c) => c.targets))) {
    if (target.workload === null) continue;
    target.ref = `w${workloads.length}`;
    const workload = run.workloads[target.workload]!;
    const common = { ref: target.ref, workload: target.workload };
    workloads.push(
      workload.kind === 'masim'
        ? {
            ...common,
            kind: 'masim',
            config: configFile(target.workload),
            binary: workload.binary,
            args: workload.args,
          }
        : workload.kind === 'command'
          ? { ...common, kind: 'command', argv: workload.argv, ...(workload.cwd ? { cwd: workload.cwd } : {}) }
          : { ...common, kind: 'pid', pid: workload.pid },
    );
  }
  return workloads;
}

// Staging, one level of the sysfs tree per function, each given its node of the tree and its part
// of the plan (as the kernel's _damon_sysfs.py has an object per directory that stages itself).
// Every level writes its count (nr_*) before the levels below it: writing a count recreates the
// children with defaults. Exported for their tests.

/**
 * The whole tree: how many kdamonds, how many contexts each, then each kdamond. Every kdamond is
 * sized before any is configured, so that nr_contexts, which upstream kernels refuse above 1, fails
 * before anything else is written.
 */
export function stageKdamonds(dir: KdamondsDir, kdamonds: PlanKdamond[]): Step[] {
  return [
    write(dir.nr_kdamonds, kdamonds.length),
    ...kdamonds.map((k) => write(dir.kdamond(k.index).contexts.nr_contexts, k.contexts.length)),
    ...kdamonds.flatMap((k) => stageKdamond(dir.kdamond(k.index), k)),
  ];
}

/** A kdamond (already sized): its contexts. Its state is written last, by switchOn. */
export function stageKdamond(dir: KdamondDir, k: PlanKdamond): Step[] {
  return k.contexts.flatMap((c) => stageContext(dir.contexts.context(c.index), c));
}

export function stageContext(dir: ContextDir, c: PlanContext): Step[] {
  return [
    write(dir.operations, c.operations),
    ...stageAttrs(dir.monitoring_attrs, c.attrs),
    ...stageTargets(dir.targets, c.targets),
    ...stageSchemes(dir.schemes, c.schemes ?? []),
  ];
}

export function stageAttrs(dir: MonitoringAttrsDir, attrs: MonitoringAttrs): Step[] {
  const { intervals, nr_regions } = dir;
  const goal = attrs.intervalsGoal;
  return [
    write(intervals.sample_us, attrs.sampleUs),
    write(intervals.aggr_us, attrs.aggrUs),
    write(intervals.update_us, attrs.updateUs),
    ...(goal
      ? [
          write(intervals.intervals_goal.access_bp, goal.accessBp),
          write(intervals.intervals_goal.aggrs, goal.aggrs),
          write(intervals.intervals_goal.min_sample_us, goal.minSampleUs),
          write(intervals.intervals_goal.max_sample_us, goal.maxSampleUs),
        ]
      : []),
    write(nr_regions.min, attrs.minNrRegions),
    write(nr_regions.max, attrs.maxNrRegions),
  ];
}

export function stageTargets(dir: TargetsDir, targets: PlanTarget[]): Step[] {
  return [write(dir.nr_targets, targets.length), ...targets.flatMap((t) => stageTarget(dir.target(t.index), t))];
}

/** A target's regions; its pid_target waits for its process (targetPids). */
export function stageTarget(dir: TargetDir, t: PlanTarget): Step[] {
  return stageRegions(dir.regions, t.regions);
}

export function stageRegions(dir: RegionsDir, regions: AddressRange[]): Step[] {
  if (regions.length === 0) return []; // nr_regions is 0 in a new target: written only on change
  return [
    write(dir.nr_regions, regions.length),
    ...regions.flatMap((r, i) => [write(dir.region(i).start, r.start), write(dir.region(i).end, r.end)]),
  ];
}

/** The schemes after the targets (a target filter names a target by its index). */
export function stageSchemes(dir: SchemesDir, schemes: RunScheme[]): Step[] {
  if (schemes.length === 0) return []; // nr_schemes is 0 in a new context
  return [write(dir.nr_schemes, schemes.length), ...schemes.flatMap((s, i) => stageScheme(dir.scheme(i), s))];
}

const yesNo = (value: boolean) => (value ? 'Y' : 'N');

/**
 * One scheme, in the order of the kernel's own selftest helper: the action, the access pattern
 * (every bound written: a new scheme's defaults differ between kernels), the apply interval, the
 * quotas with their weights and goals, the watermarks, then the filters. What the manifest leaves
 * unset is not written, so that a kernel without the file (an older one) still takes the scheme.
 */
export function stageScheme(dir: SchemeDir, s: RunScheme): Step[] {
  return [
    write(dir.action, s.action),
    ...stageAccessPattern(dir.access_pattern, s.accessPattern),
    ...(s.applyIntervalUs !== null ? [write(dir.apply_interval_us, s.applyIntervalUs)] : []),
    ...(s.targetNid !== null ? [write(dir.target_nid, s.targetNid)] : []),
    ...(s.quotas ? stageQuotas(dir.quotas, s.quotas) : []),
    ...(s.watermarks ? stageWatermarks(dir.watermarks, s.watermarks) : []),
    ...stageFilters(dir.filters, s.filters),
  ];
}

function stageAccessPattern(dir: SchemeDir['access_pattern'], pattern: RunScheme['accessPattern']): Step[] {
  return [
    write(dir.sz.min, pattern.size[0]),
    write(dir.sz.max, pattern.size[1]),
    write(dir.nr_accesses.min, pattern.nrAccesses[0]),
    write(dir.nr_accesses.max, pattern.nrAccesses[1]),
    write(dir.age.min, pattern.age[0]),
    write(dir.age.max, pattern.age[1]),
  ];
}

function stageQuotas(dir: SchemeDir['quotas'], quotas: NonNullable<RunScheme['quotas']>): Step[] {
  const steps = [
    write(dir.ms, quotas.ms),
    write(dir.bytes, quotas.bytes),
    write(dir.reset_interval_ms, quotas.resetIntervalMs),
  ];
  if (quotas.weights)
    steps.push(
      write(dir.weights.sz_permil, quotas.weights.size),
      write(dir.weights.nr_accesses_permil, quotas.weights.nrAccesses),
      write(dir.weights.age_permil, quotas.weights.age),
    );
  return [...steps, ...stageGoals(dir.goals, quotas.goals)];
}

function stageGoals(dir: SchemeDir['quotas']['goals'], goals: NonNullable<RunScheme['quotas']>['goals']): Step[] {
  if (goals.length === 0) return [];
  return [
    write(dir.nr_goals, goals.length),
    ...goals.flatMap((goal, g) => {
      const d = dir.goal(g);
      return [
        write(d.target_metric, goal.metric),
        write(d.target_value, goal.targetValue),
        ...(goal.currentValue !== null ? [write(d.current_value, goal.currentValue)] : []),
        ...(goal.nid !== null ? [write(d.nid, goal.nid)] : []),
        ...(goal.memcgPath !== null ? [write(d.path_, goal.memcgPath)] : []),
      ];
    }),
  ];
}

function stageWatermarks(dir: SchemeDir['watermarks'], watermarks: NonNullable<RunScheme['watermarks']>): Step[] {
  return [
    write(dir.metric, watermarks.metric),
    write(dir.interval_us, watermarks.intervalUs),
    write(dir.high, watermarks.high),
    write(dir.mid, watermarks.mid),
    write(dir.low, watermarks.low),
  ];
}

function stageFilters(dir: SchemeDir['filters'], filters: RunScheme['filters']): Step[] {
  if (filters.length === 0) return [];
  return [
    write(dir.nr_filters, filters.length),
    ...filters.flatMap((filter, f) => {
      const d = dir.filter(f);
      return [
        write(d.type, filter.type),
        ...(filter.memcgPath !== null ? [write(d.memcg_path, filter.memcgPath)] : []),
        ...(filter.addr ? [write(d.addr_start, filter.addr.start), write(d.addr_end, filter.addr.end)] : []),
        ...(filter.targetIdx !== null ? [write(d.target_idx, filter.targetIdx)] : []),
        ...(filter.size ? [write(d.min, filter.size.min), write(d.max, filter.size.max)] : []),
        write(d.matching, yesNo(filter.matching)),
        ...(filter.allow !== null ? [write(d.allow, yesNo(filter.allow))] : []),
      ];
    }),
  ];
}

/** Every target's pid_target, once the workloads run. */
export function targetPids(dir: KdamondsDir, kdamonds: PlanKdamond[]): Step[] {
  return kdamonds.flatMap((k) =>
    k.contexts.flatMap((c) =>
      c.targets.flatMap((t): Step[] => {
        const target = dir.kdamond(k.index).contexts.context(c.index).targets.target(t.index);
        return t.ref ? [{ op: 'write-pid', path: target.pid_target, ref: t.ref }] : [];
      }),
    ),
  );
}

/** Every kdamond on, then the recording. */
function switchOn(dir: KdamondsDir, kdamonds: PlanKdamond[], run: Pick<Run, 'durationUs'>): Step[] {
  return [
    ...kdamonds.map((k) => write(dir.kdamond(k.index).state, 'on')),
    ...kdamonds.flatMap((k): Step[] => [
      { op: 'await-state', kdamond: k.index, state: 'on' },
      { op: 'read-kdamond-pid', kdamond: k.index },
    ]),
    { op: 'sleep', us: run.durationUs },
  ];
}
