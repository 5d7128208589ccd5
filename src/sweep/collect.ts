// A sweep's results, from the directories under results/<name>/: each run's parameters, state
// and metrics (from its analysis.json and status.json), and the repetitions of each parameter
// point aggregated. Earlier results kept aside (<id>.before-<time>) and partial ones are left out.
// A run whose files of ours cannot be read is `corrupt`, with the files named in its errors: it
// is shown, never counted.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ANALYSIS_FORMAT, type Analysis } from '../analysis/analyze.js';
import type { Run } from '../manifest/run.js';
import { stableJson } from '../util/stable-json.js';
import type { Environment } from '../record/environment.js';
import { listRunDirectories, readRunFile, RUN_FILES, type RunStatus } from '../record/run-files.js';
import { summarize, type Domain, type Summary } from './stats.js';

/**
 * The metrics of a run, by name: what summary.csv, compare and figures speak of. `domain`: where
 * the metric's values lie, to which confidence intervals are clipped. `effect`: a metric of what
 * the workloads did (memory, progress), which "memory saved" and "slowdown" come from.
 */
export const METRICS = {
  kdamond_cpu: {
    label: 'kdamond CPU',
    unit: '% of one CPU',
    describe: 'all kdamonds together, over the sampled time',
    domain: [0, null],
  },
  nr_regions_mean: {
    label: 'nr_regions (mean)',
    unit: 'regions',
    describe: 'mean over snapshots, averaged over targets',
    domain: [0, null],
  },
  nr_regions_max: {
    label: 'nr_regions (max)',
    unit: 'regions',
    describe: 'largest in any snapshot of any target',
    domain: [0, null],
  },
  wss_p25: {
    label: 'wss p25',
    unit: 'bytes',
    describe: "working set size, 25th percentile, damo's way; averaged over targets",
    domain: [0, null],
  },
  wss_p50: {
    label: 'wss p50',
    unit: 'bytes',
    describe: 'working set size, median; averaged over targets',
    domain: [0, null],
  },
  wss_p75: {
    label: 'wss p75',
    unit: 'bytes',
    describe: 'working set size, 75th percentile; averaged over targets',
    domain: [0, null],
  },
  recall: {
    label: 'recall',
    unit: '%',
    describe: 'bytes accessed that DAMON reported accessed, over all phases; averaged over targets',
    domain: [0, 100],
  },
  precision: {
    label: 'precision',
    unit: '%',
    describe: "bytes reported accessed that were, within the workload's regions; averaged over targets",
    domain: [0, 100],
  },
  events: {
    label: 'events recorded',
    unit: 'lines',
    describe: 'damon_aggregated lines in the trace',
    domain: [0, null],
  },
  interval_jitter: {
    label: 'snapshot interval jitter',
    unit: 'µs',
    describe: 'standard deviation of the time between snapshots; averaged over targets',
    domain: [0, null],
  },
  rss_mean: {
    label: 'workload RSS (mean)',
    unit: 'bytes',
    describe:
      "resident memory of the workloads together (/proc/PID/status VmRSS), time-weighted mean over the measurement's window: from DAMON on (a baseline: the same point of its workloads' lives) to the end",
    domain: [0, null],
  },
  rss_end: {
    label: 'workload RSS (end)',
    unit: 'bytes',
    describe: "resident memory of the workloads together at the end of the measurement's window",
    domain: [0, null],
  },
  rss_time: {
    label: 'workload RSS × time',
    unit: 'MiB·s',
    describe:
      "resident memory of the workloads integrated over the measurement's window: a saving held for longer counts for more",
    domain: [0, null],
  },
  swap_max: {
    label: 'workload swap (peak)',
    unit: 'bytes',
    describe: 'swapped-out memory of the workloads together at its most (VmSwap; what comes back in leaves swap)',
    domain: [0, null],
  },
  throughput: {
    label: 'workload throughput',
    unit: 'accesses/s',
    describe: "masim workloads' accesses per second over the measurement's window, summed: the workloads' own progress",
    domain: [0, null],
  },
  wall_time: {
    label: 'command wall time',
    unit: 'ms',
    describe: 'command workloads that ended on their own: their wall time, summed',
    domain: [0, null],
  },
  sz_applied: {
    label: 'bytes schemes applied to',
    unit: 'bytes',
    describe: "every DAMOS scheme's sz_applied at the end of the run, summed",
    domain: [0, null],
  },
} as const satisfies Record<string, { label: string; unit: string; describe: string; domain: Domain }>;

