// What `run --dry-run` says of each run, given the results directory and --resume or --force: the
// scheduler's rules, nothing written.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/manifest/load.js';
import { runAlone } from '../../src/backends/backend.js';
import { planRuns, wouldRun } from '../../src/sweep/dry-run.js';
import { fakeBackend } from '../helpers/fake-backend.js';

const SWEEP = fileURLToPath(new URL('../fixtures/manifests/sweep_with_failure.yaml', import.meta.url));

describe('planRuns', () => {
  it('runs what has no result, skips with --resume a complete one of the same run, re-runs the others (saying what changed), refuses without', async () => {
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-dry-run-'));
    const runs = loadExperiment(SWEEP).runs.slice(0, 4);
    const [fresh, done, failed, changed] = runs as [
      (typeof runs)[0],
      (typeof runs)[0],
      (typeof runs)[0],
      (typeof runs)[0],
    ];
    await runAlone(fakeBackend('qemu'), done, { resultsRoot: root });
    await runAlone(
      fakeBackend('qemu', () => 'fail'),
      failed,
      { resultsRoot: root },
    );
    await runAlone(fakeBackend('qemu'), { ...changed, durationUs: changed.durationUs + 1 }, { resultsRoot: root });
    const before = readdirSync(join(root, 'sweep_with_failure')).sort();
    const actions = async (options: { resume: boolean; force: boolean }) =>
      (await planRuns(runs, root, options)).map((p) => p.action);

    expect(await actions({ resume: true, force: false })).toEqual([
      'run',
      'skip: complete, same run',
      're-run: failed before',
      're-run: duration 300.001 ms -> 300 ms',
    ]);
    expect(await actions({ resume: false, force: true })).toEqual([
      'run',
      'run: the earlier result (complete, the same run) is kept aside once the new one completes',
      'run: the earlier result (failed, the same run) is kept aside',
      'run: the earlier result (complete; since: duration 300.001 ms -> 300 ms) is kept aside once the new one completes',
    ]);
    const refused = await planRuns(runs, root, { resume: false, force: false });
    expect(refused.map((p) => p.action)).toEqual([
      'run',
      'refused: a result exists (complete); --resume or --force',
      'refused: a result exists (failed); --resume or --force',
      'refused: a result exists (complete); --resume or --force',
    ]);
    expect(refused.filter(wouldRun).map((p) => p.id)).toEqual([fresh.id]);
    expect(refused[0]).toEqual({
      id: fresh.id,
      dir: join(root, 'sweep_with_failure', fresh.id),
      action: 'run',
      params: fresh.params,
    });
    expect(readdirSync(join(root, 'sweep_with_failure')).sort()).toEqual(before);
  });
});

describe('planRuns over a damaged result', () => {
  it.each([
    ['a status.json cut short', '{"state": "compl'],
    ['a status.json of another form', '{"state": 5}'],
  ])('says %s is corrupt, not that the run changed', async (_what, text) => {
    const { writeFileSync } = await import('node:fs');
    const root = mkdtempSync(join(tmpdir(), 'damon-exp-dry-run-'));
    const [run] = loadExperiment(SWEEP).runs;
    await runAlone(fakeBackend('qemu'), run!, { resultsRoot: root });
    writeFileSync(join(root, 'sweep_with_failure', run!.id, 'status.json'), text);
    expect((await planRuns([run!], root, { resume: true, force: false }))[0]!.action).toBe(
      're-run: its earlier result is corrupt (status.json or run.json cannot be read)',
    );
  });
});
