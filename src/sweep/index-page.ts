// A sweep's index: results/<name>/index.html (one self-contained page: the parameter points with
// their repetitions aggregated, every run with its state and a link to its report), summary.csv
// (one row per run) and summary.json (both). Deterministic: the same run directories give the
// same bytes. The runs are those the manifest has now (sweep.json, sweep/sweep-record.ts): results
// of runs it no longer has stay on disk and are left out, said in one line, unless `all`.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { VERSION } from '../util/version.js';
import type { Figure } from '../manifest/figures.js';
import { FigureError, FIGURES_FILE, readFiguresFile, type FiguresFile } from './figures.js';
import {
  CORRUPT,
  csvField,
  formatNumber,
  groupRows,
  METRIC_NAMES,
  METRICS,
  paramOf,
  readSweep,
  type GroupRow,
  type MetricName,
  type RunRow,
} from './collect.js';
import { MIN_INTERVAL_N, type Summary } from './stats.js';
import { writeWhole } from '../util/write-whole.js';
import { readSweepRecord, type SweepRecord } from './sweep-record.js';
import { paramText } from '../manifest/param-text.js';
import { indexTemplate } from '../report/templates.js';
import { CONTENT_SECURITY_POLICY, relativeHref } from '../report/href.js';

export const SUMMARY_FORMAT = 'damon-exp.summary/1';

