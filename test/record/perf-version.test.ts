// perf's version without a probe recording (what a QEMU guest asks): from a `perf --version` its
// script started beside Node's start-up when that ended well, else from perf asked again.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perfVersionOnly } from '../../src/record/perf.js';
import { FAKE_PERF } from '../helpers/harness.js';

const early = () => {
  const prefix = join(mkdtempSync(join(tmpdir(), 'damon-exp-perf-version-')), 'perf-version');
  return { output: `${prefix}.out`, status: `${prefix}.status`, waitMs: 2000 };
};

describe("perf's version, started early", () => {
  it('is read from what the early perf --version said, without running perf again', async () => {
    const files = early();
    writeFileSync(files.output, 'perf version 6.1.187\n');
    writeFileSync(files.status, '0\n');
    const probe = await perfVersionOnly('/nonexistent/perf', {}, files);
    expect(probe).toEqual({ ok: true, version: 'perf version 6.1.187', monotonicClock: true, control: true });
  });

  it('waits for it to end', async () => {
    const files = early();
    setTimeout(() => {
      writeFileSync(files.output, 'perf version 5.4.0\n');
      writeFileSync(files.status, '0\n');
    }, 300);
    const probe = await perfVersionOnly('/nonexistent/perf', {}, files);
    expect(probe).toMatchObject({ ok: true, version: 'perf version 5.4.0', control: false });
  });

  it('asks perf again when the early one failed, said something else, or never ended', async () => {
    const failed = early();
    writeFileSync(failed.output, '');
    writeFileSync(failed.status, '127\n');
    expect(await perfVersionOnly(FAKE_PERF, process.env, failed)).toMatchObject({ version: 'perf version 0.0.fake' });
    const odd = early();
    writeFileSync(odd.output, 'perf: command not found\n');
    writeFileSync(odd.status, '0\n');
    expect(await perfVersionOnly(FAKE_PERF, process.env, odd)).toMatchObject({ version: 'perf version 0.0.fake' });
    const never = { ...early(), waitMs: 100 };
    expect(await perfVersionOnly(FAKE_PERF, process.env, never)).toMatchObject({ version: 'perf version 0.0.fake' });
    expect(await perfVersionOnly('/nonexistent/perf', {}, { ...early(), waitMs: 100 })).toMatchObject({
      ok: false,
      problem: 'perf not found (/nonexistent/perf)',
    });
  });
});
