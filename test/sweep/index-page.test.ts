// The sweep index says when runs were measured under TCG, whose CPU, interval and accuracy
// figures describe the emulator as much as DAMON, and how many of them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSweepIndex } from '../../src/sweep/index-page.js';

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
