// Trace analysis: parse + guide + one 500×500 heatmap per target + wss (+ nr_regions, intervals),
// in MB/s of perf script text, and the peak memory (RSS) of the process doing it. A 200 MB trace
// by default; BENCH_TRACE_MB=2048 for the 2 GB figure (needs ~2 GB in the temporary directory).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';
import { generateTrace } from './trace-generator.js';

const CHILD = fileURLToPath(new URL('analysis-child.js', import.meta.url));

export async function run() {
  const sizes = process.env.BENCH_TRACE_MB ? [Number(process.env.BENCH_TRACE_MB)] : [200];
  for (const mb of sizes) {
    const file = await generateTrace(join(tmpdir(), `damon-exp-bench-trace-${mb}MB.script`), mb * 1e6);
    const bytes = statSync(file).size;
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const child = spawnSync(process.execPath, [CHILD, file], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(child.stderr);
      runs.push(JSON.parse(child.stdout));
    }
    const ms = median(runs.map((r) => r.ms));
    report(
      `trace analysis throughput, ${(bytes / 1e6).toFixed(0)} MB trace (parse + guide + 500×500 heatmaps + wss)`,
      `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`,
      '>= 150 MB/s',
      `(${(ms / 1000).toFixed(2)} s median of ${runs.length}; ${runs[0].lines} lines, ${runs[0].snapshots} snapshots)`,
    );
    report(
      `trace analysis peak memory, ${(bytes / 1e6).toFixed(0)} MB trace`,
      `${(Math.max(...runs.map((r) => r.maxRssKiB)) / 1024).toFixed(0)} MiB RSS`,
      '< 256 MB for a 2 GB trace',
    );
  }
}
