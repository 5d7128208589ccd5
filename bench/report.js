// `damon-exp report` on a real 30 s, 3-target run (the many_contexts fixture recorded in QEMU):
// wall time of the whole command (Node start-up, analysis, figures, HTML) and the report's size.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function run() {
  const dir = join(mkdtempSync(join(tmpdir(), 'damon-exp-bench-report-')), 'run');
  cpSync(join(ROOT, 'test/fixtures/runs/many_contexts.qemu-6.12'), dir, { recursive: true });
  const times = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/damon-exp.js'), 'report', dir], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    times.push(performance.now() - started);
  }
  const trace = statSync(join(dir, 'masim.script')).size;
  report(
    'report.html for a 30 s, 3-target run, whole command',
    `${(median(times) / 1000).toFixed(2)} s median`,
    '< 2 s',
    `(n=${times.length}; ${(trace / 1e6).toFixed(1)} MB trace)`,
  );
  report(
    'report.html size, 30 s, 3 targets',
    `${(statSync(join(dir, 'report.html')).size / 1e6).toFixed(2)} MB`,
    '< 5 MB',
  );
}
