// Manifests that try to break validation: malformed matrices, names every JavaScript object has,
// values beyond what YAML integers hold, duplicates, and problems that must not hide each other.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { masimOf } from '../helpers/workloads.js';
import { InputError } from '../../src/manifest/diagnostics.js';
import { expandExperiment } from '../../src/manifest/load.js';
import { KERNEL_RESOLVER } from '../../src/kernel-images/resolve.js';

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
    expandExperiment(file, yaml, { sets, kernels: KERNEL_RESOLVER });
  } catch (error) {
    if (error instanceof InputError)
      return error.diagnostics.map((d) => (d.line ? `${d.line}:${d.col}: ${d.message}` : `${d.file}: ${d.message}`));
    throw error;
  }
  return [];
}

describe('malformed matrices are reported, not ignored or crashed on', () => {
  it.each([
    ['an empty axis', 'matrix:\n  layout.targets: []\n', ['6:19: matrix.layout.targets: needs at least 1 item']],
    ['an axis that is no list', 'matrix:\n  layout.targets: 3\n', ['6:19: matrix.layout.targets: must be array']],
    ['a matrix that is a list', 'matrix: [1, 2]\n', ['5:9: matrix: must be object']],
    [
      'a null exclude entry',
      'matrix:\n  layout.targets: [1]\n  exclude: [~]\n',
      ['7:13: matrix.exclude.0: must be object'],
    ],
    [
      'an include that is no list',
      'matrix:\n  layout.targets: [1]\n  include: 5\n',
      ['7:12: matrix.include: must be array'],
    ],
    [
      'an include entry that is a string',
      'matrix:\n  layout.targets: [1]\n  include: [abc]\n',
      ['7:13: matrix.include.0: must be object'],
    ],
  ])('%s', (_what, yaml, expected) => {
    expect(problems(BASE + yaml)).toEqual(expected);
  });

  it('refuses duplicate values, overlapping axes, and a matrix that excludes everything', () => {
    expect(problems(`${BASE}matrix:\n  layout.targets: [2, 2]\n`)).toEqual([
      '6:23: matrix.layout.targets lists 2 twice',
    ]);
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
    expect(problems(BASE, ['duration=[5s'])).toEqual([
      '--set duration=[5s: duration: "[5s" is not a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h',
    ]);
    expect(problems(BASE, ['duration=*a'])).toEqual([
      '--set duration=*a: duration: "*a" is not a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h',
    ]);
  });
});

describe('problems do not hide each other', () => {
  it('reports the rest of the manifest despite a duplicate key', () => {
    expect(
      problems(
        `${BASE}duration: 1s\nduration: 2s\nmonitoring: {sample: 0us}\nlayout: {kind: one-target, workloads: [zz]}\n`,
      ),
    ).toEqual([
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
    expect(problems(`${short}duration: 10s\n`)).toEqual([
      "5:11: workload 'w' ends after 5 s, before the 10 s recording does",
    ]);
    expect(
      problems(short.replace('{masim: short.cfg}', "{masim: short.cfg, args: ['--repeat', '0']}") + 'duration: 10s\n'),
    ).toEqual([]);
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
      '6:12: workloads.w.args.0: "a\\nb" is not an argument on one line, without NUL bytes',
    ]);
  });

  it('says what a duplicate list item is', () => {
    expect(problems(`${BASE}record: {events: [damon:damon_aggregated, damon:damon_aggregated]}\n`)).toEqual([
      '5:43: record.events: lists "damon:damon_aggregated" twice',
    ]);
  });

  it('explains a second YAML document', () => {
    expect(problems(`${BASE}---\nname: other\n`)).toEqual([
      "5:1: a manifest is one YAML document, but a second one starts here ('---')",
    ]);
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
    expect(runs[0]!.layout.kdamonds[0]!.contexts[0]!.attrs).toMatchObject({
      sampleUs: 1000,
      aggrUs: 20_000,
      updateUs: 1_000_000,
    });
  });

  it('resolves a workload binary given as a path against the manifest, and leaves a bare name to PATH', () => {
    const { runs } = expandExperiment(
      file,
      BASE.replace('{masim: w.cfg}', '{masim: w.cfg, binary: bin/masim}') +
        'matrix:\n  workloads.w.binary: [bin/masim, masim]\n',
    );
    expect(runs.map((r) => masimOf(r.workloads.w).binary)).toEqual([join(dir, 'bin/masim'), 'masim']);
  });
});

