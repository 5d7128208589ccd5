import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandExperiment } from '../../src/manifest/load.js';

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-matrix-'));
writeFileSync(join(dir, 'w.cfg'), 'a, 4096\n\np\n600000\na, 0, 4096, 1\n');
const file = join(dir, 'exp.yaml');

const BASE = `name: exp
workloads:
  w: {masim: w.cfg}
  v: {masim: w.cfg}
layout: {kind: many-targets, workloads: [w]}
`;

const expand = (yaml: string, sets: string[] = []) => expandExperiment(file, BASE + yaml, { sets }).runs;

describe('matrix expansion', () => {
  it('takes the cartesian product of the axes, in the order written', () => {
    const runs = expand('matrix:\n  monitoring.sample: [5ms, 10ms]\n  layout.targets: [1, 2, 4]\n');
    expect(runs.map((r) => r.id)).toEqual([
      'sample-5ms_targets-1',
      'sample-5ms_targets-2',
      'sample-5ms_targets-4',
      'sample-10ms_targets-1',
      'sample-10ms_targets-2',
      'sample-10ms_targets-4',
    ]);
    expect(runs[4]!.params).toEqual({ 'monitoring.sample': '10ms', 'layout.targets': 2 });
    expect(runs[4]!.layout.kdamonds[0]!.contexts[0]!.attrs.sampleUs).toBe(10_000);
    expect(runs[4]!.layout.kdamonds[0]!.contexts[0]!.targets).toHaveLength(2);
  });

  it('drops combinations that have all the values of an exclude entry', () => {
    const runs = expand(
      'matrix:\n  monitoring.sample: [5ms, 10ms]\n  layout.targets: [1, 2]\n  exclude:\n    - {monitoring.sample: 10ms, layout.targets: 1}\n    - {layout.targets: 2, monitoring.sample: 5ms}\n',
    );
    expect(runs.map((r) => r.id)).toEqual(['sample-5ms_targets-1', 'sample-10ms_targets-2']);
  });

  it('extends matching combinations with include entries, and adds the ones that match none', () => {
    const runs = expand(`matrix:
  layout.kind: [many-targets, many-contexts]
  include:
    - {layout.kind: many-contexts, layout.contexts_per_kdamond: one}
    - {layout.kind: one-target, duration: 1s}
`);
    expect(runs.map((r) => [r.id, r.params])).toEqual([
      ['kind-many-targets', { 'layout.kind': 'many-targets' }],
      [
        'kind-many-contexts_contexts_per_kdamond-one',
        { 'layout.kind': 'many-contexts', 'layout.contexts_per_kdamond': 'one' },
      ],
      ['kind-one-target_duration-1s', { 'layout.kind': 'one-target', duration: '1s' }],
    ]);
    expect(runs[1]!.layout.contextsPerKdamond).toBe('one');
    expect(runs[2]!.durationUs).toBe(1_000_000);
  });

  it('varies whole values: lists of workloads and named workloads', () => {
    const runs = expand('matrix:\n  layout.workloads: [[w], [w, v]]\n  workloads.w.masim: [w.cfg]\n');
    expect(runs.map((r) => r.id)).toEqual(['workloads-w_masim-w.cfg', 'workloads-w+v_masim-w.cfg']);
  });

  it('repeats every point, and applies --set after the matrix, naming it in the ids', () => {
    const runs = expand('repeat: 2\nmatrix:\n  layout.targets: [1, 2]\n', ['duration=3s', 'monitoring.aggr=200ms']);
    expect(runs.map((r) => [r.id, r.repetition, r.repetitions])).toEqual([
      ['targets-1_duration-3s_aggr-200ms', 1, 2],
      ['targets-1_duration-3s_aggr-200ms_rep2', 2, 2],
      ['targets-2_duration-3s_aggr-200ms', 1, 2],
      ['targets-2_duration-3s_aggr-200ms_rep2', 2, 2],
    ]);
    expect(runs.map((r) => [r.id, r.durationUs, r.layout.kdamonds[0]!.contexts[0]!.attrs.aggrUs])).toEqual(
      runs.map((r) => [r.id, 3_000_000, 200_000]),
    );
  });

  it('refuses --set on a matrix axis', () => {
    expect(() => expand('matrix:\n  layout.targets: [1, 2]\n', ['layout.targets=5'])).toThrow(
      "--set layout.targets=5: 'layout.targets' is a matrix axis of this manifest; --set cannot override it",
    );
  });

  it('names a run without a matrix `run`, and its further repetitions rep2..N', () => {
    expect(expand('').map((r) => r.id)).toEqual(['run']);
    expect(expand('repeat: 3\n').map((r) => r.id)).toEqual(['run', 'rep2', 'rep3']);
  });

  it('keeps the ids of existing points when values or repetitions are added', () => {
    const before = expand('matrix:\n  monitoring.aggr: [100ms, 200ms]\n').map((r) => r.id);
    const moreValues = expand('matrix:\n  monitoring.aggr: [100ms, 200ms, 400ms]\n').map((r) => r.id);
    const moreRepetitions = expand('repeat: 3\nmatrix:\n  monitoring.aggr: [100ms, 200ms]\n').map((r) => r.id);
    expect(before).toEqual(['aggr-100ms', 'aggr-200ms']);
    expect(moreValues).toEqual([...before, 'aggr-400ms']);
    expect(moreRepetitions).toEqual([
      'aggr-100ms',
      'aggr-100ms_rep2',
      'aggr-100ms_rep3',
      'aggr-200ms',
      'aggr-200ms_rep2',
      'aggr-200ms_rep3',
    ]);
    expect(expand('repeat: 2\n').map((r) => r.id)).toEqual(['run', 'rep2']);
  });

  it('keeps the name of a point when a later value clashes with it, and tells the later one apart', () => {
    const alone = expand('matrix:\n  description: ["x y"]\n').map((r) => r.id);
    const clashing = expand('matrix:\n  description: ["x y", "x_y"]\n').map((r) => r.id);
    expect(alone).toEqual(['description-x_y']);
    expect(clashing[0]).toBe('description-x_y');
    expect(clashing[1]).toMatch(/^description-x_y-[0-9a-f]{8}$/);
  });

  it('makes ids that are unique, stable and safe as path components', () => {
    const yaml = 'matrix:\n  description: ["a/b", "a_b", "../..", "x y", "", "ü"]\n';
    const first = expand(yaml).map((r) => r.id);
    expect(first).toHaveLength(6);
    expect(expand(yaml).map((r) => r.id)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    for (const id of first) {
      expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/);
      expect(id.length).toBeLessThanOrEqual(96);
    }
  });

  it('keeps long ids short and unique', () => {
    const long = 'x'.repeat(200);
    const ids = expand(`matrix:\n  description: ["${long}a", "${long}b"]\n`).map((r) => r.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id.length, id).toBeLessThanOrEqual(96);
    expect(new Set(ids).size).toBe(2);
  });
});
