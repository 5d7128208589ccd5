// Comparing runs along one axis (a parameter such as layout.kind, or any path of run.json such
// as backend.kernel): per metric, each value's change against the baseline with the 95 %
// confidence interval of the difference and Welch's t-test over the repetitions; and what else
// differs between the runs (other parameters, which refuses the comparison unless allowed, and
// the environment: kernel, CPU, perf, masim, damon-exp).
import type { Environment } from '../record/environment.js';
import { counts, METRIC_NAMES, METRICS, type MetricName, type RunRow } from './collect.js';
import { clip, MIN_INTERVAL_N, summarize, tQuantile, welch, type Domain, type Summary } from './stats.js';
import { paramText } from '../manifest/param-text.js';

export interface MetricChange {
  metric: MetricName;
  baseline: Summary | null;
  value: Summary | null;
  /** value − baseline, with the half-width of its 95 % confidence interval (Welch). */
  change: number | null;
  changeCi95: number | null;
  /**
   * The interval's bounds, clipped to what the change can be given the metric's domain and the
   * baseline's mean (no recall above 100 %, no memory below 0); null without an interval.
   */
  changeLow95: number | null;
  changeHigh95: number | null;
  relative: number | null;
  p: number | null;
  /** '***' p < 0.001, '**' p < 0.01, '*' p < 0.05, 'n.s.', or 'n/a' (fewer than 3 repetitions on a side). */
  mark: string;
}

export interface Comparison {
  axis: string;
  baseline: string;
  values: { value: string; runs: string[] }[];
  changes: { value: string; metrics: MetricChange[] }[];
  /** Parameters other than the axis that differ between the runs compared. */
  confounders: { param: string; values: string[] }[];
  environment: { field: string; byValue: { value: string; seen: string[] }[] }[];
  /** Runs not compared: not complete, or suspect (their own data do not vouch for their numbers). */
  excluded: { id: string; state: string }[];
  /** Whether the groups differ in DAMOS schemes or in monitoring on/off: only then are memory saved and slowdown shown. */
  effectAxis: boolean;
}

