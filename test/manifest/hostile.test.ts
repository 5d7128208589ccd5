// Manifests that try to break validation: malformed matrices, names every JavaScript object has,
// values beyond what YAML integers hold, duplicates, and problems that must not hide each other.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { masimOf } from '../helpers/workloads.js';
import { InputError } from '../../src/manifest/diagnostics.js';
import { expandExperiment } from '../../src/manifest/load.js';

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-hostile-'));
writeFileSync(join(dir, 'w.cfg'), 'a, 4096\n\np\n600000\na, 0, 4096, 1\n');
writeFileSync(join(dir, 'short.cfg'), 'a, 4096\n\np\n5000\na, 0, 4096, 1\n');
const file = join(dir, 'exp.yaml');

const BASE = `name: exp
workloads:
  w: {masim: w.cfg}
layout: {kind: many-targets, workloads: [w]}
`;

function problems(yaml: string, sets: string[] = []): string[] {
  try {
    expandExperiment(file, yaml, { sets });
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics.map((d) => (d.line ? `${d.line}:${d.col}: ${d.message}` : `${d.file}: ${d.message}`));
    throw error;
  }
  return [];
}

describe('malformed matrices are reported, not ignored or crashed on', () => {
  it.each([
    ['an empty axis', 'matrix:\n  layout.targets: []\n', ['6:19: matrix.layout.targets: needs at least 1 item']],
    ['an axis that is no list', 'matrix:\n  layout.targets: 3\n', ['6:19: matrix.layout.targets: must be array']],
    ['a matrix that is a list', 'matrix: [1, 2]\n', ['5:9: matrix: must be object']],
    ['a null exclude entry', 'matrix:\n  layout.targets: [1]\n  exclude: [~]\n', ['7:13: matrix.exclude.0: must be object']],
    ['an include that is no list', 'matrix:\n  layout.targets: [1]\n  include: 5\n', ['7:12: matrix.include: must be array']],
    ['an include entry that is a string', 'matrix:\n  layout.targets: [1]\n  include: [abc]\n', ['7:13: matrix.include.0: must be object']],
  ])('%s', (_what, yaml, expected) => {
    expect(problems(BASE + yaml)).toEqual(expected);
  });

  it('refuses duplicate values, overlapping axes, and a matrix that excludes everything', () => {
    expect(problems(`${BASE}matrix:\n  layout.targets: [2, 2]\n`)).toEqual(['6:23: matrix.layout.targets lists 2 twice']);
    expect(problems(`${BASE}matrix:\n  monitoring: [{sample: 1ms}]\n  monitoring.sample: [2ms]\n`)).toEqual([
      "7:3: matrix: 'monitoring.sample' and 'monitoring' overlap: one is inside the other",
    ]);
    expect(problems(`${BASE}matrix:\n  layout.targets: [1]\n  exclude: [{layout.targets: 1}]\n`)).toEqual([
      '7:3: matrix.exclude leaves out every combination: nothing would run',
    ]);
    expect(problems(`${BASE}matrix:\n  duration: [1s]\n  include: [{duration: 2s}, {duration: 2s}]\n`)).toEqual([
      '7:29: matrix.include repeats a combination the matrix already has',
    ]);
  });
});

describe('names that every JavaScript object has are names like any other', () => {
  it('does not take an inherited property for a workload', () => {
    expect(problems(BASE.replace('workloads: [w]', 'workloads: [w, hasOwnProperty, constructor]'))).toEqual([
      "4:45: unknown workload 'hasOwnProperty'",
      "4:61: unknown workload 'constructor'",
    ]);
  });

  it('does not let a path reach the prototype', () => {
    expect(problems(BASE, ['workloads.__proto__.masim=x', 'workloads.constructor.masim=x'])).toEqual([
      "--set workloads.__proto__.masim=x: 'workloads.__proto__.masim' addresses nothing in the manifest: 'workloads.__proto__' is not a key there",
      "--set workloads.constructor.masim=x: 'workloads.constructor.masim' addresses nothing in the manifest: 'workloads.constructor' is not a key there",
    ]);
    expect(({} as Record<string, unknown>).masim).toBeUndefined();
  });
});

