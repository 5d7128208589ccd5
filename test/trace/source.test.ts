// Where traces come from, and what happens when they are not what they should be: perf.data read
// through a streamed perf script child (always reaped), files that are not regular, lines without
// end, traces of absurd shape.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze, DEFAULT_ANALYSIS_OPTIONS, heatmapSize } from '../../src/analysis/analyze.js';
import { NO_RUN_INPUTS } from '../../src/analysis/run-inputs.js';
import { SourceError, TraceError } from '../../src/trace/errors.js';
import { traceWarnings } from '../../src/trace/problems.js';
import { MAX_SERIES, SnapshotAssembler, type Snapshot } from '../../src/trace/snapshots.js';
import { openTrace, pass } from '../../src/trace/source.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/traces/${name}`, import.meta.url));
const made: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp source test '));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What an analysis says, without what names its file. */
async function analysisOf(path: string) {
  const { analysis, heatmaps } = await analyze(openTrace(path), NO_RUN_INPUTS, {
    ...DEFAULT_ANALYSIS_OPTIONS,
    rows: 50,
    cols: 60,
  });
  return {
    ...analysis,
    trace: { ...analysis.trace, file: '', format: '' },
    heatmaps: heatmaps.map((h) => [h.key, h.spec, [...h.heat]]),
  };
}

describe('perf.data, through perf script, streamed', () => {
  it('gives the analysis of its perf script output: the same snapshots, guide, heatmaps and wss', async () => {
    const fromData = await analysisOf(fixture('many_kdamonds.upstream-6.12.data'));
    const fromScript = await analysisOf(fixture('many_kdamonds.upstream-6.12.script'));
    expect(fromData.targets).toHaveLength(3);
    expect(fromData).toEqual(fromScript);
    expect(
      (await analyze(openTrace(fixture('many_kdamonds.upstream-6.12.data')), NO_RUN_INPUTS)).analysis.trace.format,
    ).toBe('perf.data (through perf script)');
  });

  it('is known by its magic, whatever its name; a run directory with masim.data alone is read through it', async () => {
    const dir = tempDir();
    copyFileSync(fixture('many_kdamonds.upstream-6.12.data'), join(dir, 'recording.old'));
    expect(openTrace(join(dir, 'recording.old')).format).toBe('perf.data');
    const run = join(dir, 'run');
    mkdirSync(run);
    copyFileSync(fixture('many_kdamonds.upstream-6.12.data'), join(run, 'masim.data'));
    writeFileSync(
      join(run, 'status.json'),
      JSON.stringify({ state: 'complete', kdamondPids: { 0: 190, 1: 192, 2: 188 } }),
    );
    const source = openTrace(run);
    expect(source).toMatchObject({ format: 'perf.data', file: join(run, 'masim.data'), warnings: [] });
    const kdamonds: number[] = [];
    const counts = await pass(source, (s) => kdamonds.push(s.kdamond));
    expect(counts.problems).toEqual({});
    // Thread 188 (the first to appear) is sysfs kdamond 2.
    expect(kdamonds[0]).toBe(2);
  });

  it("fails with perf's own words when perf script fails, naming the file", async () => {
    const dir = tempDir();
    const cut = join(dir, 'cut.data');
    writeFileSync(cut, readFileSync(fixture('many_kdamonds.upstream-6.12.data')).subarray(0, 20_000));
    const failure = pass(openTrace(cut), () => undefined);
    await expect(failure).rejects.toThrow(SourceError);
    // perf's words differ between versions ("incompatible file format" from 6.1).
    await expect(failure).rejects.toThrow(
      new RegExp(`^perf script failed with exit status [1-9][0-9]* reading ${cut}: .+`),
    );
  });

  it('says perf is missing when it cannot be run', async () => {
    const failure = pass(
      openTrace(fixture('many_kdamonds.upstream-6.12.data'), { perf: '/nonexistent/perf' }),
      () => undefined,
    );
    await expect(failure).rejects.toThrow(SourceError);
    await expect(failure).rejects.toThrow(
      "it is a perf.data file, which needs perf script, and '/nonexistent/perf' could not be run (ENOENT)",
    );
  });

  it('kills and reaps perf when the pass ends early, and holds only what the parser has not read', async () => {
    const dir = tempDir();
    const perf = join(dir, 'perf');
    const pidFile = join(dir, 'pid');
    // An endless perf script: the pass must end it, not wait for it.
    writeFileSync(
      perf,
      `#!/bin/sh\necho $$ > '${pidFile}'\nexec yes 'kdamond.0 5 [000] 1.0: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 1 0'\n`,
    );
    chmodSync(perf, 0o755);
    const data = join(dir, 'x.data');
    writeFileSync(data, 'PERFILE2');
    let seen = 0;
    const before = process.memoryUsage().rss;
    await expect(
      pass(openTrace(data, { perf }), () => {
        if (++seen === 200_000) throw new Error('enough');
      }),
    ).rejects.toThrow('enough');
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(pid)).toBe(false);
  });
});

