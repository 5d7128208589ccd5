// The local backend end to end against the sysfs emulator: real workload processes (native
// masim), the stand-in perf, the real executor, run directory and teardown.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLocal } from '../../src/backends/local.js';
import type { RunStatus } from '../../src/record/run-files.js';
import { buildPlan } from '../../src/plan/build.js';
import type { Plan } from '../../src/plan/plan.js';
import { alive, fakeHost, shortRun } from '../helpers/harness.js';

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

/** The writes a plan makes, with the pids the run gave its workloads, and its teardown's. */
function expectedWrites(plan: Plan, status: RunStatus): { path: string; value: string }[] {
  const pids = Object.fromEntries(status.processes.map((p) => [p.ref, String(p.pid)]));
  const setup = plan.steps.flatMap((s) =>
    s.op === 'write'
      ? [{ path: s.path, value: s.value }]
      : s.op === 'write-pid'
        ? [{ path: s.path, value: pids[s.ref]! }]
        : [],
  );
  const off = plan.layout.kdamonds.map((k) => ({ path: `kdamonds/${k.index}/state`, value: 'off' }));
  return [...setup, ...off, { path: 'kdamonds/nr_kdamonds', value: '0' }];
}

describe.each(['one_target', 'many_targets', 'many_contexts'])('%s through the real executor', (name) => {
  it('runs, writes the run directory, and leaves DAMON and the processes as it found them', async () => {
    const host = fakeHost();
    const initial = host.emulator.snapshot();
    const run = shortRun(name);
    const outcome = await runLocal(run, host.options);
    const dir = outcome.dir!;
    expect(dir).toBe(join(host.options.resultsRoot, name, 'duration-1s'));
    const status = readJson<RunStatus>(join(dir, 'status.json'));
    expect(status.errors).toEqual([]);
    expect(status.state).toBe('complete');

    for (const file of [
      'run.json',
      'plan.json',
      'plan.sh',
      'env.json',
      'status.json',
      'masim.data',
      'masim.script',
      'kdamond-cpu.json',
      'logs/perf.log',
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(readJson(join(dir, 'run.json'))).toEqual(run);
    const plan = readJson<Plan>(join(dir, 'plan.json'));
    expect(plan).toEqual(JSON.parse(JSON.stringify(buildPlan(run, plan.caps))));
    expect(plan.caps).toMatchObject({
      kind: 'upstream',
      maxContextsPerKdamond: 1,
      intervalsGoal: false,
      tracepoints: ['damon:damon_aggregated', 'damon:damos_before_apply'],
    });
    expect(plan.layout.kdamonds).toHaveLength(name === 'many_contexts' ? 3 : 1);
    // The stand-in perf's recording: its arguments, when it started, the kdamonds it saw as it stopped.
    const recording = readFileSync(join(dir, 'masim.data'), 'utf8');
    expect(recording).toMatch(
      /args: -a --no-buildid --no-buildid-cache -k CLOCK_MONOTONIC -e damon:damon_aggregated -o -\nstart-ns \d+\n/,
    );
    expect(recording).toMatch(/\nstop-ns \d+\nstopped by SIGINT\n$/);
    expect(recording.match(/^kdamond \d+ pid \d+ targets [\d,]+$/gm)).toHaveLength(name === 'many_contexts' ? 3 : 1);
    expect(readFileSync(join(dir, 'masim.script'), 'utf8')).toContain('damon:damon_aggregated');

    // The emulator's write log, after the capability probe, is exactly the plan and its teardown.
    const log = host.emulator.log.map(({ path, value }) => ({ path, value }));
    const probeEnd = log.findIndex((w) => w.path === 'kdamonds/nr_kdamonds' && w.value === '0') + 1;
    expect(log.slice(probeEnd)).toEqual(expectedWrites(plan, status));
    expect(host.emulator.snapshot()).toEqual(initial);

    // perf and the workloads really ran, with their phase logs, and are gone.
    expect(plan.workloads.length).toBeGreaterThan(0);
    expect(status.processes.map((p) => p.ref)).toEqual(['perf', ...plan.workloads.map((w) => w.ref)]);
    for (const p of status.processes) {
      expect(p.pid).toBeGreaterThan(0);
      expect(alive(p.pid!)).toBe(false);
      expect(p.endedOnItsOwn).toBe(false);
    }
    for (const w of plan.workloads) {
      const phases = readFileSync(join(dir, 'logs', `${w.ref}.phase.jsonl`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { event: string });
      expect(phases[0]!.event).toBe('regions');
      expect(phases.at(-1)).toMatchObject({ event: 'exit', reason: 'SIGTERM' });
    }
    expect(Object.keys(status.kdamondPids)).toHaveLength(plan.layout.kdamonds.length);
    const cpu = readJson<{ samples: { kdamond: number; pid: number; tMs: number; utime: number | null }[] }>(
      join(dir, 'kdamond-cpu.json'),
    );
    for (const [k, pid] of Object.entries(status.kdamondPids)) {
      const samples = cpu.samples.filter((s) => s.kdamond === Number(k));
      expect(samples.length).toBeGreaterThanOrEqual(2); // when DAMON is on, every 100 ms, at the end
      for (const s of samples) expect(s, `kdamond ${k}`).toMatchObject({ pid, utime: pid - 39_990 });
      // The last sample is taken before the teardown, while the kdamond still runs.
      expect(samples.at(-1)!.tMs).toBeLessThanOrEqual(status.timings.teardownStartedAt! - status.timings.onAt! + 50);
    }
    expect(status.timings.onAt).toBeGreaterThan(0);
    expect(status.timings.recordingEndedAt! - status.timings.onAt!).toBeGreaterThanOrEqual(900);
    const env = readJson<{ manifest: { sha256: string }; tools: { perf: string } }>(join(dir, 'env.json'));
    expect(env.manifest.sha256).toBe(run.manifest.sha256);
    expect(env.tools.perf).toBe('perf version 0.0.fake');
    expect((env as unknown as { backend: unknown }).backend).toEqual({
      kind: 'local',
      why: 'asked for',
      sysfsRoot: host.emulator.root,
    });
    expect(readdirSync(join(host.options.resultsRoot, name))).toEqual(['duration-1s']);
  }, 30_000);
});

describe('the TLB refresher (what a QEMU TCG guest runs while it measures)', () => {
  it('runs from the recording to the end of the measurement, and its log says how often it woke', async () => {
    const host = fakeHost();
    const outcome = await runLocal(shortRun('one_target', '1s'), { ...host.options, tlbRefreshUs: 5000 });
    const dir = outcome.dir!;
    const status = readJson<RunStatus>(join(dir, 'status.json'));
    expect(status.state).toBe('complete');
    const refresher = status.processes.find((p) => p.ref === 'tlb-refresh')!;
    expect(refresher).toMatchObject({ args: ['5000'], exitCode: 0, signal: null, endedOnItsOwn: false });
    expect(alive(refresher.pid!)).toBe(false);
    // Stopped as the measurement ended, before the teardown stopped the workloads.
    const workload = status.processes.find((p) => p.ref === 'w0')!;
    expect(refresher.endedNs!).toBeGreaterThanOrEqual(status.clock!.measureEndNs!);
    expect(refresher.endedNs!).toBeLessThan(workload.endedNs!);
    const log = readFileSync(join(dir, 'logs/tlb-refresh.log'), 'utf8');
    expect(log).toMatch(/^tlb-refresh: every 5000 us on \d+ CPUs \((fifo|normal)\)\n/);
    expect(log).toMatch(/\ntlb-refresh: stopped: \d+ wake-ups on \d+ CPUs in \d+\.\d+ s \(\d+ late\)\n$/);
  });

  it('refuses the run, before anything starts, when the refresher cannot run', async () => {
    const host = fakeHost({}, { TLB_REFRESH: '/nonexistent/tlb-refresh' });
    const before = host.emulator.snapshot();
    await expect(runLocal(shortRun('one_target', '1s'), { ...host.options, tlbRefreshUs: 5000 })).rejects.toThrow(
      'cannot run the TLB refresher that keeps DAMON from going blind under TCG: /nonexistent/tlb-refresh is not an executable file',
    );
    expect(host.emulator.snapshot()).toEqual(before);
  });
});
