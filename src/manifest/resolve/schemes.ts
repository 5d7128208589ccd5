// A context's DAMOS schemes: its own `schemes:`, else the top level's; a scheme set's name looked up
// in `scheme_sets` (`none`: no schemes). Each scheme goes to sysfs units (ages in aggregation
// intervals and access frequencies in samples, from the context's intervals, as damo converts
// them), with the checks DAMON does not make: an action or a filter that the context's operations
// set ignores is accepted by the kernel and then does nothing, so it is refused here.
import { shorten } from '../../util/errors.js';
import type { Manifest, Scheme } from '../manifest.types.js';
import {
  ACTIONS_OF,
  OPS_FILTERS,
  ULONG_MAX,
  type MonitoringAttrs,
  type OperationsSet,
  type RunScheme,
  type RunSchemeFilter,
  type SysfsRange,
} from '../run.js';
import { closest } from '../suggest.js';
import { parseDuration, UnitError } from '../../util/units.js';
import type { DataPath } from '../yaml-source.js';
import type { Duration, Report, Size } from './context.js';

/** The scheme set name that means no schemes. */
export const NO_SCHEMES = 'none';

export interface SchemesLayer {
  schemes: Manifest['schemes'];
  path: DataPath;
}

interface ContextFacts {
  operations: OperationsSet;
  attrs: MonitoringAttrs;
  nrTargets: number;
  path: DataPath;
}

/** The schemes of a context: the last layer that names any (the context's own, else the top level's). */
export function resolveSchemes(
  manifest: Manifest,
  layers: SchemesLayer[],
  context: ContextFacts,
  report: Report,
  units: { duration: Duration; size: Size },
): RunScheme[] {
  const layer = [...layers].reverse().find((l) => l.schemes !== undefined);
  if (!layer) return [];
  let set: string | null = null;
  let list: Scheme[];
  let listPath: DataPath;
  if (typeof layer.schemes === 'string') {
    set = layer.schemes;
    if (set === NO_SCHEMES) return [];
    const sets = manifest.scheme_sets ?? {};
    if (!Object.hasOwn(sets, set)) {
      const suggestion = closest(set, [NO_SCHEMES, ...Object.keys(sets)]);
      report(
        layer.path,
        `unknown scheme set '${shorten(set)}'`,
        suggestion
          ? `did you mean '${suggestion}'?`
          : `define it under scheme_sets, or use ${NO_SCHEMES} (no schemes)${Object.keys(sets).length ? `; defined: ${shorten(Object.keys(sets).join(', '))}` : ''}`,
      );
      return [];
    }
    list = sets[set]!;
    listPath = ['scheme_sets', set];
  } else {
    list = layer.schemes ?? [];
    listPath = layer.path;
  }
  return list.map((scheme, i) => resolveScheme(scheme, [...listPath, i], set, context, report, units));
}