export type MetricName = keyof typeof METRICS;

/**
 * A CSV field, quoted when it holds a quote, a comma or a newline. Text that a spreadsheet would
 * take for a formula (=, +, -, @, a tab or CR first: a matrix value, an error message) gets a
 * leading ' as spreadsheets ask; numbers stay numbers.
 */
export function csvField(text: string): string {
  const formula = /^[=+\-@\t\r]/.test(text) && !/^[-+]?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i.test(text);
  const safe = formula ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Numbers as the index, the CSVs and the figures print them: up to 6 significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  return String(Number(value.toPrecision(6)));
}
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export interface RunRow {
  id: string;
  dir: string;
  state: string;
  errors: string[];
  params: Record<string, unknown>;
  repetition: number;
  /** The parameter point without the repetition: runs with the same key are repetitions. */
  key: string;
  metrics: Partial<Record<MetricName, number>>;
  env: Environment | null;
  run: Run | null;
  hasReport: boolean;
  /** Whether its analysis.json was there to read its metrics from. */
  analysed: boolean;
  /** Its kernel ran in QEMU under TCG (emulated CPUs): its CPU and timing figures describe the emulator too. */
  emulated: boolean;
  /**
   * Whether its own data vouch for its numbers (analysis.json's validity): suspect runs are
   * marked, and left out of statistics unless asked for; null when not analysed with validity.
   */
  validity: 'ok' | 'suspect' | null;
  /** Why it is suspect, in plain words. */
  suspectWhy: string | null;
  /** Files of the run that could not be read (also in errors), for warnings. */
  problems: string[];
}

/** A run's parameter, or one of the facts of what it ran on (RUN_FACTS: the kernel's release and commit). */
export function paramOf(row: Pick<RunRow, 'params' | 'env'>, key: string): unknown {
  if (key in row.params) return row.params[key];
  if (key === 'kernel.release') return row.env?.kernel?.release;
  if (key === 'kernel.commit') {
    const identity = row.env?.kernel?.identity;
    return identity?.sourceCommit ? `${identity.sourceCommit}${identity.sourceDirty ? '+dirty' : ''}` : undefined;
  }
  return undefined;
}

/** The state of a run whose run.json, status.json or analysis.json cannot be read. */
export const CORRUPT = 'corrupt';

export interface GroupRow {
  key: string;
  params: Record<string, unknown>;
  runs: string[];
  /** Complete runs counted in the statistics. */
  complete: number;
  /** Complete runs left out as suspect (or counted, with includeSuspect). */
  suspect: number;
  metrics: Partial<Record<MetricName, Summary>>;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined);

export function metricsOf(analysis: Analysis): Partial<Record<MetricName, number>> {
  const t = analysis.targets;
  const defined = <T>(values: (T | null | undefined)[]) => values.filter((v): v is T => v !== null && v !== undefined);
  const metrics: Partial<Record<MetricName, number | undefined>> = {
    kdamond_cpu: analysis.kdamonds.length ? analysis.kdamonds.reduce((n, k) => n + (k.share ?? 0), 0) * 100 : undefined,
    nr_regions_mean: mean(t.map((x) => x.nrRegions.mean)),
    nr_regions_max: t.length ? Math.max(...t.map((x) => x.nrRegions.max)) : undefined,
    wss_p25: mean(defined(t.map((x) => x.wss.percentiles['25']))),
    wss_p50: mean(defined(t.map((x) => x.wss.percentiles['50']))),
    wss_p75: mean(defined(t.map((x) => x.wss.percentiles['75']))),
    recall: mean(defined(t.map((x) => x.accuracy?.recall)).map((v) => v * 100)),
    precision: mean(defined(t.map((x) => x.accuracy?.precision)).map((v) => v * 100)),
    events: analysis.monitoring === 'off' ? undefined : analysis.trace.counts.aggregatedLines,
    interval_jitter: mean(defined(t.map((x) => x.snapshotIntervalUs?.stddev))),
    ...effectMetrics(analysis),
  };
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== undefined)) as Partial<
    Record<MetricName, number>
  >;
}

