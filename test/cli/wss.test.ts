// wss and the report on a trace shorter than the warm-up: one skip rule (damo's), the same figures.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analysis/analyze.js';
import { metricsOf } from '../../src/sweep/collect.js';
import { runMain } from '../helpers/run-main.js';

const ONE_TARGET = fileURLToPath(new URL('../fixtures/traces/one_target.upstream-6.12.script', import.meta.url));
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runMain(argv);

/** one_target's first `lines` lines, alone in a directory (the report writes beside its trace). */
function shortTrace(lines: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-wss-short-'));
  made.push(dir);
  mkdirSync(join(dir, 'run'));
  const file = join(dir, 'run', 'short.script');
  writeFileSync(file, `${readFileSync(ONE_TARGET, 'utf8').split('\n').slice(0, lines).join('\n')}\n`);
  return file;
}

/** wss --json's summary of the trace, and the report's wss figures of it. */
async function bothFigures(file: string) {
  const wss = await cli('wss', file, '--json');
  expect(wss.status).toBe(0);
  const [summary] = JSON.parse(wss.stdout) as [Record<string, unknown>];
  const { kdamond: _k, context: _c, target: _t, sizes: _sizes, ...fromWss } = summary;
  expect((await cli('report', file)).status).toBe(0);
  const dir = join(file, '..');
  const { series: _series, ...fromReport } = JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8')).targets[0]
    .wss;
  const analysis = JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8')) as Analysis;
  return { fromWss, fromReport, html: readFileSync(join(dir, 'report.html'), 'utf8'), analysis };
}

describe('wss --json and the report', () => {
  it('agree on a trace of fewer snapshots than the warm-up: none left, said so', async () => {
    const { fromWss, fromReport, html, analysis } = await bothFigures(shortTrace(120));
    expect(fromWss).toEqual({ snapshots: 7, skipped: 7, percentiles: {}, averageBytes: null });
    expect(fromReport).toEqual(fromWss);
    expect(html).toContain('none: all 7 snapshots fall within the first 20');
    // A sweep's metrics of such a run leave wss out: no number rather than NaN in the statistics.
    const metrics = metricsOf(analysis);
    expect(Object.keys(metrics).filter((name) => name.startsWith('wss_'))).toEqual([]);
    expect(Object.values(metrics).every(Number.isFinite)).toBe(true);
    expect(metrics.nr_regions_mean).toBeGreaterThan(0);
  });

  it('agree on a trace longer than the warm-up', async () => {
    const { fromWss, fromReport } = await bothFigures(shortTrace(Infinity));
    expect(fromWss).toMatchObject({ skipped: 20 });
    expect(Object.keys(fromWss.percentiles as object)).toEqual(['0', '25', '50', '75', '100']);
    expect(fromReport).toEqual(fromWss);
  });
});
