// The report's view model: everything the template shows, as plain strings and numbers, built
// from the analysis and the run directory's files. Pure; the template only lays it out.
import type { Analysis, HeatmapGrid, TargetAnalysis } from '../analysis/analyze.js';
import type { RunInputs } from '../analysis/run-inputs.js';
import { keyOf } from '../analysis/guide.js';
import { describeAttrs, renderPlanText } from '../plan/render-text.js';
import type { Environment } from '../record/environment.js';
import { traceProblems } from '../trace/problems.js';
import { heatmapSvg } from './svg/heatmap.js';
import { lineChart } from './svg/line-chart.js';
import { paramText } from '../manifest/param-text.js';
import { effectView, type EffectView } from './effect-view.js';
import { CONTENT_SECURITY_POLICY, relativeHref } from './href.js';
import { formatBytes, formatDuration } from '../util/format.js';

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const seconds = (ns: number) => `${(ns / 1e9).toFixed(3)} s`;

export interface ReportView {
  title: string;
  description: string;
  generator: string;
  csp: string;
  status: {
    state: string;
    ok: boolean;
    backend: string;
    startedAt: string;
    endedAt: string;
    errors: string[];
    warnings: string[];
  } | null;
  params: { name: string; value: string }[];
  /** Said when the run's kernel ran under TCG: its CPU and timing figures describe the emulator too. */
  emulated: string | null;
  /** Whether the run's own data vouch for its numbers (analysis.json's validity), in plain words. */
  validity: { ok: boolean; headline: string; problems: { suspect: boolean; text: string }[] } | null;
  layout: {
    reason: string;
    rows: { kdamond: number; context: number; operations: string; attrs: string; target: number; workload: string }[];
  } | null;
  workloads: { ref: string; name: string; command: string }[];
  planText: string | null;
  environment: { name: string; value: string }[];
  trace: {
    file: string;
    format: string;
    lines: number;
    snapshots: number;
    problems: { name: string; count: number }[];
    otherEvents: { name: string; count: number }[];
  } | null;
  analysisError: string | null;
  targets: TargetView[];
  cpu: { chart: string; rows: { kdamond: number; pid: number; cpuSeconds: string; share: string }[] } | null;
  effect: EffectView | null;
  files: { name: string; href: string; size: string }[];
}

export interface TargetView {
  id: string;
  heading: string;
  heatmap: string;
  heatmapNote: string;
  guide: { index: number; start: string; end: string; size: string; heat: string; shown: boolean }[];
  guideSpan: string;
  wssChart: string;
  wssPercentiles: { p: string; value: string }[];
  wssAverage: string;
  wssNote: string;
  nrRegionsChart: string;
  nrRegions: string;
  intervals: string;
  accuracy: {
    recall: string;
    precision: string;
    note: string;
    phases: {
      name: string;
      round: number;
      span: string;
      snapshots: number;
      truth: string;
      recall: string;
      precision: string;
    }[];
  } | null;
}

