// `report.html` and `analysis.json` of a run directory, from its files alone: the same files give
// the same bytes. Both are written beside the run's files, each whole or not at all.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { analyze, DEFAULT_ANALYSIS_OPTIONS, type Analysis, type HeatmapGrid } from '../analysis/analyze.js';
import { readRunInputs } from '../analysis/run-inputs.js';
import { RUN_FILES } from '../record/run-files.js';
import { SourceError, TraceError } from '../trace/errors.js';
import { traceWarnings } from '../trace/problems.js';
import { openTrace } from '../trace/source.js';
import { packagePath, VERSION } from '../version.js';
import { reportView } from './view.js';
import { writeWhole } from '../write-whole.js';

export const REPORT_FILE = RUN_FILES.report;
export const ANALYSIS_FILE = RUN_FILES.analysis;

let template: Handlebars.TemplateDelegate | undefined;

async function reportTemplate(): Promise<Handlebars.TemplateDelegate> {
  template ??= Handlebars.create().compile(await readFile(packagePath('templates/report.html.hbs'), 'utf8'), {
    strict: false,
  });
  return template;
}

/** Files of the run directory, sorted, for the report's links (the report itself left out). */
async function listFiles(dir: string): Promise<{ name: string; bytes: number }[]> {
  const found: { name: string; bytes: number }[] = [];
  const walk = async (at: string) => {
    for (const entry of (await readdir(at, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && !entry.name.endsWith('.new') && entry.name !== REPORT_FILE)
        found.push({ name: relative(dir, path), bytes: (await stat(path)).size });
    }
  };
  await walk(dir);
  return found;
}

export interface WrittenReport {
  report: string;
  analysis: Analysis | null;
  /** Why there is no analysis (no trace, no DAMON events). */
  analysisError: string | null;
  /** Files of the run that could not be used (corrupt, of another version), each left out of the report and named in it. */
  problems: string[];
  /** What the trace parser skipped, one line per kind (the report lists them too). */
  traceWarnings: string[];
}

export async function writeReport(dir: string): Promise<WrittenReport> {
  const inputs = await readRunInputs(dir);
  let analysis: Analysis | null = null;
  let heatmaps: HeatmapGrid[] = [];
  let analysisError: string | null = null;
  try {
    const source = openTrace(dir, { status: inputs.status });
    // The report names the trace relative to the run directory: the same bytes wherever it lies.
    ({ analysis, heatmaps } = await analyze(
      { ...source, label: relative(dir, source.file) },
      inputs,
      DEFAULT_ANALYSIS_OPTIONS,
    ));
  } catch (error) {
    if (!(error instanceof SourceError || error instanceof TraceError)) throw error;
    analysisError = error.message;
  }
  if (analysis) await writeWhole(join(dir, ANALYSIS_FILE), `${JSON.stringify(analysis, null, 1)}\n`);
  const files = await listFiles(dir);
  const html = (await reportTemplate())(
    reportView({ inputs, analysis, heatmaps, analysisError, files, version: VERSION }),
  );
  const report = join(dir, REPORT_FILE);
  await writeWhole(report, html);
  return {
    report,
    analysis,
    analysisError,
    problems: inputs.problems,
    traceWarnings: analysis ? traceWarnings(join(dir, analysis.trace.file), analysis.trace.counts) : [],
  };
}
