import { existsSync, statSync } from 'node:fs';
import { writeReport } from '../report/write-report.js';
import type { Command } from './command.js';
import { paint, UsageError, UserError } from './output.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'make report.html and analysis.json of stored runs again, from their files alone',
  usage: 'damon-exp report DIR... [--json]',
  help: `Analyses each run directory's trace (masim.script, or masim.data through perf script) with
the run's plan, phase logs and kdamond CPU samples, and writes analysis.json and a self-contained
report.html beside them. A run already makes both when it ends; this makes them again, for
instance after upgrading damon-exp. The same files give the same bytes. With --json, prints
each directory's analysis.

Examples:
  damon-exp report results/many_contexts/run
  damon-exp report results/sweep/*/`,
  options: { json: { type: 'boolean' } },
  async run({ values, positionals }, output) {
    if (positionals.length === 0) throw new UsageError('name one or more run directories', 'report');
    const missing = positionals.filter((dir) => !existsSync(dir) || !statSync(dir).isDirectory());
    if (missing.length) throw new UserError(`not a run directory: ${missing.join(', ')}`, 'give the directories damon-exp run printed, such as results/NAME/RUN');
    let failed = 0;
    const analyses: unknown[] = [];
    for (const dir of positionals) {
      const written = await writeReport(dir);
      if (written.analysisError) {
        failed++;
        output.err(`${dir}: ${paint(output, 'red', 'no analysis')}: ${written.analysisError}`);
      }
      analyses.push({ dir, report: written.report, analysis: written.analysis, error: written.analysisError });
      if (!values.json) output.out(written.report);
    }
    if (values.json) output.out(JSON.stringify(analyses, null, 1));
    return failed ? 1 : 0;
  },
};

/** Every run ends with its report; a trace without DAMON events is a warning of the run. */
export async function reportAfterRun(dir: string): Promise<{ warning: string | null }> {
  const written = await writeReport(dir);
  return { warning: written.analysisError ? `no analysis in the report: ${written.analysisError}` : null };
}
