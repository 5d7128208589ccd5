// Paper figures from a sweep's stored results: each figure of the manifest's `figures:` (kept in
// results/<name>/figures.json by the sweep) as figures/<name>.svg, the CSV of exactly the numbers
// plotted, and a PNG when Chromium is at hand to draw the SVG. The same results give the same
// SVG and CSV bytes.
import { DamonExpError } from '../errors.js';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { analyze } from '../analysis/analyze.js';
import { NO_RUN_INPUTS } from '../analysis/run-inputs.js';
import type { Figure } from '../manifest/load.js';
import { errorChart, heatmapGrid, type ErrorSeries, type HeatmapCell } from '../report/svg.js';
import { openTrace } from '../trace/source.js';
import { csvField, formatNumber, METRICS, readSweep, type RunRow } from './collect.js';
import { summarize } from './stats.js';
import { writeWhole } from '../write-whole.js';

export const FIGURES_FORMAT = 'damon-exp.figures/1';

export interface FiguresFile {
  format: typeof FIGURES_FORMAT;
  manifest: { name: string; file: string; sha256: string };
  figures: Figure[];
}

export class FigureError extends DamonExpError {}

const text = (value: unknown) => (value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value));

/** Distinct values in order: numerically when all are numbers, else as first met. */
function orderedValues(values: unknown[]): unknown[] {
  const distinct: unknown[] = [];
  for (const v of values) if (!distinct.some((d) => text(d) === text(v))) distinct.push(v);
  return distinct.every((v) => typeof v === 'number') ? [...distinct].sort((a, b) => (a as number) - (b as number)) : distinct;
}

function selected(rows: RunRow[], figure: Figure): RunRow[] {
  return rows.filter((r) => r.state === 'complete' && Object.entries(figure.where ?? {}).every(([k, v]) => text(r.params[k]) === text(v)));
}

export interface RenderedFigure {
  name: string;
  svg: string;
  csv: string;
}

/** A line or bar figure: the metric's mean and 95 % confidence interval per (series, x). */
export function metricFigure(rows: RunRow[], figure: Figure): RenderedFigure {
  const metric = figure.y!;
  const runs = selected(rows, figure);
  const xValues = orderedValues(runs.map((r) => r.params[figure.x]));
  const seriesValues = figure.series ? orderedValues(runs.map((r) => r.params[figure.series!])) : [undefined];
  const numericX = xValues.every((v) => typeof v === 'number') && (figure.type ?? 'line') === 'line';
  const csv = ['series,x,n,mean,stddev,ci95_low,ci95_high'];
  const series: ErrorSeries[] = seriesValues.map((sv) => {
    const points: ErrorSeries['points'] = [];
    xValues.forEach((xv, i) => {
      const values = runs.filter((r) => text(r.params[figure.x]) === text(xv) && (sv === undefined || text(r.params[figure.series!]) === text(sv))).flatMap((r) => (r.metrics[metric] === undefined ? [] : [r.metrics[metric]!]));
      const s = summarize(values);
      if (!s) return;
      const half = s.ci95 ?? 0;
      points.push({ x: numericX ? (xv as number) : i, mean: s.mean, low: s.mean - half, high: s.mean + half });
      csv.push([sv === undefined ? '' : text(sv), text(xv), String(s.n), formatNumber(s.mean), formatNumber(s.stddev), s.ci95 === null ? '' : formatNumber(s.mean - half), s.ci95 === null ? '' : formatNumber(s.mean + half)].map(csvField).join(','));
    });
    return { name: sv === undefined ? METRICS[metric].label : `${figure.series} = ${text(sv)}`, points };
  });
  if (series.every((s) => s.points.length === 0)) throw new FigureError(`figure '${figure.name}': no complete run has ${metric}${figure.where ? ` where ${JSON.stringify(figure.where)}` : ''}`);
  const svg = errorChart(series, {
    kind: figure.type === 'bar' ? 'bar' : 'line',
    title: figure.title ?? `${METRICS[metric].label} by ${figure.x}`,
    xLabel: figure.x_label ?? figure.x,
    yLabel: figure.y_label ?? `${METRICS[metric].label} (${METRICS[metric].unit})`,
    yKind: METRICS[metric].unit === 'bytes' ? 'bytes' : 'number',
    ...(numericX ? {} : { categories: xValues.map(text) }),
  });
  return { name: figure.name, svg, csv: `${csv.join('\n')}\n` };
}

