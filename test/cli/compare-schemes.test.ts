// `damon-exp compare` on a sweep with a baseline without DAMON and a scheme axis: --where picks
// one slice of the matrix, and the memory saved and the slowdown are printed and in --json.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_FORMAT } from '../../src/analysis/analyze.js';
import { runMain } from '../helpers/run-main.js';

const MiB = 2 ** 20;

/** A complete run directory with just what compare reads: its parameters and its workloads' effect. */
function fakeRun(
  sweep: string,
  id: string,
  params: Record<string, string>,
  rss: number,
  rate: number,
  analysed = true,
) {
  const dir = join(sweep, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({
      id,
      params,
      repetition: Number(id.slice(-1)),
      manifest: { name: 's' },
      // What compare tells a scheme or monitoring axis by: whether DAMON runs, and its schemes.
      monitoring: params.monitoring,
      layout: { kdamonds: [{ contexts: [{ schemes: params.schemes === 'none' ? [] : [{ action: 'pageout' }] }] }] },
    }),
  );
  writeFileSync(
    join(dir, 'status.json'),
    JSON.stringify({ format: 'damon-exp.status/1', state: 'complete', errors: [] }),
  );
  if (!analysed) return;
  writeFileSync(
    join(dir, 'analysis.json'),
    JSON.stringify({
      format: ANALYSIS_FORMAT,
      trace: { file: '', counts: { lines: 0, snapshots: 0, aggregatedLines: 0 } },
      originNs: 0,
      monitoring: params.monitoring,
      targets: [],
      kdamonds: [],
      workloads: [
        {
          ref: 'w0',
          workload: 'w',
          memory: {
            rssMeanBytes: rss,
            rssMaxBytes: rss,
            rssLastBytes: rss,
            swapMaxBytes: 0,
            swapLastBytes: 0,
            samples: 10,
            series: [],
          },
          throughput: { accessesPerSecond: rate, phases: [] },
          wallMs: null,
        },
      ],
      schemes: [],
      problems: [],
    }),
  );
}

const compare = (...argv: string[]) => runMain(['compare', ...argv]);

describe('compare with a baseline and schemes', () => {
  const sweep = mkdtempSync(join(tmpdir(), 'damon-exp-compare-'));
  for (const rep of [1, 2, 3]) {
    fakeRun(sweep, `off_none_${rep}`, { monitoring: 'off', schemes: 'none' }, (150 + rep) * MiB, 10.2e6 + rep * 1e4);
    fakeRun(sweep, `on_none_${rep}`, { monitoring: 'on', schemes: 'none' }, (150 + rep) * MiB, 10.0e6 + rep * 1e4);
    fakeRun(sweep, `on_pageout_${rep}`, { monitoring: 'on', schemes: 'pageout' }, (50 + rep) * MiB, 9.0e6 + rep * 1e4);
  }

  it('refuses the mixed sweep, and compares a slice of it with --where', async () => {
    const mixed = await compare(sweep, '--axis', 'schemes', '--baseline', 'none');
    expect(mixed.status).toBe(1);
    expect(mixed.stderr).toContain('the runs differ in more than schemes: monitoring (off, on)');
    const slice = await compare(sweep, '--axis', 'schemes', '--baseline', 'none', '--where', 'monitoring=on');
    expect(slice.status).toBe(0);
    expect(slice.stdout).toContain('axis schemes; baseline none (3 runs)');
    expect(slice.stdout).toMatch(
      /pageout: memory saved 100 MiB \[97\.\d+, 102\.\d+\] \(65\.8 % \[64\.\d %, 67\.\d %\]\); slowdown 10\.0 % \[9\.\d %, 10\.\d %\] \(throughput\)/,
    );
  });

  it("gives DAMON's own overhead against monitoring off, and the numbers as JSON", async () => {
    const { status, stdout } = await compare(
      sweep,
      '--axis',
      'monitoring',
      '--baseline',
      'off',
      '--where',
      'schemes=none',
      '--json',
    );
    expect(status).toBe(0);
    const json = JSON.parse(stdout) as { tradeoffs: { value: string; slowdown: { percent: number } }[] };
    expect(json.tradeoffs).toHaveLength(1);
    expect(json.tradeoffs[0]!.value).toBe('on');
    expect(json.tradeoffs[0]!.slowdown.percent).toBeCloseTo((0.2e6 / 10.22e6) * 100, 6);
  });

  it('says when --where matches nothing, or is not PARAM=VALUE', async () => {
    const none = await compare(sweep, '--axis', 'schemes', '--where', 'monitoring=maybe');
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no run has monitoring=maybe');
    const bad = await compare(sweep, '--axis', 'schemes', '--where', 'monitoring');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--where takes PARAM=VALUE, not 'monitoring'");
  });
});

describe('compare of runs not analysed', () => {
  it('says which complete runs have no analysis.json, and what makes it', async () => {
    const sweep = mkdtempSync(join(tmpdir(), 'damon-exp-compare-'));
    for (const rep of [1, 2]) {
      fakeRun(sweep, `on_none_${rep}`, { monitoring: 'on', schemes: 'none' }, 150 * MiB, 10e6);
      fakeRun(sweep, `on_pageout_${rep}`, { monitoring: 'on', schemes: 'pageout' }, 50 * MiB, 9e6, false);
    }
    const { stderr } = await compare(sweep, '--axis', 'schemes', '--baseline', 'none');
    expect(stderr).toContain(
      'damon-exp: warning: 2 complete runs have no analysis.json, so no metrics to compare (on_pageout_1, on_pageout_2); damon-exp report DIR makes it from the trace\n',
    );
    const analysed = await compare(join(sweep, 'on_none_1'), join(sweep, 'on_none_2'), '--axis', 'schemes');
    expect(analysed.stderr).not.toContain('no analysis.json');
  });
});
