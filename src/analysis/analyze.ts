// A whole run's analysis, in two passes over the trace whatever its size: the first builds the
// guide (and each range's heat), working set sizes, nr_regions, snapshot intervals and accuracy;
// the second the heatmap of every (kdamond, context, target) over its chosen address range.
// The result is analysis.json (format damon-exp.analysis/1) plus the heatmap grids.
import type { PlanTarget } from '../plan/plan.js';
import { emptyCounts, type Snapshot, type TraceCounts } from '../trace/snapshots.js';
import { formatName, type TraceSource } from '../trace/source.js';
import { AccuracyBuilder, type TargetAccuracy } from './accuracy.js';
import { kdamondCpuUse, type KdamondCpuUse } from './cpu.js';
import { effectOf, type SchemeEffect, type WorkloadEffect } from './effect.js';
import { GuideBuilder, keyOf, type GuideEntry } from './guide.js';
import { heatmapOf } from './heats.js';
import type { HeatmapSpec } from './heatmap.js';
import type { RunInputs } from './run-inputs.js';
import { distribution, Series, type Distribution } from './series.js';
import { passKeeping, STORE_BUDGET_BYTES } from './snapshot-store.js';
import { DAMO_WARMUP, summarizeWss, workingSetBytes, type WssSummary } from './wss.js';
import { assessValidity, type Validity } from './validity.js';
import { workloadCpu } from './workload-cpu.js';
import { measureWindow, timeOrigin, type MeasureWindow } from './window.js';

export const ANALYSIS_FORMAT = 'damon-exp.analysis/1';
/** Points kept per series in analysis.json and the report's plots. */
export const PLOT_POINTS = 600;

export interface AnalysisOptions {
  rows: number;
  cols: number;
  range: 'hottest' | 'largest';
  /** Snapshots left out of the wss percentiles (damo's warm-up). */
  wssSkip: number;
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  rows: 500,
  cols: 500,
  range: 'hottest',
  wssSkip: DAMO_WARMUP,
};
/** Pixels of all heatmaps together (8 bytes each): past it, a trace of many targets gets coarser heatmaps. */
export const HEATMAP_BUDGET_PIXELS = 2 ** 24;

export interface TargetAnalysis {
  kdamond: number;
  context: number;
  target: number;
  /** The workload the plan put on this target, when the trace came with its run directory. */
  workload: string | null;
  ref: string | null;
  /** The aggregation interval the plan asked for, in µs. */
  aggrUs: number | null;
  guide: Omit<GuideEntry, 'kdamond' | 'context' | 'target'>;
  heatmap: {
    time: [number, number];
    address: [number, number];
    range: 'hottest' | 'largest';
    rows: number;
    cols: number;
    maxHeat: number;
  };
  /** wss's summary (`sizes` left out: without a work time it is snapshots - skipped). */
  wss: Omit<WssSummary, 'sizes'> & { series: [number, number][] };
  nrRegions: Distribution & { series: [number, number][] };
  /** Time between consecutive snapshots (the aggregation interval as it really was), in µs. */
  snapshotIntervalUs: Distribution | null;
  accuracy: TargetAccuracy | null;
}

export interface Analysis {
  format: typeof ANALYSIS_FORMAT;
  /** format: what the trace was (perf script text, perf.data, damo's record formats). */
  trace: { file: string; format?: string; counts: TraceCounts };
  /**
   * Series times are seconds from here (ns): DAMON switched on when the run's status says when
   * (a baseline: the start of its measurement), else the trace's first timestamp.
   */
  originNs: number;
  /**
   * The measurement's window (CLOCK_MONOTONIC ns; analysis/window.ts): every figure is taken over
   * it, snapshots after its end left out (`clippedSnapshots`). Absent for runs that did not record it.
   */
  window?: MeasureWindow & { clippedSnapshots: number };
  /** Whether the run's own data vouch for its numbers (analysis/validity.ts). */
  validity?: Validity;
  options: AnalysisOptions;
  targets: TargetAnalysis[];
  kdamonds: KdamondCpuUse[];
  /** off: DAMON did not run (a baseline); there is no trace. */
  monitoring?: 'on' | 'off';
  /** Each workload's memory and progress (absent in analyses made before they were measured). */
  workloads?: WorkloadEffect[];
  /** What each DAMOS scheme did. */
  schemes?: SchemeEffect[];
  problems: string[];
  /** What the analysis was made from (analysis/stored.ts): the same digest, the same analysis. */
  inputsDigest?: string;
}

export interface HeatmapGrid {
  key: string;
  spec: HeatmapSpec;
  /** rows × cols, row-major: heat[row * cols + col]. */
  heat: Float64Array;
}

interface TargetState {
  wss: Series;
  nrRegions: Series;
  intervals: Series;
  accuracy: AccuracyBuilder | null;
}

