// The scheduler on fake backends: what a sweep does with runs that complete, fail, are refused or
// are stopped, how many run at once, and that each run's backend is chosen with one preflight.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/manifest/load.js';
import type { Run } from '../../src/manifest/run.js';
import { runRuns, RunNotStarted, type RunResult, type SchedulerOptions } from '../../src/sweep/scheduler.js';
import { fakeBackend, type FakeBackend, type FakeBehaviour } from '../helpers/fake-backend.js';

const SWEEP = fileURLToPath(new URL('../fixtures/manifests/sweep_with_failure.yaml', import.meta.url));
const RUNS = loadExperiment(SWEEP).runs;
const FAILING = ['command-nonexistent_program', 'command-nonexistent_program_rep2'];
const byCommand = (run: Run): FakeBehaviour => (FAILING.includes(run.id) ? 'fail' : 'complete');

interface Harness {
  options: SchedulerOptions;
  local: FakeBackend;
  qemu: FakeBackend;
  messages: string[];
  finished: RunResult[];
  signals: EventEmitter;
}

function harness(
  overrides: Partial<SchedulerOptions> & { local?: FakeBackend; qemu?: FakeBackend } = {},
  resultsRoot = mkdtempSync(join(tmpdir(), 'damon-exp-scheduler-')),
): Harness {
  const local = overrides.local ?? fakeBackend('local', byCommand);
  const qemu = overrides.qemu ?? fakeBackend('qemu', byCommand);
  const messages: string[] = [];
  const finished: RunResult[] = [];
  const signals = new EventEmitter();
  const options: SchedulerOptions = {
    resultsRoot,
    backends: { local, qemu },
    backend: 'local',
    jobs: 1,
    failFast: false,
    force: false,
    resume: false,
    signals,
    events: {
      message: (text) => messages.push(text),
      started: () => undefined,
      chose: () => undefined,
      stage: () => undefined,
      finished: (_i, result) => finished.push(result),
    },
    ...overrides,
  };
  return { options, local, qemu, messages, finished, signals };
}

const stateOf = (root: string, id: string) =>
  JSON.parse(readFileSync(join(root, 'sweep_with_failure', id, 'status.json'), 'utf8')).state;

