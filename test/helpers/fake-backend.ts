// A backend for scheduler tests: it runs nothing, but does what a backend does with the run
// directory (opens it through RunDirectory, writes a short trace and a status, moves it
// into place), in milliseconds. Each run's behaviour is the test's choice, by run id.
import type { Run } from '../../src/manifest/run.js';
import { RunDirectory } from '../../src/record/run-directory.js';
import { newStatus, RUN_FILES } from '../../src/record/run-files.js';
import {
  RefusedError,
  type Backend,
  type BackendKind,
  type Checked,
  type RunRequest,
} from '../../src/backends/backend.js';
import type { RunOutcome } from '../../src/record/outcome.js';

export type FakeBehaviour =
  /** Writes a trace and a complete status. */
  | 'complete'
  /** Its preflight refuses (the backend cannot serve the run). */
  | 'refuse'
  /** Runs, and fails (the workload could not start). */
  | 'fail'
  /** Runs until aborted, then is interrupted. */
  | 'hang';

/**
 * 25 snapshots of one region, 100 ms apart, as perf script prints them: past damo's 20 of warm-up,
 * so that the run's validity has nothing to say against it.
 */
const TRACE = Array.from(
  { length: 25 },
  (_, i) =>
    `kdamond.0   162 [000]     ${(8.268949 + i * 0.1).toFixed(6)}: damon:damon_aggregated: target_id=0 nr_regions=1 4096-8192: 1 0\n`,
).join('');

export interface FakeBackend extends Backend {
  /** Preflights by run id. */
  preflights: Map<string, number>;
  /** Run ids in the order their runs started. */
  started: string[];
  /** The most runs that ran at once. */
  maxConcurrent: number;
  /** The most preflights held at once (from a preflight that passed to its run's end or its release): what a lock would see. */
  maxHeld: number;
  /** What each run's request said (why, parallel). */
  requests: Map<string, RunRequest>;
  /** Preflights given back without a run (their run never came). */
  released: string[];
}

export function fakeBackend(
  kind: BackendKind,
  behaviour: (run: Run) => FakeBehaviour = () => 'complete',
  { maxParallel = kind === 'local' ? 1 : Infinity, runMs = 5 } = {},
): FakeBackend {
  let running = 0;
  let held = 0;
  const backend: FakeBackend = {
    kind,
    maxParallel,
    preflights: new Map(),
    started: [],
    maxConcurrent: 0,
    maxHeld: 0,
    requests: new Map(),
    released: [],
    async preflight(run) {
      backend.preflights.set(run.id, (backend.preflights.get(run.id) ?? 0) + 1);
      if (behaviour(run) === 'refuse') throw new RefusedError(`the fake ${kind} backend refuses ${run.id}`, 'a hint');
      let ran = false;
      let holding = true;
      held++;
      backend.maxHeld = Math.max(backend.maxHeld, held);
      const checked: Checked & { ran(): void } = {
        release: () => {
          if (holding) held--;
          holding = false;
          if (!ran) backend.released.push(run.id);
        },
        ran: () => {
          ran = true;
        },
      };
      return checked;
    },
    async run(run, checked, request): Promise<RunOutcome> {
      (checked as Checked & { ran(): void }).ran();
      backend.requests.set(run.id, request);
      const status = newStatus(run.id, kind);
      const dir = await RunDirectory.open(
        request.resultsRoot,
        run.manifest.name,
        run.id,
        `${JSON.stringify(run, null, 2)}\n`,
        { status, force: request.force, resume: request.resume },
      );
      if (!dir) return { dir: null, status: null };
      backend.started.push(run.id);
      running++;
      backend.maxConcurrent = Math.max(backend.maxConcurrent, running);
      try {
        request.onStage('recording', { durationUs: run.durationUs });
        const mode = behaviour(run);
        if (mode === 'hang') {
          await new Promise<void>((resolve) => {
            if (request.abort.aborted) resolve();
            request.abort.addEventListener('abort', () => resolve(), { once: true });
          });
        } else await new Promise((resolve) => setTimeout(resolve, runMs));
        await dir.write(RUN_FILES.traceScript, TRACE);
        if (mode === 'fail') {
          status.state = 'failed';
          status.errors.push('workload w0 (/nonexistent/program) exited with status 127');
        } else if (request.abort.aborted) {
          status.state = 'interrupted';
          status.errors.push(`stopped early: ${String(request.abort.reason)}`);
        } else status.state = 'complete';
        status.endedAt = new Date().toISOString();
        await dir.writeStatus(status);
      } finally {
        running--;
        checked.release();
      }
      const closed = await dir.close();
      return { dir: closed.dir, status };
    },
  };
  return backend;
}