export function planTarget(
  inputs: RunInputs,
  s: { kdamond: number; context: number; target: number },
): { target: PlanTarget; aggrUs: number } | null {
  const context = inputs.plan?.layout.kdamonds
    .find((k) => k.index === s.kdamond)
    ?.contexts.find((c) => c.index === s.context);
  const target = context?.targets.find((t) => t.index === s.target);
  return context && target ? { target, aggrUs: context.attrs.aggrUs } : null;
}

export async function analyze(
  source: TraceSource,
  inputs: RunInputs,
  options: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS,
): Promise<{ analysis: Analysis; heatmaps: HeatmapGrid[] }> {
  const guide = new GuideBuilder();
  const states = new Map<string, TargetState>();
  const stateOf = (s: Snapshot): TargetState => {
    const key = keyOf(s);
    let state = states.get(key);
    if (!state) {
      const ref = planTarget(inputs, s)?.target.ref ?? null;
      const log = ref === null ? undefined : inputs.phaseLogs.get(ref);
      state = {
        wss: new Series(),
        nrRegions: new Series(),
        intervals: new Series(),
        accuracy: log ? new AccuracyBuilder(log) : null,
      };
      states.set(key, state);
    }
    return state;
  };
  const window = measureWindow(inputs, true);
  // A snapshot is in the window when it ended by the window's end: what perf recorded while the
  // runner tore down (or waited for a sampler) is not part of the measurement.
  const inWindow = (s: Snapshot) => window === null || s.endNs <= window.endNs;
  let clippedSnapshots = 0;
  const first = await passKeeping(source, STORE_BUDGET_BYTES, (s) => {
    if (!inWindow(s)) {
      clippedSnapshots++;
      return;
    }
    guide.add(s);
    const state = stateOf(s);
    state.wss.push(s.endNs, workingSetBytes(s));
    state.nrRegions.push(s.endNs, s.regions.length);
    if (s.startNs !== null) state.intervals.push(s.endNs, (s.endNs - s.startNs) / 1000);
    state.accuracy?.add(s);
  });
  const counts = first.counts;
  if (guide.needsHeatPass())
    await first.again((s: Snapshot) => {
      if (inWindow(s)) guide.addHeat(s);
    });
  const entries = guide.result();
  const originNs = timeOrigin(
    window,
    entries.reduce((min, e) => Math.min(min, e.firstNs), Infinity),
  );

  // Each target's heatmap says its size (analysis.json, the report's note under it).
  const { rows, cols } = heatmapSize(options, entries.length);
  const builders = new Map(entries.map((e) => [keyOf(e), heatmapOf(e, { rows, cols, range: options.range })]));
  await first.again((s: Snapshot) => {
    if (inWindow(s)) builders.get(keyOf(s))!.add(s);
  });

  const seconds = (points: [number, number][]) =>
    points.map(([t, v]): [number, number] => [round((t - originNs) / 1e9, 3), v]);
  const targets = entries.map((entry): TargetAnalysis => {
    const key = keyOf(entry);
    const state = states.get(key)!;
    const builder = builders.get(key)!;
    const planned = planTarget(inputs, entry);
    const { kdamond, context, target, ...guideRest } = entry;
    const nrRegions = distribution(state.nrRegions.valueArray())!;
    return {
      kdamond,
      context,
      target,
      workload: planned?.target.workload ?? null,
      ref: planned?.target.ref ?? null,
      aggrUs: planned?.aggrUs ?? null,
      guide: guideRest,
      heatmap: {
        time: builder.spec.time,
        address: builder.spec.address,
        range: options.range,
        rows,
        cols,
        maxHeat: round(builder.maxHeat(), 3),
      },
      wss: {
        ...withoutSizes(summarizeWss(state.wss.valueArray(), options.wssSkip)),
        series: seconds(state.wss.downsample(PLOT_POINTS)).map(([t, v]) => [t, Math.round(v)]),
      },
      nrRegions: {
        ...roundAll(nrRegions),
        series: seconds(state.nrRegions.downsample(PLOT_POINTS)).map(([t, v]) => [t, round(v, 2)]),
      },
      snapshotIntervalUs: roundAll(distribution(state.intervals.valueArray())),
      accuracy: state.accuracy?.result() ?? null,
    };
  });
  const effect = effectOf(inputs, Number.isFinite(originNs) ? originNs : null, window);
  const analysis: Analysis = {
    format: ANALYSIS_FORMAT,
    trace: { file: source.label, format: formatName(source.format), counts },
    originNs,
    ...(window ? { window: { ...window, clippedSnapshots } } : {}),
    options,
    targets,
    kdamonds: inputs.cpu ? kdamondCpuUse(inputs.cpu, Number.isFinite(originNs) ? originNs : null) : [],
    monitoring: 'on',
    workloads: effect.workloads,
    schemes: effect.schemes,
    problems: inputs.problems,
  };
  analysis.validity = validityOf(analysis, inputs, entries, window);
  return {
    analysis,
    heatmaps: entries.map((e) => ({
      key: keyOf(e),
      spec: builders.get(keyOf(e))!.spec,
      heat: builders.get(keyOf(e))!.averages(),
    })),
  };
}