export interface ViewInputs {
  inputs: RunInputs;
  analysis: Analysis | null;
  heatmaps: HeatmapGrid[];
  analysisError: string | null;
  files: { name: string; bytes: number }[];
  version: string;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

export function reportView({ inputs, analysis, heatmaps, analysisError, files, version }: ViewInputs): ReportView {
  const { run, plan, status, env } = inputs;
  const title = run ? `${run.manifest.name} / ${run.id}` : (analysis?.trace.file ?? 'trace');
  const problems = analysis?.problems ?? inputs.problems;
  return {
    title,
    description: run?.manifest.description ?? '',
    generator: `damon-exp ${version}`,
    csp: CONTENT_SECURITY_POLICY,
    status: status
      ? {
          state: status.state,
          ok: status.state === 'complete',
          backend: status.backend ?? '',
          startedAt: status.startedAt ?? '',
          endedAt: status.endedAt ?? '',
          errors: strings(status.errors),
          warnings: [...strings(status.warnings), ...problems],
        }
      : problems.length
        ? { state: 'unknown', ok: false, backend: '', startedAt: '', endedAt: '', errors: [], warnings: problems }
        : null,
    validity: analysis?.validity ? validityView(analysis.validity) : null,
    emulated:
      status?.vm?.accel === 'tcg'
        ? "This run's kernel ran in QEMU under TCG: its CPUs were emulated, many times slower than hardware. kdamond CPU, snapshot intervals and accuracy here describe the emulator as much as DAMON: compare them with runs made the same way, not with real machines."
        : null,
    // Strings as they are (5s, not "5s"); other values (numbers, lists, maps) as JSON.
    params: Object.entries(run?.params ?? {}).map(([name, value]) => ({ name, value: paramText(value) })),
    layout: plan
      ? {
          reason: plan.layout.reason,
          rows: plan.layout.kdamonds.flatMap((k) =>
            k.contexts.flatMap((c) =>
              c.targets.map((t) => ({
                kdamond: k.index,
                context: c.index,
                operations: c.operations,
                attrs: describeAttrs(c.attrs),
                target: t.index,
                workload: t.workload ? `${t.workload} (${t.ref})` : 'physical memory',
              })),
            ),
          ),
        }
      : null,
    workloads: (plan?.workloads ?? []).map((w) => ({
      ref: w.ref,
      name: w.workload,
      command: w.kind === 'masim' ? `masim ${w.config}` : w.kind === 'command' ? w.argv.join(' ') : `pid ${w.pid}`,
    })),
    planText: plan ? renderPlanText(plan) : null,
    environment: env ? environmentRows(env) : [],
    trace:
      analysis && analysis.monitoring !== 'off'
        ? {
            file: analysis.trace.file,
            format: analysis.trace.format ?? 'perf script text',
            lines: analysis.trace.counts.lines,
            snapshots: analysis.trace.counts.snapshots,
            problems: traceProblems(analysis.trace.counts).map((p) => ({
              name: p.first ? `${p.kind} (${p.first})` : p.kind,
              count: p.count,
            })),
            otherEvents: Object.entries(analysis.trace.counts.otherEvents).map(([name, count]) => ({ name, count })),
          }
        : null,
    analysisError,
    targets: analysis
      ? analysis.targets.map((t) => targetView(t, analysis, heatmaps.find((h) => h.key === keyOf(t)) ?? null, inputs))
      : [],
    cpu:
      analysis && analysis.kdamonds.length
        ? {
            chart: lineChart(
              analysis.kdamonds.map((k) => ({
                name: `kdamond ${k.kdamond}`,
                points: k.series.map(([t, share]) => [t, share * 100]),
              })),
              { title: 'kdamond CPU use', xLabel: timeAxisLabel(analysis), yLabel: '% of one CPU' },
            ),
            rows: analysis.kdamonds.map((k) => ({
              kdamond: k.kdamond,
              pid: k.pid,
              cpuSeconds: `${k.cpuSeconds.toFixed(2)} s`,
              share: pct(k.share),
            })),
          }
        : null,
    effect: analysis ? effectView(analysis, inputs, timeAxisLabel(analysis)) : null,
    files: files.map((f) => ({ name: f.name, href: relativeHref(f.name), size: formatBytes(f.bytes) })),
  };
}

function targetView(t: TargetAnalysis, analysis: Analysis, grid: HeatmapGrid | null, inputs: RunInputs): TargetView {
  const name = `kdamond ${t.kdamond} · context ${t.context} · target ${t.target}`;
  const heading = t.workload ? `${name}: ${t.workload}` : name;
  const origin = analysis.originNs;
  const [a0, a1] = t.heatmap.address;
  const log = t.ref === null ? undefined : inputs.phaseLogs.get(t.ref);
  const recorded = recordingSpan(analysis, t);
  const heatmap = grid
    ? heatmapSvg({
        title: `access heatmap, ${name}`,
        subtitle: `addresses from ${a0} (0x${a0.toString(16)}), ${formatBytes(a1 - a0)}; ${t.heatmap.range} range of the guide`,
        heat: grid.heat,
        rows: grid.spec.rows,
        cols: grid.spec.cols,
        timeSeconds: [(grid.spec.time[0] - origin) / 1e9, (grid.spec.time[1] - origin) / 1e9],
        timeLabel: timeAxisLabel(analysis),
        addressBytes: a1 - a0,
        // The phase log's phase changes and regions, where they fall in the heatmap.
        timeMarks: (log?.phases ?? []).map((p) => ({ seconds: (p.startNs - origin) / 1e9, label: p.name })),
        addressMarks: (log?.regions ?? []).map((r) => ({ from: r.start - a0, to: r.end - a0, label: r.name })),
      })
    : '';
  const totalHeat = t.guide.rangeHeat.reduce((a, b) => a + b, 0);
  const accuracy = t.accuracy;
  return {
    id: `k${t.kdamond}-c${t.context}-t${t.target}`,
    heading,
    heatmap,
    heatmapNote: `${t.heatmap.rows} time rows × ${t.heatmap.cols} address columns; a pixel is the time- and space-weighted average nr_accesses (damo's heats); the first snapshot is left out. Hottest pixel: ${t.heatmap.maxHeat}.`,
    guide: t.guide.ranges.map((r, i) => ({
      index: i,
      start: String(r.start),
      end: String(r.end),
      size: formatBytes(r.end - r.start),
      heat: totalHeat > 0 ? pct(t.guide.rangeHeat[i]! / totalHeat) : '–',
      shown: r.start === a0 && r.end === a1,
    })),
    guideSpan: `${seconds(t.guide.firstNs - origin)} to ${seconds(t.guide.lastNs - origin)}, ${t.guide.snapshots} snapshots`,
    wssChart: lineChart([{ name: 'working set', points: t.wss.series }], {
      title: 'working set size',
      xLabel: timeAxisLabel(analysis),
      yLabel: 'bytes',
      yKind: 'bytes',
    }),
    wssPercentiles: Object.entries(t.wss.percentiles).map(([p, v]) => ({ p: `${p} %`, value: formatBytes(v) })),
    wssAverage: t.wss.averageBytes === null ? '–' : formatBytes(t.wss.averageBytes),
    wssNote:
      t.wss.averageBytes === null
        ? `none: all ${t.wss.snapshots} snapshots fall within the first ${analysis.options.wssSkip}, which working set sizes leave out as warm-up (damo's rule, which 'damon-exp wss' follows too)`
        : `over ${t.wss.snapshots - t.wss.skipped} snapshots (the first ${t.wss.skipped} skipped as warm-up)`,
    nrRegionsChart: lineChart([{ name: 'nr_regions', points: t.nrRegions.series }], {
      title: 'number of regions',
      xLabel: timeAxisLabel(analysis),
      yLabel: 'regions',
    }),
    nrRegions: `mean ${t.nrRegions.mean}, min ${t.nrRegions.min}, max ${t.nrRegions.max}`,
    intervals: t.snapshotIntervalUs
      ? `mean ${formatDuration(Math.round(t.snapshotIntervalUs.mean))}, stddev ${formatDuration(Math.round(t.snapshotIntervalUs.stddev))}, p99 ${formatDuration(Math.round(t.snapshotIntervalUs.p99))}${t.aggrUs ? ` (aggregation interval asked: ${formatDuration(t.aggrUs)})` : ''}`
      : 'one snapshot only',
    accuracy: accuracy
      ? {
          recall: pct(accuracy.recall),
          precision: pct(accuracy.precision),
          note: `${accuracy.snapshots - accuracy.unclassified} of ${accuracy.snapshots} snapshots lie inside one phase; the others span a phase change or fall outside the logged phases. Phases are shown as far as they fall in the recording${outside(accuracy.phases.length - recorded.phases(accuracy.phases).length)}.`,
          phases: recorded.phases(accuracy.phases).map((p) => ({
            name: p.name,
            round: p.round,
            span: `${seconds(Math.max(p.startNs, recorded.startNs) - origin)} – ${seconds(Math.min(p.endNs, recorded.endNs) - origin)}`,
            snapshots: p.snapshots,
            truth: p.snapshots ? formatBytes(p.truthBytes / p.snapshots) : '–',
            recall: pct(p.recall),
            precision: pct(p.precision),
          })),
        }
      : null,
  };
}

/** The label of every time axis of the report: its origin is DAMON switched on when the run says when. */
function timeAxisLabel(analysis: Analysis): string {
  if (analysis.window?.onNs != null && analysis.originNs === analysis.window.onNs)
    return 'time since DAMON was switched on (s)';
  if (analysis.window && analysis.originNs === analysis.window.startNs) return 'time since the measurement began (s)';
  return analysis.monitoring === 'off' ? 'time since the first sample (s)' : 'time since the first snapshot (s)';
}

const outside = (phases: number) =>
  phases > 0 ? ` (${phases} phase${phases === 1 ? '' : 's'} ran wholly before or after it)` : '';

/**
 * What the recording covered (the measurement's window, else the target's snapshots), and the
 * phases that fall in it.
 */
function recordingSpan(analysis: Analysis, t: TargetAnalysis) {
  const startNs = analysis.window?.startNs ?? t.guide.firstNs - (t.aggrUs ?? 0) * 1000;
  const endNs = analysis.window?.endNs ?? t.guide.lastNs;
  return {
    startNs,
    endNs,
    phases: <P extends { startNs: number; endNs: number }>(phases: P[]) =>
      phases.filter((p) => p.endNs > startNs && p.startNs < endNs),
  };
}

/** The validity in plain words: the verdict first, then each problem (suspect ones first). */
function validityView(validity: NonNullable<Analysis['validity']>): NonNullable<ReportView['validity']> {
  const ok = validity.verdict === 'ok';
  return {
    ok,
    headline: ok
      ? "Checked against the run's own data (the workloads' ground truth, the timings, the trace): nothing says these numbers are not DAMON's."
      : (validity.headline ?? 'These numbers may not describe DAMON.'),
    problems: [...validity.problems]
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'suspect' ? -1 : 1))
      .map((p) => ({ suspect: p.severity === 'suspect', text: `${p.message} (${p.code})` })),
  };
}

