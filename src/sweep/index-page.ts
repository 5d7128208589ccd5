// A sweep's index: results/<name>/index.html (one self-contained page: the parameter points with
// their repetitions aggregated, every run with its state and a link to its report), summary.csv
// (one row per run) and summary.json (both). Deterministic: the same run directories give the
// same bytes.
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { VERSION } from '../version.js';
import type { Figure } from '../manifest/load.js';
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
import type { Summary } from './stats.js';
import { writeWhole } from '../write-whole.js';
import { paramText } from '../manifest/param-text.js';
import { indexTemplate } from '../report/templates.js';

export const SUMMARY_FORMAT = 'damon-exp.summary/1';

export function paramKeys(rows: { params: Record<string, unknown> }[]): string[] {
  const keys: string[] = [];
  for (const row of rows) for (const key of Object.keys(row.params)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

export function summaryCsv(rows: RunRow[]): string {
  const keys = paramKeys(rows);
  const header = ['id', 'state', 'repetition', ...keys, 'kernel.release', 'kernel.commit', ...METRIC_NAMES, 'errors'];
  const lines = rows.map((row) =>
    [
      row.id,
      row.state,
      String(row.repetition),
      ...keys.map((k) => paramText(row.params[k])),
      ...kernelColumns(row),
      ...METRIC_NAMES.map((m) => (row.metrics[m] === undefined ? '' : formatNumber(row.metrics[m]!))),
      row.errors.join('; '),
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
      errors: r.errors,
      params: r.params,
      kernel: r.env?.kernel?.identity ?? (r.env?.kernel ? { release: r.env.kernel.release } : null),
      repetition: r.repetition,
      metrics: r.metrics,
      report: r.hasReport ? `${r.id}/report.html` : null,
    })),
    groups: groups.map((g) => ({ params: g.params, runs: g.runs, complete: g.complete, metrics: g.metrics })),
  };
}

function summaryCell(summary: Summary | undefined, metric: MetricName): string {
  if (!summary) return '–';
  const scale = METRICS[metric].unit === 'bytes' ? 2 ** 20 : 1;
  const unit = METRICS[metric].unit === 'bytes' ? ' MiB' : '';
  const value = (v: number) => formatNumber(Number((v / scale).toPrecision(4)));
  return summary.ci95 === null
    ? `${value(summary.mean)}${unit}`
    : `${value(summary.mean)} ± ${value(summary.ci95)}${unit} (n=${summary.n})`;
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
): Promise<{ index: string; rows: RunRow[]; groups: GroupRow[]; problems: string[] }> {
  const rows = await readSweep(sweepDir);
  const problems = rows.flatMap((r) => r.problems);
  const groups = groupRows(rows);
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
    totals: `${rows.length} run${rows.length === 1 ? '' : 's'}: ${rows.length - failed.length} complete${failed.length ? `, ${failed.length} not complete` : ''}${corrupt ? ` (${corrupt} corrupt)` : ''}`,
    anyFailed: failed.length > 0,
    emulated: emulatedNote(rows),
    figures: figures.map((f) => ({
      name: f.name,
      title: f.title ?? f.name,
      svg: `figures/${f.name}.svg`,
      csv: `figures/${f.name}.csv`,
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
      cells: metrics.map((m) => summaryCell(g.metrics[m], m)),
    })),
    runs: rows.map((r) => ({
      id: r.id,
      ok: r.state === 'complete',
      state: r.state,
      errors: r.errors.join('; '),
      params: keys.map((k) => paramText(r.params[k])),
      report: r.hasReport ? `${r.id}/report.html` : null,
      cells: metrics.map((m) =>
        r.metrics[m] === undefined ? '–' : summaryCell({ n: 1, mean: r.metrics[m]!, stddev: 0, ci95: null }, m),
      ),
    })),
  });
  const index = join(sweepDir, 'index.html');
  await writeWhole(join(sweepDir, 'summary.csv'), summaryCsv(rows));
  await writeWhole(join(sweepDir, 'summary.json'), `${JSON.stringify(summaryJson(name, rows, groups), null, 1)}\n`);
  await writeWhole(index, html);
  return { index, rows, groups, problems };
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