describe('files that are not traces', () => {
  it('refuses a FIFO and a device at once instead of waiting or reading for ever', () => {
    const dir = tempDir();
    const fifo = join(dir, 'trace.script');
    execFileSync('mkfifo', [fifo]);
    expect(() => openTrace(fifo)).toThrow(
      `${fifo} is a FIFO (named pipe), not a regular file: cannot read it as a trace`,
    );
    expect(() => openTrace('/dev/zero')).toThrow('/dev/zero is a character device, not a regular file');
    const run = join(dir, 'run');
    mkdirSync(run);
    execFileSync('mkfifo', [join(run, 'masim.script')]);
    expect(() => openTrace(run)).toThrow(SourceError);
  });

  it('skips a line without end in bounded memory, and says so', async () => {
    const dir = tempDir();
    const zeros = join(dir, 'zeros.script');
    writeFileSync(zeros, '');
    truncateSync(zeros, 256 * 2 ** 20);
    const before = process.memoryUsage().rss;
    const failure = pass(openTrace(zeros), () => undefined);
    await expect(failure).rejects.toThrow(TraceError);
    await expect(failure).rejects.toThrow(
      `${zeros}: no damon:damon_aggregated event in the trace (1 line; skipped: 1 overlong line)`,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(128 * 2 ** 20);
  });

  it('refuses a trace of more series than any DAMON setup has', () => {
    const assembler = new SnapshotAssembler(() => undefined);
    const lines = Array.from(
      { length: MAX_SERIES + 1 },
      (_, t) => `kdamond.0 5 [000] 1.0: damon:damon_aggregated: target_id=${t} nr_regions=1 0-4096: 1 0\n`,
    ).join('');
    expect(() => assembler.push(lines)).toThrow(
      `more than ${MAX_SERIES} (kdamond, context, target) series by line ${MAX_SERIES + 1}`,
    );
  });

  it('keeps contexts and targets apart however large their ids', () => {
    const snapshots: Snapshot[] = [];
    const assembler = new SnapshotAssembler((s) => snapshots.push(s));
    assembler.push('k 5 [000] 1.0: damon:damon_aggregated: context_id=1 target_id=4464 nr_regions=1 0-4096: 1 0\n');
    assembler.push('k 5 [000] 1.0: damon:damon_aggregated: context_id=0 target_id=70000 nr_regions=1 0-4096: 2 0\n');
    assembler.end();
    expect(snapshots.map((s) => [s.context, s.target, s.startNs])).toEqual([
      [1, 4464, null],
      [0, 70000, null],
    ]);
  });

  it('makes the heatmaps of a trace of many targets coarser rather than filling memory', () => {
    expect(heatmapSize({ rows: 500, cols: 500 }, 3)).toEqual({ rows: 500, cols: 500 });
    const many = heatmapSize({ rows: 500, cols: 500 }, 4096);
    expect(many.rows * many.cols * 4096).toBeLessThanOrEqual(2 ** 24);
    expect(many.rows).toBeGreaterThan(50);
  });
});

describe('what the parser skipped, in words', () => {
  it('one warning per kind: how many, and the first with its line number', () => {
    const assembler = new SnapshotAssembler(() => undefined);
    const line = (t: string, n: number, start: number) =>
      `kdamond.0 5 [000] ${t}: damon:damon_aggregated: target_id=0 nr_regions=${n} ${start}-${start + 4096}: 1 2\n`;
    assembler.push(
      '# perf script --header output starts with comments\n' +
        line('1.0', 1, 0) +
        'kdamond.0 5 [000] 1.1: damon:damon_aggregated: target_id=0 nr_regions=x 0-4096: 1 2\n' +
        line('1.2', 2, 0) +
        line('1.3', 1, 0) +
        'kdamond.0 5 [000] 1.4: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 1 2 3\n' +
        'garbage\n' +
        line('1.5', 1, 0),
    );
    const counts = assembler.end();
    expect(traceWarnings('masim.script', counts)).toEqual([
      'masim.script: skipped 2 malformed damon_aggregated lines (first at line 3: kdamond.0 5 [000] 1.1: damon:damon_aggregated: target_id=0 nr_regions=x 0-4096: 1 2)',
      'masim.script: left out 1 incomplete snapshot (first at line 5: kdamond 0 context 0 target 0 at 1.200000 s, 1 of 2 regions)',
      'masim.script: skipped 1 unrecognized line (first at line 7: garbage)',
    ]);
  });

  it('quotes a long line shortened', () => {
    const assembler = new SnapshotAssembler(() => undefined);
    assembler.push(
      `kdamond.0 5 [000] 1.0: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 1 0\n${'x'.repeat(500)}\n`,
    );
    const [warning] = traceWarnings('t', assembler.end());
    expect(warning).toBe(`t: skipped 1 unrecognized line (first at line 2: ${'x'.repeat(99)}…)`);
  });
});
