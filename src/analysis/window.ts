// The measurement's window and the report's one time origin. A run's status.json says, on
// CLOCK_MONOTONIC (the clock of the trace when perf records with -k CLOCK_MONOTONIC, of masim's
// phase log and of the samplers), when DAMON was switched on and when the measurement began and
// ended (the recording's sleep, which a run without DAMON has too). Every figure of a run is
// taken over that window, and every time axis starts at DAMON on, so that runs compared with
// each other (a scheme against its baseline) are measured over the same stretch of their
// workloads' lives, whatever else the runner was doing before or after.
import type { RunInputs } from './run-inputs.js';

export interface MeasureWindow {
  /** CLOCK_MONOTONIC ns. */
  startNs: number;
  endNs: number;
  /** DAMON on (ns), when it was switched on. */
  onNs: number | null;
}

/**
 * The run's window, when its status says it and the trace is on the same clock (perf recorded
 * with -k CLOCK_MONOTONIC, or there is no trace); null for runs recorded before it was kept, and
 * for a trace given alone.
 */
export function measureWindow(inputs: Pick<RunInputs, 'status' | 'env'>, hasTrace: boolean): MeasureWindow | null {
  const clock = inputs.status?.clock;
  const start = clock?.measureStartNs;
  const end = clock?.measureEndNs;
  if (!isNs(start) || !isNs(end) || end < start) return null;
  if (hasTrace && inputs.env?.tools?.perfMonotonicClock !== true) return null;
  return { startNs: start, endNs: end, onNs: isNs(clock?.onNs) ? clock.onNs : null };
}

const isNs = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** The report's time origin: DAMON on, else the window's start, else what the caller had (the trace's first snapshot). */
export function timeOrigin(window: MeasureWindow | null, fallbackNs: number): number {
  return window?.onNs ?? window?.startNs ?? fallbackNs;
}
