import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AfterRun } from '../sweep/scheduler.js';
import { readRunFile, recordValidity, RUN_FILES } from '../record/run-files.js';
import type { Analysis } from '../analysis/analyze.js';
import { DAMO_RECORD, formatName } from '../trace/source.js';
import { analyseRun } from '../analysis/stored.js';
import { writeReport } from '../report/write-report.js';
import { readSweep } from '../sweep/collect.js';
import { writeSweepIndex } from '../sweep/index-page.js';
import { defineCommand } from './command.js';
import { paint, UsageError, UserError } from './output.js';

export const reportCommand = defineCommand({
  name: 'report',
  usage: 'damon-exp report DIR|FILE... [--reanalyse] [--json]  |  report heats|wss|heatmap ARGS...',
  help: `Writes each run directory's self-contained report.html from its analysis: analysis.json and
heatmaps.bin.gz, made from the trace (masim.script, or masim.data through perf script) with the
run's plan, phase logs and kdamond CPU samples. A run makes both when it ends. The analysis is
made again only when what it was made from changed (the trace, those files, or the analysis in
a newer damon-exp), so a report takes the same short time whatever the trace's size;
--reanalyse makes it again regardless. The same files give the same bytes. A sweep's directory
(results/NAME) stands for all its runs; a trace file (a perf script output, a perf.data file,
or damo's record, damon.data, in any of its formats: json_compressed, json, perf_script, perf_data) gets its report beside it (refused where another trace's report, or files of those names that
are not its own, would be replaced), and a sweep's index is made again after its runs. With --json,
prints each directory's analysis.

The analysis also judges whether the run's own data vouch for its numbers (its validity: DAMON
saw under half of what a workload touched, a recording shorter than asked, snapshots that
stopped...): the report opens with the verdict, status.json keeps it, and a suspect run is named
on stderr (the exit status stays 0).

A file of the run that cannot be read (status.json cut short by a crash, say) is left out, and
the report names it; so does a warning, and the exit status is 1, as it is for a trace without
DAMON events. Lines of the trace that do not parse are counted by kind, in the report and in
warnings.

damo's two-word commands run ours: 'damon-exp report heats ARGS', 'report wss ARGS' and 'report
heatmap ARGS' are 'damon-exp heats ARGS', 'wss ARGS' and 'heatmap ARGS', with damo's options
(see their --help). A run directory named heats, wss or heatmap is reached by its path:
'damon-exp report ./heats'.

Examples:
  damon-exp report results/many_contexts/run
  damon-exp report results/sweep_layouts
  damon-exp report heats results/one_target/run --guide
  damon-exp report wss damon.data --range 0 101 10`,
  options: {
    json: { type: 'boolean', description: "print each directory's analysis as JSON" },
    reanalyse: { type: 'boolean', description: 'make the analysis again even when its inputs did not change' },
  },
  async run({ values, positionals }, output) {
    if (positionals.length === 0) throw new UsageError('name one or more run directories', 'report');
    const isRun = (dir: string) =>
      [RUN_FILES.run, RUN_FILES.status, RUN_FILES.traceScript, RUN_FILES.traceData, DAMO_RECORD].some((f) =>
        existsSync(join(dir, f)),
      );
    // A sweep directory stands for its runs, and its index is made again after them.
    const runs: { dir: string; trace?: string }[] = [];
    const sweeps: string[] = [];
    for (const dir of positionals) {
      // A trace file (damo's damon.data, a perf script output): its report goes beside it.
      if (existsSync(dir) && statSync(dir).isFile()) {
        checkBesideTrace(dir);
        runs.push({ dir: dirname(dir), trace: dir });
        continue;
      }
      if (!existsSync(dir) || !statSync(dir).isDirectory())
        throw new UserError(
          `not a directory: ${dir}`,
          'give the directories damon-exp run printed, such as results/NAME/RUN, or a trace file',
        );
      if (isRun(dir)) runs.push({ dir });
      else {
        const inside = await readSweep(dir);
        if (inside.length === 0)
          throw new UserError(
            `${dir} is neither a run directory nor a sweep's`,
            'give the directories damon-exp run printed, such as results/NAME/RUN, or results/NAME',
          );
        runs.push(...inside.map((r) => ({ dir: r.dir })));
        sweeps.push(dir);
      }
    }
    let failed = 0;
    const analyses: unknown[] = [];
    for (const { dir, trace } of runs) {
      const written = await makeReport(dir, { reanalyse: values.reanalyse === true, ...(trace ? { trace } : {}) });
      const format = written.analysis?.trace?.format;
      if (trace && format && format !== formatName('script')) output.err(`damon-exp: ${trace}: ${format}`);
      for (const warning of [...written.problems, ...written.traceWarnings])
        output.err(`damon-exp: warning: ${warning}`);
      if (written.analysisError) output.err(`${dir}: ${paint(output, 'red', 'no analysis')}: ${written.analysisError}`);
      if (written.analysisError || written.problems.length) failed++;
      const validity = written.analysis?.validity;
      if (validity && !trace) await recordValidity(dir, validity);
      if (validity?.verdict === 'suspect')
        output.err(`${dir}: ${paint(output, 'red', 'suspect')}: ${validity.headline}`);
      analyses.push({
        dir,
        report: written.report,
        analysis: written.analysis,
        error: written.analysisError,
        problems: written.problems,
      });
      if (!values.json) output.out(written.report);
    }
    for (const sweep of sweeps) output.err(`index: ${(await writeSweepIndex(sweep)).index}`);
    if (values.json) output.out(JSON.stringify(analyses, null, 1));
    return failed ? 1 : 0;
  },
});

/**
 * Every run ends with its report; a trace without DAMON events, or a file that cannot be read, is a
 * warning of the run.
 */
export async function reportAfterRun(dir: string): Promise<AfterRun> {
  const written = await makeReport(dir);
  const warnings = [
    ...(written.analysisError ? [`no analysis in the report: ${written.analysisError}`] : []),
    ...written.problems,
  ];
  return { warning: warnings.length ? warnings.join('; ') : null, validity: written.analysis?.validity ?? null };
}

/**
 * The run's analysis (the stored one when its inputs are unchanged, else the trace analysed and
 * stored), then its report.
 */
export async function makeReport(dir: string, options: { reanalyse?: boolean; trace?: string } = {}) {
  return writeReport(dir, await analyseRun(dir, options));
}

/**
 * A trace outside a run directory gets analysis.json, heatmaps.bin.gz and report.html beside it,
 * but never over files of those names that are not its own (another trace's report, a user's).
 */
function checkBesideTrace(trace: string): void {
  const dir = dirname(trace);
  if ([RUN_FILES.run, RUN_FILES.status].some((f) => existsSync(join(dir, f)))) return;
  const present = [RUN_FILES.analysis, RUN_FILES.heatmaps, RUN_FILES.report].filter((f) => existsSync(join(dir, f)));
  if (!present.length) return;
  const problems: string[] = [];
  const madeFrom = readRunFile<Analysis>(dir, RUN_FILES.analysis, problems)?.trace?.file;
  if (madeFrom === basename(trace)) return;
  throw new UserError(
    `${dir} holds ${present.join(', ')} that ${present.length === 1 ? 'is' : 'are'} not ${basename(trace)}'s report${madeFrom ? ` (but ${madeFrom}'s)` : ''}: its report would replace ${present.length === 1 ? 'it' : 'them'}`,
    `put ${basename(trace)} in a directory of its own, then run damon-exp report on it there`,
  );
}
