// The analysis as files (analysis.json and heatmaps.bin.gz): stored once, reused while its inputs
// are unchanged, made again when they change, and read back exactly as rendering needs it.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  analyseRun,
  decodeHeatmaps,
  encodeHeatmaps,
  heatmapsBound,
  readStoredAnalysis,
  StoredAnalysisError,
} from '../../src/analysis/stored.js';
import { resampleGrid } from '../../src/analysis/heatmap.js';
import { makeReport } from '../../src/cli/report.js';
import { RUN_FILES } from '../../src/record/run-files.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/runs/many_contexts.qemu-6.12', import.meta.url));
/** One target, one 500 × 500 heatmap. */
const BLIND = fileURLToPath(new URL('../fixtures/runs/one_target.tcg-blind', import.meta.url));

function copyOfRun(fixture = FIXTURE): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'damon-exp-stored-')), 'run');
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

describe('the stored analysis', () => {
  it('stores the analysis and its grids, and reads back what it returned', async () => {
    const dir = copyOfRun();
    const first = await analyseRun(dir);
    if ('error' in first) throw new Error(first.error);
    expect(first.reused).toBe(false);
    expect(first.analysis.inputsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(first.heatmaps).toHaveLength(3);
    const stored = readStoredAnalysis(dir)!;
    expect(stored.analysis).toEqual(first.analysis);
    expect(stored.heatmaps.map((g) => [g.key, g.spec.rows, g.spec.cols])).toEqual(
      first.heatmaps.map((g) => [g.key, 500, 500]),
    );
    // What the first analysis rendered is what a later render reads.
    for (const [i, grid] of stored.heatmaps.entries()) expect(grid.heat, grid.key).toEqual(first.heatmaps[i]!.heat);
  });

  it('is reused while its inputs are unchanged, and made again when the trace or the plan changes', async () => {
    const dir = copyOfRun();
    await analyseRun(dir);
    expect(await analyseRun(dir)).toMatchObject({ reused: true });
    expect(await analyseRun(dir, { reanalyse: true })).toMatchObject({ reused: false });

    const trace = join(dir, RUN_FILES.traceScript);
    const before = readFileSync(trace, 'utf8').trimEnd().split('\n');
    appendFileSync(trace, `${before.at(-1)!.replace(/ \d+\.\d+: /, (t) => t.replace(/\d+\.\d+/, '99.000000'))}\n`);
    const grown = await analyseRun(dir);
    expect(grown).toMatchObject({ reused: false });
    expect(await analyseRun(dir)).toMatchObject({ reused: true });

    const plan = JSON.parse(readFileSync(join(dir, RUN_FILES.plan), 'utf8'));
    plan.layout.kdamonds[0].contexts[0].targets[0].workload = 'renamed';
    writeFileSync(join(dir, RUN_FILES.plan), JSON.stringify(plan));
    const replanned = await analyseRun(dir);
    expect(replanned).toMatchObject({ reused: false });
    if ('error' in replanned) throw new Error(replanned.error);
    expect(replanned.analysis.targets.map((t) => t.workload)).toContain('renamed');
  });

  it('gives the same report whether the analysis was just made or read back', async () => {
    const dir = copyOfRun();
    await makeReport(dir, { reanalyse: true });
    const fresh = readFileSync(join(dir, RUN_FILES.report));
    await makeReport(dir);
    expect(readFileSync(join(dir, RUN_FILES.report)).equals(fresh)).toBe(true);
  });

  it('names a damaged heatmaps file, and a report makes the analysis again instead', async () => {
    const dir = copyOfRun();
    await analyseRun(dir);
    const file = join(dir, RUN_FILES.heatmaps);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    expect(() => readStoredAnalysis(dir)).toThrow(StoredAnalysisError);
    expect(() => readStoredAnalysis(dir)).toThrow(file);
    expect(await analyseRun(dir)).toMatchObject({ reused: false });
    expect(readStoredAnalysis(dir)!.heatmaps).toHaveLength(3);
  });

  it('encodes grids at float32 precision and refuses a file cut short', () => {
    const grids = [
      {
        key: '0/0/0',
        spec: { rows: 2, cols: 3, time: [0, 10] as [number, number], address: [4096, 8192] as [number, number] },
        heat: Float64Array.from([0, 1, 2.5, 1e-3, 7, 1 / 3]),
      },
      {
        key: '0/1/0',
        spec: { rows: 1, cols: 1, time: [5, 6] as [number, number], address: [0, 1] as [number, number] },
        heat: Float64Array.from([42]),
      },
    ];
    const decoded = decodeHeatmaps(encodeHeatmaps(grids), 'x');
    expect(decoded.map((g) => [g.key, g.spec])).toEqual(grids.map((g) => [g.key, g.spec]));
    expect([...decoded[0]!.heat]).toEqual([...grids[0]!.heat].map((v) => Math.fround(v)));
    expect([...decoded[1]!.heat]).toEqual([42]);
    // Deterministic bytes: the same grids, the same file.
    expect(encodeHeatmaps(grids).equals(encodeHeatmaps(grids))).toBe(true);
    const short = encodeHeatmaps([{ ...grids[0]!, spec: { ...grids[0]!.spec, rows: 3 } }]);
    expect(() => decodeHeatmaps(short, 'cut')).toThrow('cut is cut short (grid 0/0/0)');
    expect(() => decodeHeatmaps(Buffer.from('not gzip'), 'plain')).toThrow(/plain is not gzip data/);
  });
});

describe('heatmaps read back from a shared results tree', () => {
  it('inflate no further than the analysis declares: a small gzip of gigabytes of zeros is refused at once', async () => {
    const { gzipSync } = await import('node:zlib');
    const dir = copyOfRun(BLIND);
    await makeReport(dir);
    // Its analysis declares one 500 × 500 grid: 1 MB of heats. 64 MiB of zeros gzip to 64 KiB
    // (3 GB to 3 MB: the same, larger).
    writeFileSync(join(dir, RUN_FILES.heatmaps), gzipSync(Buffer.alloc(64 << 20), { level: 9 }));
    expect(() => readStoredAnalysis(dir)).toThrow(
      /heatmaps\.bin\.gz inflates to more than the 1\.0 MiB its analysis declares: it is not the analysis's heatmaps/,
    );
    expect(heatmapsBound(null)).toBe(4 * 2 ** 24 + 64 * 1024 + 1024 * 2 ** 14);
  });
});

describe('resampling a grid', () => {
  it('averages over each new cell’s area, whole and fractional cells alike', () => {
    // 2 × 4 → 1 × 2: each new cell the mean of a 2 × 2 block.
    expect([...resampleGrid(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 2, 4, 1, 2)]).toEqual([3.5, 5.5]);
    // 1 × 3 → 1 × 2: [1, 2, 4] → [(1 + 2/2) / 1.5, (2/2 + 4) / 1.5].
    const [a, b] = resampleGrid(Float64Array.from([1, 2, 4]), 1, 3, 1, 2);
    expect(a).toBeCloseTo(4 / 3, 12);
    expect(b).toBeCloseTo(10 / 3, 12);
    // The mean is kept: 500 × 500 of a ramp down to 100 × 120.
    const ramp = Float64Array.from({ length: 500 * 500 }, (_, i) => i % 500);
    const small = resampleGrid(ramp, 500, 500, 100, 120);
    const mean = (xs: Float64Array) => xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean(small)).toBeCloseTo(mean(ramp), 6);
  });
});
