// The host converts a guest's recording once the VM has ended: perf script of the same file by the
// same perf gives the text the guest would have written, and a conversion that fails fails the run.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convertOnHost } from '../../../src/backends/qemu/trace-on-host.js';
import { newStatus } from '../../../src/record/run-files.js';

const TRACES = fileURLToPath(new URL('../../fixtures/traces/', import.meta.url));

/** A run directory as a guest leaves it: its recording, not converted. */
function guestLeft(): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-trace-on-host-'));
  copyFileSync(join(TRACES, 'one_target.upstream-6.12.data'), join(dir, 'masim.data'));
  return dir;
}

const complete = () => ({ ...newStatus('r', 'qemu', 'complete') });

describe("the host's conversion of a guest's recording", () => {
  it('writes the masim.script the guest would have written (perf script of a guest kernel’s recording)', async () => {
    const dir = guestLeft();
    const status = complete();
    const before = structuredClone(status);
    await convertOnHost(dir, status, process.env);
    expect(status).toEqual(before);
    // The fixture's text was written by perf script in the guest that recorded it.
    expect(readFileSync(join(dir, 'masim.script'))).toEqual(
      readFileSync(join(TRACES, 'one_target.upstream-6.12.script')),
    );
    expect(existsSync(join(dir, 'masim.script.new'))).toBe(false);
  });

  it('fails the run, saying so, when perf script fails, and leaves no half file', async () => {
    const dir = guestLeft();
    const status = complete();
    await convertOnHost(dir, status, { ...process.env, PERF: '/bin/false' });
    expect(status.state).toBe('failed');
    expect(status.errors).toEqual([
      'converting the trace on the host: perf script failed with status 1 (see logs/perf-script.log)',
    ]);
    expect(existsSync(join(dir, 'masim.script'))).toBe(false);
    expect(existsSync(join(dir, 'masim.script.new'))).toBe(false);
  });

  it('leaves a converted recording, and a run without one, as they are', async () => {
    const dir = guestLeft();
    writeFileSync(join(dir, 'masim.script'), 'converted already\n');
    await convertOnHost(dir, complete(), { ...process.env, PERF: '/bin/false' });
    expect(readFileSync(join(dir, 'masim.script'), 'utf8')).toBe('converted already\n');
    const empty = mkdtempSync(join(tmpdir(), 'damon-exp-trace-on-host-'));
    const status = complete();
    const before = structuredClone(status);
    await convertOnHost(empty, status, process.env);
    expect(status).toEqual(before);
    expect(existsSync(join(empty, 'masim.script'))).toBe(false);
  });
});
