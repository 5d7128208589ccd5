// The report's section on what the run did to its workloads (memory, progress) and what its
// DAMOS schemes did: the view model's part for it.
import type { Analysis } from '../analysis/analyze.js';
import type { RunInputs } from '../analysis/run-inputs.js';
import { lineChart } from './svg/line-chart.js';
import { formatBytes, formatDuration } from '../util/format.js';

export interface EffectView {
  /** What the memory figures are taken over. */
  windowNote: string;
  /** Said for a baseline run (monitoring off). */
  baseline: string | null;
  interval: string;
  memoryChart: string;
  workloads: {
    name: string;
    rssMean: string;
    rssMax: string;
    rssLast: string;
    swapMax: string;
    throughput: string;
    wall: string;
  }[];
  phases: { workload: string; name: string; round: number; seconds: string; rate: string }[];
  appliedChart: string;
  schemes: {
    kdamond: number;
    context: number;
    scheme: number;
    action: string;
    nrTried: string;
    szTried: string;
    nrApplied: string;
    szApplied: string;
    qtExceeds: string;
  }[];
}

const rate = (perSecond: number) => `${(perSecond / 1e6).toFixed(2)} M/s`;

/** The workloads' memory and progress, and the schemes' counters; null when none were measured. */
export function effectView(analysis: Analysis, inputs: RunInputs, timeLabel: string): EffectView | null {
  const workloads = analysis.workloads ?? [];
  const schemes = analysis.schemes ?? [];
  if (!workloads.some((w) => w.memory || w.throughput || w.wallMs !== null) && schemes.length === 0) return null;
  const withMemory = workloads.filter((w) => w.memory);
  const memoryChart = withMemory.length
    ? lineChart(
        withMemory.flatMap((w) => [
          {
            name: `${w.workload} (${w.ref}) RSS`,
            points: w.memory!.series.map(([t, rss]): [number, number] => [t, rss]),
          },
          {
            name: `${w.workload} (${w.ref}) swap`,
            points: w.memory!.series.map(([t, , swap]): [number, number] => [t, swap]),
          },
        ]),
        { title: "workloads' memory", xLabel: timeLabel, yLabel: 'bytes', yKind: 'bytes', yMin: 0 },
      )
    : '';
  const withSeries = schemes.filter((s) => s.series.length);
  const appliedChart = withSeries.length
    ? lineChart(
        withSeries.map((s) => ({
          name: `kdamond ${s.kdamond} context ${s.context} scheme ${s.scheme}: ${s.action}`,
          points: s.series.map(([t, sz]): [number, number] => [t, sz]),
        })),
        {
          title: 'bytes the schemes applied to (cumulative sz_applied)',
          xLabel: timeLabel,
          yLabel: 'bytes',
          yKind: 'bytes',
          yMin: 0,
        },
      )
    : '';
  const count = (v: number | undefined) => (v === undefined ? '–' : String(v));
  const size = (v: number | undefined) => (v === undefined ? '–' : formatBytes(v));
  const windowSeconds = workloads.find((w) => w.memory?.windowSeconds !== undefined)?.memory?.windowSeconds;
  return {
    windowNote:
      windowSeconds !== undefined
        ? `RSS mean and RSS at the end are over the measurement's window (${formatDuration(Math.round(windowSeconds * 1e6))}: ${analysis.monitoring === 'off' ? 'from the point where DAMON would have been switched on, as in the runs compared with this one' : 'from DAMON switched on'} to the end), the same window in every run compared; the chart also shows the workloads filling their memory before it.`
        : "RSS mean is over every sample of the run (it was recorded before damon-exp kept the measurement's window).",
    baseline:
      analysis.monitoring === 'off'
        ? 'Monitoring was off in this run: DAMON did not run. It is the baseline other runs of its sweep are compared with (damon-exp compare --axis monitoring).'
        : null,
    interval: inputs.memory ? formatDuration(inputs.memory.intervalMs * 1000) : '–',
    memoryChart,
    workloads: workloads.map((w) => ({
      name: `${w.workload} (${w.ref})`,
      rssMean: w.memory ? formatBytes(w.memory.rssMeanBytes) : '–',
      rssMax: w.memory ? formatBytes(w.memory.rssMaxBytes) : '–',
      rssLast: w.memory ? formatBytes(w.memory.rssEndBytes ?? w.memory.rssLastBytes) : '–',
      swapMax: w.memory ? formatBytes(w.memory.swapMaxBytes) : '–',
      throughput: w.throughput ? rate(w.throughput.accessesPerSecond) : '–',
      wall: w.wallMs === null ? '–' : formatDuration(w.wallMs * 1000),
    })),
    phases: workloads.flatMap((w) =>
      (w.throughput?.phases ?? []).map((p) => ({
        workload: `${w.workload} (${w.ref})`,
        name: p.name,
        round: p.round,
        seconds: p.seconds.toFixed(3),
        rate: `${rate(p.accessesPerSecond)}${p.interrupted ? ' (cut short)' : ''}`,
      })),
    ),
    appliedChart,
    schemes: schemes.map((s) => ({
      kdamond: s.kdamond,
      context: s.context,
      scheme: s.scheme,
      action: s.set ? `${s.action} (${s.set})` : s.action,
      nrTried: count(s.totals?.nr_tried),
      szTried: size(s.totals?.sz_tried),
      nrApplied: count(s.totals?.nr_applied),
      szApplied: size(s.totals?.sz_applied),
      qtExceeds: count(s.totals?.qt_exceeds),
    })),
  };
}
