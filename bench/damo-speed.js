// damon-exp against damo 2.4.9 on the same 50 MB perf script trace (issue 29, item 5), whole
// commands, interleaved round by round (ours, damo's, ours, damo's, ...), wall time and peak RSS:
//   - `damon-exp heats --guide FILE` against `damo report heats --guide --input FILE`;
//   - the full analysis: `damon-exp report DIR --reanalyse` (guide, every target's 500×500
//     heatmap, wss, nr_regions, intervals, validity, then analysis.json, heatmaps.bin.gz and
//     report.html) against damo's `report heats` (the heatmap of one target, 500×500, over the
//     hottest range) + `report wss`, summed: what damo needs to print the figures our report
//     holds, counted at the least (one heatmap, not one per target).
// And the disk's read speed: `cat FILE > /dev/null` and `grep -c`, the page cache warm for all.
//
// damo is found from DAMO (the damo script of a damo 2.4.9 tree: DAMO=/tmp/damo-2.4.9/damo, run
// with DAMO_PYTHON, python3 by default); without it, the damo rows are skipped and say so.
// BENCH_DAMO_TRACE_MB sets the trace's size (50), BENCH_DAMO_ROUNDS the rounds (3).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.js';
import { generateTrace } from './trace-generator.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin/damon-exp.js');
const TIME = '/usr/bin/time';

/** One whole command: wall ms, peak RSS in KiB (when /usr/bin/time is there), its stdout. */
function measure(argv, { stdout = 'pipe' } = {}) {
  const hasTime = existsSync(TIME);
  const rssFile = join(tmpdir(), `damon-exp-bench-rss-${process.pid}`);
  const full = hasTime ? [TIME, '-f', '%M', '-o', rssFile, ...argv] : argv;
  const started = performance.now();
  const result = spawnSync(full[0], full.slice(1), {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', stdout, 'pipe'],
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed (${result.status}): ${result.stderr}`);
  const rssKiB = hasTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : null;
  if (hasTime) rmSync(rssFile, { force: true });
  return { ms, rssKiB, stdout: result.stdout };
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mib = (kib) => (kib === null ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`);
const maxOf = (runs) => (runs.some((r) => r.rssKiB === null) ? null : Math.max(...runs.map((r) => r.rssKiB)));

export async function run() {
  const mb = Number(process.env.BENCH_DAMO_TRACE_MB || 50);
  const rounds = Math.max(1, Number(process.env.BENCH_DAMO_ROUNDS || 3));
  // A run directory holding only its trace: `report DIR` analyses masim.script.
  const dir = join(tmpdir(), `damon-exp-bench-damo-${mb}MB`);
  mkdirSync(dir, { recursive: true });
  const trace = await generateTrace(join(dir, 'masim.script'), mb * 1e6, { timeSorted: true });
  const bytes = statSync(trace).size;
  const damo = process.env.DAMO || null;
  const python = process.env.DAMO_PYTHON || 'python3';
  if (damo !== null && !existsSync(damo)) throw new Error(`DAMO=${damo}: no such file`);
  if (damo === null)
    console.log('damo-speed: DAMO is not set: the damo rows are skipped (DAMO=/tmp/damo-2.4.9/damo runs them)');
  if (!existsSync(TIME)) console.log(`damo-speed: no ${TIME}: peak RSS is not measured`);

  const commands = {
    oursGuide: [process.execPath, CLI, 'heats', '--guide', trace],
    oursReport: [process.execPath, CLI, 'report', dir, '--reanalyse'],
    damoGuide: damo && [python, damo, 'report', 'heats', '--guide', '--input', trace],
    damoHeats: damo && [python, damo, 'report', 'heats', '--input', trace],
    damoWss: damo && [python, damo, 'report', 'wss', '--input', trace],
  };
  // The page cache warm, and each command once untimed (its output checked against damo's).
  const devNull = openSync('/dev/null', 'w');
  const plain = () => measure(['cat', trace], { stdout: devNull });
  plain();
  const guide = measure(commands.oursGuide).stdout;
  measure(commands.oursReport, { stdout: devNull });
  const runs = { oursGuide: [], oursReport: [], damoGuide: [], damoHeats: [], damoWss: [], cat: [], grep: [] };
  let same = null;
  for (let round = 0; round < rounds; round++) {
    runs.cat.push(plain());
    runs.grep.push(measure(['grep', '-c', 'damon_aggregated', trace]));
    runs.oursGuide.push(measure(commands.oursGuide, { stdout: devNull }));
    if (damo) {
      const damoGuide = measure(commands.damoGuide);
      same = (same ?? true) && damoGuide.stdout === guide;
      runs.damoGuide.push(damoGuide);
    }
    runs.oursReport.push(measure(commands.oursReport, { stdout: devNull }));
    if (damo) {
      runs.damoHeats.push(measure(commands.damoHeats, { stdout: devNull }));
      runs.damoWss.push(measure(commands.damoWss, { stdout: devNull }));
    }
  }
  closeSync(devNull);

  const ms = (name) => median(runs[name].map((r) => r.ms));
  const size = `${(bytes / 1e6).toFixed(0)} MB trace`;
  const catMs = ms('cat');
  const rate = (t) => `${(bytes / 1e6 / (t / 1000)).toFixed(0)} MB/s`;
  report(
    `disk read speed, ${size} (page cache warm), cat FILE > /dev/null`,
    `${rate(catMs)} (${seconds(catMs)})`,
    'reference',
    `(grep -c: ${seconds(ms('grep'))}; n=${rounds})`,
  );
  const ours = (name, what) => {
    report(
      `${what}, ${size}, whole command, ours`,
      `${seconds(ms(name))} median, ${rate(ms(name))} (${(catMs / ms(name)).toFixed(2)} × cat's speed)`,
      'reported',
      `(${runs[name].map((r) => seconds(r.ms)).join(', ')}; peak RSS ${mib(maxOf(runs[name]))})`,
    );
  };
  ours('oursGuide', '`damon-exp heats --guide`');
  ours('oursReport', '`damon-exp report --reanalyse`');
  if (!damo) {
    report('against damo 2.4.9', 'skipped: DAMO is not set', '>= 20x damo, <= 1/3 of its RSS');
    return;
  }
  const compare = (what, oursName, damoNames) => {
    const damoMs = damoNames.reduce((sum, n) => sum + ms(n), 0);
    const damoRss = Math.max(...damoNames.map((n) => maxOf(runs[n]) ?? NaN));
    const oursRss = maxOf(runs[oursName]);
    report(
      `${what}, ${size}, wall: damo 2.4.9 / ours`,
      `${(damoMs / ms(oursName)).toFixed(1)}x (damo ${seconds(damoMs)}, ours ${seconds(ms(oursName))}, medians)`,
      '>= 20x',
      `(damo: ${damoNames.map((n) => `${n} ${runs[n].map((r) => seconds(r.ms)).join(', ')}`).join('; ')})`,
    );
    if (oursRss !== null)
      report(
        `${what}, ${size}, peak RSS: ours / damo 2.4.9`,
        `${(oursRss / damoRss).toFixed(2)} (ours ${mib(oursRss)}, damo ${mib(damoRss)})`,
        '<= 0.33',
      );
  };
  compare('heats --guide', 'oursGuide', ['damoGuide']);
  report('heats --guide, the same output as damo 2.4.9', same ? 'yes' : 'NO', 'yes');
  compare('full analysis (report --reanalyse against report heats + report wss)', 'oursReport', [
    'damoHeats',
    'damoWss',
  ]);
}
