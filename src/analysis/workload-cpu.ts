// How much CPU each workload used over the measurement, from memory.json's samples of its
// /proc/PID/stat. A target that used none had no access for DAMON to see: that tells a process
// that only slept from monitoring gone blind, where a run has no ground truth of its own.
import { CLOCK_TICKS_PER_SECOND } from '../record/cpu.js';
import type { WorkloadMemory } from '../record/memory.js';
import type { MeasureWindow } from './window.js';

export interface WorkloadCpu {
  /** utime + stime between the two samples, in seconds. */
  seconds: number;
  /** The time between the two samples, in seconds: the window, or a little more. */
  spanSeconds: number;
}

/**
 * Per workload ref: its CPU time from the last sample at or before the window's start (its first
 * sample when none is) to its last sample; the whole recording when the window is unknown. Absent
 * for workloads with fewer than two readable samples (older runs have none).
 */
export function workloadCpu(memory: WorkloadMemory | null, window: MeasureWindow | null): Map<string, WorkloadCpu> {
  const ticksPerSecond =
    typeof memory?.clockTicksPerSecond === 'number' && memory.clockTicksPerSecond > 0
      ? memory.clockTicksPerSecond
      : CLOCK_TICKS_PER_SECOND;
  const byRef = new Map<string, { tNs: number; ticks: number }[]>();
  for (const sample of Array.isArray(memory?.samples) ? memory.samples : []) {
    if (typeof sample.cpuTicks !== 'number' || !Number.isFinite(sample.cpuTicks)) continue;
    const list = byRef.get(sample.ref) ?? [];
    list.push({ tNs: sample.tNs, ticks: sample.cpuTicks });
    byRef.set(sample.ref, list);
  }
  const used = new Map<string, WorkloadCpu>();
  for (const [ref, samples] of byRef) {
    samples.sort((a, b) => a.tNs - b.tNs);
    const before = window ? samples.filter((s) => s.tNs <= window.startNs).at(-1) : undefined;
    const first = before ?? samples[0]!;
    const last = samples.at(-1)!;
    if (last.tNs <= first.tNs || last.ticks < first.ticks) continue;
    used.set(ref, { seconds: (last.ticks - first.ticks) / ticksPerSecond, spanSeconds: (last.tNs - first.tNs) / 1e9 });
  }
  return used;
}
