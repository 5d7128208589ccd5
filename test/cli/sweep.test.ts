// Sweeps through `damon-exp run` (in-process, on fake backends: test/sweep/scheduler.test.ts has
// the scheduler's own cases, test/cli/run.test.ts runs on the sysfs emulator): what the command
// prints, its exit status, the report, index, summaries and figures after the runs, --resume and
// --dry-run after a failure, --fail-fast, --jobs.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Run } from '../../src/manifest/run.js';
import { fakeBackend } from '../helpers/fake-backend.js';
import { captureOutput } from '../helpers/capture.js';

const SWEEP = fileURLToPath(new URL('../fixtures/manifests/sweep_with_failure.yaml', import.meta.url));
const FAILING = ['command-nonexistent_program', 'command-nonexistent_program_rep2'];
const GOOD = ['command-sleep_60', 'command-sleep_60_rep2', 'command-sleep_61', 'command-sleep_61_rep2'];
const byCommand = (run: Run) => (FAILING.includes(run.id) ? 'fail' : 'complete');

interface FakeHost {
  dir: string;
  options: { resultsRoot: string };
}

function fakeHost(): FakeHost {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-sweep-'));
  return { dir, options: { resultsRoot: join(dir, 'results') } };
}

/**
 * `damon-exp run ARGV` in-process, its runs on fake backends that fail the failing runs. Its figures
 * without PNGs (Chromium takes seconds a sweep) unless `png`: one test checks those.
 */
async function runCli(
  host: FakeHost,
  argv: string[],
  { png = false } = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { output, result } = captureOutput();
  const backends = { local: fakeBackend('local', byCommand), qemu: fakeBackend('qemu', byCommand) };
  const args = ['run', ...argv, '--out', host.options.resultsRoot, ...(png ? [] : ['--no-png'])];
  const status = await main(args, output, { backends });
  return { status, ...result() };
}

