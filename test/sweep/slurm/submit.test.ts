// A submission on a fake Slurm: what it refuses before anything reaches Slurm (a run named as the
// jobs' directory, earlier results without --resume or --force, a job of the sweep still running),
// what --resume leaves out, and what --dry-run's plan holds. A real cluster: test/e2e/slurm.test.ts.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../../src/manifest/load.js';
import type { Run } from '../../../src/manifest/run.js';
import { lockResults } from '../../../src/record/run-directory.js';
import { runAlone } from '../../../src/backends/backend.js';
import type { QueuedTask, SlurmClient } from '../../../src/sweep/slurm/client.js';
import { readJobRecords, writeJobRecord } from '../../../src/sweep/slurm/job-record.js';
import { planSubmission, submitJob, type SlurmSubmitOptions } from '../../../src/sweep/slurm/submit.js';
import { fakeBackend } from '../../helpers/fake-backend.js';

const SWEEP = fileURLToPath(new URL('../../fixtures/manifests/sweep_with_failure.yaml', import.meta.url));
const EXPERIMENT = loadExperiment(SWEEP);

/** A Slurm that lists `queued` for every job and refuses to take a new one (no test reaches sbatch). */
function fakeSlurm(queued: QueuedTask[] = []): SlurmClient & { submitted: string[] } {
  const submitted: string[] = [];
  return {
    submitted,
    submit: (script) => {
      submitted.push(script);
      return Promise.reject(new Error('no sbatch here'));
    },
    queue: () => Promise.resolve(queued),
    ended: () => Promise.resolve([]),
    cancel: () => Promise.resolve(),
    nodes: () => Promise.resolve(['n1']),
    maxArraySize: () => Promise.resolve(1001),
  };
}

interface Given {
  runs: Run[];
  resultsRoot: string;
  resume: boolean;
  client: SlurmClient;
}

function options(overrides: Partial<Given> = {}): Given {
  return {
    runs: EXPERIMENT.runs,
    resultsRoot: mkdtempSync(join(tmpdir(), 'damon-exp-submit-')),
    resume: false,
    client: fakeSlurm(),
    ...overrides,
  };
}

/** The submission of a qemu sweep of these runs, 2 at once. */
function toSubmit({ runs, resultsRoot, resume, client }: Given): SlurmSubmitOptions {
  return {
    request: {
      settings: {
        manifest: { file: SWEEP, sets: [], maxRuns: 10_000 },
        resultsRoot,
        backend: null,
        host: { sysfsRoot: null, tracefsRoot: null, perf: null },
        qemu: { kernel: null, accel: null, append: null, bootTimeout: null, guestTimeout: null },
        force: false,
        resume,
      },
      experiment: EXPERIMENT,
      runs,
      jobs: 2,
      failFast: false,
      executor: {
        kind: 'slurm',
        backend: 'qemu',
        settings: EXPERIMENT.executor.settings,
        detach: false,
        assumeShared: false,
      },
      dryRun: false,
      json: false,
      strict: false,
      png: false,
    },
    env: {},
    client,
  };
}

const said = () => {
  const lines: string[] = [];
  return { lines, reports: { say: (text: string) => lines.push(text), warn: (text: string) => lines.push(text) } };
};

/** Complete results of these runs, as a run writes them. */
async function complete(resultsRoot: string, runs: readonly Run[]): Promise<void> {
  for (const run of runs) await runAlone(fakeBackend('qemu'), run, { resultsRoot });
}

/** Whether the sweep's results directory is free (the submission gave its lock back). */
async function unlocked(resultsRoot: string): Promise<boolean> {
  const release = await lockResults(resultsRoot, EXPERIMENT.name).catch(() => null);
  release?.();
  return release !== null;
}

