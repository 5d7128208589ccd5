// Paper figures from a sweep's stored results: each figure of the manifest's `figures:` (kept in
// results/<name>/figures.json by the sweep) as figures/<name>.svg, the CSV of exactly the numbers
// plotted, and a PNG when Chromium is at hand to draw the SVG. The same results give the same
// SVG and CSV bytes.
import { DamonExpError, shorten } from '../util/errors.js';
import { InputFileError, MAX_RUN_FILE_BYTES, readInputFile } from '../util/input-file.js';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { keyOf } from '../analysis/guide.js';
import { resampleGrid } from '../analysis/heatmap.js';
import { readStoredAnalysis, StoredAnalysisError, type StoredAnalysis } from '../analysis/stored.js';
import type { Figure } from '../manifest/figures.js';
import { errorChart, type ErrorSeries } from '../report/svg/error-chart.js';
import { heatmapGrid, type HeatmapCell } from '../report/svg/heatmap-grid.js';
import { CORRUPT, counts, csvField, formatNumber, METRICS, paramOf, readSweep, type RunRow } from './collect.js';
import { compareRuns, tradeoffs } from './compare.js';
import { summarize } from './stats.js';
import { writeWhole } from '../util/write-whole.js';
import { paramText } from '../manifest/param-text.js';
import { makeDirs } from '../util/make-dirs.js';

export const FIGURES_FORMAT = 'damon-exp.figures/1';

export interface FiguresFile {
  format: typeof FIGURES_FORMAT;
  manifest: { name: string; file: string; sha256: string };
  figures: Figure[];
}

export class FigureError extends DamonExpError {}

const text = (value: unknown) => paramText(value, '(none)');

/** Distinct values in order: numerically when all are numbers, else as first met. */
function orderedValues(values: unknown[]): unknown[] {
  const distinct: unknown[] = [];
  for (const v of values) if (!distinct.some((d) => text(d) === text(v))) distinct.push(v);
  return distinct.every((v) => typeof v === 'number')
    ? [...distinct].sort((a, b) => (a as number) - (b as number))
    : distinct;
}

/** The figure's runs: complete, not suspect unless asked for, and matching its where. */
function selected(rows: RunRow[], figure: Figure, includeSuspect: boolean): RunRow[] {
  return rows.filter(
    (r) =>
      counts(r, includeSuspect) &&
      Object.entries(figure.where ?? {}).every(([k, v]) => text(paramOf(r, k)) === text(v)),
  );
}

/** The suspect runs a figure leaves out, said once per figure. */
function suspectNote(rows: RunRow[], figure: Figure, includeSuspect: boolean): string[] {
  if (includeSuspect) return [];
  const left = rows.filter(
    (r) =>
      r.state === 'complete' &&
      r.validity === 'suspect' &&
      Object.entries(figure.where ?? {}).every(([k, v]) => text(paramOf(r, k)) === text(v)),
  );
  return left.length
    ? [
        `${left.length} suspect run${left.length === 1 ? '' : 's'} left out of figure '${figure.name}' (${left.map((r) => r.id).join(', ')}): ${left.length === 1 ? 'its' : 'their'} own data say ${left.length === 1 ? 'its' : 'their'} numbers do not describe DAMON (--include-suspect draws them)`,
      ]
    : [];
}

export interface RenderedFigure {
  name: string;
  svg: string;
  csv: string;
  /** What was left out of a drawn figure (a run whose trace cannot be read). */
  warnings?: string[];
}