describe('YAML that cannot become data is reported where it is written', () => {
  it('refuses aliases of nothing, aliases inside their own anchor, and keys that are collections', () => {
    expect(problems(`${BASE}description: *nothing\nx-loop: &loop [1, *loop]\n? [a, b]\n: 1\n`)).toEqual([
      '5:14: alias *nothing refers to no anchor before it',
      '6:19: alias *loop is inside the value it names: it would never end',
      '7:3: a key must be a name or a number, not a list or a mapping',
    ]);
  });

  it('refuses merge keys that merge anything but mappings, at what they merge', () => {
    expect(problems(`${BASE}x-five: &five 5\nmonitoring:\n  <<: [{sample: 1ms}, 2, *five]\nrecord:\n  <<:\n`)).toEqual([
      '7:23: a merge key (<<) takes a mapping, an alias of one, or a list of them, not 2',
      '7:26: a merge key (<<) takes a mapping, an alias of one, or a list of them, not 5',
      '9:3: a merge key (<<) takes a mapping, an alias of one, or a list of them, not nothing',
    ]);
  });

  it('stops aliases of aliases at the alias that makes the manifest too large, however large it would grow', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `x-${i + 1}: &l${i + 1} [*l${i}, *l${i}, *l${i}, *l${i}]`);
    const lines = `${BASE}x-0: &l0 [lol]\n${levels.join('\n')}\n`;
    const found = problems(lines);
    expect(found).toHaveLength(1);
    const [, line, col] =
      /^(\d+):(\d+): aliases expand the manifest by more than 100000 values here \(alias \*l(\d+) alone stands for \d+\)$/.exec(
        found[0]!,
      )!;
    expect(lines.split('\n')[Number(line) - 1]!.slice(Number(col) - 1)).toMatch(/^\*l\d+/);
    expect(Number(line)).toBeLessThan(20);
  });
});