/** env.json as rows; a run that failed early (a VM that never booted) has only part of it. */
function environmentRows(env: Partial<Environment>): { name: string; value: string }[] {
  const rows: [string, string | undefined][] = [
    ['kernel', env.kernel?.release && `${env.kernel.release}${env.kernel.cmdline ? ` (${env.kernel.cmdline})` : ''}`],
    [
      'machine',
      env.machine && `${env.machine.cpuModel} × ${env.machine.cpus}, ${formatBytes(env.machine.memoryBytes)}`,
    ],
    ['THP', env.memoryManagement?.thpEnabled ?? undefined],
    [
      'perf',
      env.tools &&
        `${env.tools.perf ?? 'not found'}${env.tools.perfMonotonicClock ? ', CLOCK_MONOTONIC timestamps' : ''}`,
    ],
    ['node', env.tools?.node],
    [
      'masim',
      env.tools &&
        ((Array.isArray(env.tools.masim) ? env.tools.masim : [])
          .map((m) => `${m.program} (sha256 ${m.sha256?.slice(0, 12) ?? '?'})`)
          .join(', ') ||
          '–'),
    ],
    [
      'damon-exp',
      env.damonExp &&
        `${env.damonExp.version}${env.damonExp.gitCommit ? ` (${env.damonExp.gitCommit.slice(0, 12)}${env.damonExp.gitDirty ? ', dirty' : ''})` : ''}`,
    ],
    ['manifest', env.manifest && `${env.manifest.file} (sha256 ${env.manifest.sha256.slice(0, 12)})`],
  ];
  return rows
    .filter((row): row is [string, string] => typeof row[1] === 'string' && row[1] !== '')
    .map(([name, value]) => ({ name, value }));
}
