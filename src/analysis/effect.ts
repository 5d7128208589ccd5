// What a run did to its workloads, apart from the trace: each workload's memory over time (RSS,
// swap) and its own progress (masim's accesses per second, per phase; a command's wall time), and
// what each DAMOS scheme did (its counters over time). Comparing these between runs with and
// without DAMON, or a scheme, gives the memory a scheme saves and the slowdown it costs.
import type { RunInputs } from './run-inputs.js';
import type { SchemeCounters } from '../record/scheme-stats.js';

export interface PhaseThroughput {
  name: string;
  round: number;
  accessesPerSecond: number;
  seconds: number;
  interrupted: boolean;
}

export interface WorkloadEffect {
  ref: string;
  workload: string;
  memory: {
    /** Over the samples taken while the workload ran. */
    rssMeanBytes: number;
    rssMaxBytes: number;
    rssLastBytes: number;
    swapMaxBytes: number;
    swapLastBytes: number;
    samples: number;
    /** [seconds, rss, swap]. */
    series: [number, number, number][];
  } | null;
  /** masim's progress: accesses per second over the phases it completed, and per phase. */
  throughput: { accessesPerSecond: number; phases: PhaseThroughput[] } | null;
  /** A command workload that ended on its own: from its start to its end. */
  wallMs: number | null;
}

export interface SchemeEffect {
  kdamond: number;
  context: number;
  scheme: number;
  action: string;
  set: string | null;
  /** The counters at the last sample: the run's totals. */
  totals: SchemeCounters | null;
  /** [seconds, sz_applied, nr_applied], cumulative. */
  series: [number, number, number][];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** The workloads' and schemes' effect; times as seconds from `originNs` (the trace's start, or the first sample). */
export function effectOf(
  inputs: RunInputs,
  originNs: number | null,
): { workloads: WorkloadEffect[]; schemes: SchemeEffect[]; originNs: number | null } {
  const memory = inputs.memory?.samples ?? [];
  const counters = inputs.schemeStats?.samples ?? [];
  const origin =
    originNs ??
    (memory.length
      ? memory.reduce((m, s) => Math.min(m, s.tNs), Infinity)
      : counters.length
        ? counters.reduce((m, s) => Math.min(m, s.tNs), Infinity)
        : null);
  const seconds = (tNs: number) => (origin === null ? 0 : round3((tNs - origin) / 1e9));

  const workloads = (inputs.plan?.workloads ?? []).map((w): WorkloadEffect => {
    const own = memory.filter((s) => s.ref === w.ref && s.rssBytes !== null && s.swapBytes !== null);
    const rss = own.map((s) => s.rssBytes!);
    const swap = own.map((s) => s.swapBytes!);
    const log = inputs.phaseLogs.get(w.ref);
    const measured = (log?.phases ?? []).filter((p) => p.accesses !== null && p.endNs > p.startNs);
    const phases = measured.map((p) => ({
      name: p.name,
      round: p.round,
      accessesPerSecond: Math.round(p.accesses! / ((p.endNs - p.startNs) / 1e9)),
      seconds: round3((p.endNs - p.startNs) / 1e9),
      interrupted: p.interrupted,
    }));
    const totalAccesses = measured.reduce((n, p) => n + p.accesses!, 0);
    const totalSeconds = measured.reduce((n, p) => n + (p.endNs - p.startNs) / 1e9, 0);
    const process = inputs.status?.processes?.find((p) => p.ref === w.ref);
    return {
      ref: w.ref,
      workload: w.workload,
      memory: own.length
        ? {
            rssMeanBytes: Math.round(rss.reduce((a, b) => a + b, 0) / rss.length),
            rssMaxBytes: rss.reduce((m, v) => Math.max(m, v), -Infinity),
            rssLastBytes: rss[rss.length - 1]!,
            swapMaxBytes: swap.reduce((m, v) => Math.max(m, v), -Infinity),
            swapLastBytes: swap[swap.length - 1]!,
            samples: own.length,
            series: own.map((s) => [seconds(s.tNs), s.rssBytes!, s.swapBytes!]),
          }
        : null,
      throughput: totalSeconds > 0 ? { accessesPerSecond: Math.round(totalAccesses / totalSeconds), phases } : null,
      wallMs: process?.wallMs ?? null,
    };
  });

  const schemes = (inputs.schemeStats?.schemes ?? []).map((s): SchemeEffect => {
    const own = counters.filter((c) => c.kdamond === s.kdamond && c.context === s.context && c.scheme === s.scheme);
    const last = own[own.length - 1];
    return {
      ...s,
      totals: last
        ? {
            nr_tried: last.nr_tried,
            sz_tried: last.sz_tried,
            nr_applied: last.nr_applied,
            sz_applied: last.sz_applied,
            qt_exceeds: last.qt_exceeds,
          }
        : null,
      series: own.map((c) => [seconds(c.tNs), c.sz_applied, c.nr_applied]),
    };
  });
  return { workloads, schemes, originNs: origin };
}
