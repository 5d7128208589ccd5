// A recording session against the sysfs emulator, with our masim and the stand-in perf
// (test/fixtures/bin/perf): the run directory it writes and the status it gives for a complete
// run, a perf that dies, an interruption and a command that finishes before the recording ends.
// (Through the local backend, with its preflight: test/backends/local.test.ts, local-faults.test.ts;
// the status translation alone: session-status.test.ts.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/manifest/run.js';
import { buildPlan } from '../../src/plan/build.js';
import { UPSTREAM_CAPS } from '../../src/plan/caps.js';
import { renderPlanJson } from '../../src/plan/render-json.js';
import { RunDirectory } from '../../src/record/run-directory.js';
import { newStatus, type RunStatus } from '../../src/record/run-files.js';
import { recordSession, type SessionOptions } from '../../src/record/session.js';
import { alive, FAKE_PERF, fakeHost, shortRun } from '../helpers/harness.js';

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

/** When the stand-in perf wrote its header (CLOCK_MONOTONIC ns): when it began to record. */
const perfHeaderNs = (dir: string) =>
  Number(/^start-ns (\d+)$/m.exec(readFileSync(join(dir, 'masim.data'), 'utf8'))![1]);

/** A session of `run` on a fake host, into a run directory opened as the local backend opens it. */
async function session(run: Run, env: NodeJS.ProcessEnv = {}, options: Partial<SessionOptions> = {}) {
  const host = fakeHost({}, env);
  const before = host.emulator.snapshot();
  const plan = buildPlan(run, { ...UPSTREAM_CAPS, intervalsGoal: false });
  const status = newStatus(run.id, 'local');
  const dir = (await RunDirectory.open(
    host.options.resultsRoot,
    run.manifest.name,
    run.id,
    `${JSON.stringify(run, null, 2)}\n`,
    { status, planJson: renderPlanJson(plan), force: false, resume: false },
  ))!;
  const stages: string[] = [];
  const outcome = await recordSession(run, plan, dir, status, {
    sysfs: host.options.sysfs!,
    perf: { ok: true, version: 'perf version 0.0.fake', monotonicClock: true, control: false },
    perfProgram: FAKE_PERF,
    checksMs: 42,
    env: host.options.env!,
    procRoot: host.options.procRoot!,
    cpuIntervalMs: 100,
    why: 'asked for',
    onStage: (stage) => void stages.push(stage),
    ...options,
  });
  return { host, before, plan, status, outcome, stages };
}