/** A line or bar figure: the metric's mean and 95 % confidence interval per (series, x). */
export function metricFigure(rows: RunRow[], figure: Figure, includeSuspect = false): RenderedFigure {
  const metric = figure.y!;
  const runs = selected(rows, figure, includeSuspect);
  const xValues = orderedValues(runs.map((r) => paramOf(r, figure.x)));
  const seriesValues = figure.series ? orderedValues(runs.map((r) => paramOf(r, figure.series!))) : [undefined];
  const numericX = xValues.every((v) => typeof v === 'number') && (figure.type ?? 'line') === 'line';
  const csv = ['series,x,n,mean,stddev,min,max,ci95_low,ci95_high'];
  const series: ErrorSeries[] = seriesValues.map((sv) => {
    const points: ErrorSeries['points'] = [];
    xValues.forEach((xv, i) => {
      const values = runs
        .filter(
          (r) =>
            text(paramOf(r, figure.x)) === text(xv) &&
            (sv === undefined || text(paramOf(r, figure.series!)) === text(sv)),
        )
        .flatMap((r) => (r.metrics[metric] === undefined ? [] : [r.metrics[metric]!]));
      const s = summarize(values, METRICS[metric].domain);
      if (!s) return;
      // The 95 % interval from three repetitions (clipped to the metric's domain); below, the bar spans min–max.
      const low = s.low95 ?? s.min;
      const high = s.high95 ?? s.max;
      points.push({ x: numericX ? (xv as number) : i, mean: s.mean, low, high });
      csv.push(
        [
          sv === undefined ? '' : text(sv),
          text(xv),
          String(s.n),
          formatNumber(s.mean),
          formatNumber(s.stddev),
          formatNumber(s.min),
          formatNumber(s.max),
          s.low95 === null ? '' : formatNumber(s.low95),
          s.high95 === null ? '' : formatNumber(s.high95),
        ]
          .map(csvField)
          .join(','),
      );
    });
    return { name: sv === undefined ? METRICS[metric].label : `${figure.series} = ${text(sv)}`, points };
  });
  if (series.every((s) => s.points.length === 0))
    throw new FigureError(
      `figure '${figure.name}': no complete run has ${metric}${figure.where ? ` where ${JSON.stringify(figure.where)}` : ''}`,
    );
  const svg = errorChart(series, {
    kind: figure.type === 'bar' ? 'bar' : 'line',
    title: figure.title ?? `${METRICS[metric].label} by ${figure.x}`,
    xLabel: figure.x_label ?? figure.x,
    yLabel: figure.y_label ?? `${METRICS[metric].label} (${METRICS[metric].unit})`,
    yKind: METRICS[metric].unit === 'bytes' ? 'bytes' : 'number',
    ...(numericX ? {} : { categories: xValues.map(text) }),
  });
  return { name: figure.name, svg, csv: `${csv.join('\n')}\n`, warnings: suspectNote(rows, figure, includeSuspect) };
}

/**
 * Saving against cost: for each value of x but the baseline, one point at (slowdown %, memory
 * saved %), from the same arithmetic as `compare` (Welch 95 % intervals of the differences, relative
 * to the baseline's mean); the y bar is drawn, both intervals are in the CSV.
 */
export function tradeoffFigure(rows: RunRow[], figure: Figure, includeSuspect = false): RenderedFigure {
  const runs = selected(rows, figure, includeSuspect);
  const comparison = compareRuns(runs, figure.x, figure.baseline === undefined ? undefined : text(figure.baseline), {
    includeSuspect,
  });
  const points = tradeoffs(comparison).filter((t) => t.memorySaved && t.slowdown);
  if (points.length === 0)
    throw new FigureError(
      `figure '${figure.name}': no value of ${figure.x} has both the workloads' memory and their progress against ${comparison.baseline || 'a baseline'}${figure.where ? ` where ${JSON.stringify(figure.where)}` : ''}`,
      'the runs need memory.json and a masim phase log (or a command that ends): record them with this version',
    );
  const csv = [
    'value,slowdown_percent,slowdown_ci95_low,slowdown_ci95_high,memory_saved_percent,memory_saved_ci95_low,memory_saved_ci95_high,memory_saved_bytes,memory_saved_bytes_ci95_low,memory_saved_bytes_ci95_high,memory_saved_mib_s',
  ];
  const optional = (v: number | null) => (v === null ? '' : formatNumber(v));
  const series: ErrorSeries[] = points.map((p) => {
    const saved = p.memorySaved!;
    const slower = p.slowdown!;
    csv.push(
      [
        p.value,
        formatNumber(slower.percent),
        optional(slower.percentLow95),
        optional(slower.percentHigh95),
        formatNumber(saved.percent),
        optional(saved.percentLow95),
        optional(saved.percentHigh95),
        formatNumber(saved.bytes),
        optional(saved.bytesLow95),
        optional(saved.bytesHigh95),
        optional(saved.mibSeconds),
      ]
        .map(csvField)
        .join(','),
    );
    const short = (v: number) => formatNumber(Number(v.toPrecision(3)));
    const xCi =
      slower.percentLow95 === null || slower.percentHigh95 === null
        ? ''
        : ` [${short(slower.percentLow95)}, ${short(slower.percentHigh95)}]`;
    return {
      name: `${figure.x} = ${p.value} (slowdown ${short(slower.percent)}${xCi} %)`,
      points: [
        {
          x: slower.percent,
          mean: saved.percent,
          low: saved.percentLow95 ?? saved.percent,
          high: saved.percentHigh95 ?? saved.percent,
        },
      ],
    };
  });
  const svg = errorChart(series, {
    kind: 'line',
    title: figure.title ?? `memory saved against slowdown, by ${figure.x} (against ${comparison.baseline})`,
    xLabel: figure.x_label ?? `slowdown (% of ${comparison.baseline}'s throughput)`,
    yLabel: figure.y_label ?? `memory saved (% of ${comparison.baseline}'s mean RSS)`,
    yKind: 'number',
    legend: true,
  });
  return { name: figure.name, svg, csv: `${csv.join('\n')}\n`, warnings: suspectNote(rows, figure, includeSuspect) };
}

