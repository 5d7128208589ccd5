// Comparing runs along one axis (a parameter such as layout.kind, or any path of run.json such
// as backend.kernel): per metric, each value's change against the baseline with the 95 %
// confidence interval of the difference and Welch's t-test over the repetitions; and what else
// differs between the runs (other parameters, which refuses the comparison unless allowed, and
// the environment: kernel, CPU, perf, masim, damon-exp).
import type { Environment } from '../record/environment.js';
import { METRIC_NAMES, METRICS, type MetricName, type RunRow } from './collect.js';
import { summarize, tQuantile, welch, type Summary } from './stats.js';
import { paramText } from '../manifest/param-text.js';

export interface MetricChange {
  metric: MetricName;
  baseline: Summary | null;
  value: Summary | null;
  /** value − baseline, with the half-width of its 95 % confidence interval (Welch). */
  change: number | null;
  changeCi95: number | null;
  relative: number | null;
  p: number | null;
  /** '***' p < 0.001, '**' p < 0.01, '*' p < 0.05, 'n.s.', or 'n/a' (fewer than 2 repetitions on a side). */
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
  excluded: { id: string; state: string }[];
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
  [
    'damon-exp',
    (e) =>
      `${e.damonExp.version} ${e.damonExp.gitCommit?.slice(0, 12) ?? ''}${e.damonExp.gitDirty ? ' dirty' : ''}`.trim(),
  ],
];

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
  /** Mean RSS saved (baseline − value), in bytes and as a share of the baseline's, with 95 % CI half-widths. */
  memorySaved: { bytes: number; bytesCi95: number | null; percent: number; percentCi95: number | null } | null;
  /** How much slower the workloads progressed: throughput lost (or wall time gained), in %. */
  slowdown: { percent: number; percentCi95: number | null; from: 'throughput' | 'wall_time' } | null;
}

export function tradeoffs(c: Comparison): Tradeoff[] {
  return c.changes.map((change) => {
    const of = (metric: MetricName) => change.metrics.find((m) => m.metric === metric);
    const rss = of('rss_mean');
    const relativeCi = (m: MetricChange | undefined) =>
      m?.changeCi95 !== null && m?.changeCi95 !== undefined && m.baseline && m.baseline.mean !== 0
        ? (m.changeCi95 / Math.abs(m.baseline.mean)) * 100
        : null;
    const memorySaved =
      rss && rss.change !== null && rss.relative !== null
        ? { bytes: -rss.change, bytesCi95: rss.changeCi95, percent: -rss.relative * 100, percentCi95: relativeCi(rss) }
        : null;
    const throughput = of('throughput');
    const wall = of('wall_time');
    const slowdown =
      throughput && throughput.relative !== null
        ? { percent: -throughput.relative * 100, percentCi95: relativeCi(throughput), from: 'throughput' as const }
        : wall && wall.relative !== null
          ? { percent: wall.relative * 100, percentCi95: relativeCi(wall), from: 'wall_time' as const }
          : null;
    return { value: change.value, memorySaved, slowdown };
  });
}

export function compareRuns(rows: RunRow[], axis: string, baselineWanted?: string): Comparison {
  const excluded = rows.filter((r) => r.state !== 'complete').map((r) => ({ id: r.id, state: r.state }));
  const complete = rows.filter((r) => r.state === 'complete');
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
        const [sa, sb] = [summarize(a), summarize(b)];
        const test = welch(a, b);
        const change = sa && sb ? sb.mean - sa.mean : null;
        const changeCi95 =
          test && sa && sb
            ? tQuantile(0.975, test.df) * Math.sqrt(sa.stddev ** 2 / sa.n + sb.stddev ** 2 / sb.n)
            : null;
        const mark =
          test === null ? 'n/a' : test.p < 0.001 ? '***' : test.p < 0.01 ? '**' : test.p < 0.05 ? '*' : 'n.s.';
        return {
          metric,
          baseline: sa,
          value: sb,
          change,
          changeCi95,
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
  return {
    axis,
    baseline,
    values: values.map((value) => ({ value, runs: groups.get(value)!.map((r) => r.id) })),
    changes,
    confounders,
    environment,
    excluded,
  };
}

function number(value: number, metric: MetricName): string {
  const bytes = METRICS[metric].unit === 'bytes';
  const v = bytes ? value / 2 ** 20 : value;
  return `${String(Number(v.toPrecision(4)))}${bytes ? ' MiB' : ''}`;
}

export function renderComparison(c: Comparison): string {
  const lines: string[] = [];
  lines.push(
    `axis ${c.axis}; baseline ${c.baseline} (${c.values.find((v) => v.value === c.baseline)?.runs.length ?? 0} runs)`,
  );
  for (const v of c.values) if (v.value !== c.baseline) lines.push(`  vs ${v.value} (${v.runs.length} runs)`);
  for (const change of c.changes) {
    lines.push('', `${c.axis}: ${c.baseline} → ${change.value}`);
    const rows = change.metrics
      .filter((m) => m.baseline || m.value)
      .map((m) => {
        const side = (s: Summary | null) =>
          s ? `${number(s.mean, m.metric)} ±${number(s.stddev, m.metric)} (n=${s.n})` : '–';
        const delta =
          m.change === null
            ? '–'
            : `${m.change >= 0 ? '+' : ''}${number(m.change, m.metric)}${m.changeCi95 === null ? '' : ` ±${number(m.changeCi95, m.metric)}`}${m.relative === null ? '' : ` (${m.relative >= 0 ? '+' : ''}${(m.relative * 100).toFixed(1)} %)`}`;
        return [
          METRICS[m.metric].label,
          side(m.baseline),
          side(m.value),
          delta,
          m.p === null ? m.mark : `${m.mark} p=${m.p.toPrecision(2)}`,
        ];
      });
    const header = ['metric', c.baseline, change.value, 'change (95 % CI)', 'Welch'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const row of [header, ...rows])
      lines.push(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
  }
  const costs = tradeoffs(c).filter((t) => t.memorySaved || t.slowdown);
  if (costs.length) {
    lines.push('', `against ${c.axis} = ${c.baseline} (95 % CI):`);
    const ci = (value: number | null, unit: string) =>
      value === null ? '' : ` ±${Number(value.toPrecision(2))}${unit}`;
    for (const t of costs) {
      const saved = t.memorySaved
        ? `memory saved ${number(t.memorySaved.bytes, 'rss_mean')}${ci(t.memorySaved.bytesCi95 === null ? null : t.memorySaved.bytesCi95 / 2 ** 20, ' MiB')} (${t.memorySaved.percent.toFixed(1)} %${ci(t.memorySaved.percentCi95, ' %')})`
        : 'memory saved –';
      const slower = t.slowdown
        ? `slowdown ${t.slowdown.percent.toFixed(1)} %${ci(t.slowdown.percentCi95, ' %')} (${t.slowdown.from === 'throughput' ? 'throughput' : 'wall time'})`
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
  if (c.excluded.length)
    lines.push('', `not compared (not complete): ${c.excluded.map((e) => `${e.id} (${e.state})`).join(', ')}`);
  return lines.join('\n');
}