describe('the number of runs is counted before the matrix is made', () => {
  const limited = (yaml: string, maxRuns: number) => {
    try {
      expandExperiment(file, yaml, { maxRuns });
    } catch (error) {
      if (error instanceof InputError)
        return error.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`);
      throw error;
    }
    return [];
  };
  const matrix = 'matrix:\n  duration: [1s, 2s, 3s]\n  layout.targets: [1, 2]\n';

  it('says how many runs at matrix:, or "up to" when exclude or include may make fewer', () => {
    expect(limited(BASE + matrix, 5)).toEqual([
      '5:1: the matrix makes 6 runs, more than the limit of 5 (hint: vary fewer values, or raise the limit with --max-runs N if you mean to run them all)',
    ]);
    expect(limited(`${BASE}${matrix}  exclude: [{duration: 1s}]\n`, 5)[0]).toBe(
      '5:1: the matrix makes up to 6 runs, more than the limit of 5 (hint: vary fewer values, or raise the limit with --max-runs N if you mean to run them all)',
    );
    expect(limited(`${BASE}${matrix}  include: [{duration: 9s}]\n`, 6)[0]).toMatch(
      /^5:1: the matrix makes up to 7 runs, more than the limit of 6/,
    );
    expect(limited(`${BASE}${matrix}  include: [{duration: 9s}]\n`, 7)).toEqual([]);
  });

  it('points at repeat when it is repeat that makes too many, and counts both at the matrix otherwise', () => {
    expect(limited(`${BASE}${matrix}repeat: 3\n`, 10)).toEqual([
      '8:9: repeat: 3 makes 18 runs (6 matrix points × 3), more than the limit of 10 (hint: repeat fewer times, or raise the limit with --max-runs N if you mean to run them all)',
    ]);
    expect(limited(`${BASE}repeat: 3\n`, 2)).toEqual([
      '5:9: repeat: 3 makes 3 runs, more than the limit of 2 (hint: repeat fewer times, or raise the limit with --max-runs N if you mean to run them all)',
    ]);
    expect(limited(`${BASE}${matrix}repeat: 3\n`, 5)[0]).toMatch(
      /^5:1: the matrix and repeat make 18 runs \(6 matrix points × repeat 3\), more than the limit of 5/,
    );
    expect(limited(`${BASE}${matrix}repeat: 3\n`, 18)).toEqual([]);
  });

  it('takes 10000 runs by default', () => {
    const axes = Array.from(
      { length: 5 },
      (_, i) =>
        `  ${['duration', 'monitoring.sample', 'monitoring.aggr', 'monitoring.update', 'layout.targets'][i]}: [${Array.from({ length: 10 }, (_, v) => v + 1).join(', ')}]`,
    );
    expect(problems(`${BASE}matrix:\n${axes.join('\n')}\n`)).toEqual([
      '5:1: the matrix makes 100000 runs, more than the limit of 10000',
    ]);
  });

  it('refuses repeat values that are not whole numbers of 1 to 1000, at repeat', () => {
    expect(problems(`${BASE}repeat: 1e12\n`)).toEqual(['5:9: repeat: must be <= 1000']);
    expect(problems(`${BASE}repeat: 99999999999999999999\n`)).toEqual(['5:9: repeat: must be <= 1000']);
    expect(problems(`${BASE}repeat: 2.5\n`)).toEqual(['5:9: repeat: must be integer']);
    expect(problems(`${BASE}repeat: -1\n`)).toEqual(['5:9: repeat: must be >= 1']);
  });
});

describe('problems of the manifest come before its matrix is made', () => {
  const huge =
    'matrix:\n' +
    [
      'duration',
      'monitoring.sample',
      'monitoring.aggr',
      'monitoring.update',
      'layout.targets',
      'backend.cpus',
      'monitoring.nr_regions.min',
      'monitoring.nr_regions.max',
    ]
      .map((path) => `  ${path}: [${Array.from({ length: 10 }, (_, v) => v + 1).join(', ')}]`)
      .join('\n') +
    '\n';

  it('reports a schema problem of what the runs share once, without making 10^8 points', () => {
    expect(problems(`${BASE}record: {events: [nonsense]}\n${huge}`)).toEqual([
      '5:19: record.events.0: "nonsense" is not a tracepoint as subsystem:event, such as damon:damon_aggregated',
    ]);
  });

  it('leaves what the matrix sets to the matrix', () => {
    const yaml =
      'name: exp\nworkloads: {w: {masim: w.cfg}}\nlayout: {workloads: [w]}\nmonitoring: {sample: 1s}\nduration: 10\nmatrix:\n  layout.kind: [one-target, many-targets]\n  monitoring.sample: [1ms, 2ms]\n';
    // layout.kind is missing but set by the matrix; the 1 s sample is longer than aggr but replaced by it
    expect(problems(yaml)).toEqual([
      '5:11: duration: 10 is not a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h',
    ]);
    expect(expandExperiment(file, yaml.replace('duration: 10\n', '')).runs).toHaveLength(4);
  });
});

describe('integers that go to DAMON as they are', () => {
  it('refuses nr_regions and intervals_goal.aggrs beyond 2^53-1, which cannot be written exactly', () => {
    const yaml = `${BASE}monitoring:\n  nr_regions: {min: 18446744073709551615, max: 18446744073709551615}\n  intervals_goal: {access_bp: 400, aggrs: 9007199254740993, min_sample: 1ms, max_sample: 1s}\n`;
    const message =
      'DAMON takes up to ULONG_MAX, but values beyond 2^53−1 (9007199254740991) cannot be written exactly';
    expect(problems(yaml)).toEqual([
      `6:21: nr_regions.min: ${message}`,
      `6:48: nr_regions.max: ${message}`,
      `7:43: intervals_goal.aggrs: ${message}`,
    ]);
    expect(problems(`${BASE}monitoring:\n  nr_regions: {min: 10, max: 9007199254740991}\n`)).toEqual([]);
  });

  it('refuses durations and sizes beyond 2^53-1 with the reason', () => {
    expect(
      problems(`${BASE}monitoring: {sample: 10000000000000000us}\nbackend: {memory: 18446744073709551615}\n`),
    ).toEqual([
      "5:22: '10000000000000000us' is too large: beyond 9007199254740991 microseconds (2^53−1), the most a number here holds exactly",
      '6:19: this size is beyond 9007199254740991 bytes (2^53−1), the most a number here holds exactly',
    ]);
  });

  it('refuses a pid beyond what Linux gives out', () => {
    expect(problems(BASE.replace('{masim: w.cfg}', '{pid: 18446744073709551615}'))).toEqual([
      '3:12: workloads.w.pid: must be <= 4194304',
    ]);
  });

  it('refuses inline masim numbers that masim would misread', () => {
    const yaml = `name: exp
workloads:
  w:
    regions: [{name: a, size: 4096}]
    phases:
      - {name: p, duration: 1200h, patterns: [{region: a, weight: 1, stride: 4GiB}]}
      - {name: q, duration: 1s, patterns: [{region: a, weight: 2147483647}, {region: a, weight: 1}]}
      - {name: r, duration: 1s, patterns: [{region: a, weight: 18446744073709551615}]}
layout: {kind: one-target, workloads: [w]}
duration: 1s
`;
    expect(problems(yaml)).toEqual([
      '6:29: a masim phase lasts at most 4294967295 ms (about 49 days), not 1200h',
      '6:78: masim takes a stride of at most 2147483647 bytes, not 4294967296',
      "7:43: the weights of phase 'q' add up to 2147483648, more than masim can sum (at most 2147483647)",
      '8:64: masim takes a weight of at most 2147483647, not 18446744073709552000',
    ]);
  });
});

describe('the backend a run needs', () => {
  it('refuses a kernel path that names nothing, or no kernel, relative to the manifest', () => {
    mkdirSync(join(dir, 'tree/boot'), { recursive: true });
    writeFileSync(join(dir, 'bzImage'), 'not really');
    const kernel = (spec: string) => problems(`${BASE}backend: {kind: qemu, kernel: ${spec}}\n`);
    expect(kernel('nowhere/bzImage')).toEqual([`5:31: no kernel at ${join(dir, 'nowhere/bzImage')}`]);
    expect(kernel('tree')).toEqual([
      `5:31: ${join(dir, 'tree')} is not a kernel: it has no boot/vmlinuz-* and boot/config-*`,
    ]);
    expect(kernel('bzImage')).toEqual([`5:31: no config for the kernel ${join(dir, 'bzImage')}`]);
    writeFileSync(join(dir, 'bzImage.config'), 'CONFIG_DAMON=y\n');
    writeFileSync(join(dir, 'tree/boot/vmlinuz-6.15'), '');
    writeFileSync(join(dir, 'tree/boot/config-6.15'), '');
    expect(kernel('bzImage')).toEqual([]);
    expect(kernel('tree')).toEqual([]);
    expect(kernel('debian')).toEqual([]);
  });

  it('refuses a pid workload in a QEMU run, at the pid', () => {
    const pid = BASE.replace('{masim: w.cfg}', '{pid: 1}');
    const hint = 'use a masim or command workload, or the local backend (backend.kind: local)';
    const message =
      "workload 'w' monitors pid 1 of this host, but backend.kind is qemu: the run happens in a VM, where host pids mean nothing";
    expect(problems(`${pid}backend: {kind: qemu}\n`)).toEqual([`3:12: ${message}`]);
    expect(problems(`${pid}matrix:\n  backend.kind: [local, qemu]\n`)).toEqual([`3:12: ${message}`]);
    expect(problems(`${pid}backend: {kind: local}\n`)).toEqual([]);
    const refused = (() => {
      try {
        expandExperiment(file, `${pid}backend: {kind: qemu}\n`);
      } catch (error) {
        return error as InputError;
      }
      return undefined;
    })();
    expect(refused?.diagnostics[0]?.hint).toBe(hint);
  });
});

describe('user text in messages is cut short', () => {
  const long = 'x'.repeat(1 << 20);
  it.each([
    ['an unknown key', `${BASE}? ${long}\n: 1\n`],
    ['an unknown workload', BASE.replace('workloads: [w]', `workloads: [w${long}]`)],
    ['a value that is none of the allowed', BASE.replace('many-targets', long)],
    ['a matrix key', `${BASE}matrix:\n  ? monitoring.${long}\n  : [1]\n`],
    ['a value the matrix lists twice', `${BASE}matrix:\n  description: [${long}, ${long}]\n`],
    ['a duration', `${BASE}duration: ${'9'.repeat(1 << 20)}s\n`],
    [
      'an inline region',
      `name: exp\nworkloads:\n  w:\n    regions: [{name: a, size: 4096}]\n    phases: [{name: p, duration: 1s, patterns: [{region: ${long}, weight: 1}]}]\nlayout: {kind: one-target, workloads: [w]}\nduration: 1s\n`,
    ],
  ])('%s', (_what, yaml) => {
    const found = problems(yaml);
    expect(found.length).toBeGreaterThan(0);
    for (const message of found) expect(message.length).toBeLessThan(400);
    expect(found.join('\n')).toMatch(/… \(10485[0-9]{2} characters\)/);
  });

  it('in --set options', () => {
    const [message] = problems(BASE, [`${long}=1`]);
    expect(message!.length).toBeLessThan(400);
  });
});
