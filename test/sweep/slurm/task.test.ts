// A Slurm task's side, without a cluster: which task it is from Slurm's environment, the manifest
// it refuses, and how it runs its one run. Its run on the command line: test/cli/slurm.test.ts.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../../src/manifest/load.js';
import type { RunSettings } from '../../../src/sweep/request.js';
import { checkJobManifest, slurmTaskOf, taskSchedule } from '../../../src/sweep/slurm/task.js';

const SWEEP = fileURLToPath(new URL('../../fixtures/manifests/sweep_with_failure.yaml', import.meta.url));

describe('slurmTaskOf', () => {
  it('reads the job, the task, the node and the CPUs Slurm gave it', () => {
    expect(
      slurmTaskOf({
        SLURM_ARRAY_JOB_ID: '77',
        SLURM_ARRAY_TASK_ID: '3',
        SLURMD_NODENAME: 'n7',
        SLURM_CPUS_PER_TASK: '4',
      }),
    ).toEqual({ jobId: '77', taskId: 3, node: 'n7', cpus: 4 });
    expect(slurmTaskOf({ SLURM_ARRAY_JOB_ID: '77', SLURM_ARRAY_TASK_ID: '0', SLURM_CPUS_ON_NODE: '8' })).toEqual({
      jobId: '77',
      taskId: 0,
      node: null,
      cpus: 8,
    });
    expect(
      slurmTaskOf({ SLURM_ARRAY_JOB_ID: '77', SLURM_ARRAY_TASK_ID: '1', SLURM_CPUS_PER_TASK: 'x' })?.cpus,
    ).toBeNull();
  });

  it('is none outside an array task', () => {
    expect(slurmTaskOf({})).toBeNull();
    expect(slurmTaskOf({ SLURM_ARRAY_JOB_ID: '77' })).toBeNull();
    expect(slurmTaskOf({ SLURM_ARRAY_JOB_ID: '77', SLURM_ARRAY_TASK_ID: '3x' })).toBeNull();
  });
});

describe('checkJobManifest', () => {
  const experiment = loadExperiment(SWEEP);
  const run = experiment.runs[0]!;
  const task = { jobId: '77', taskId: 0, node: null, cpus: null };

  it("takes the job's manifest, and one run without the job's sha256 (a script from before it was set)", () => {
    expect(() =>
      checkJobManifest(run, experiment.sha256, task, { DAMON_EXP_MANIFEST_SHA256: experiment.sha256 }),
    ).not.toThrow();
    expect(() => checkJobManifest(run, experiment.sha256, task, {})).not.toThrow();
  });

  it('refuses a manifest changed since the job was submitted, saying how to submit again', () => {
    expect(() => checkJobManifest(run, experiment.sha256, task, { DAMON_EXP_MANIFEST_SHA256: 'f'.repeat(64) })).toThrow(
      `${run.manifest.file} changed since Slurm job 77 was submitted (its sha256 is not the job's ffffffffffff…)`,
    );
  });
});

describe('taskSchedule', () => {
  it('runs one run, locking it only; a complete result is skipped unless the job said --force', () => {
    const settings = (force: boolean): RunSettings => ({
      manifest: { file: '/m/x.yaml', sets: [], maxRuns: 10 },
      resultsRoot: '/results',
      backend: 'qemu',
      host: { sysfsRoot: null, tracefsRoot: null, perf: null },
      qemu: { kernel: null, accel: null, append: null, bootTimeout: null, guestTimeout: null },
      force,
      resume: false,
    });
    const same = { resultsRoot: '/results', backend: 'qemu', jobs: 1, failFast: false, lockScope: 'runs' };
    expect(taskSchedule(settings(false))).toEqual({ ...same, force: false, resume: true });
    expect(taskSchedule(settings(true))).toEqual({ ...same, force: true, resume: false });
  });
});
