// Validity on real runs (test/fixtures/runs/one_target.tcg-*): DAMON blind under TCG without the
// TLB refresher, the same workload seen with it, and copies made late (snapshots stretched apart)
// and short (a measurement that ended early), analysed and reported as a user would.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analysis/analyze.js';
import { main } from '../../src/cli/main.js';
import type { RunStatus } from '../../src/record/run-files.js';
import { captureOutput } from '../helpers/capture.js';

const BLIND = fileURLToPath(new URL('../fixtures/runs/one_target.tcg-blind', import.meta.url));
const REFRESHED = fileURLToPath(new URL('../fixtures/runs/one_target.tcg-refresh', import.meta.url));
const made: string[] = [];

function copyOf(fixture: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'damon-exp validity ')), 'run');
  made.push(dir);
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(join(dir, '..'), { recursive: true, force: true });
});

const json = <T>(dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

async function report(dir: string) {
  const out = captureOutput();
  const status = await main(['report', dir], out.output);
  return { status, stderr: out.result().stderr };
}

describe('validity of real runs', () => {
  it('calls the blind run suspect: the report says so at the top, status.json keeps the verdict', async () => {
    const dir = copyOf(BLIND);
    const { status, stderr } = await report(dir);
    expect(status).toBe(0);
    expect(stderr).toContain('suspect: DAMON saw 13 % of the accessed memory: these numbers do not describe DAMON');
    const analysis = json<Analysis>(dir, 'analysis.json');
    expect(analysis.validity!.verdict).toBe('suspect');
    const collapsed = analysis.validity!.problems.filter((p) => p.code === 'recall-collapse');
    expect(collapsed.map((p) => [p.numbers.phase, p.numbers.recall])).toEqual([
      ['both regions', 0.144],
      ['only a (1)', 0],
    ]);
    expect(analysis.validity!.problems.map((p) => p.code)).toContain('tcg-without-tlb-refresh');
    expect(json<RunStatus>(dir, 'status.json').validity).toEqual({
      verdict: 'suspect',
      headline: 'DAMON saw 13 % of the accessed memory: these numbers do not describe DAMON',
      problems: ['recall-collapse'],
    });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const top = html.slice(0, html.indexOf('<nav>'));
    expect(top).toContain('<b>Suspect:</b> DAMON saw 13 % of the accessed memory: these numbers do not describe DAMON');
    // One time origin: DAMON switched on is 0 s on every axis, the window's memory figures say so.
    expect(html).toContain('time since DAMON was switched on (s)');
    expect(html).not.toContain('time since the first snapshot');
    expect(html).toContain(
      'RSS mean and RSS at the end are over the measurement&#x27;s window (12.013 s: from DAMON switched on',
    );
  });

  it('calls the same workload with the TLB refresher valid', async () => {
    const dir = copyOf(REFRESHED);
    const { status, stderr } = await report(dir);
    expect([status, stderr]).toEqual([0, '']);
    const analysis = json<Analysis>(dir, 'analysis.json');
    expect(analysis.validity).toEqual({ verdict: 'ok', headline: null, problems: [] });
    // Every phase it recorded, at 90 % or more.
    const phases = analysis.targets[0]!.accuracy!.phases.filter((p) => p.snapshots >= 5);
    expect(phases.map((p) => p.name)).toEqual(['both regions', 'only a (1)']);
    for (const phase of phases) expect(phase.recall!).toBeGreaterThanOrEqual(0.9);
    // The analysis starts its time axis at DAMON on, and takes the trace up to the window's end.
    expect(analysis.originNs).toBe(json<RunStatus>(dir, 'status.json').clock!.onNs);
    expect(analysis.window!.clippedSnapshots).toBe(1);
  });

  it('calls a trace whose snapshots came three aggregation intervals apart late', async () => {
    const dir = copyOf(REFRESHED);
    // Every timestamp stretched threefold from the first: snapshots every ~300 ms for aggr 100 ms.
    const text = readFileSync(join(dir, 'masim.script'), 'utf8');
    const first = Number(/ (\d+\.\d+): damon:/.exec(text)![1]);
    writeFileSync(
      join(dir, 'masim.script'),
      text.replace(
        / (\d+\.\d+): damon:/g,
        (_, t: string) => ` ${(first + (Number(t) - first) * 3).toFixed(6)}: damon:`,
      ),
    );
    await report(dir);
    const problems = json<Analysis>(dir, 'analysis.json').validity!.problems;
    const late = problems.find((p) => p.code === 'late-snapshots')!;
    expect(late.numbers.aggrUs).toBe(100_000);
    expect(Number(late.numbers.medianUs)).toBeGreaterThan(250_000);
  });

  it('calls a measurement that ended at half the asked duration short', async () => {
    const dir = copyOf(REFRESHED);
    const status = json<RunStatus>(dir, 'status.json');
    status.clock!.measureEndNs = status.clock!.measureStartNs! + 6e9;
    writeFileSync(join(dir, 'status.json'), JSON.stringify(status));
    await report(dir);
    const analysis = json<Analysis>(dir, 'analysis.json');
    expect(analysis.validity!.verdict).toBe('suspect');
    expect(analysis.validity!.problems.map((p) => [p.code, p.message])).toEqual([
      ['recording-length', 'the measurement lasted 6.00 s where 12.0 s were asked (-50 %)'],
    ]);
    // The snapshots after the window's end are left out of the figures.
    expect(analysis.window!.clippedSnapshots).toBeGreaterThan(40);
  });
});