export function paramKeys(rows: { params: Record<string, unknown> }[]): string[] {
  const keys: string[] = [];
  for (const row of rows) for (const key of Object.keys(row.params)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

export function summaryCsv(rows: RunRow[]): string {
  const keys = paramKeys(rows);
  const header = [
    'id',
    'state',
    'validity',
    'repetition',
    ...keys,
    'kernel.release',
    'kernel.commit',
    ...METRIC_NAMES,
    'errors',
    'suspect_because',
  ];
  const lines = rows.map((row) =>
    [
      row.id,
      row.state,
      row.validity ?? '',
      String(row.repetition),
      ...keys.map((k) => paramText(row.params[k])),
      ...kernelColumns(row),
      ...METRIC_NAMES.map((m) => (row.metrics[m] === undefined ? '' : formatNumber(row.metrics[m]!))),
      row.errors.join('; '),
      row.validity === 'suspect' ? (row.suspectWhy ?? '') : '',
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

/** The kernel a run ran on (env.json): its release, and its source commit when known. */
function kernelColumns(row: RunRow): [string, string] {
  return [paramText(paramOf(row, 'kernel.release')), paramText(paramOf(row, 'kernel.commit'))];
}

function summaryJson(name: string, rows: RunRow[], groups: GroupRow[]): unknown {
  return {
    format: SUMMARY_FORMAT,
    name,
    metrics: METRICS,
    runs: rows.map((r) => ({
      id: r.id,
      state: r.state,
      validity: r.validity,
      suspectBecause: r.validity === 'suspect' ? r.suspectWhy : null,
      errors: r.errors,
      params: r.params,
      kernel: r.env?.kernel?.identity ?? (r.env?.kernel ? { release: r.env.kernel.release } : null),
      repetition: r.repetition,
      metrics: r.metrics,
      report: r.hasReport ? `${r.id}/report.html` : null,
    })),
    groups: groups.map((g) => ({
      params: g.params,
      runs: g.runs,
      complete: g.complete,
      suspect: g.suspect,
      metrics: g.metrics,
    })),
  };
}

/**
 * A group's metric: the mean with its 95 % interval (clipped to the metric's domain) from three
 * repetitions, else min–max and no interval.
 */
function summaryCell(summary: Summary | undefined, metric: MetricName): string {
  if (!summary) return '–';
  const value = (v: number) => metricValue(v, metric);
  const unit = METRICS[metric].unit === 'bytes' ? ' MiB' : '';
  if (summary.n === 1) return `${value(summary.mean)}${unit}`;
  return summary.low95 === null || summary.high95 === null
    ? `${value(summary.mean)}${unit} (${value(summary.min)}–${value(summary.max)}, n=${summary.n}, no interval)`
    : `${value(summary.mean)}${unit} [${value(summary.low95)}, ${value(summary.high95)}] (n=${summary.n})`;
}

function metricValue(v: number, metric: MetricName): string {
  const scale = METRICS[metric].unit === 'bytes' ? 2 ** 20 : 1;
  return formatNumber(Number((v / scale).toPrecision(4)));
}

/**
 * The figures the index shows: those of figures.json drawn already; a corrupt figures.json is a
 * problem, not a failure of the index.
 */
async function drawnFigures(sweepDir: string, problems: string[]): Promise<Figure[]> {
  let file: FiguresFile | null;
  try {
    file = await readFiguresFile(join(sweepDir, FIGURES_FILE));
  } catch (error) {
    if (!(error instanceof FigureError)) throw error;
    problems.push(`${error.message}: the index shows no figures`);
    return [];
  }
  return (file?.figures ?? []).filter((f) => existsSync(join(sweepDir, 'figures', `${f.name}.svg`)));
}

/**
 * Writes index.html, summary.csv and summary.json into the sweep directory; returns the index's
 * path, and the problems met (corrupt run files, shown in the index as the runs' errors) for the
 * caller to warn of.
 */
export async function writeSweepIndex(
  sweepDir: string,
  { includeSuspect = false, all = false }: { includeSuspect?: boolean; all?: boolean } = {},
): Promise<{ index: string; rows: RunRow[]; groups: GroupRow[]; problems: string[]; leftOut: number }> {
  const recordProblems: string[] = [];
  const { rows, leftOut } = currentRuns(
    await readSweep(sweepDir),
    all ? null : readSweepRecord(sweepDir, recordProblems),
  );
  const problems = [...recordProblems, ...rows.flatMap((r) => r.problems)];
  const groups = groupRows(rows, includeSuspect);
  const suspect = rows.filter((r) => r.state === 'complete' && r.validity === 'suspect').length;
  const name = rows.find((r) => r.run)?.run?.manifest.name ?? basename(sweepDir);
  const keys = paramKeys(rows);
  const metrics = METRIC_NAMES.filter((m) => groups.some((g) => g.metrics[m]));
  const failed = rows.filter((r) => r.state !== 'complete');
  const corrupt = rows.filter((r) => r.state === CORRUPT).length;
  const figures = await drawnFigures(sweepDir, problems);
  const html = indexTemplate()({
    name,
    description: rows.find((r) => r.run)?.run?.manifest.description ?? '',
    generator: `damon-exp ${VERSION}`,
    csp: CONTENT_SECURITY_POLICY,
    totals: `${rows.length} run${rows.length === 1 ? '' : 's'}: ${rows.length - failed.length} complete${failed.length ? `, ${failed.length} not complete` : ''}${corrupt ? ` (${corrupt} corrupt)` : ''}${leftOut ? `. ${leftOutNote(leftOut)}` : ''}`,
    anyFailed: failed.length > 0,
    suspect: suspect
      ? `${suspect} complete run${suspect === 1 ? ' is' : 's are'} suspect: ${suspect === 1 ? 'its' : 'their'} own data say ${suspect === 1 ? 'its' : 'their'} numbers do not describe DAMON (see each report). ${includeSuspect ? 'They are counted in the parameter points (--include-suspect).' : 'The parameter points leave them out (damon-exp index --include-suspect counts them).'}`
      : null,
    emulated: emulatedNote(rows),
    statsNote: `Mean and, from ${MIN_INTERVAL_N} repetitions, its 95 % confidence interval [low, high] (Student's t, clipped to where the metric can lie: no CPU below 0, no recall above 100 %) over the complete repetitions${includeSuspect ? '' : ' not marked suspect'}; with fewer, min–max and no interval (two repetitions give one that says nothing).`,
    figures: figures.map((f) => ({
      name: f.name,
      title: f.title ?? f.name,
      svg: relativeHref(`figures/${f.name}.svg`),
      csv: relativeHref(`figures/${f.name}.csv`),
    })),
    keys,
    metrics: metrics.map((m) => ({
      name: m,
      label: METRICS[m].label,
      unit: METRICS[m].unit,
      describe: METRICS[m].describe,
    })),
    groups: groups.map((g) => ({
      params: keys.map((k) => paramText(g.params[k])),
      runs: g.runs.length,
      complete: g.complete,
      suspect: includeSuspect ? 0 : g.suspect,
      cells: metrics.map((m) => summaryCell(g.metrics[m], m)),
    })),
    runs: rows.map((r) => ({
      id: r.id,
      ok: r.state === 'complete' && r.validity !== 'suspect',
      state: r.state,
      suspect: r.state === 'complete' && r.validity === 'suspect' ? (r.suspectWhy ?? 'suspect') : null,
      errors: r.errors.join('; '),
      params: keys.map((k) => paramText(r.params[k])),
      report: r.hasReport ? relativeHref(`${r.id}/report.html`) : null,
      cells: metrics.map((m) =>
        r.metrics[m] === undefined
          ? '–'
          : `${metricValue(r.metrics[m]!, m)}${METRICS[m].unit === 'bytes' ? ' MiB' : ''}`,
      ),
    })),
  });
  const index = join(sweepDir, 'index.html');
  await writeWhole(join(sweepDir, 'summary.csv'), summaryCsv(rows));
  await writeWhole(join(sweepDir, 'summary.json'), `${JSON.stringify(summaryJson(name, rows, groups), null, 1)}\n`);
  await writeWhole(index, html);
  return { index, rows, groups, problems, leftOut };
}

/**
 * The runs the manifest has now (sweep.json), and how many results are of runs it no longer has;
 * without a record, every run.
 */
function currentRuns(rows: RunRow[], record: SweepRecord | null): { rows: RunRow[]; leftOut: number } {
  if (!record) return { rows, leftOut: 0 };
  const current = new Set(record.runs);
  const kept = rows.filter((r) => current.has(r.id));
  return { rows: kept, leftOut: rows.length - kept.length };
}

/** What the index says of the results it leaves out: how many, and how to see them. */
export function leftOutNote(leftOut: number, sweepDir?: string): string {
  return `${leftOut} result${leftOut === 1 ? ' is of a run' : 's are of runs'} the manifest no longer has: left out (damon-exp index --all${sweepDir ? ` ${sweepDir}` : ''} shows ${leftOut === 1 ? 'it' : 'them'})`;
}

/**
 * What the index says when runs ran under TCG, whose CPU, interval and accuracy figures describe
 * the emulator as much as DAMON.
 */
function emulatedNote(rows: RunRow[]): string | null {
  const emulated = rows.filter((r) => r.emulated).length;
  if (emulated === 0) return null;
  const which = emulated === rows.length ? 'All runs' : `${emulated} of the ${rows.length} runs`;
  return `${which} ran their kernel in QEMU under TCG: its CPUs were emulated, many times slower than hardware. kdamond CPU, snapshot intervals, accuracy and throughput here describe the emulator as much as DAMON: compare them with runs made the same way, not with real machines.`;
}