function resolveScheme(
  scheme: Scheme,
  path: DataPath,
  set: string | null,
  context: ContextFacts,
  report: Report,
  { duration, size }: { duration: Duration; size: Size },
): RunScheme {
  const { operations, attrs } = context;
  if (!ACTIONS_OF[operations].includes(scheme.action)) {
    const where = (Object.keys(ACTIONS_OF) as OperationsSet[]).filter((o) => ACTIONS_OF[o].includes(scheme.action));
    report(
      [...path, 'action'],
      `the ${operations} operations set does not apply '${scheme.action}': DAMON would accept the scheme and do nothing`,
      `'${scheme.action}' is applied by ${where.join(', ')}; on ${operations}: ${ACTIONS_OF[operations].join(', ')}`,
    );
  }
  if ((scheme.action === 'migrate_hot' || scheme.action === 'migrate_cold') && scheme.target_nid === undefined)
    report(path, `${scheme.action} moves pages to a NUMA node: give it target_nid`);

  const pattern = scheme.access_pattern ?? {};
  const patternPath = [...path, 'access_pattern'];
  const maxNrAccesses = Math.floor(attrs.aggrUs / Math.max(1, attrs.sampleUs));
  const sizeRange = range(
    pattern.size,
    [...patternPath, 'size'],
    (value, at) => exactSize(size(value, at), at, report),
    report,
  );
  const nrAccesses = range(
    pattern.nr_accesses,
    [...patternPath, 'nr_accesses'],
    (value, at) => frequency(value, at, maxNrAccesses, report),
    report,
  );
  if (Number(nrAccesses[0]) > maxNrAccesses && nrAccesses[0] !== ULONG_MAX) {
    report(
      [...patternPath, 'nr_accesses', 'min'],
      `nr_accesses.min is ${nrAccesses[0]}, but an aggregation interval of ${attrs.aggrUs} µs sampled every ${attrs.sampleUs} µs counts at most ${maxNrAccesses}: the scheme can never apply`,
      'give a percentage (such as 50%), or a count up to aggr/sample',
    );
  }
  const age = range(
    pattern.age,
    [...patternPath, 'age'],
    (value, at) => ageIn(value, at, attrs.aggrUs, report),
    report,
  );

  const applyIntervalUs =
    scheme.apply_interval === undefined ? null : duration(scheme.apply_interval, [...path, 'apply_interval']);
  const quotas = scheme.quotas;
  const quotasPath = [...path, 'quotas'];
  const wholeMs = (text: string | undefined, key: string): number => {
    if (text === undefined) return 0;
    const us = duration(text, [...quotasPath, key]);
    if (us > 0 && us < 1000) {
      report([...quotasPath, key], `quotas.${key} is below 1 ms, which DAMON reads as 0: no limit`, 'give 1ms or more');
    }
    return Math.floor(us / 1000);
  };
  const watermarks = scheme.watermarks;
  const wPath = [...path, 'watermarks'];
  if (watermarks && watermarks.metric !== 'none') {
    for (const key of ['interval', 'high', 'mid', 'low'] as const)
      if (watermarks[key] === undefined) report(wPath, `watermarks with metric ${watermarks.metric} need '${key}'`);
    const [high, mid, low] = [watermarks.high ?? 0, watermarks.mid ?? 0, watermarks.low ?? 0];
    if (!(high >= mid && mid >= low))
      report(
        wPath,
        `watermarks must be high ≥ mid ≥ low (they are ${high}, ${mid}, ${low})`,
        'DAMON refuses them (EINVAL when switched on)',
      );
  }
  return {
    set,
    action: scheme.action,
    accessPattern: { size: sizeRange, nrAccesses, age },
    applyIntervalUs,
    targetNid: scheme.target_nid ?? null,
    quotas: quotas
      ? {
          ms: wholeMs(quotas.time, 'time'),
          bytes: quotas.size === undefined ? 0 : size(quotas.size, [...quotasPath, 'size']),
          resetIntervalMs: wholeMs(quotas.reset_interval, 'reset_interval'),
          weights: quotas.weights
            ? {
                size: quotas.weights.size ?? 0,
                nrAccesses: quotas.weights.nr_accesses ?? 0,
                age: quotas.weights.age ?? 0,
              }
            : null,
          goals: (quotas.goals ?? []).map((goal, g) => {
            const goalPath = [...quotasPath, 'goals', g];
            if (goal.metric.startsWith('node_') && goal.nid === undefined)
              report(goalPath, `the goal metric ${goal.metric} is of one NUMA node: give its nid`);
            if (goal.metric.startsWith('node_memcg_') && goal.memcg_path === undefined)
              report(goalPath, `the goal metric ${goal.metric} is of one cgroup: give its memcg_path`);
            if (goal.current !== undefined && goal.metric !== 'user_input')
              report(
                [...goalPath, 'current'],
                `only user_input goals take a current value; DAMON measures ${goal.metric}`,
                undefined,
                'key',
              );
            return {
              metric: goal.metric,
              targetValue: goal.target,
              currentValue: goal.current ?? null,
              nid: goal.nid ?? null,
              memcgPath: goal.memcg_path ?? null,
            };
          }),
        }
      : null,
    watermarks: watermarks
      ? {
          metric: watermarks.metric,
          intervalUs: watermarks.interval === undefined ? 0 : duration(watermarks.interval, [...wPath, 'interval']),
          high: watermarks.high ?? 0,
          mid: watermarks.mid ?? 0,
          low: watermarks.low ?? 0,
        }
      : null,
    filters: (scheme.filters ?? []).map((filter, f) =>
      resolveFilter(filter, [...path, 'filters', f], context, report, size),
    ),
  };
}

type ManifestFilter = NonNullable<Scheme['filters']>[number];