describe('a sweep', () => {
  it('records a failing run and goes on; exits 1; a summary, an index, summary.csv and summary.json', async () => {
    const host = fakeHost();
    const { status, stdout, stderr } = await runCli(host, [SWEEP], { png: true });
    expect(status).toBe(1);
    const sweepDir = join(host.options.resultsRoot, 'sweep_with_failure');
    // Every run has its directory, the failed ones with a failed status.
    for (const id of [...GOOD, ...FAILING]) expect(stdout).toContain(join(sweepDir, id));
    for (const id of GOOD)
      expect(JSON.parse(readFileSync(join(sweepDir, id, 'status.json'), 'utf8')).state).toBe('complete');
    for (const id of FAILING) {
      const failed = JSON.parse(readFileSync(join(sweepDir, id, 'status.json'), 'utf8'));
      expect(failed.state).toBe('failed');
      expect(failed.errors.join(' ')).toContain('exited with status 127'); // sh: /nonexistent/program: not found
    }
    expect(stderr).toMatch(/^\[\d\/6\] command-nonexistent_program: failed/m);
    expect(stderr).toContain('sweep: 6 runs: 4 complete, 2 failed');
    expect(stderr).toContain(`index: ${join(sweepDir, 'index.html')}`);

    const index = readFileSync(join(sweepDir, 'index.html'), 'utf8');
    expect(index).toContain('6 runs: 4 complete, 2 not complete');
    for (const id of FAILING)
      expect(index).toMatch(new RegExp(`<tr class="failed"><td>(<a href="\\./${id}/report.html">)?${id}`));
    const csv = readFileSync(join(sweepDir, 'summary.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'id,state,validity,repetition,workloads.w.command,kernel.release,kernel.commit,kdamond_cpu,nr_regions_mean,nr_regions_max,wss_p25,wss_p50,wss_p75,recall,precision,events,interval_jitter,rss_mean,rss_end,rss_time,swap_max,throughput,wall_time,sz_applied,errors,suspect_because',
    );
    expect(csv).toHaveLength(7);
    expect(csv.filter((line) => line.includes(',failed,'))).toHaveLength(2);
    const summary = JSON.parse(readFileSync(join(sweepDir, 'summary.json'), 'utf8'));
    expect(summary.format).toBe('damon-exp.summary/1');
    expect(summary.groups).toHaveLength(3);
    const good = summary.groups.find(
      (g: { params: Record<string, string> }) => g.params['workloads.w.command'] === 'sleep 60',
    );
    expect(good).toMatchObject({ complete: 2, runs: ['command-sleep_60', 'command-sleep_60_rep2'] });
    expect(good.metrics.events.n).toBe(2);

    // The figures: SVG, the CSV of the numbers plotted, a PNG (Chromium is part of make setup).
    const figures = join(sweepDir, 'figures');
    expect(readFileSync(join(figures, 'events_by_command.csv'), 'utf8')).toBe(
      // Two repetitions a point: min and max, no interval.
      'series,x,n,mean,stddev,min,max,ci95_low,ci95_high\n,sleep 60,2,25,0,25,25,,\n,sleep 61,2,25,0,25,25,,\n',
    );
    expect(readFileSync(join(figures, 'events_by_command.svg'), 'utf8')).toContain(
      'Events recorded &lt;per&gt; command',
    );
    expect(readFileSync(join(figures, 'heatmaps.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(readFileSync(join(figures, 'events_by_command.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(index).toContain('<img src="./figures/events_by_command.svg"');

    // From the stored results alone, the same bytes again, wherever the tree lies.
    const bytes = (dir: string) =>
      [
        'index.html',
        'summary.csv',
        'summary.json',
        'figures/events_by_command.svg',
        'figures/events_by_command.csv',
        'figures/heatmaps.svg',
        'figures/heatmaps.csv',
      ].map((f) => readFileSync(join(dir, f)));
    const first = bytes(sweepDir);
    const copy = join(host.dir, 'copy of results', 'sweep_with_failure');
    cpSync(sweepDir, copy, { recursive: true });
    for (const dir of [sweepDir, copy]) {
      expect(await main(['figures', dir, '--no-png'], captureOutput().output)).toBe(0);
      expect(await main(['index', dir], captureOutput().output)).toBe(0);
      expect(bytes(dir)).toEqual(first);
    }

    // --dry-run --resume: only the failed runs would run again.
    const dry = captureOutput();
    expect(await main(['run', SWEEP, '--dry-run', '--resume', '--out', host.options.resultsRoot], dry.output)).toBe(0);
    const plan = dry.result().stdout.trim().split('\n');
    expect(plan.filter((l) => l.includes('skip: complete, same run')).map((l) => l.split(' ')[0])).toEqual(GOOD);
    expect(plan.filter((l) => l.includes('re-run: failed before')).map((l) => l.split(' ')[0])).toEqual(FAILING);

    // --resume re-runs only those; the complete ones are kept as they were.
    const before = readFileSync(join(sweepDir, GOOD[0]!, 'status.json'), 'utf8');
    const resumed = await runCli(host, [SWEEP, '--resume']);
    expect(resumed.status).toBe(1);
    expect(resumed.stderr).toContain('sweep: 6 runs: 4 skipped, 2 failed');
    expect(readFileSync(join(sweepDir, GOOD[0]!, 'status.json'), 'utf8')).toBe(before);
    // The earlier failed results are kept aside, not lost.
    expect(readdirSync(sweepDir).filter((name) => name.startsWith(`${FAILING[0]}.before-`))).toHaveLength(1);
    // Chromium draws the first sweep's PNGs: a few seconds.
    expect(readdirSync(join(sweepDir, 'figures')).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
  }, 60_000);

  it('without --resume or --force, refuses to start over existing results', async () => {
    const host = fakeHost();
    await runCli(host, [SWEEP, '--only', GOOD[0]!]);
    const again = await runCli(host, [SWEEP]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already holds results of 1 of these 6 runs (command-sleep_60)');
    expect(again.stderr).toContain('--resume skips the complete ones');
  });

  it('--fail-fast stops at the first failure', async () => {
    const host = fakeHost();
    const { status, stderr } = await runCli(host, [SWEEP, '--fail-fast']);
    expect(status).toBe(1);
    expect(stderr).toContain('--fail-fast: command-nonexistent_program failed; stopping the sweep');
    expect(stderr).toMatch(/sweep: 6 runs: 2 complete, 1 failed, 3 not run/);
    expect(existsSync(join(host.options.resultsRoot, 'sweep_with_failure', 'command-sleep_61'))).toBe(false);
  });

  it('--jobs on the local backend runs one at a time and says why', async () => {
    const host = fakeHost();
    const { status, stderr } = await runCli(host, [
      SWEEP,
      '--jobs',
      '2',
      '--backend',
      'local',
      '--only',
      GOOD[0]!,
      '--only',
      GOOD[1]!,
    ]);
    expect(status).toBe(0);
    expect(stderr).toContain("--jobs 2: runs on this host's DAMON go one at a time");
  });

  it('rejects a --jobs that is not a whole number', async () => {
    const host = fakeHost();
    const { status, stderr } = await runCli(host, [SWEEP, '--jobs', 'two']);
    expect(status).toBe(2);
    expect(stderr).toContain("--jobs needs a whole number of runs at once, such as 2, not 'two'");
  });
});