function at(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const text = (value: unknown) => paramText(value, '(none)');

/** The run's value on the axis: a parameter of that name, else that path of run.json, else of env.json (env.PATH). */
export function axisValue(row: RunRow, axis: string): unknown {
  if (axis in row.params) return row.params[axis];
  if (axis.startsWith('env.')) return at(row.env, axis.slice(4));
  return at(row.run, axis);
}

const ENV_FIELDS: [string, (env: Environment) => string][] = [
  ['kernel', (e) => kernelText(e)],
  [
    'kernel image',
    (e) =>
      e.kernel.identity
        ? `${e.kernel.identity.name} sha256 ${e.kernel.identity.imageSha256.slice(0, 12)}, config ${e.kernel.identity.configSha256.slice(0, 12)}`
        : 'unknown',
  ],
  ['CPU', (e) => `${e.machine.cpuModel} × ${e.machine.cpus}`],
  ['perf', (e) => e.tools.perf ?? 'none'],
  [
    'host',
    (e) => (e.host ? `${e.host.cpuModel} × ${e.host.cpus}, ${e.host.qemu ?? 'QEMU unknown'}` : "the run's machine"),
  ],
  ['masim', (e) => e.tools.masim.map((m) => m.sha256?.slice(0, 12) ?? '?').join(',') || 'none'],
  // Under TCG the refresher changes what DAMON sees and what the kdamonds and workloads cost.
  ['TLB refresher', (e) => tlbRefreshText(e)],
  [
    'damon-exp',
    (e) =>
      `${e.damonExp.version} ${e.damonExp.gitCommit?.slice(0, 12) ?? ''}${e.damonExp.gitDirty ? ' dirty' : ''}`.trim(),
  ],
];

/** Whether a QEMU guest ran the TLB refresher (env.json's backend.tlbRefresh), and how often. */
function tlbRefreshText(env: Environment): string {
  const refresh = env.backend?.tlbRefresh;
  if (!refresh?.state) return env.backend?.kind === 'qemu' ? 'off (older run)' : 'none (no VM)';
  return refresh.state === 'ran' && refresh.intervalUs ? `ran, every ${refresh.intervalUs} µs` : refresh.state;
}

/** The kernel's release, and its source commit when it was built from a known one. */
export function kernelText(env: Environment): string {
  const identity = env.kernel.identity;
  const commit = identity?.sourceCommit
    ? ` (${identity.sourceCommit.slice(0, 12)}${identity.sourceDirty ? '+dirty' : ''})`
    : '';
  return `${env.kernel.release}${commit}`;
}

/** A field of env.json; 'unknown' when the file or the field is missing (a run that failed early). */
function readEnv(env: Environment | null, read: (env: Environment) => string): string {
  try {
    return env ? read(env) : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** What a value costs and saves against the baseline, from the workloads' RSS and progress. */
export interface Tradeoff {
  value: string;
  /**
   * Mean RSS saved over the measurement's window (baseline − value), in bytes and as a share of
   * the baseline's, with 95 % intervals [low, high] (null with fewer than 3 repetitions a side);
   * and the saving integrated over the window (MiB·s), when the runs measured it.
   */
  memorySaved: {
    bytes: number;
    bytesLow95: number | null;
    bytesHigh95: number | null;
    percent: number;
    percentLow95: number | null;
    percentHigh95: number | null;
    mibSeconds: number | null;
  } | null;
  /** How much slower the workloads progressed: throughput lost (or wall time gained), in %, with its 95 % interval. */
  slowdown: {
    percent: number;
    percentLow95: number | null;
    percentHigh95: number | null;
    from: 'throughput' | 'wall_time';
  } | null;
}

/** Memory saved and slowdown per value; none when the axis changes neither schemes nor monitoring. */
export function tradeoffs(c: Comparison): Tradeoff[] {
  if (!c.effectAxis) return [];
  return c.changes.map((change) => {
    const of = (metric: MetricName) => change.metrics.find((m) => m.metric === metric);
    const percentOf = (m: MetricChange, bound: number | null, sign: number) =>
      bound === null || !m.baseline || m.baseline.mean === 0 ? null : (sign * bound * 100) / Math.abs(m.baseline.mean);
    const rss = of('rss_mean');
    const integral = of('rss_time');
    // A saving is the change negated: its interval's ends swap.
    const memorySaved =
      rss && rss.change !== null && rss.relative !== null
        ? {
            bytes: -rss.change,
            bytesLow95: rss.changeHigh95 === null ? null : -rss.changeHigh95,
            bytesHigh95: rss.changeLow95 === null ? null : -rss.changeLow95,
            percent: -rss.relative * 100,
            percentLow95: percentOf(rss, rss.changeHigh95, -1),
            percentHigh95: percentOf(rss, rss.changeLow95, -1),
            mibSeconds: integral?.change == null ? null : -integral.change,
          }
        : null;
    const throughput = of('throughput');
    const wall = of('wall_time');
    const slowdown =
      throughput && throughput.relative !== null
        ? {
            percent: -throughput.relative * 100,
            percentLow95: percentOf(throughput, throughput.changeHigh95, -1),
            percentHigh95: percentOf(throughput, throughput.changeLow95, -1),
            from: 'throughput' as const,
          }
        : wall && wall.relative !== null
          ? {
              percent: wall.relative * 100,
              percentLow95: percentOf(wall, wall.changeLow95, 1),
              percentHigh95: percentOf(wall, wall.changeHigh95, 1),
              from: 'wall_time' as const,
            }
          : null;
    return { value: change.value, memorySaved, slowdown };
  });
}

/** What a run does to its workloads besides monitoring them: whether DAMON runs, and its schemes. */
function effectOf(row: RunRow): string | null {
  if (!row.run) return null;
  const schemes = (row.run.layout?.kdamonds ?? []).flatMap((k) => k.contexts.map((c) => c.schemes ?? []));
  return JSON.stringify({ monitoring: row.run.monitoring ?? 'on', schemes });
}

export function compareRuns(
  rows: RunRow[],
  axis: string,
  baselineWanted?: string,
  { includeSuspect = false }: { includeSuspect?: boolean } = {},
): Comparison {
  const excluded = rows
    .filter((r) => !counts(r, includeSuspect))
    .map((r) => ({
      id: r.id,
      state: r.state === 'complete' ? `suspect: ${r.suspectWhy ?? 'see its report'}` : r.state,
    }));
  const complete = rows.filter((r) => counts(r, includeSuspect));
  const groups = new Map<string, RunRow[]>();
  for (const row of complete) {
    const value = text(axisValue(row, axis));
    groups.set(value, [...(groups.get(value) ?? []), row]);
  }
  // Numbers in order (the baseline is then the smallest), anything else as first met.
  const raw = new Map(complete.map((r) => [text(axisValue(r, axis)), axisValue(r, axis)]));
  const values = [...groups.keys()];
  if (values.every((v) => typeof raw.get(v) === 'number'))
    values.sort((a, b) => (raw.get(a) as number) - (raw.get(b) as number));
  const baseline = baselineWanted ?? values[0] ?? '';
  const metricValues = (members: RunRow[], metric: MetricName) =>
    members.flatMap((m) => (m.metrics[metric] === undefined ? [] : [m.metrics[metric]!]));
  const changes = values
    .filter((v) => v !== baseline)
    .map((value) => ({
      value,
      metrics: METRIC_NAMES.map((metric): MetricChange => {
        const a = metricValues(groups.get(baseline) ?? [], metric);
        const b = metricValues(groups.get(value)!, metric);
        const domain = METRICS[metric].domain;
        const [sa, sb] = [summarize(a, domain), summarize(b, domain)];
        const test = welch(a, b);
        const change = sa && sb ? sb.mean - sa.mean : null;
        const changeCi95 =
          test && sa && sb
            ? tQuantile(0.975, test.df) * Math.sqrt(sa.stddev ** 2 / sa.n + sb.stddev ** 2 / sb.n)
            : null;
        // The value lies in the metric's domain, so the change lies in the domain shifted by the baseline.
        const changeDomain: Domain | undefined = sa
          ? [domain[0] - sa.mean, domain[1] === null ? null : domain[1] - sa.mean]
          : undefined;
        const mark =
          test === null ? 'n/a' : test.p < 0.001 ? '***' : test.p < 0.01 ? '**' : test.p < 0.05 ? '*' : 'n.s.';
        return {
          metric,
          baseline: sa,
          value: sb,
          change,
          changeCi95,
          changeLow95: change === null || changeCi95 === null ? null : clip(change - changeCi95, changeDomain),
          changeHigh95: change === null || changeCi95 === null ? null : clip(change + changeCi95, changeDomain),
          relative: change !== null && sa && sa.mean !== 0 ? change / Math.abs(sa.mean) : null,
          p: test?.p ?? null,
          mark,
        };
      }),
    }));
  const paramNames = [...new Set(complete.flatMap((r) => Object.keys(r.params)))].filter((p) => p !== axis);
  const confounders = paramNames
    .map((param) => ({ param, values: [...new Set(complete.map((r) => text(r.params[param])))] }))
    .filter((c) => c.values.length > 1);
  const manifests = [...new Set(complete.map((r) => r.run?.manifest.name ?? '?'))];
  if (manifests.length > 1) confounders.push({ param: '(manifest)', values: manifests });
  const environment = ENV_FIELDS.map(([field, read]) => ({
    field,
    byValue: values.map((value) => ({
      value,
      seen: [...new Set(groups.get(value)!.map((r) => readEnv(r.env, read)))],
    })),
  })).filter((f) => new Set(f.byValue.flatMap((v) => v.seen)).size > 1);
  const effects = (value: string) => new Set((groups.get(value) ?? []).map(effectOf));
  const base = effects(baseline);
  const effectAxis = values.some((value) => {
    const other = effects(value);
    return [...other, ...base].some((e) => e === null) ? false : [...other].some((e) => !base.has(e));
  });
  return {
    axis,
    baseline,
    values: values.map((value) => ({ value, runs: groups.get(value)!.map((r) => r.id) })),
    changes,
    confounders,
    environment,
    excluded,
    effectAxis,
  };
}

function number(value: number, metric: MetricName): string {
  const bytes = METRICS[metric].unit === 'bytes';
  const v = bytes ? value / 2 ** 20 : value;
  return String(Number(v.toPrecision(4)));
}

/** The unit a metric's numbers are printed in (bytes as MiB). */
function unitOf(metric: MetricName): string {
  return METRICS[metric].unit === 'bytes' ? 'MiB' : METRICS[metric].unit;
}

/** mean ±stddev (n), or with fewer than 3 repetitions mean (min–max, n). */
function side(s: Summary | null, metric: MetricName): string {
  if (!s) return '–';
  if (s.n === 1) return `${number(s.mean, metric)} (n=1)`;
  if (s.n < MIN_INTERVAL_N)
    return `${number(s.mean, metric)} (${number(s.min, metric)}–${number(s.max, metric)}, n=${s.n})`;
  return `${number(s.mean, metric)} ±${number(s.stddev, metric)} (n=${s.n})`;
}

const fixed = (v: number, digits = 1) => (Object.is(v, -0) ? 0 : v).toFixed(digits);
const interval = (low: number | null, high: number | null, show: (v: number) => string) =>
  low === null || high === null ? '' : ` [${show(low)}, ${show(high)}]`;

export function renderComparison(c: Comparison): string {
  const lines: string[] = [];
  lines.push(
    `axis ${c.axis}; baseline ${c.baseline} (${c.values.find((v) => v.value === c.baseline)?.runs.length ?? 0} runs)`,
  );
  for (const v of c.values) if (v.value !== c.baseline) lines.push(`  vs ${v.value} (${v.runs.length} runs)`);
  let fewRepetitions = false;
  for (const change of c.changes) {
    lines.push('', `${c.axis}: ${c.baseline} → ${change.value}`);
    const rows = change.metrics
      .filter((m) => m.baseline || m.value)
      .map((m) => {
        if ((m.baseline && m.baseline.n < MIN_INTERVAL_N) || (m.value && m.value.n < MIN_INTERVAL_N))
          fewRepetitions = true;
        const show = (v: number) => `${v >= 0 ? '+' : ''}${number(v, m.metric)}`;
        const delta =
          m.change === null
            ? '–'
            : `${show(m.change)}${interval(m.changeLow95, m.changeHigh95, show)}${m.relative === null ? '' : ` (${m.relative >= 0 ? '+' : ''}${fixed(m.relative * 100)} %)`}`;
        return [
          METRICS[m.metric].label,
          unitOf(m.metric),
          side(m.baseline, m.metric),
          side(m.value, m.metric),
          delta,
          m.p === null ? m.mark : `${m.mark} p=${m.p.toPrecision(2)}`,
        ];
      });
    const header = ['metric', 'unit', c.baseline, change.value, 'change [95 % CI]', 'Welch'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const row of [header, ...rows])
      lines.push(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
  }
  if (fewRepetitions)
    lines.push(
      '',
      `fewer than ${MIN_INTERVAL_N} repetitions a side: min–max shown, and no interval or test (set repeat: ${MIN_INTERVAL_N} or more in the manifest)`,
    );
  const costs = tradeoffs(c).filter((t) => t.memorySaved || t.slowdown);
  if (costs.length) {
    lines.push('', `against ${c.axis} = ${c.baseline}, over the measurement's window (95 % CI):`);
    const pctOf = (v: number) => `${fixed(v)} %`;
    for (const t of costs) {
      const m = t.memorySaved;
      const saved = m
        ? `memory saved ${number(m.bytes, 'rss_mean')} MiB${interval(m.bytesLow95, m.bytesHigh95, (v) => number(v, 'rss_mean'))} (${pctOf(m.percent)}${interval(m.percentLow95, m.percentHigh95, pctOf)})${m.mibSeconds === null ? '' : `, ${String(Number(m.mibSeconds.toPrecision(4)))} MiB·s over the window`}`
        : 'memory saved –';
      const slower = t.slowdown
        ? `slowdown ${pctOf(t.slowdown.percent)}${interval(t.slowdown.percentLow95, t.slowdown.percentHigh95, pctOf)} (${t.slowdown.from === 'throughput' ? 'throughput' : 'wall time'})`
        : 'slowdown –';
      lines.push(`  ${t.value}: ${saved}; ${slower}`);
    }
  }
  if (c.environment.length) {
    lines.push('', 'environment differences:');
    for (const f of c.environment)
      lines.push(`  ${f.field}: ${f.byValue.map((v) => `${v.value}: ${v.seen.join(' | ')}`).join('; ')}`);
  }
  if (c.confounders.length) {
    lines.push('', 'other differences between the compared runs:');
    for (const f of c.confounders) lines.push(`  ${f.param}: ${f.values.join(', ')}`);
  }
  const suspect = c.excluded.filter((e) => e.state.startsWith('suspect'));
  const incomplete = c.excluded.filter((e) => !e.state.startsWith('suspect'));
  if (incomplete.length)
    lines.push('', `not compared (not complete): ${incomplete.map((e) => `${e.id} (${e.state})`).join(', ')}`);
  if (suspect.length)
    lines.push(
      '',
      `left out as suspect (${suspect.length}; --include-suspect counts them): ${suspect.map((e) => `${e.id} (${e.state.slice('suspect: '.length)})`).join('; ')}`,
    );
  return lines.join('\n');
}
