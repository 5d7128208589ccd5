import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunDirectory } from '../../src/record/run-directory.js';
import { newStatus } from '../../src/record/run-files.js';

describe('the run directory', () => {
  it("keeps what a killed runner left behind as <id>.before-abandoned-<pid>, and leaves a live runner's alone", async () => {
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-rundir-'));
    const sweep = join(root, 'm');
    // A pid that surely has no process: one that has just exited.
    const dead = spawnSync('true').pid!;
    mkdirSync(join(sweep, `.run.partial-${dead}`), { recursive: true });
    writeFileSync(join(sweep, `.run.partial-${dead}`, 'status.json'), '{"state":"running"}');
    const live = process.ppid;
    mkdirSync(join(sweep, `.run.partial-${live}`));
    mkdirSync(join(sweep, `.other.partial-${dead}`));

    const dir = await RunDirectory.open(root, 'm', 'run', '{}', { status: newStatus('run', 'local') });
    expect(existsSync(join(sweep, `run.before-abandoned-${dead}`, 'status.json'))).toBe(true);
    expect(existsSync(join(sweep, `.run.partial-${live}`))).toBe(true);
    expect(existsSync(join(sweep, `.other.partial-${dead}`))).toBe(true); // another run's: its own next run sees to it
    await dir!.close();
    expect(readdirSync(sweep).sort()).toEqual(
      [`.other.partial-${dead}`, `.run.partial-${live}`, 'run', `run.before-abandoned-${dead}`].sort(),
    );
  });
});