describe('values beyond what they can hold', () => {
  it('refuses addresses a YAML integer cannot hold exactly or beyond 64 bits, and still checks the rest', () => {
    const yaml = `name: exp
workloads: {w: {masim: w.cfg}}
monitoring: {sample: 1s}
layout:
  kdamonds:
    - contexts:
        - operations: paddr
          targets: [{regions: [{start: 9007199254740993, end: '0x10000000000000000'}, {start: abc, end: 5}]}]
`;
    expect(problems(yaml)).toEqual([
      '3:22: sampling interval (1000000 µs) is longer than the aggregation interval (100000 µs)',
      '8:40: this address is beyond what a YAML integer holds exactly',
      '8:63: 0x10000000000000000 is beyond a 64-bit address',
      '8:95: layout.kdamonds.0.contexts.0.targets.0.regions.1.start: "abc" is not an address: a decimal integer or a 0x-prefixed hexadecimal string',
    ]);
  });

  it('reports a bad duration once', () => {
    expect(problems(`${BASE}duration: 0.5us\n`)).toEqual(["5:11: '0.5us' is not a whole number of microseconds"]);
    expect(problems(`${BASE}duration: 0s\n`)).toEqual(['5:11: the duration must be above 0']);
  });

  it('takes a --set value that is not YAML as the string it is', () => {
    expect(problems(BASE, ['duration=[5s'])).toEqual(['--set duration=[5s: duration: "[5s" is not a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h']);
    expect(problems(BASE, ['duration=*a'])).toEqual(['--set duration=*a: duration: "*a" is not a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h']);
  });
});

describe('problems do not hide each other', () => {
  it('reports the rest of the manifest despite a duplicate key', () => {
    expect(problems(`${BASE}duration: 1s\nduration: 2s\nmonitoring: {sample: 0us}\nlayout: {kind: one-target, workloads: [zz]}\n`)).toEqual([
      '6:1: duplicate key: a key may appear only once in a mapping',
      '7:22: the sampling interval must be above 0',
      '8:1: duplicate key: a key may appear only once in a mapping',
      "8:40: unknown workload 'zz'",
    ]);
  });

  it('reports semantic problems despite a missing top-level key', () => {
    expect(problems(BASE.replace('name: exp\n', '') + 'monitoring: {sample: 1s}\n')).toEqual([
      "1:1: (top level): missing required key 'name'",
      '4:22: sampling interval (1000000 µs) is longer than the aggregation interval (100000 µs)',
    ]);
  });
});

describe('checks that keep a run honest', () => {
  it('refuses a workload that ends before the recording, unless it repeats', () => {
    const short = BASE.replace('w.cfg', 'short.cfg');
    expect(problems(`${short}duration: 10s\n`)).toEqual(["5:11: workload 'w' ends after 5 s, before the 10 s recording does"]);
    expect(problems(short.replace('{masim: short.cfg}', "{masim: short.cfg, args: ['--repeat', '0']}") + 'duration: 10s\n')).toEqual([]);
  });

  it('refuses phase names masim would misread, and arguments that span lines', () => {
    const yaml = `name: exp
workloads:
  w:
    regions: [{name: a, size: 4096, init: ' x'}]
    phases: [{name: '  ', duration: 10m, patterns: [{region: a, weight: 1}]}]
    args: ["a\\nb"]
layout: {kind: one-target, workloads: [w]}
`;
    expect(problems(yaml)).toEqual([
      `4:43: workloads.w.regions.0.init: " x" is not a file name or none, without commas or spaces around it`,
      `5:21: workloads.w.phases.0.name: "  " is not a phase name: one line, not starting with '#' or a space`,
      '6:12: workloads.w.args.0: "a\\nb" is not an argument on one line',
    ]);
  });

  it('says what a duplicate list item is', () => {
    expect(problems(`${BASE}record: {events: [damon:damon_aggregated, damon:damon_aggregated]}\n`)).toEqual([
      '5:43: record.events: lists "damon:damon_aggregated" twice',
    ]);
  });

  it('explains a second YAML document', () => {
    expect(problems(`${BASE}---\nname: other\n`)).toEqual(["5:1: a manifest is one YAML document, but a second one starts here ('---')"]);
  });
});

describe('conveniences', () => {
  it('accepts x- keys and YAML merge keys for sharing settings', () => {
    const yaml = `x-fast: &fast {sample: 1ms, aggr: 20ms}
name: exp
workloads: {w: {masim: w.cfg}}
layout:
  kdamonds:
    - contexts:
        - targets: [{workload: w}]
          monitoring: {<<: *fast, update: 1s}
`;
    const { runs } = expandExperiment(file, yaml);
    expect(runs[0]!.layout.kdamonds[0]!.contexts[0]!.attrs).toMatchObject({ sampleUs: 1000, aggrUs: 20_000, updateUs: 1_000_000 });
  });

  it('resolves a workload binary given as a path against the manifest, and leaves a bare name to PATH', () => {
    const { runs } = expandExperiment(file, BASE.replace('{masim: w.cfg}', '{masim: w.cfg, binary: bin/masim}') + 'matrix:\n  workloads.w.binary: [bin/masim, masim]\n');
    expect(runs.map((r) => masimOf(r.workloads.w).binary)).toEqual([join(dir, 'bin/masim'), 'masim']);
  });
});
