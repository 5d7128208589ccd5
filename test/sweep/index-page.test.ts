// The sweep index says when runs were measured under TCG, whose CPU, interval and accuracy
// figures describe the emulator as much as DAMON, and how many of them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSweepIndex } from '../../src/sweep/index-page.js';
import { writeSweepRecord } from '../../src/sweep/sweep-record.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/runs/many_contexts.qemu-6.12', import.meta.url));
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A sweep of copies of the fixture run (recorded under TCG), each with the accelerator given. */
function sweep(accels: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-index-'));
  made.push(dir);
  accels.forEach((accel, i) => {
    const run = join(dir, `r${i}`);
    cpSync(FIXTURE, run, { recursive: true });
    const status = JSON.parse(readFileSync(join(run, 'status.json'), 'utf8')) as { vm: { accel: string } };
    status.vm.accel = accel;
    writeFileSync(join(run, 'status.json'), JSON.stringify(status));
  });
  return dir;
}

describe('the index of a sweep measured under TCG', () => {
  it.each([
    [['tcg', 'tcg'], 'All runs ran their kernel in QEMU under TCG'],
    [['tcg', 'kvm', 'kvm'], '1 of the 3 runs ran their kernel in QEMU under TCG'],
  ])('%j: says so', async (accels, words) => {
    const dir = sweep(accels);
    const { index, rows } = await writeSweepIndex(dir);
    expect(rows.map((r) => r.emulated)).toEqual(accels.map((a) => a === 'tcg'));
    const html = readFileSync(index, 'utf8');
    expect(html).toContain(`<p class="warn">${words}`);
    expect(html).toContain('compare them with runs made the same way, not with real machines');
  });

  it('says nothing of TCG when no run used it', async () => {
    const html = readFileSync((await writeSweepIndex(sweep(['kvm']))).index, 'utf8');
    expect(html).toContain('1 run: 1 complete');
    expect(html).not.toContain('under TCG');
  });
});

describe('the index of a sweep with suspect runs', () => {
  const BLIND = fileURLToPath(new URL('../fixtures/runs/one_target.tcg-blind', import.meta.url));
  const SEEING = fileURLToPath(new URL('../fixtures/runs/one_target.tcg-refresh', import.meta.url));

  /** Three repetitions of one point: two the TLB refresher kept seeing, one blind. */
  function mixed(): string {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-index-'));
    made.push(dir);
    for (const [id, from, repetition] of [
      ['rep1', SEEING, 1],
      ['rep2', SEEING, 2],
      ['rep3', BLIND, 3],
    ] as const) {
      cpSync(from, join(dir, id), { recursive: true });
      const run = JSON.parse(readFileSync(join(dir, id, 'run.json'), 'utf8'));
      writeFileSync(join(dir, id, 'run.json'), JSON.stringify({ ...run, id, params: {}, repetition }));
    }
    return dir;
  }

  it('marks the suspect run, says why, and leaves it out of the point unless asked', async () => {
    const dir = mixed();
    // The report makes each run's analysis (and its validity) first, as a sweep does.
    const { main } = await import('../../src/cli/main.js');
    const { captureOutput } = await import('../helpers/capture.js');
    expect(await main(['report', dir], captureOutput().output)).toBe(0);
    const { rows, groups, index } = await writeSweepIndex(dir);
    expect(rows.map((r) => [r.id, r.validity])).toEqual([
      ['rep1', 'ok'],
      ['rep2', 'ok'],
      ['rep3', 'suspect'],
    ]);
    expect(groups).toHaveLength(1);
    expect([groups[0]!.complete, groups[0]!.suspect, groups[0]!.metrics.recall!.n]).toEqual([2, 1, 2]);
    const html = readFileSync(index, 'utf8');
    expect(html).toContain('1 complete run is suspect: its own data say its numbers do not describe DAMON');
    expect(html).toContain('suspect: DAMON saw 13 % of the accessed memory');
    // Two repetitions counted: min–max, no interval.
    expect(html).toContain('96.53 (96.53–96.53, n&#x3D;2, no interval)');
    const csv = readFileSync(join(dir, 'summary.csv'), 'utf8').split('\n');
    expect(csv[0]).toMatch(/^id,state,validity,repetition,/);
    expect(csv[3]).toMatch(
      /^rep3,complete,suspect,3,.*,DAMON saw 13 % of the accessed memory: these numbers do not describe DAMON$/,
    );

    const all = await writeSweepIndex(dir, { includeSuspect: true });
    expect(all.groups[0]!.metrics.recall!.n).toBe(3);
  });
});

describe('the index of a sweep whose manifest no longer has some runs (sweep.json)', () => {
  const record = (dir: string, runs: string[]) =>
    writeSweepRecord(dir, { name: 'many_contexts', file: 'm.yaml', sha256: 'abc' }, runs);

  it("shows the record's runs, says how many results it leaves out, and shows all with `all`", async () => {
    const dir = sweep(['kvm', 'kvm', 'kvm']);
    await record(dir, ['r0', 'r2']);
    const current = await writeSweepIndex(dir);
    expect([current.rows.map((r) => r.id), current.leftOut]).toEqual([['r0', 'r2'], 1]);
    expect(readFileSync(current.index, 'utf8')).toContain(
      '2 runs: 2 complete. 1 result is of a run the manifest no longer has: left out (damon-exp index --all shows it)',
    );
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8').trim().split('\n')).toHaveLength(3);
    const all = await writeSweepIndex(dir, { all: true });
    expect([all.rows.map((r) => r.id), all.leftOut]).toEqual([['r0', 'r1', 'r2'], 0]);
  });

  it('shows every run, and says why, when sweep.json cannot be read', async () => {
    const dir = sweep(['kvm', 'kvm']);
    writeFileSync(join(dir, 'sweep.json'), '{"format": "damon-exp.sweep/1", "runs": [1]}');
    const { rows, problems, leftOut } = await writeSweepIndex(dir);
    expect([rows.length, leftOut]).toEqual([2, 0]);
    expect(problems).toEqual([
      `${join(dir, 'sweep.json')} cannot be read (not a damon-exp.sweep/1 record): the index shows every run under ${dir}`,
    ]);
  });
});
