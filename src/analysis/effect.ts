// What a run did to its workloads, apart from the trace: each workload's memory over time (RSS,
// swap) and its own progress (masim's accesses per second, per phase; a command's wall time), and
// what each DAMOS scheme did (its counters over time). Comparing these between runs with and
// without DAMON, or a scheme, gives the memory a scheme saves and the slowdown it costs.
import type { RunInputs } from './run-inputs.js';
import type { MemorySample } from '../record/memory.js';
import type { SchemeCounters } from '../record/scheme-stats.js';
import type { MeasureWindow } from './window.js';

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
    /**
     * Over the measurement's window when the run recorded it (time-weighted, from DAMON on, or the
     * same point of a baseline's workload, to the end), else over every sample.
     */
    rssMeanBytes: number;
    rssMaxBytes: number;
    rssLastBytes: number;
    swapMaxBytes: number;
    swapLastBytes: number;
    /** The last sample of the window: what the workload held as the measurement ended. */
    rssEndBytes?: number;
    /** RSS integrated over the window (bytes × s): a saving over time, not at one instant. */
    rssIntegralByteSeconds?: number;
    /** The window's length the mean and integral are over, s; absent: over every sample. */
    windowSeconds?: number;
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

/** How long after the window's end a sample still counts: the samplers' last samples, taken as the measurement ends. */
const LAST_SAMPLE_GRACE_NS = 1e9;

/**
 * The workloads' and schemes' effect; times as seconds from `originNs` (DAMON on, the trace's
 * start, or the first sample). Memory and throughput are taken over `window` when it is known.
 */
export function effectOf(
  inputs: RunInputs,
  originNs: number | null,
  window: MeasureWindow | null = null,
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
    const inWindow = window
      ? own.filter((s) => s.tNs >= window.startNs && s.tNs <= window.endNs + LAST_SAMPLE_GRACE_NS)
      : own;
    const rss = inWindow.map((s) => s.rssBytes!);
    const swap = inWindow.map((s) => s.swapBytes!);
    const log = inputs.phaseLogs.get(w.ref);
    const measured = (log?.phases ?? []).filter((p) => p.accesses !== null && p.endNs > p.startNs);
    const phases = measured.map((p) => ({
      name: p.name,
      round: p.round,
      accessesPerSecond: Math.round(p.accesses! / ((p.endNs - p.startNs) / 1e9)),
      seconds: round3((p.endNs - p.startNs) / 1e9),
      interrupted: p.interrupted,
    }));
    // Over the window, each phase's accesses in proportion to its time inside it.
    let totalAccesses = 0;
    let totalSeconds = 0;
    for (const p of measured) {
      const from = window ? Math.max(p.startNs, window.startNs) : p.startNs;
      const to = window ? Math.min(p.endNs, window.endNs) : p.endNs;
      if (to <= from) continue;
      totalAccesses += (p.accesses! * (to - from)) / (p.endNs - p.startNs);
      totalSeconds += (to - from) / 1e9;
    }
    const process = inputs.status?.processes?.find((p) => p.ref === w.ref);
    const timeWeighted = window && inWindow.length ? integrate(inWindow, window) : null;
    return {
      ref: w.ref,
      workload: w.workload,
      memory: rss.length
        ? {
            rssMeanBytes: Math.round(
              timeWeighted
                ? timeWeighted.byteSeconds / timeWeighted.seconds
                : rss.reduce((a, b) => a + b, 0) / rss.length,
            ),
            rssMaxBytes: rss.reduce((m, v) => Math.max(m, v), -Infinity),
            rssLastBytes: rss[rss.length - 1]!,
            swapMaxBytes: swap.reduce((m, v) => Math.max(m, v), -Infinity),
            swapLastBytes: swap[swap.length - 1]!,
            ...(timeWeighted
              ? {
                  rssEndBytes: rss[rss.length - 1]!,
                  rssIntegralByteSeconds: Math.round(timeWeighted.byteSeconds),
                  windowSeconds: round3(timeWeighted.seconds),
                }
              : {}),
            samples: inWindow.length,
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

/**
 * RSS over the window, time-weighted: each sample holds until the next (the first from the
 * window's start, the last to its end), so that samples taken at an uneven pace weigh their time.
 */
function integrate(samples: MemorySample[], window: MeasureWindow): { byteSeconds: number; seconds: number } {
  const sorted = [...samples].sort((a, b) => a.tNs - b.tNs);
  let byteSeconds = 0;
  for (let i = 0; i < sorted.length; i++) {
    const from = i === 0 ? window.startNs : Math.max(window.startNs, sorted[i]!.tNs);
    const to = i + 1 < sorted.length ? Math.min(window.endNs, sorted[i + 1]!.tNs) : window.endNs;
    if (to > from) byteSeconds += (sorted[i]!.rssBytes! * (to - from)) / 1e9;
  }
  return { byteSeconds, seconds: (window.endNs - window.startNs) / 1e9 };
}
