// A results tree is shared (a cluster file system, a tarball, a colleague's results/): each JSON
// file of a run may parse and still be of another form. Every leaf of every stored file of a real
// run and of the sweep's Slurm job record, its type swapped, goes through report, index, compare,
// figures and status: never a crash (exit 70), the file named as corrupt, the other run of the
// sweep unaffected. Bounded: a stride of leaves.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { SlurmClient } from '../../src/sweep/slurm/client.js';
import { captureOutput } from '../helpers/capture.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/runs/one_target.tcg-refresh', import.meta.url));
/** The stored files, under the sweep: one run's, and the record of the Slurm job that ran both. */
const FILES = [
  'rep2/run.json',
  'rep2/plan.json',
  'rep2/status.json',
  'rep2/env.json',
  'rep2/analysis.json',
  'rep2/kdamond-cpu.json',
  'rep2/memory.json',
  'slurm/job-7.json',
] as const;
/** Leaves mutated per file: spread over the file, so that every part of it is met. */
const LEAVES_PER_FILE = 24;

let sweep: string;

/** Slurm's word on job 7: both tasks ended, completed. */
const ENDED_JOB: SlurmClient = {
  submit: () => Promise.reject(new Error('nothing is submitted here')),
  queue: () => Promise.resolve([]),
  ended: () =>
    Promise.resolve(
      [0, 1].map((taskId) => ({ taskId, state: 'COMPLETED', exitCode: '0:0', reason: null, node: 'n1' })),
    ),
  cancel: () => Promise.resolve(),
  nodes: () => Promise.resolve(['n1']),
  maxArraySize: () => Promise.resolve(1001),
};

async function cli(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { output, result } = captureOutput();
  const status = await main(argv, output, { slurm: ENDED_JOB });
  return { status, ...result() };
}

beforeAll(async () => {
  sweep = join(mkdtempSync(join(tmpdir(), 'damon-exp-hostile-json-')), 'sweep');
  // Two runs that tasks 0 and 1 of Slurm job 7 ran.
  for (const [taskId, id] of ['rep1', 'rep2'].entries()) {
    cpSync(FIXTURE, join(sweep, id), { recursive: true });
    const statusFile = join(sweep, id, 'status.json');
    const status = JSON.parse(readFileSync(statusFile, 'utf8')) as object;
    writeFileSync(statusFile, JSON.stringify({ ...status, slurm: { jobId: '7', taskId, node: 'n1' } }));
  }
  writeFileSync(
    join(sweep, 'figures.json'),
    JSON.stringify({
      format: 'damon-exp.figures/1',
      manifest: { name: 'sweep', file: 'x.yaml', sha256: 'x' },
      figures: [
        { name: 'recall', x: 'backend.tlb_refresh', y: 'recall' },
        { name: 'maps', type: 'heatmaps', x: 'backend.tlb_refresh' },
      ],
    }),
  );
  const run = JSON.parse(readFileSync(join(FIXTURE, 'run.json'), 'utf8')) as object;
  mkdirSync(join(sweep, 'slurm'));
  writeFileSync(
    join(sweep, 'slurm', 'job-7.json'),
    JSON.stringify({
      format: 'damon-exp.slurm-job/1',
      jobId: '7',
      name: 'sweep',
      script: join(sweep, 'slurm', 'job-7.sh'),
      submittedAt: '2026-12-01T10:00:00.000Z',
      backend: 'qemu',
      runs: ['rep1', 'rep2'].map((id) => ({ ...run, id })),
    }),
  );
  // Each run's analysis, heatmaps and report, as a sweep leaves them.
  expect((await cli(['report', sweep])).status).toBe(0);
  const standing = JSON.parse((await cli(['status', sweep, '--json'])).stdout) as { jobId: string; counts: object }[];
  expect(standing, JSON.stringify(standing)).toMatchObject([{ jobId: '7', counts: { complete: 2 } }]);
});

afterAll(() => rmSync(join(sweep, '..'), { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every leaf of a JSON value (and empty lists and objects), by path. */
function leaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    const entries: [string | number, Json][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    if (entries.length === 0) return [path];
    return entries.flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [path];
}

/** The leaf at `path` swapped for a value of another type. */
function swapped(value: Json, path: (string | number)[]): Json {
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  const old = parent[last];
  parent[last] =
    typeof old === 'number'
      ? 'x'
      : typeof old === 'string'
        ? 5
        : old === null
          ? []
          : typeof old === 'boolean'
            ? 'yes'
            : null;
  return copy;
}

describe('stored JSON of another form', () => {
  it.each(FILES)(
    '%s: every kind of leaf swapped, through report, index, compare, figures and status',
    async (file) => {
      const path = join(sweep, file);
      const original = readFileSync(path, 'utf8');
      // One leaf per place in the file's form: the first item of each list stands for the others.
      const seen = new Set<string>();
      const all = leaves(JSON.parse(original) as Json).filter((p) => {
        const form = p.map((k) => (typeof k === 'number' ? '[]' : k)).join('.');
        const first = p.every((k) => typeof k !== 'number' || k === 0);
        if (p.length === 0 || !first || seen.has(form)) return false;
        seen.add(form);
        return true;
      });
      expect(all.length).toBeGreaterThan(3);
      const stride = Math.max(1, Math.floor(all.length / LEAVES_PER_FILE));
      const chosen = all.filter((_, i) => i % stride === 0).slice(0, LEAVES_PER_FILE);
      try {
        for (const leaf of chosen) {
          writeFileSync(path, JSON.stringify(swapped(JSON.parse(original) as Json, leaf)));
          const where = `${file} ${leaf.join('.')}`;
          for (const argv of [
            ['index', sweep, '--json'],
            ['report', join(sweep, 'rep2')],
            ['compare', sweep, '--axis', 'backend.tlb_refresh', '--allow-mixed'],
            ['figures', sweep, '--no-png'],
            ['status', sweep, '--json'],
          ]) {
            const { status, stderr } = await cli(argv);
            expect([0, 1], `${argv[0]} with ${where}: ${stderr}`).toContain(status);
          }
          // The other run of the sweep is read as it is.
          const rows = JSON.parse((await cli(['index', sweep, '--json'])).stdout) as { id: string; state: string }[];
          expect(rows.find((r) => r.id === 'rep1')?.state, where).toBe('complete');
        }
      } finally {
        writeFileSync(path, original);
      }
    },
    120_000,
  );
});