describe('a recording session', () => {
  it("leaves the recording unconverted when asked (a QEMU guest's host converts it)", async () => {
    const { outcome, status } = await session(shortRun('one_target', '300ms'), {}, { convertTrace: false });
    expect(status.state).toBe('complete');
    expect(readFileSync(join(outcome.dir!, 'masim.data')).length).toBeGreaterThan(0);
    expect(existsSync(join(outcome.dir!, 'masim.script'))).toBe(false);
  });

  it('records a complete run: its files, its processes, and a status.json that says complete', async () => {
    const { host, before, plan, status, outcome, stages } = await session(shortRun('one_target', '500ms'));
    const dir = outcome.dir!;
    expect(dir).toBe(join(host.options.resultsRoot, 'one_target', 'duration-500ms'));
    expect(outcome.status).toBe(status);
    expect(readJson<RunStatus>(join(dir, 'status.json'))).toEqual(status);
    expect(status).toMatchObject({ state: 'complete', errors: [], warnings: [], backend: 'local' });
    expect(status.timings.checksMs).toBe(42);
    expect(status.timings.onAt).toBeGreaterThan(0);
    expect(status.clock!.measureEndNs! - status.clock!.measureStartNs!).toBeGreaterThanOrEqual(490e6);
    expect(Object.keys(status.kdamondPids)).toEqual(['0']);
    expect(Date.parse(status.endedAt!)).toBeGreaterThanOrEqual(Date.parse(status.startedAt));
    expect(stages).toEqual(['setup', 'recording', 'teardown', 'finalize', 'done']);

    for (const file of ['plan.sh', 'env.json', 'masim.data', 'masim.script', 'kdamond-cpu.json', 'memory.json'])
      expect(existsSync(join(dir, file)), file).toBe(true);
    expect(existsSync(join(dir, 'scheme-stats.json'))).toBe(false); // no scheme
    expect(readJson<{ backend: unknown }>(join(dir, 'env.json')).backend).toEqual({
      kind: 'local',
      why: 'asked for',
      sysfsRoot: host.emulator.root,
    });
    expect(readFileSync(join(dir, 'masim.script'), 'utf8')).toContain('damon:damon_aggregated');

    expect(status.processes.map((p) => p.ref)).toEqual(['perf', ...plan.workloads.map((w) => w.ref)]);
    for (const p of status.processes) {
      expect(p, p.ref).toMatchObject({ endedOnItsOwn: false, wallMs: null });
      expect(alive(p.pid!)).toBe(false);
    }
    expect(host.emulator.snapshot()).toEqual(before);
  });

  it('fails when perf dies, naming it, and still tears down and converts what it recorded', async () => {
    const { host, before, status, outcome } = await session(shortRun('one_target', '20s'), { FAKE_PERF: 'die:300' });
    expect(status.state).toBe('failed');
    expect(status.errors).toEqual([
      'stopped early: perf exited with status 3 before the recording ended (see logs/perf.log)',
    ]);
    expect(status.processes.find((p) => p.ref === 'perf')).toMatchObject({ exitCode: 3, endedOnItsOwn: true });
    expect(readJson<RunStatus>(join(outcome.dir!, 'status.json')).state).toBe('failed');
    expect(existsSync(join(outcome.dir!, 'masim.script'))).toBe(true);
    expect(host.emulator.snapshot()).toEqual(before);
  });

  it('is interrupted by a signal, and says so', async () => {
    const controller = new AbortController();
    const { host, before, status } = await session(
      shortRun('one_target', '20s'),
      {},
      {
        abort: controller.signal,
        onStage: (stage) => {
          if (stage === 'recording') setTimeout(() => controller.abort('SIGINT'), 200);
        },
      },
    );
    expect(status.state).toBe('interrupted');
    expect(status.errors).toEqual(['stopped early: SIGINT']);
    expect(host.emulator.snapshot()).toEqual(before);
  });

  it("maps masim's regions while perf starts, and runs its phases from the start of the measured time", async () => {
    const { status, outcome } = await session(
      shortRun('one_target', '300ms'),
      { FAKE_PERF: 'slow-start:1500' },
      { convertTrace: false },
    );
    expect(status.state).toBe('complete');
    const perfStartNs = perfHeaderNs(outcome.dir!);
    const events = readFileSync(join(outcome.dir!, 'logs/w0.phase.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; t_ns: number });
    const regionsNs = events.find((e) => e.event === 'regions')!.t_ns;
    const phaseStartNs = events.find((e) => e.event === 'phase-start')!.t_ns;
    expect(regionsNs).toBeLessThan(perfStartNs); // side by side with perf's start-up
    expect(phaseStartNs).toBeGreaterThanOrEqual(status.clock!.measureStartNs!);
    expect(phaseStartNs - status.clock!.measureStartNs!).toBeLessThan(200e6);
  });

  it('switches DAMON on only once perf says it records (its events on, not just its header written)', async () => {
    const { status, outcome } = await session(
      shortRun('one_target', '300ms'),
      { FAKE_PERF: 'slow-start:800' },
      { convertTrace: false, perf: { ok: true, version: 'perf version 6.1.0', monotonicClock: true, control: true } },
    );
    expect(status.state).toBe('complete');
    const data = readFileSync(join(outcome.dir!, 'masim.data'), 'utf8');
    expect(data).toContain('--delay=-1');
    expect(data).toContain('--control=fd:3,4');
    expect(status.clock!.onNs!).toBeGreaterThan(perfHeaderNs(outcome.dir!));
  });

  it('starts a command workload only once perf records, so that none of it goes unrecorded', async () => {
    const run: Run = {
      ...shortRun('one_target', '300ms'),
      workloads: {
        zigzag: {
          kind: 'command',
          argv: [process.execPath, '-e', 'console.log(String(process.hrtime.bigint())); setTimeout(() => {}, 5000)'],
        },
      },
    };
    const { status, outcome } = await session(run, { FAKE_PERF: 'slow-start:1000' }, { convertTrace: false });
    expect(status.state).toBe('complete');
    const commandStartNs = Number(readFileSync(join(outcome.dir!, 'logs/w0.log'), 'utf8').trim());
    expect(commandStartNs).toBeGreaterThan(perfHeaderNs(outcome.dir!));
  });

  it('completes, with a warning, when its command finishes before the recording ends', async () => {
    const run: Run = {
      ...shortRun('one_target', '20s'),
      workloads: { zigzag: { kind: 'command', argv: ['sh', '-c', 'sleep 0.5; echo done'] } },
    };
    const started = Date.now();
    const { status, outcome } = await session(run);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(status.state).toBe('complete');
    expect(status.errors).toEqual([]);
    expect(status.warnings).toEqual(['the recording ended early: workload w0 (zigzag) finished']);
    expect(status.processes.find((p) => p.ref === 'w0')).toMatchObject({ exitCode: 0, endedOnItsOwn: true });
    expect(status.processes.find((p) => p.ref === 'w0')!.wallMs).toBeGreaterThanOrEqual(400);
    expect(readFileSync(join(outcome.dir!, 'logs/w0.log'), 'utf8')).toBe('done\n');
  });
});