/** A run without DAMON (monitoring: off): no trace, only what the workloads did. */
export function analyzeWithoutTrace(inputs: RunInputs, options: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS): Analysis {
  const window = measureWindow(inputs, false);
  const effect = effectOf(inputs, window ? timeOrigin(window, 0) : null, window);
  const analysis: Analysis = {
    format: ANALYSIS_FORMAT,
    trace: { file: '', format: 'none (monitoring off)', counts: emptyCounts() },
    originNs: effect.originNs ?? 0,
    ...(window ? { window: { ...window, clippedSnapshots: 0 } } : {}),
    options,
    targets: [],
    kdamonds: [],
    monitoring: 'off',
    workloads: effect.workloads,
    schemes: effect.schemes,
    problems: inputs.problems,
  };
  analysis.validity = validityOf(analysis, inputs, [], window);
  return analysis;
}

/** The run's validity from its analysis and the files beside it (analysis/validity.ts). */
function validityOf(
  analysis: Analysis,
  inputs: RunInputs,
  entries: GuideEntry[],
  window: MeasureWindow | null,
): Validity {
  const backend = inputs.env?.backend;
  const byKey = new Map(entries.map((e) => [keyOf(e), e]));
  const cpuOf = workloadCpu(inputs.memory, window);
  return assessValidity({
    monitoring: analysis.monitoring ?? 'on',
    durationUs: inputs.run?.durationUs ?? inputs.plan?.durationUs ?? null,
    window,
    planned: listOf(inputs.plan?.layout?.kdamonds).flatMap((k) =>
      listOf(k?.contexts).flatMap((c) =>
        listOf(c?.targets).map((t) => ({
          kdamond: k.index,
          context: c.index,
          target: t.index,
          workload: t.workload,
          aggrUs: c?.attrs?.aggrUs ?? 0,
        })),
      ),
    ),
    targets: analysis.targets.map((t) => ({
      kdamond: t.kdamond,
      context: t.context,
      target: t.target,
      workload: t.workload,
      aggrUs: t.aggrUs,
      snapshots: t.guide.snapshots,
      firstNs: byKey.get(keyOf(t))?.firstNs ?? t.guide.firstNs,
      lastNs: byKey.get(keyOf(t))?.lastNs ?? t.guide.lastNs,
      snapshotIntervalUs: t.snapshotIntervalUs,
      accuracy: t.accuracy,
      // The series averages snapshots: it is all zeros only when every snapshot was.
      accessedBytesMax: Array.isArray(t.wss?.series) ? Math.max(0, ...t.wss.series.map(([, bytes]) => bytes)) : null,
      workloadCpu: t.ref === null ? null : (cpuOf.get(t.ref) ?? null),
    })),
    workloads: listOf(inputs.plan?.workloads).map((w) => ({ ref: w?.ref, workload: w?.workload, kind: w?.kind })),
    // Read back from files: a list where a list is expected, or nothing.
    processes: listOf(inputs.status?.processes).filter((p) => typeof p === 'object' && p !== null),
    loggedEndNs: Object.fromEntries(
      [...inputs.phaseLogs].flatMap(([ref, log]) =>
        log.phases.length ? [[ref, Math.max(...log.phases.map((p) => p.endNs))]] : [],
      ),
    ),
    samplerProblems: listOf(inputs.schemeStats?.problems).filter((p) => typeof p === 'string'),
    wssSkip: analysis.options.wssSkip,
    emulation: {
      accel: backend?.kind === 'qemu' ? (backend.accel ?? null) : null,
      tlbRefresh: backend?.kind === 'qemu' ? (backend.tlbRefresh?.state ?? 'off') : null,
    },
  });
}

/** The heatmap size asked for, made coarser when that many series would not fit the budget. */
export function heatmapSize(
  options: Pick<AnalysisOptions, 'rows' | 'cols'>,
  series: number,
): { rows: number; cols: number } {
  const scale = Math.sqrt(HEATMAP_BUDGET_PIXELS / (Math.max(1, series) * options.rows * options.cols));
  if (scale >= 1) return { rows: options.rows, cols: options.cols };
  return { rows: Math.max(1, Math.floor(options.rows * scale)), cols: Math.max(1, Math.floor(options.cols * scale)) };
}

const withoutSizes = ({ sizes: _sizes, ...summary }: WssSummary): Omit<WssSummary, 'sizes'> => summary;

const listOf = <T>(value: T[] | null | undefined): T[] => (Array.isArray(value) ? value : []);

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function roundAll<T extends object | null>(values: T): T {
  if (values === null) return values;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? round(v, 3) : v])) as T;
}
