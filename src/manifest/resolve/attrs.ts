// A context's monitoring attributes: the kernel's defaults, overridden by the manifest's layers of
// `monitoring:` (top level, then the context's own), each value remembering the line that set it,
// so that a problem DAMON would refuse points at the value that chose it.
import { formatDuration } from '../../util/format.js';
import type { Manifest, Monitoring } from '../manifest.types.js';
import { KERNEL_DEFAULT_ATTRS, type MonitoringAttrs, type RunLayout } from '../run.js';
import type { DataPath } from '../yaml-source.js';
import type { Duration, Report } from './context.js';

/** One `monitoring:` mapping of the manifest (absent when not written), and where it is. */
export interface MonitoringLayer {
  monitoring: Monitoring | undefined;
  path: DataPath;
}

export type AttrKey = 'sample' | 'aggr' | 'update' | 'min' | 'max' | 'goal';

/** Where each attribute was last set; an attribute not in it is the kernel's default. */
export type AttrOrigin = Partial<Record<AttrKey, DataPath>>;

/** The attributes DAMON is to use, with the checks it would make when switched on. */
export function resolveAttrs(
  layers: MonitoringLayer[],
  report: Report,
  duration: Duration,
  contextPath: DataPath,
): MonitoringAttrs {
  const { attrs, origin } = layerAttrs(layers, report, duration);
  checkAttrs(attrs, origin, contextPath, report);
  return attrs;
}

/** The kernel's defaults with the layers applied in order, and where each attribute came from. */
export function layerAttrs(
  layers: MonitoringLayer[],
  report: Report,
  duration: Duration,
): { attrs: MonitoringAttrs; origin: AttrOrigin } {
  const attrs: MonitoringAttrs = { ...KERNEL_DEFAULT_ATTRS };
  const origin: AttrOrigin = {};
  for (const { monitoring, path } of layers) {
    if (!monitoring) continue;
    if (monitoring.sample !== undefined)
      [attrs.sampleUs, origin.sample] = [duration(monitoring.sample, [...path, 'sample']), [...path, 'sample']];
    if (monitoring.aggr !== undefined)
      [attrs.aggrUs, origin.aggr] = [duration(monitoring.aggr, [...path, 'aggr']), [...path, 'aggr']];
    if (monitoring.update !== undefined)
      [attrs.updateUs, origin.update] = [duration(monitoring.update, [...path, 'update']), [...path, 'update']];
    for (const bound of ['min', 'max'] as const) {
      const value = monitoring.nr_regions?.[bound];
      if (value === undefined) continue;
      const at = [...path, 'nr_regions', bound];
      attrs[bound === 'min' ? 'minNrRegions' : 'maxNrRegions'] = exact(
        value,
        at,
        `nr_regions.${bound}`,
        report,
        'no monitoring target has that many regions (DAMON defaults to 10..1000)',
      );
      origin[bound] = at;
    }
    const goal = monitoring.intervals_goal;
    if (goal) {
      const goalPath = [...path, 'intervals_goal'];
      attrs.intervalsGoal = {
        accessBp: goal.access_bp,
        aggrs: exact(
          goal.aggrs,
          [...goalPath, 'aggrs'],
          'intervals_goal.aggrs',
          report,
          'a few aggregation intervals are enough, such as 3',
        ),
        minSampleUs: duration(goal.min_sample, [...goalPath, 'min_sample']),
        maxSampleUs: duration(goal.max_sample, [...goalPath, 'max_sample']),
      };
      origin.goal = goalPath;
    }
  }
  return { attrs, origin };
}

/**
 * What DAMON refuses (EINVAL when switched on), reported where the offending value was set: a
 * problem between two values at the first of them the manifest sets (sample before aggr, min before
 * max), a problem with the kernel's defaults alone at the context.
 */
export function checkAttrs(attrs: MonitoringAttrs, origin: AttrOrigin, contextPath: DataPath, report: Report): void {
  const where = (key: AttrKey): DataPath => origin[key] ?? contextPath;
  if (attrs.sampleUs === 0) report(where('sample'), 'the sampling interval must be above 0');
  if (attrs.sampleUs > attrs.aggrUs) {
    report(
      where(origin.sample ? 'sample' : 'aggr'),
      `sampling interval (${attrs.sampleUs} µs) is longer than the aggregation interval (${attrs.aggrUs} µs)`,
      'DAMON refuses sample > aggr (EINVAL when switched on)',
    );
  }
  if (attrs.minNrRegions < 3) {
    report(
      where('min'),
      `nr_regions.min is ${attrs.minNrRegions}; DAMON needs at least 3`,
      'DAMON refuses min nr_regions < 3 (EINVAL when switched on)',
    );
  }
  if (attrs.minNrRegions > attrs.maxNrRegions) {
    report(
      where(origin.min ? 'min' : 'max'),
      `nr_regions.min (${attrs.minNrRegions}) is above nr_regions.max (${attrs.maxNrRegions})`,
    );
  }
  if (attrs.intervalsGoal && attrs.intervalsGoal.minSampleUs > attrs.intervalsGoal.maxSampleUs) {
    report(where('goal'), 'intervals_goal.min_sample is above intervals_goal.max_sample');
  }
}

/**
 * An integer that goes to a sysfs file as it is: DAMON reads these as unsigned longs, but a YAML
 * number beyond 2^53-1 has been rounded already, and would be written rounded (so a max of
 * 2^64-1 becomes 18446744073709552000, which the kernel refuses). NaN after reporting it.
 */
function exact(value: number, at: DataPath, what: string, report: Report, hint: string): number {
  if (typeof value !== 'number' || Number.isSafeInteger(value)) return value; // a wrong type is the schema's to report
  report(
    at,
    `${what}: DAMON takes up to ULONG_MAX, but values beyond 2^53−1 (${Number.MAX_SAFE_INTEGER}) cannot be written exactly`,
    hint,
  );
  return Number.NaN;
}

/**
 * DAMON reports a snapshot as each aggregation interval ends (damon_aggregated: REFERENCE.md §4),
 * the first one aggr after it is switched on; vaddr and paddr set their regions up when switched
 * on, so no update interval has to pass first. A recording shorter than aggr holds no snapshot:
 * refused where the aggregation interval was set (at the duration for the kernel's default).
 */
export function checkSnapshotsFit(manifest: Manifest, layout: RunLayout, durationUs: number, report: Report): void {
  if (!Number.isFinite(durationUs) || durationUs <= 0) return;
  layout.kdamonds.forEach((kdamond, k) =>
    kdamond.contexts.forEach((context, c) => {
      const aggrUs = context.attrs.aggrUs;
      if (!(aggrUs > durationUs)) return; // NaN: reported already
      const own = manifest.layout.kdamonds?.[k]?.contexts[c]?.monitoring?.aggr !== undefined;
      const top = typeof manifest.monitoring === 'object' && manifest.monitoring.aggr !== undefined;
      report(
        own
          ? ['layout', 'kdamonds', k, 'contexts', c, 'monitoring', 'aggr']
          : top
            ? ['monitoring', 'aggr']
            : ['duration'],
        `the aggregation interval (${formatDuration(aggrUs)}) is longer than the ${formatDuration(durationUs)} recording: DAMON reports a snapshot as each aggregation interval ends, so the run would record none`,
        `make aggr a fraction of the duration (reports want many snapshots: heatmaps skip the first, wss the first 20), or lengthen the duration`,
      );
    }),
  );
}