describe('the scheduler', () => {
  it('records a failing run and goes on; every run has its directory and status', async () => {
    const h = harness();
    const { results, stopped } = await runRuns(RUNS, h.options, h.options);
    expect(stopped).toBe(false);
    expect(results.map((r) => [r.id, r.state])).toEqual(
      RUNS.map((run) => [run.id, FAILING.includes(run.id) ? 'failed' : 'complete']),
    );
    expect(results).toHaveLength(6);
    for (const result of results) expect(stateOf(h.options.resultsRoot, result.id), result.id).toBe(result.state);
    expect(results.find((r) => r.id === FAILING[0])!.errors).toEqual([
      'workload w0 (/nonexistent/program) exited with status 127',
    ]);
    // One preflight per run, none on the backend not asked for.
    expect(Object.fromEntries(h.local.preflights)).toEqual(Object.fromEntries(RUNS.map((r) => [r.id, 1])));
    expect(h.qemu.preflights.size).toBe(0);
  });

  it('--fail-fast stops at the first failure; later runs are not run and get no directory', async () => {
    const h = harness({ failFast: true });
    const { results, stopped } = await runRuns(RUNS, h.options, h.options);
    expect(stopped).toBe(true);
    expect(results.map((r) => r.state)).toEqual(['complete', 'complete', 'failed', 'not run', 'not run', 'not run']);
    expect(h.messages).toContain(`damon-exp: --fail-fast: ${FAILING[0]} failed; stopping the sweep`);
    expect(existsSync(join(h.options.resultsRoot, 'sweep_with_failure', RUNS[3]!.id))).toBe(false);
  });

  it('refuses to start over existing results without resume or force; resume re-runs only what is not complete', async () => {
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-scheduler-'));
    const first = harness({}, root);
    await runRuns(RUNS, first.options, first.options);
    const second = harness({}, root);
    await expect(runRuns(RUNS, second.options, second.options)).rejects.toThrow(
      /already holds results of 6 of these 6 runs \(command-sleep_60, command-sleep_60_rep2, command-nonexistent_program, …\)/,
    );
    const again = harness({ resume: true }, root);
    const { results } = await runRuns(RUNS, again.options, again.options);
    expect(results.map((r) => r.state)).toEqual(['skipped', 'skipped', 'failed', 'failed', 'skipped', 'skipped']);
    expect(again.local.started).toEqual(FAILING);
    // The failed results before are kept aside, not lost.
    expect(readdirSync(join(root, 'sweep_with_failure')).filter((n) => n.startsWith(`${FAILING[0]}.`))).toHaveLength(1);
  });

  it('runs QEMU runs --jobs at once, and this host’s DAMON one at a time, saying why', async () => {
    const slow = (kind: 'local' | 'qemu') => fakeBackend(kind, () => 'complete', { runMs: 30 });
    const vms = harness({ backend: 'qemu', jobs: 2, qemu: slow('qemu') });
    await runRuns(RUNS, vms.options, vms.options);
    expect(vms.qemu.maxConcurrent).toBe(2);
    expect(vms.qemu.requests.get(RUNS[0]!.id)!.parallel).toBe(2);
    const host = harness({ backend: 'local', jobs: 2, local: slow('local') });
    await runRuns(RUNS, host.options, host.options);
    expect(host.local.maxConcurrent).toBe(1);
    expect(host.messages).toContain(
      "damon-exp: --jobs 2: runs on this host's DAMON go one at a time (one DAMON, and a second experiment would disturb the first one's CPU figures)",
    );
  });

  it('auto: this host when its preflight passes, else QEMU with the reason; one preflight per run either way', async () => {
    const serves = harness({ backend: 'auto', jobs: 2, local: fakeBackend('local') });
    const served = await runRuns(RUNS, serves.options, serves.options);
    expect(served.results.map((r) => r.state)).toEqual(RUNS.map(() => 'complete'));
    // The first run's preflight decided --jobs, and was the one its run used.
    expect(Object.fromEntries(serves.local.preflights)).toEqual(Object.fromEntries(RUNS.map((r) => [r.id, 1])));
    expect(serves.local.requests.get(RUNS[0]!.id)!.why).toBe("this host's DAMON can serve the run");
    expect(serves.local.released).toEqual([]);

    const refuses = harness({ backend: 'auto', local: fakeBackend('local', () => 'refuse') });
    const fellBack = await runRuns(RUNS.slice(0, 2), refuses.options, refuses.options);
    expect(fellBack.results.map((r) => r.state)).toEqual(['complete', 'complete']);
    expect(refuses.qemu.requests.get(RUNS[0]!.id)!.why).toBe(
      `this host's DAMON cannot serve the run: the fake local backend refuses ${RUNS[0]!.id}`,
    );
    expect([...refuses.local.preflights.values()]).toEqual([1, 1]);
    expect([...refuses.qemu.preflights.values()]).toEqual([1, 1]);
  });

  it('auto with --jobs 2: this host serves one run at a time, however the choices fall, while QEMU runs overlap', async () => {
    expect(RUNS.length).toBeGreaterThanOrEqual(4);
    // The first two runs are refused here (so --jobs stays 2) and go to QEMU; the rest this host serves.
    const refused = new Set([RUNS[0]!.id, RUNS[1]!.id]);
    const local = fakeBackend('local', (run) => (refused.has(run.id) ? 'refuse' : 'complete'), { runMs: 30 });
    const qemu = fakeBackend('qemu', () => 'complete', { runMs: 30 });
    const mixed = harness({ backend: 'auto', jobs: 2, local, qemu });
    const { results } = await runRuns(RUNS, mixed.options, mixed.options);
    expect(results.map((r) => r.state)).toEqual(RUNS.map(() => 'complete'));
    expect(local.started).toEqual(RUNS.slice(2).map((r) => r.id));
    expect(qemu.started.sort()).toEqual([...refused].sort());
    expect(local.maxConcurrent).toBe(1);
    // Nor did a second preflight hold this host's DAMON while a run had it (the sysfs lock would refuse it).
    expect(local.maxHeld).toBe(1);
    expect(qemu.maxConcurrent).toBe(2);
  });

  it('auto with --jobs 2, choices alternating (QEMU, here, QEMU, QEMU, here, here): one run here at a time, QEMU runs overlap', async () => {
    const toQemu = new Set([0, 2, 3].map((i) => RUNS[i]!.id));
    const local = fakeBackend('local', (run) => (toQemu.has(run.id) ? 'refuse' : 'complete'), { runMs: 30 });
    const qemu = fakeBackend('qemu', () => 'complete', { runMs: 30 });
    const h = harness({ backend: 'auto', jobs: 2, local, qemu });
    const { results } = await runRuns(RUNS, h.options, h.options);
    expect(results.map((r) => r.state)).toEqual(RUNS.map(() => 'complete'));
    expect(local.started.sort()).toEqual([1, 4, 5].map((i) => RUNS[i]!.id).sort());
    expect(qemu.started.sort()).toEqual([...toQemu].sort());
    expect(local.maxConcurrent).toBe(1);
    expect(local.maxHeld).toBe(1);
    // The two QEMU runs after the first run here ran side by side.
    expect(qemu.maxConcurrent).toBe(2);
    expect(h.messages.filter((m) => m.includes('one at a time'))).toEqual([]);
  });

  it('runs that ask for QEMU and runs that ask for auto, with --jobs 2: one run here at a time, QEMU runs overlap', async () => {
    // No --backend: each run's own kind, the first two QEMU (so --jobs stays 2), the rest auto.
    const runs = RUNS.map((run, i) => ({ ...run, backend: { ...run.backend, kind: i < 2 ? 'qemu' : 'auto' } }) as Run);
    const local = fakeBackend('local', () => 'complete', { runMs: 30 });
    const qemu = fakeBackend('qemu', () => 'complete', { runMs: 30 });
    const h = harness({ jobs: 2, local, qemu });
    delete h.options.backend;
    const { results } = await runRuns(runs, h.options, h.options);
    expect(results.map((r) => r.state)).toEqual(runs.map(() => 'complete'));
    expect(qemu.started.sort()).toEqual([runs[0]!.id, runs[1]!.id].sort());
    expect(local.started).toEqual(runs.slice(2).map((r) => r.id));
    expect(local.maxConcurrent).toBe(1);
    expect(local.maxHeld).toBe(1);
    expect(qemu.maxConcurrent).toBe(2);
  });

  it('records a run its backend refused, in a sweep, and goes on; alone, the refusal is the error', async () => {
    const refusing = (run: Run): FakeBehaviour => (run.id === RUNS[1]!.id ? 'refuse' : 'complete');
    const h = harness({ backend: 'qemu', qemu: fakeBackend('qemu', refusing) });
    const { results } = await runRuns(RUNS.slice(0, 3), h.options, h.options);
    expect(results.map((r) => r.state)).toEqual(['complete', 'failed', 'complete']);
    expect(results[1]!.errors).toEqual([
      `cannot run '${RUNS[1]!.id}' in QEMU: the fake qemu backend refuses ${RUNS[1]!.id} (a hint)`,
    ]);
    const refused = JSON.parse(readFileSync(join(results[1]!.dir!, 'status.json'), 'utf8'));
    expect(refused).toMatchObject({ state: 'failed', backend: 'qemu' });

    const alone = harness({ backend: 'qemu', qemu: fakeBackend('qemu', refusing) });
    const error = await runRuns([RUNS[1]!], alone.options, alone.options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunNotStarted);
    expect((error as RunNotStarted).message).toBe(
      `cannot run '${RUNS[1]!.id}' in QEMU: the fake qemu backend refuses ${RUNS[1]!.id}`,
    );
    expect(existsSync(join(alone.options.resultsRoot, 'sweep_with_failure', RUNS[1]!.id))).toBe(false);
  });

  it('a stop signal interrupts what runs, runs nothing more, and a second one only says to wait', async () => {
    const h = harness({ backend: 'qemu', qemu: fakeBackend('qemu', () => 'hang') });
    const sweep = runRuns(RUNS, h.options, h.options);
    while (h.qemu.started.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    h.signals.emit('SIGINT');
    h.signals.emit('SIGINT');
    const { results, stopped } = await sweep;
    expect(stopped).toBe(true);
    expect(results.map((r) => r.state)).toEqual(['interrupted', 'not run', 'not run', 'not run', 'not run', 'not run']);
    expect(h.messages).toEqual([
      'damon-exp: SIGINT: stopping; tearing down (this takes a moment, and another SIGINT will not skip it)',
      'damon-exp: still tearing down; please wait',
    ]);
    expect(h.signals.listenerCount('SIGINT')).toBe(0);
  });

  it('one runner per results directory: a second is refused while the first runs', async () => {
    const first = harness({ backend: 'qemu', qemu: fakeBackend('qemu', () => 'hang') });
    const running = runRuns(RUNS.slice(0, 1), first.options, first.options);
    while (first.qemu.started.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    const second = harness({ backend: 'qemu' }, first.options.resultsRoot);
    await expect(runRuns(RUNS.slice(1, 2), second.options, second.options)).rejects.toThrow(
      /another damon-exp \(pid \d+\) is using the results directory .*sweep_with_failure/,
    );
    first.signals.emit('SIGTERM');
    expect((await running).results[0]!.state).toBe('interrupted');
  });

  it("puts afterRun's warning into the run's status.json", async () => {
    const h = harness({ afterRun: async () => ({ warning: 'no DAMON events' }) });
    const { results } = await runRuns(RUNS.slice(0, 1), h.options, h.options);
    expect(JSON.parse(readFileSync(join(results[0]!.dir!, 'status.json'), 'utf8')).warnings).toEqual([
      'no DAMON events',
    ]);
    expect(h.messages).toEqual([`${RUNS[0]!.id}: warning: no DAMON events`]);
  });
});