/** A grid of heatmaps: for each (series, x), the first complete run's first target, 100 × 120. */
export async function heatmapFigure(rows: RunRow[], figure: Figure): Promise<RenderedFigure> {
  const runs = selected(rows, figure).sort((a, b) => a.repetition - b.repetition);
  const xValues = orderedValues(runs.map((r) => r.params[figure.x]));
  const seriesValues = figure.series ? orderedValues(runs.map((r) => r.params[figure.series!])) : [undefined];
  const csv = ['series,x,run,kdamond,context,target,address_start,address_end,time_start_ns,time_end_ns,max_heat'];
  const cells: (HeatmapCell | null)[][] = [];
  for (const sv of seriesValues) {
    const row: (HeatmapCell | null)[] = [];
    for (const xv of xValues) {
      const run = runs.find((r) => text(r.params[figure.x]) === text(xv) && (sv === undefined || text(r.params[figure.series!]) === text(sv)));
      if (!run) {
        row.push(null);
        continue;
      }
      const { analysis, heatmaps } = await analyze(openTrace(run.dir), NO_RUN_INPUTS, { rows: 100, cols: 120, range: 'hottest', wssSkip: 20 });
      const target = analysis.targets[0]!;
      const grid = heatmaps[0]!;
      row.push({ title: `kdamond ${target.kdamond}, context ${target.context}, target ${target.target}`, tooltip: run.id, heat: grid.heat, rows: grid.spec.rows, cols: grid.spec.cols });
      csv.push([text(sv ?? ''), text(xv), run.id, target.kdamond, target.context, target.target, target.heatmap.address[0], target.heatmap.address[1], target.heatmap.time[0], target.heatmap.time[1], formatNumber(target.heatmap.maxHeat)].join(','));
    }
    cells.push(row);
  }
  const svg = heatmapGrid(cells, {
    title: figure.title ?? `access heatmaps by ${figure.x}${figure.series ? ` and ${figure.series}` : ''}`,
    rowLabels: seriesValues.map((v) => (v === undefined ? '' : text(v))),
    colLabels: xValues.map(text),
    xLabel: figure.x_label ?? figure.x,
    yLabel: figure.y_label ?? figure.series ?? '',
  });
  return { name: figure.name, svg, csv: `${csv.join('\n')}\n` };
}

/** Chromium, for drawing SVGs as PNGs: $CHROMIUM, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((c): c is string => Boolean(c));
  return candidates.find((c) => existsSync(c)) ?? null;
}

async function svgToPng(chromium: string, svgFile: string, pngFile: string, svg: string): Promise<void> {
  const size = /width="(\d+)" height="(\d+)"/.exec(svg);
  const [width, height] = size ? [size[1], size[2]] : ['800', '600'];
  await promisify(execFile)(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--default-background-color=ffffffff', `--window-size=${width},${height}`, `--screenshot=${pngFile}`, pathToFileURL(svgFile).href], { timeout: 60_000 });
}

export async function readFiguresFile(path: string): Promise<FiguresFile | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as FiguresFile;
  } catch {
    return null;
  }
}

/** Writes every figure into sweepDir/figures/; returns the files written. */
export async function writeFigures(sweepDir: string, figures: Figure[], options: { png: boolean; env?: NodeJS.ProcessEnv }): Promise<{ files: string[]; warnings: string[] }> {
  const rows = await readSweep(sweepDir);
  const out = join(sweepDir, 'figures');
  await mkdir(out, { recursive: true });
  const files: string[] = [];
  const warnings: string[] = [];
  const chromium = options.png ? chromiumPath(options.env) : null;
  if (options.png && !chromium) warnings.push('no PNG: Chromium was not found (set CHROMIUM, or install Debian\'s chromium); the SVGs are written');
  for (const figure of figures) {
    let rendered: RenderedFigure;
    try {
      rendered = (figure.type ?? 'line') === 'heatmaps' ? await heatmapFigure(rows, figure) : metricFigure(rows, figure);
    } catch (error) {
      // One figure without data does not stop the others.
      if (!(error instanceof FigureError)) throw error;
      warnings.push(error.message);
      continue;
    }
    const svgFile = join(out, `${figure.name}.svg`);
    await writeWhole(svgFile, rendered.svg);
    await writeWhole(join(out, `${figure.name}.csv`), rendered.csv);
    files.push(svgFile, join(out, `${figure.name}.csv`));
    if (chromium) {
      try {
        await svgToPng(chromium, svgFile, join(out, `${figure.name}.png`), rendered.svg);
        files.push(join(out, `${figure.name}.png`));
      } catch (error) {
        warnings.push(`no PNG of ${figure.name}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  return { files, warnings };
}

/** What a sweep does at its end: keep the manifest's figures with the results, and draw them. */
export async function saveAndWriteFigures(sweepDir: string, manifest: FiguresFile['manifest'], figures: Figure[], env?: NodeJS.ProcessEnv): Promise<string[]> {
  if (figures.length === 0) return [];
  const file: FiguresFile = { format: FIGURES_FORMAT, manifest, figures };
  await writeWhole(join(sweepDir, 'figures.json'), `${JSON.stringify(file, null, 1)}\n`);
  return (await writeFigures(sweepDir, figures, { png: true, ...(env ? { env } : {}) })).warnings;
}
