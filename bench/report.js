// `damon-exp report` on a real 30 s, 3-target run (the many_contexts fixture recorded in QEMU):
// wall time of the whole command (Node start-up, analysis, figures, HTML) and the report's size.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';
import { generateTrace } from './trace-generator.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function run() {
  const dir = join(mkdtempSync(join(tmpdir(), 'damon-exp-bench-report-')), 'run');
  cpSync(join(ROOT, 'test/fixtures/runs/many_contexts.qemu-6.12'), dir, { recursive: true });
  const times = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/damon-exp.js'), 'report', dir, '--reanalyse'], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(result.stderr);
    times.push(performance.now() - started);
  }
  const trace = statSync(join(dir, 'masim.script')).size;
  report(
    'report.html for a 30 s, 3-target run, analysing its trace (--reanalyse), whole command',
    `${(median(times) / 1000).toFixed(2)} s median`,
    '< 2 s',
    `(n=${times.length}; ${(trace / 1e6).toFixed(1)} MB trace)`,
  );
  report(
    'report.html size, 30 s, 3 targets',
    `${(statSync(join(dir, 'report.html')).size / 1e6).toFixed(2)} MB`,
    '< 5 MB',
  );

  // The report of a run whose analysis is stored reads analysis.json and the heatmap grids, never
  // the trace: its time does not grow with the trace's size.
  for (const mb of [20, 200]) {
    const big = join(mkdtempSync(join(tmpdir(), `damon-exp-bench-report-${mb}-`)), 'run');
    cpSync(join(ROOT, 'test/fixtures/runs/many_contexts.qemu-6.12'), big, { recursive: true });
    rmSync(join(big, 'masim.script'));
    copyFileSync(
      await generateTrace(join(tmpdir(), `damon-exp-bench-trace-${mb}MB.script`), mb * 1e6),
      join(big, 'masim.script'),
    );
    const command = () => {
      const started = performance.now();
      const result = spawnSync(process.execPath, [join(ROOT, 'bin/damon-exp.js'), 'report', big], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      return performance.now() - started;
    };
    const analysing = command();
    const rendering = [];
    for (let i = 0; i < 5; i++) rendering.push(command());
    report(
      `report of a run with a ${mb} MB trace, its analysis stored, whole command`,
      `${(median(rendering) / 1000).toFixed(2)} s median`,
      '< 0.5 s, independent of the trace size',
      `(n=${rendering.length}; the first report, which analysed the trace: ${(analysing / 1000).toFixed(1)} s)`,
    );
  }
}
