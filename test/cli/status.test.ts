// `damon-exp status` of a sweep run here (not by Slurm; test/cli/slurm.test.ts has those): asked
// while `damon-exp run` is at work in this process (on fake backends, one run hanging until it is
// stopped), then after it ended; and of a directory that is no sweep.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Run } from '../../src/manifest/run.js';
import type { LocalStanding } from '../../src/sweep/standing.js';
import { captureOutput } from '../helpers/capture.js';
import { fakeBackend, type FakeBehaviour } from '../helpers/fake-backend.js';

const SWEEP = fileURLToPath(new URL('../fixtures/manifests/sweep_with_failure.yaml', import.meta.url));
const command = (run: Run) => run.params['workloads.w.command'];
// The first repetition of `sleep 61`, the fifth run of six, hangs until the sweep is stopped.
const behaviour = (run: Run): FakeBehaviour =>
  command(run) === 'sleep 61' && run.repetition === 1
    ? 'hang'
    : command(run) === '/nonexistent/program'
      ? 'fail'
      : 'complete';

async function cli(argv: string[], deps = {}) {
  const { output, result } = captureOutput();
  const status = await main(argv, output, deps);
  return { status, ...result() };
}

async function until(what: string, done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 20) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('damon-exp status of a local sweep', () => {
  it('while it runs: each run, the one running with its runner and progress, the pending one, an ETA; then once it ended', async () => {
    const resultsRoot = join(mkdtempSync(join(tmpdir(), 'damon-exp-status-')), 'results');
    const sweepDir = join(resultsRoot, 'sweep_with_failure');
    const signals = new EventEmitter();
    const backends = { local: fakeBackend('local', behaviour), qemu: fakeBackend('qemu', behaviour) };
    const sweep = cli(['run', SWEEP, '--out', resultsRoot, '--no-png', '--jobs', '1'], { backends, signals });
    const partial = () =>
      existsSync(sweepDir) ? readdirSync(sweepDir).find((name) => name.endsWith(`.partial-${process.pid}`)) : undefined;
    await until('the hanging run to start', () => {
      const name = partial();
      return (
        name !== undefined && backends.local.started.length === 5 && existsSync(join(sweepDir, name, 'status.json'))
      );
    });
    const hanging = backends.local.started[4]!;
    expect(partial()).toBe(`.${hanging}.partial-${process.pid}`);

    const running = await cli(['status', sweepDir]);
    expect(running.status).toBe(0);
    const lines = running.stdout.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^local runs \\(runner pid ${process.pid} at work since \\S+\\): 1 pending, 1 running, 2 complete, 2 failed$`,
      ),
    );
    expect(lines.filter((line) => /^ {2}command-sleep_60\S* +complete +\d+s$/.test(line))).toHaveLength(2);
    const failed = /^ {2}command-nonexistent_program\S* +failed +\d+s; workload w0 .*exited with status 127$/;
    expect(lines.filter((line) => failed.test(line))).toHaveLength(2);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^ {2}${hanging} +running +\\d+s of 0s \\((\\d+%|finishing)\\), pid ${process.pid}$`),
      ),
    );
    expect(lines.filter((line) => /^ {2}command-sleep_61\S* +pending$/.test(line))).toHaveLength(1);
    expect(lines).toContainEqual(expect.stringMatching(/^ETA \d+s \(mean wall time \d+s × 2 runs left ÷ 1 at once\)$/));

    const json = await cli(['status', sweepDir, '--json']);
    const [local] = JSON.parse(json.stdout) as LocalStanding[];
    expect(local).toMatchObject({
      executor: 'local',
      runner: { pid: process.pid, alive: true },
      active: true,
      whole: true,
      counts: { complete: 2, failed: 2, running: 1, pending: 1 },
      eta: { runsLeft: 2, atOnce: 1, meanWallMs: expect.any(Number), ms: expect.any(Number) },
    });
    expect(local!.runs.find((run) => run.id === hanging)).toMatchObject({
      phase: 'running',
      pid: process.pid,
      progress: { elapsedMs: expect.any(Number), durationMs: 300 },
    });

    signals.emit('SIGINT');
    expect((await sweep).status).not.toBe(0);
    const ended = await cli(['status', sweepDir]);
    expect(ended.status).toBe(0);
    // The sweep's record (sweep.json) names the run the stop left out.
    expect(ended.stdout.split('\n')[0]).toBe(
      'local runs (no runner at work): 2 complete, 2 failed, 1 interrupted, 1 not run',
    );
    expect(ended.stdout).not.toMatch(/ETA|pending|running/);
    const done = JSON.parse((await cli(['status', sweepDir, '--json'])).stdout) as LocalStanding[];
    expect(done).toMatchObject([{ executor: 'local', runner: null, active: false, whole: true, eta: null }]);
    // Without it, the directories present are all it can tell.
    rmSync(join(sweepDir, 'sweep.json'));
    expect((await cli(['status', sweepDir])).stdout.split('\n')[0]).toBe(
      "local runs (no runner at work; 5 run directories present, the sweep's total is unknown): 2 complete, 2 failed, 1 interrupted",
    );
  });

  it('of a directory that holds no sweep: says so and exits 1', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'damon-exp-status-none-'));
    const none = await cli(['status', empty]);
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain(`${empty} holds no Slurm jobs (no slurm/job-*.json) and no runs`);
    // results/ itself holds sweeps, not runs.
    mkdirSync(join(empty, 'some_sweep', 'a_run'), { recursive: true });
    const root = await cli(['status', empty, '--json']);
    expect(root.status).toBe(1);
    expect(root.stdout).toBe('');
  });
});