/** The workloads' memory and progress, and what the schemes did: sums over workloads and schemes. */
function effectMetrics(analysis: Analysis): Partial<Record<MetricName, number>> {
  const workloads = analysis.workloads ?? [];
  const sum = (values: (number | null | undefined)[]) => {
    const present = values.filter((v): v is number => typeof v === 'number');
    return present.length ? present.reduce((a, b) => a + b, 0) : undefined;
  };
  const schemes = analysis.schemes ?? [];
  const metrics: Partial<Record<MetricName, number | undefined>> = {
    rss_mean: sum(workloads.map((w) => w.memory?.rssMeanBytes)),
    rss_end: sum(workloads.map((w) => w.memory?.rssEndBytes)),
    rss_time: sum(workloads.map((w) => w.memory?.rssIntegralByteSeconds)),
    swap_max: sum(workloads.map((w) => w.memory?.swapMaxBytes)),
    throughput: sum(workloads.map((w) => w.throughput?.accessesPerSecond)),
    wall_time: sum(workloads.map((w) => w.wallMs)),
    sz_applied: schemes.length ? sum(schemes.map((s) => s.totals?.sz_applied ?? 0)) : undefined,
  };
  if (metrics.rss_time !== undefined) metrics.rss_time /= 2 ** 20;
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== undefined));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads one run directory; null when it is not one (neither run.json nor status.json is there). */
export async function readRunRow(dir: string, id: string): Promise<RunRow | null> {
  const problems: string[] = [];
  const run = readRunFile<Run>(dir, RUN_FILES.run, problems);
  const status = readRunFile<RunStatus>(dir, RUN_FILES.status, problems);
  if (!run && !status && problems.length === 0) return null;
  let analysis = readRunFile<Analysis>(dir, RUN_FILES.analysis, problems);
  if (analysis && analysis.format !== ANALYSIS_FORMAT) {
    problems.push(
      `${join(dir, RUN_FILES.analysis)} is not of format ${ANALYSIS_FORMAT}: 'damon-exp report ${dir}' makes it again`,
    );
    analysis = null;
  }
  const corrupt = problems.length > 0;
  const envProblems: string[] = [];
  const env = readRunFile<Environment>(dir, RUN_FILES.env, envProblems);
  problems.push(...envProblems);
  const params = run && typeof run.params === 'object' && run.params !== null ? run.params : {};
  const state = corrupt ? CORRUPT : (status?.state ?? 'unknown');
  return {
    id,
    dir,
    state,
    errors: [...(Array.isArray(status?.errors) ? status.errors.map(String) : []), ...problems],
    params,
    repetition: typeof run?.repetition === 'number' ? run.repetition : 1,
    key: stableJson(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1))),
    metrics: analysis && state === 'complete' ? metricsOf(analysis) : {},
    env,
    run,
    hasReport: isFile(join(dir, RUN_FILES.report)),
    analysed: analysis !== null,
    emulated: status?.vm?.accel === 'tcg',
    validity: analysis?.validity?.verdict ?? status?.validity?.verdict ?? null,
    suspectWhy: analysis?.validity?.headline ?? status?.validity?.headline ?? null,
    problems,
  };
}

/** A suspect run (its own data do not vouch for its numbers) counts only when asked for. */
export function counts(row: Pick<RunRow, 'state' | 'validity'>, includeSuspect = false): boolean {
  return row.state === 'complete' && (includeSuspect || row.validity !== 'suspect');
}

/** Every run directory under `sweepDir`, sorted by id. */
export async function readSweep(sweepDir: string): Promise<RunRow[]> {
  const names = await listRunDirectories(sweepDir);
  const rows = await Promise.all(names.map((name) => readRunRow(join(sweepDir, name), name)));
  return rows.filter((r): r is RunRow => r !== null).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The repetitions of each parameter point together: complete runs only count towards the
 * statistics, and suspect ones only with `includeSuspect`.
 */
export function groupRows(rows: RunRow[], includeSuspect = false): GroupRow[] {
  const groups = new Map<string, RunRow[]>();
  for (const row of rows) groups.set(row.key, [...(groups.get(row.key) ?? []), row]);
  return [...groups.entries()].map(([key, members]) => {
    const counted = members.filter((m) => counts(m, includeSuspect));
    const metrics: Partial<Record<MetricName, Summary>> = {};
    for (const name of METRIC_NAMES) {
      const values = counted.flatMap((m) => (m.metrics[name] === undefined ? [] : [m.metrics[name]!]));
      const summary = summarize(values, METRICS[name].domain);
      if (summary) metrics[name] = summary;
    }
    return {
      key,
      params: members[0]!.params,
      runs: members.map((m) => m.id),
      complete: counted.length,
      suspect: members.filter((m) => m.state === 'complete' && m.validity === 'suspect').length,
      metrics,
    };
  });
}
