// kdamond CPU use from the run's samples of /proc/PID/stat (kdamond-cpu.json): per kdamond, the
// share of one CPU between consecutive samples, and over the whole run.
import type { KdamondCpu } from '../record/cpu.js';

export interface KdamondCpuUse {
  kdamond: number;
  pid: number;
  /** utime + stime over the run, in seconds. */
  cpuSeconds: number;
  /** cpuSeconds over the sampled wall time (1 = one CPU fully busy); null with fewer than 2 samples. */
  share: number | null;
  /** [seconds since DAMON on (older runs: since the first sample), share over the interval ending there]. */
  series: [number, number][];
}

/**
 * Each kdamond's CPU use; the series' times in seconds from `originNs` (DAMON on) when the samples
 * say when sampling started (startedNs), else from the first sample.
 */
export function kdamondCpuUse(cpu: KdamondCpu, originNs: number | null = null): KdamondCpuUse[] {
  const offset = originNs !== null && typeof cpu.startedNs === 'number' ? (cpu.startedNs - originNs) / 1e9 : 0;
  const byKdamond = new Map<number, KdamondCpu['samples']>();
  for (const sample of cpu.samples) {
    if (sample.utime === null || sample.stime === null) continue;
    byKdamond.set(sample.kdamond, [...(byKdamond.get(sample.kdamond) ?? []), sample]);
  }
  const ticks = (s: KdamondCpu['samples'][number]) => (s.utime! + s.stime!) / cpu.clockTicksPerSecond;
  return [...byKdamond.entries()]
    .sort(([a], [b]) => a - b)
    .map(([kdamond, samples]) => {
      const first = samples[0]!;
      const last = samples[samples.length - 1]!;
      const series: [number, number][] = [];
      // A short interval (the last sample, taken as the run ends) holds a tick or none: 10 ms of
      // CPU over 88 ms reads 11 %, none reads 0. It is merged into the interval before it.
      const shortMs = cpu.intervalMs / 2;
      let from = 0;
      for (let i = 1; i < samples.length; i++) {
        const dtMs = samples[i]!.tMs - samples[i - 1]!.tMs;
        if (dtMs <= 0) continue;
        if (dtMs < shortMs && series.length > 0) series.pop();
        else from = i - 1;
        const span = (samples[i]!.tMs - samples[from]!.tMs) / 1000;
        series.push([
          Math.round((samples[i]!.tMs / 1000 + offset) * 1000) / 1000,
          (ticks(samples[i]!) - ticks(samples[from]!)) / span,
        ]);
      }
      const wall = (last.tMs - first.tMs) / 1000;
      return {
        kdamond,
        pid: first.pid,
        cpuSeconds: ticks(last) - ticks(first),
        share: wall > 0 ? (ticks(last) - ticks(first)) / wall : null,
        series,
      };
    });
}
