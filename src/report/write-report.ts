// `report.html` of a run directory, rendered from its analysis's files (analysis.json and the
// heatmap grids) and its small files, never from the trace: the same files give the same bytes.
// It is written beside the run's files, whole or not at all.
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Analysis } from '../analysis/analyze.js';
import type { RunAnalysis } from '../analysis/stored.js';
import { RUN_FILES } from '../record/run-files.js';
import { traceWarnings } from '../trace/problems.js';
import { VERSION } from '../util/version.js';
import { reportTemplate } from './templates.js';
import { reportView } from './view.js';
import { writeWhole } from '../util/write-whole.js';

export const REPORT_FILE = RUN_FILES.report;
export const ANALYSIS_FILE = RUN_FILES.analysis;

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
  /**
   * Files of the run that could not be used (corrupt, of another version), each left out of the
   * report and named in it.
   */
  problems: string[];
  /** What the trace parser skipped, one line per kind (the report lists them too). */
  traceWarnings: string[];
}

/**
 * Renders report.html from the run's analysis (analysis/stored.ts: analysis.json and the heatmap
 * grids, never the trace) and its small files.
 */
export async function writeReport(dir: string, analysed: RunAnalysis): Promise<WrittenReport> {
  const { inputs } = analysed;
  const analysis = 'error' in analysed ? null : analysed.analysis;
  const heatmaps = 'error' in analysed ? [] : analysed.heatmaps;
  const analysisError = 'error' in analysed ? analysed.error : null;
  const files = await listFiles(dir);
  const html = reportTemplate()(reportView({ inputs, analysis, heatmaps, analysisError, files, version: VERSION }));
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