describe('submitJob', () => {
  it('refuses a run named as the directory where the jobs are kept, a dry run too', async () => {
    const o = options({ runs: [{ ...EXPERIMENT.runs[0]!, id: 'slurm' }] });
    const refusal = `'sweep_with_failure' has a run named 'slurm', the directory where the Slurm executor keeps its jobs`;
    await expect(submitJob(toSubmit(o), said().reports)).rejects.toThrow(refusal);
    await expect(planSubmission(toSubmit(o))).rejects.toThrow(refusal);
  });

  it('refuses earlier results without --resume or --force, naming them, and gives the results directory back', async () => {
    const o = options();
    await complete(o.resultsRoot, EXPERIMENT.runs.slice(0, 2));
    const sweepDir = join(o.resultsRoot, EXPERIMENT.name);
    await expect(submitJob(toSubmit(o), said().reports)).rejects.toThrow(
      `${sweepDir} already holds results of 2 of these 6 runs (${EXPERIMENT.runs[0]!.id}, ${EXPERIMENT.runs[1]!.id})`,
    );
    expect((o.client as ReturnType<typeof fakeSlurm>).submitted).toEqual([]);
    expect(existsSync(join(sweepDir, 'slurm'))).toBe(false);
    expect(await unlocked(o.resultsRoot)).toBe(true);
  });

  it('with --resume, leaves the complete runs out, and submits nothing when every run is complete', async () => {
    const o = options({ resume: true });
    await complete(o.resultsRoot, EXPERIMENT.runs);
    const { lines, reports } = said();
    const submission = await submitJob(toSubmit(o), reports);
    expect(submission).toEqual({ submitted: false, skipped: EXPERIMENT.runs });
    expect(lines).toEqual(['6 of 6 runs are complete already: skipped']);
    expect(await unlocked(o.resultsRoot)).toBe(true);
  });

  it('refuses while a job of the sweep is still pending or running, naming it', async () => {
    const o = options({ client: fakeSlurm([{ taskId: 0, state: 'RUNNING', node: 'n1' }]) });
    const sweepDir = join(o.resultsRoot, EXPERIMENT.name);
    await writeJobRecord(sweepDir, {
      format: 'damon-exp.slurm-job/1',
      jobId: '31',
      name: EXPERIMENT.name,
      script: join(sweepDir, 'slurm', 'job-x.sh'),
      submittedAt: new Date().toISOString(),
      backend: 'qemu',
      runs: EXPERIMENT.runs.slice(0, 1),
    });
    await expect(submitJob(toSubmit(o), said().reports)).rejects.toThrow(
      `Slurm job 31 of ${sweepDir} is still pending or running`,
    );
    expect((await readJobRecords(sweepDir))[0]!.finalizedAt).toBeUndefined();
    expect(await unlocked(o.resultsRoot)).toBe(true);
  });

  it('records the end of an earlier job that ended while nobody watched, before it looks at the results', async () => {
    const o = options();
    const sweepDir = join(o.resultsRoot, EXPERIMENT.name);
    await writeJobRecord(sweepDir, {
      format: 'damon-exp.slurm-job/1',
      jobId: '32',
      name: EXPERIMENT.name,
      script: join(sweepDir, 'slurm', 'job-x.sh'),
      submittedAt: new Date().toISOString(),
      backend: 'qemu',
      runs: EXPERIMENT.runs.slice(0, 1),
    });
    // Its one task left nothing: its run directory now says so, an earlier result of this sweep.
    await expect(submitJob(toSubmit(o), said().reports)).rejects.toThrow('already holds results of 1 of these 6 runs');
    expect((await readJobRecords(sweepDir))[0]!.finalizedAt).toBeDefined();
    expect(readdirSync(sweepDir)).toContain(EXPERIMENT.runs[0]!.id);
  });
});

describe('planSubmission (--dry-run)', () => {
  it('gives the job of the runs to do, where its script would go, and whether a submission would be refused', async () => {
    const o = options();
    await complete(o.resultsRoot, EXPERIMENT.runs.slice(0, 2));
    const refused = await planSubmission(toSubmit(o));
    expect(refused.refused).toBe(true);
    expect(refused.existing.map((r) => r.id)).toEqual(EXPERIMENT.runs.slice(0, 2).map((r) => r.id));
    expect(refused.spec!.ids).toEqual(EXPERIMENT.runs.map((r) => r.id));

    const resumed = await planSubmission(toSubmit({ ...o, resume: true }));
    expect(resumed.refused).toBe(false);
    expect(resumed.skipped.map((r) => r.id)).toEqual(EXPERIMENT.runs.slice(0, 2).map((r) => r.id));
    expect(resumed.spec!.ids).toEqual(EXPERIMENT.runs.slice(2).map((r) => r.id));
    expect(resumed.spec!.throttle).toBe(2);
    expect(resumed.spec!.command).toContain('--resume');
    expect(resumed.script).toMatch(new RegExp(`^${join(o.resultsRoot, EXPERIMENT.name, 'slurm')}/job-[^/]+\\.sh$`));
    expect(existsSync(join(o.resultsRoot, EXPERIMENT.name, 'slurm'))).toBe(false);

    await complete(o.resultsRoot, EXPERIMENT.runs.slice(2));
    const none = await planSubmission(toSubmit({ ...o, resume: true }));
    expect(none.spec).toBeNull();
    expect(none.skipped).toHaveLength(6);
  });
});
