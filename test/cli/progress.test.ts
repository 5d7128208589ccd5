import { describe, expect, it } from 'vitest';
import { SweepProgress } from '../../src/cli/progress.js';
import type { Run } from '../../src/manifest/run.js';
import { captureOutput } from '../helpers/capture.js';

const runs = ['a', 'b', 'c', 'd'].map((id) => ({ id, durationUs: 5_000_000 }) as Run);

describe('sweep progress', () => {
  it('prints one line per finished run, numbered in the order they finish', () => {
    const { output, result } = captureOutput();
    const progress = new SweepProgress(output, false, runs, 2);
    progress.started(0);
    progress.started(1);
    progress.finished(1, { id: 'b', dir: null, state: 'failed', errors: ['boom'], wallMs: 1000 });
    progress.finished(0, { id: 'a', dir: null, state: 'complete', errors: [], wallMs: 2000 });
    progress.close();
    expect(result().stderr).toMatch(/^\[1\/4\] b: failed in \d+s: boom\n\[2\/4\] a: complete in \d+s\n$/);
  });

  it('estimates the time left from the finished runs, spread over the jobs', () => {
    const { output } = captureOutput();
    const progress = new SweepProgress(output, false, runs, 2);
    // Before any run finished: each run's duration plus 20 s of overhead.
    expect(progress.eta()).toBeCloseTo((4 * 25) / 2, 0);
    progress.started(0);
    progress.finished(0, { id: 'a', dir: null, state: 'complete', errors: [], wallMs: 10_000 });
    expect(progress.eta()).toBeCloseTo((3 * 10) / 2, 0);
    progress.close();
  });
});