/** Pixels of a heatmap in a grid figure (each run's stored grid, averaged down). */
const FIGURE_ROWS = 100;
const FIGURE_COLS = 120;

/**
 * A grid of heatmaps: for each (series, x), the first complete run's first target, from its
 * stored analysis (never its trace), 100 × 120.
 */
export async function heatmapFigure(rows: RunRow[], figure: Figure, includeSuspect = false): Promise<RenderedFigure> {
  const runs = selected(rows, figure, includeSuspect).sort((a, b) => a.repetition - b.repetition);
  const xValues = orderedValues(runs.map((r) => paramOf(r, figure.x)));
  const seriesValues = figure.series ? orderedValues(runs.map((r) => paramOf(r, figure.series!))) : [undefined];
  const csv = ['series,x,run,kdamond,context,target,address_start,address_end,time_start_ns,time_end_ns,max_heat'];
  const cells: (HeatmapCell | null)[][] = [];
  const warnings: string[] = suspectNote(rows, figure, includeSuspect);
  for (const sv of seriesValues) {
    const row: (HeatmapCell | null)[] = [];
    for (const xv of xValues) {
      const run = runs.find(
        (r) =>
          text(paramOf(r, figure.x)) === text(xv) &&
          (sv === undefined || text(paramOf(r, figure.series!)) === text(sv)),
      );
      if (!run) {
        row.push(null);
        continue;
      }
      let stored: StoredAnalysis | null;
      try {
        stored = readStoredAnalysis(run.dir);
      } catch (error) {
        if (!(error instanceof StoredAnalysisError)) throw error;
        warnings.push(`heatmaps of figure '${figure.name}': the cell of run ${run.id} is left empty: ${error.message}`);
        row.push(null);
        continue;
      }
      const target = stored?.analysis.targets[0];
      const grid = target && stored!.heatmaps.find((h) => h.key === keyOf(target));
      if (!target || !grid) {
        warnings.push(
          `heatmaps of figure '${figure.name}': the cell of run ${run.id} is left empty: it has no analysis with a heatmap (damon-exp report ${run.dir} makes one from its trace)`,
        );
        row.push(null);
        continue;
      }
      const heat = resampleGrid(grid.heat, grid.spec.rows, grid.spec.cols, FIGURE_ROWS, FIGURE_COLS);
      const maxHeat = heat.reduce((max, v) => Math.max(max, v), 0);
      row.push({
        title: `kdamond ${target.kdamond}, context ${target.context}, target ${target.target}`,
        tooltip: run.id,
        heat,
        rows: FIGURE_ROWS,
        cols: FIGURE_COLS,
        timeNs: target.heatmap.time,
        address: target.heatmap.address,
      });
      csv.push(
        [
          text(sv ?? ''),
          text(xv),
          run.id,
          target.kdamond,
          target.context,
          target.target,
          target.heatmap.address[0],
          target.heatmap.address[1],
          target.heatmap.time[0],
          target.heatmap.time[1],
          formatNumber(Math.round(maxHeat * 1000) / 1000),
        ].join(','),
      );
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
  return { name: figure.name, svg, csv: `${csv.join('\n')}\n`, warnings };
}

/** Chromium, for drawing SVGs as PNGs: $CHROMIUM, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((c): c is string =>
    Boolean(c),
  );
  return candidates.find((c) => existsSync(c)) ?? null;
}

async function svgToPng(chromium: string, svgFile: string, pngFile: string, svg: string): Promise<void> {
  const size = /width="(\d+)" height="(\d+)"/.exec(svg);
  const [width, height] = size ? [size[1], size[2]] : ['800', '600'];
  await promisify(execFile)(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--default-background-color=ffffffff',
      `--window-size=${width},${height}`,
      `--screenshot=${pngFile}`,
      pathToFileURL(svgFile).href,
    ],
    { timeout: 60_000 },
  );
}

export const FIGURES_FILE = 'figures.json';

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/**
 * What is wrong with a figure of figures.json, or null: it is read back without the manifest's
 * validation, and its name becomes a file name.
 */
function figureProblem(figure: unknown): string | null {
  if (typeof figure !== 'object' || figure === null || Array.isArray(figure)) return 'a figure that is not an object';
  const f = figure as Record<string, unknown>;
  if (typeof f.name !== 'string' || !IDENTIFIER.test(f.name))
    return `a figure name that is not a name of letters, digits, '.', '_' and '-' (${JSON.stringify(f.name)?.slice(0, 40)})`;
  const type = f.type ?? 'line';
  if (type !== 'line' && type !== 'bar' && type !== 'heatmaps' && type !== 'tradeoff')
    return `figure '${f.name}': type ${JSON.stringify(type)?.slice(0, 40)}`;
  if (typeof f.x !== 'string') return `figure '${f.name}': no x`;
  if (type !== 'heatmaps' && type !== 'tradeoff' && !(typeof f.y === 'string' && Object.hasOwn(METRICS, f.y)))
    return `figure '${f.name}': y is not a metric`;
  if (![f.series, f.title, f.x_label, f.y_label].every(optionalString))
    return `figure '${f.name}': series, title and labels must be strings`;
  if (f.where !== undefined && (typeof f.where !== 'object' || f.where === null || Array.isArray(f.where)))
    return `figure '${f.name}': where is not a mapping`;
  return null;
}

/** A sweep's figures.json: null when it is not there, FigureError naming the file when it cannot be used. */
export async function readFiguresFile(path: string): Promise<FiguresFile | null> {
  const corrupt = (detail: string) =>
    new FigureError(
      `${path} is corrupt: ${shorten(detail, 160)}`,
      "a sweep writes it from its manifest's figures:; give --manifest FILE to draw them from the manifest instead",
    );
  let text: string;
  try {
    text = readInputFile(path, 'a figures file', MAX_RUN_FILE_BYTES);
  } catch (error) {
    if (error instanceof InputFileError && error.errno === 'ENOENT') return null;
    if (error instanceof InputFileError) throw corrupt(error.message);
    throw error;
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    throw corrupt((error as Error).message);
  }
  const figures = (file as Partial<FiguresFile> | null)?.figures;
  if ((file as Partial<FiguresFile> | null)?.format !== FIGURES_FORMAT || !Array.isArray(figures))
    throw corrupt(`not a ${FIGURES_FORMAT} file`);
  const problem = figures.map(figureProblem).find((p) => p !== null);
  if (problem) throw corrupt(problem);
  return file as FiguresFile;
}

/** Writes every figure into sweepDir/figures/; returns the files written. */
export async function writeFigures(
  sweepDir: string,
  figures: Figure[],
  options: { png: boolean; env?: NodeJS.ProcessEnv; includeSuspect?: boolean },
): Promise<{ files: string[]; warnings: string[] }> {
  const includeSuspect = options.includeSuspect === true;
  const rows = await readSweep(sweepDir);
  const out = join(sweepDir, 'figures');
  makeDirs(out);
  const files: string[] = [];
  const warnings = rows.flatMap((r) =>
    r.problems.map((p) => `${r.state === CORRUPT ? `run ${r.id} left out: ` : ''}${p}`),
  );
  const chromium = options.png ? chromiumPath(options.env) : null;
  if (options.png && !chromium)
    warnings.push("no PNG: Chromium was not found (set CHROMIUM, or install Debian's chromium); the SVGs are written");
  for (const figure of figures) {
    let rendered: RenderedFigure;
    try {
      const type = figure.type ?? 'line';
      rendered =
        type === 'heatmaps'
          ? await heatmapFigure(rows, figure, includeSuspect)
          : type === 'tradeoff'
            ? tradeoffFigure(rows, figure, includeSuspect)
            : metricFigure(rows, figure, includeSuspect);
    } catch (error) {
      // One figure without data does not stop the others.
      if (!(error instanceof FigureError)) throw error;
      warnings.push(error.message);
      continue;
    }
    warnings.push(...(rendered.warnings ?? []));
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
export async function saveAndWriteFigures(
  sweepDir: string,
  manifest: FiguresFile['manifest'],
  figures: Figure[],
  { env, png = true }: { env?: NodeJS.ProcessEnv | undefined; png?: boolean } = {},
): Promise<string[]> {
  if (figures.length === 0) return [];
  const file: FiguresFile = { format: FIGURES_FORMAT, manifest, figures };
  await writeWhole(join(sweepDir, FIGURES_FILE), `${JSON.stringify(file, null, 1)}\n`);
  return (await writeFigures(sweepDir, figures, { png, ...(env ? { env } : {}) })).warnings;
}