function resolveFilter(
  filter: ManifestFilter,
  path: DataPath,
  context: ContextFacts,
  report: Report,
  size: Size,
): RunSchemeFilter {
  const only = (keys: (keyof ManifestFilter)[]) => {
    for (const key of ['memcg_path', 'start', 'end', 'target', 'min', 'max'] as const)
      if (filter[key] !== undefined && !keys.includes(key))
        report([...path, key], `${article(filter.type)} ${filter.type} filter takes no '${key}'`, undefined, 'key');
    for (const key of keys)
      if (filter[key] === undefined) report(path, `${article(filter.type)} ${filter.type} filter needs '${key}'`);
  };
  if (OPS_FILTERS.includes(filter.type) && context.operations !== 'paddr') {
    report(
      [...path, 'type'],
      `${filter.type} filters are applied by the paddr operations set only: on ${context.operations} DAMON would ignore this one`,
      'use addr or target filters on vaddr and fvaddr',
    );
  }
  let addr: RunSchemeFilter['addr'] = null;
  let targetIdx: number | null = null;
  let folio: RunSchemeFilter['size'] = null;
  switch (filter.type) {
    case 'memcg':
      only(['memcg_path']);
      break;
    case 'addr': {
      only(['start', 'end']);
      if (filter.start !== undefined && filter.end !== undefined) {
        const [start, end] = [BigInt(filter.start), BigInt(filter.end)];
        if (start >= end)
          report([...path, 'start'], `the addr filter's start (${start}) is not below its end (${end})`);
        addr = { start: String(start), end: String(end) };
      }
      break;
    }
    case 'target':
      only(['target']);
      targetIdx = filter.target ?? null;
      if (targetIdx !== null && targetIdx >= context.nrTargets)
        report(
          [...path, 'target'],
          `the context has ${context.nrTargets} target${context.nrTargets === 1 ? '' : 's'}: no target ${targetIdx}`,
        );
      break;
    case 'hugepage_size':
      only(['min', 'max']);
      if (filter.min !== undefined && filter.max !== undefined)
        folio = { min: size(filter.min, [...path, 'min']), max: size(filter.max, [...path, 'max']) };
      break;
    default:
      only([]);
  }
  return {
    type: filter.type,
    matching: filter.matching ?? true,
    allow: filter.allow ?? null,
    memcgPath: filter.memcg_path ?? null,
    addr,
    targetIdx,
    size: folio,
  };
}

/** A min/max mapping → a sysfs range (unset: 0 and ULONG_MAX), reporting a min above its max. */
function range<T>(
  value: { min?: T; max?: T } | undefined,
  path: DataPath,
  convert: (value: T, at: DataPath) => string,
  report: Report,
): SysfsRange {
  const min = value?.min === undefined ? '0' : convert(value.min, [...path, 'min']);
  const max = value?.max === undefined ? ULONG_MAX : convert(value.max, [...path, 'max']);
  if (/^[0-9]+$/.test(min) && /^[0-9]+$/.test(max) && BigInt(min) > BigInt(max))
    report([...path, 'min'], `min (${min}) is above max (${max}) in sysfs units: nothing can match`);
  return [min, max];
}

function exactSize(bytes: number, at: DataPath, report: Report): string {
  if (Number.isNaN(bytes)) return '0';
  if (!Number.isSafeInteger(bytes)) {
    report(at, 'the size is beyond 2^53−1 bytes, which cannot be written exactly', 'leave max unset for no bound');
    return '0';
  }
  return String(bytes);
}

/** Samples per aggregation interval: a whole number, or a percentage of aggr/sample (damo's way: truncated). */
function frequency(value: number | string, at: DataPath, maxNrAccesses: number, report: Report): string {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : '0';
  const percent = Number(value.replace('%', '').trim());
  if (!(percent <= 100)) {
    report(at, `${value} is above 100%`);
    return '0';
  }
  return String(Math.floor((percent * maxNrAccesses) / 100));
}

/**
 * Aggregation intervals: a whole number, or a duration divided by the aggregation interval
 * (truncated, as damo does).
 */
function ageIn(value: number | string, at: DataPath, aggrUs: number, report: Report): string {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : '0';
  let us: number;
  try {
    us = parseDuration(value);
  } catch (error) {
    if (!(error instanceof UnitError)) throw error;
    report(at, error.message);
    return '0';
  }
  if (us > 0 && us < aggrUs)
    report(
      at,
      `${value} is shorter than the aggregation interval (${aggrUs} µs): it is 0 intervals`,
      'ages count whole aggregation intervals',
    );
  return String(Math.floor(us / aggrUs));
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');
