// DAMOS and baselines through the local backend against the sysfs emulator: real masim processes,
// the real executor and samplers, the stand-in perf.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../src/analysis/stored.js';
import { runLocal } from '../../src/backends/local.js';
import { RefusedError } from '../../src/backends/backend.js';
import type { WorkloadMemory } from '../../src/record/memory.js';
import type { RunStatus } from '../../src/record/run-files.js';
import type { SchemeStats } from '../../src/record/scheme-stats.js';
import { loadExperiment } from '../../src/manifest/load.js';
import { EXPERIMENTS, fakeHost, shortRun } from '../helpers/harness.js';

/** A host whose THP is what proactive_reclaim asks for (never). */
function neverThpHost() {
  const host = fakeHost();
  const thpFile = join(host.dir, 'thp-enabled');
  writeFileSync(thpFile, 'always madvise [never]\n');
  return { ...host, options: { ...host.options, thpFile } };
}

/** The first repetition of a point of experiments/proactive_reclaim.yaml, shortened. */
function reclaimRun(monitoring: string, schemes: string, duration = '2s') {
  const { runs } = loadExperiment(join(EXPERIMENTS, 'proactive_reclaim.yaml'), { sets: [`duration=${duration}`] });
  const run = runs.find(
    (r) => r.params.monitoring === monitoring && r.params.schemes === schemes && r.repetition === 1,
  );
  if (!run) throw new Error(`no run ${monitoring}/${schemes}: ${runs.map((r) => r.id).join(', ')}`);
  return run;
}

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('schemes on the local backend', () => {
  it("samples the schemes' counters while DAMON runs and the workloads' memory, and analyses both", async () => {
    const host = neverThpHost();
    const initial = host.emulator.snapshot();
    const run = reclaimRun('on', 'pageout_1s');
    const outcome = await runLocal(run, host.options);
    const dir = outcome.dir!;
    const status = readJson<RunStatus>(join(dir, 'status.json'));
    expect(status.errors).toEqual([]);
    expect(status.state).toBe('complete');

    const stats = readJson<SchemeStats>(join(dir, 'scheme-stats.json'));
    expect(stats.schemes).toEqual([{ kdamond: 0, context: 0, scheme: 0, action: 'pageout', set: 'pageout_1s' }]);
    expect(stats.samples.length).toBeGreaterThanOrEqual(3);
    const tried = stats.samples.map((s) => s.nr_tried);
    expect(tried).toEqual([...tried].sort((a, b) => a - b));
    expect(tried.at(-1)).toBeGreaterThan(tried[0]!);
    // Each sample asked the kdamond to refresh its counters, while it ran: between on and off.
    const log = host.emulator.log.map((w) => `${w.path}=${w.value}`);
    const on = log.lastIndexOf('kdamonds/0/state=on');
    const off = log.lastIndexOf('kdamonds/0/state=off');
    const updates = log.flatMap((w, i) => (w === 'kdamonds/0/state=update_schemes_stats' ? [i] : []));
    expect(updates.length).toBe(stats.samples.length);
    expect(updates.filter((i) => !(i > on && i < off))).toEqual([]);
    expect(host.emulator.snapshot()).toEqual(initial);

    const memory = readJson<WorkloadMemory>(join(dir, 'memory.json'));
    const own = memory.samples.filter((s) => s.ref === 'w0');
    expect(own.length).toBeGreaterThanOrEqual(3);
    // masim maps and populates 96 MiB before its first phase.
    expect(Math.max(...own.map((s) => s.rssBytes ?? 0))).toBeGreaterThan(90 * 2 ** 20);

    const analysed = await analyseRun(dir);
    if ('error' in analysed) throw new Error(analysed.error);
    expect(analysed.analysis.schemes?.[0]?.totals).toEqual({
      nr_tried: stats.samples.at(-1)!.nr_tried,
      sz_tried: stats.samples.at(-1)!.sz_tried,
      nr_applied: stats.samples.at(-1)!.nr_applied,
      sz_applied: stats.samples.at(-1)!.sz_applied,
      qt_exceeds: stats.samples.at(-1)!.qt_exceeds,
    });
    expect(analysed.analysis.workloads?.[0]?.memory?.rssMaxBytes).toBeGreaterThan(90 * 2 ** 20);
    expect(analysed.analysis.workloads?.[0]?.throughput?.accessesPerSecond).toBeGreaterThan(0);
  }, 60_000);

  it('runs a baseline with monitoring off: no DAMON, no perf, the workloads measured', async () => {
    const host = neverThpHost();
    const run = reclaimRun('off', 'none');
    expect(run.monitoring).toBe('off');
    const outcome = await runLocal(run, host.options);
    const dir = outcome.dir!;
    const status = readJson<RunStatus>(join(dir, 'status.json'));
    expect(status.errors).toEqual([]);
    expect(status.state).toBe('complete');
    // Reads only: it checked that DAMON was free, and wrote nothing.
    expect(host.emulator.log).toEqual([]);
    expect(status.processes.map((p) => p.ref)).toEqual(['w0']);
    for (const file of ['masim.data', 'masim.script', 'scheme-stats.json'])
      expect(existsSync(join(dir, file))).toBe(false);
    const analysed = await analyseRun(dir);
    if ('error' in analysed) throw new Error(analysed.error);
    expect(analysed.analysis.monitoring).toBe('off');
    expect(analysed.analysis.targets).toEqual([]);
    expect(analysed.analysis.workloads?.[0]?.memory?.samples).toBeGreaterThanOrEqual(3);
    expect(analysed.analysis.workloads?.[0]?.throughput?.phases[0]?.name).toBe('hot only');
  }, 60_000);

  it("refuses a paddr scheme that acts on this host's memory unless the manifest allows it", async () => {
    const host = fakeHost();
    const yaml = (allow: boolean) => [
      `layout={kdamonds: [{contexts: [{operations: paddr, targets: [{}], schemes: [{action: pageout}]}]}]}`,
      `allow_physical_actions=${allow}`,
    ];
    const refused = shortRun('one_target', '1s', yaml(false));
    await expect(runLocal(refused, host.options)).rejects.toThrow(RefusedError);
    await expect(runLocal(refused, host.options)).rejects.toThrow(
      /'pageout' scheme on paddr .* whole machine's memory/,
    );
    expect(host.emulator.log).toEqual([]);
    const allowed = shortRun('one_target', '1s', yaml(true));
    const outcome = await runLocal(allowed, host.options);
    expect(readJson<RunStatus>(join(outcome.dir!, 'status.json')).state).toBe('complete');
  }, 60_000);

  it("refuses a run whose THP setting is not this host's, and runs one whose is", async () => {
    const host = fakeHost();
    const thpFile = join(host.dir, 'thp-enabled');
    writeFileSync(thpFile, 'always [madvise] never\n');
    const run = shortRun('one_target', '1s', ['backend.thp=never']);
    await expect(runLocal(run, { ...host.options, thpFile })).rejects.toThrow(
      "the run asks for transparent huge pages 'never', but this host's are 'madvise'",
    );
    expect(host.emulator.log).toEqual([]);
    writeFileSync(thpFile, 'always madvise [never]\n');
    const outcome = await runLocal(run, { ...host.options, thpFile });
    expect(readJson<RunStatus>(join(outcome.dir!, 'status.json')).state).toBe('complete');
  }, 60_000);
});
