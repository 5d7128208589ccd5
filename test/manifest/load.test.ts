import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { masimOf } from '../helpers/workloads.js';
import { formatDiagnostic, InputError } from '../../src/manifest/diagnostics.js';
import { expandExperiment, loadExperiment } from '../../src/manifest/load.js';

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-load-'));
writeFileSync(join(dir, 'two.cfg'), 'a, 100000000\nb, 100000000\n\nboth\n60000\na, 0, 4096, 1\nb, 0, 4096, 1\n');
writeFileSync(join(dir, 'broken.cfg'), 'a, 100\n\np\n10\nc, 0, 4096, 1\n');
const file = join(dir, 'exp.yaml');

function load(yaml: string, sets: string[] = []) {
  return expandExperiment(file, yaml, { sets });
}

/** The problems as the user sees them, file name shortened. */
function problems(yaml: string, sets: string[] = []): string[] {
  try {
    load(yaml, sets);
  } catch (error) {
    if (error instanceof InputError)
      return error.message
        .replaceAll(`${dir}/`, '')
        .split('\n')
        .filter((l) => !l.startsWith('  hint:'));
    throw error;
  }
  return [];
}

function hints(yaml: string): string[] {
  try {
    load(yaml);
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics.map((d) => d.hint ?? '');
    throw error;
  }
  return [];
}

const BASE = `name: exp
workloads:
  w:
    masim: two.cfg
layout:
  kind: one-target
  workloads: [w]
`;

describe('loading a valid manifest', () => {
  it('resolves defaults, units and the masim config into a Run', () => {
    const { runs } = load(`${BASE}monitoring:\n  sample: 10ms\n  update: 1s\nduration: 2.5s\n`);
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.id).toBe('run');
    expect(run.durationUs).toBe(2_500_000);
    expect(run.events).toEqual(['damon:damon_aggregated']);
    expect(run.layout).toEqual({
      kind: 'one-target',
      contextsPerKdamond: 'auto',
      kdamonds: [
        {
          contexts: [
            {
              operations: 'vaddr',
              attrs: {
                sampleUs: 10_000,
                aggrUs: 100_000,
                updateUs: 1_000_000,
                minNrRegions: 10,
                maxNrRegions: 1000,
                intervalsGoal: null,
              },
              targets: [{ workload: 'w', regions: [] }],
              schemes: [],
            },
          ],
        },
      ],
    });
    expect(run.monitoring).toBe('on');
    expect(run.allowPhysicalActions).toBe(false);
    expect(run.backend.swapBytes).toBe(0);
    expect(run.workloads.w).toMatchObject({
      kind: 'masim',
      source: 'two.cfg',
      durationMs: 60_000,
      sizeBytes: 200_000_000,
      binary: null,
      args: [],
    });
    expect(masimOf(run.workloads.w).config).toContain('a, 100000000');
    expect(run.backend).toEqual({
      kind: 'auto',
      kernel: null,
      kernelBuild: null, // the kernels as written: no cache looked at
      memoryBytes: 2 ** 30,
      cpus: 2,
      accel: 'auto',
      swapBytes: 0,
      thp: null,
      // Under TCG the guest's TLB refresher runs once per sampling interval: 10 ms here.
      tlbRefresh: {
        mode: 'auto',
        intervalUs: 10_000,
        why: 'auto: 1 workload process on 2 vCPUs, a refresh every sampling interval (10 ms)',
      },
    });
  });

  it('renders inline workloads to the text a hand-written .cfg would have', () => {
    const { runs } = load(`name: exp
workloads:
  w:
    regions:
      - {name: a, size: 100MB}
      - {name: b, size: 100MB}
    phases:
      - name: both
        duration: 1s
        patterns:
          - {region: a, weight: 1}
          - {region: b, weight: 1}
layout: {kind: one-target, workloads: [w]}
duration: 1s
`);
    expect(masimOf(runs[0]!.workloads.w).config).toBe(
      'a, 100000000\nb, 100000000\n\nboth\n1000\na, 0, 4096, 1\nb, 0, 4096, 1\n',
    );
    expect(masimOf(runs[0]!.workloads.w).source).toBe('inline');
  });

  it('lays out many-contexts as one kdamond with a context per workload, repeating workloads to fill targets', () => {
    const { runs } = load(`name: exp
workloads:
  w: {masim: two.cfg}
  v: {masim: two.cfg}
layout: {kind: many-contexts, workloads: [w, v], targets: 3}
`);
    const [kdamond] = runs[0]!.layout.kdamonds;
    expect(runs[0]!.layout.kdamonds).toHaveLength(1);
    expect(kdamond!.contexts.map((c) => c.targets.map((t) => t.workload))).toEqual([['w'], ['v'], ['w']]);
    expect(Object.keys(runs[0]!.workloads).sort()).toEqual(['v', 'w']);
  });

  it('takes an explicit kdamonds tree with per-context overrides and init regions', () => {
    const { runs } = load(`name: exp
workloads: {w: {masim: two.cfg}}
monitoring: {aggr: 200ms}
layout:
  contexts_per_kdamond: one
  kdamonds:
    - contexts:
        - targets: [{workload: w}]
          monitoring: {sample: 10ms, nr_regions: {min: 5, max: 50}}
        - operations: paddr
          targets: [{regions: [{start: 0x1000, end: 0x2000}, {start: 8192, end: 16384}]}]
`);
    const contexts = runs[0]!.layout.kdamonds[0]!.contexts;
    expect(contexts[0]!.attrs).toMatchObject({ sampleUs: 10_000, aggrUs: 200_000, minNrRegions: 5, maxNrRegions: 50 });
    expect(contexts[1]!.attrs).toMatchObject({ sampleUs: 5_000, aggrUs: 200_000 });
    expect(contexts[1]!.targets).toEqual([
      {
        workload: null,
        regions: [
          { start: '4096', end: '8192' },
          { start: '8192', end: '16384' },
        ],
      },
    ]);
  });

  it('loads the shipped experiments', () => {
    for (const name of ['one_target', 'many_targets', 'many_contexts', 'sweep_layouts']) {
      const experiment = loadExperiment(fileURLToPath(new URL(`../../experiments/${name}.yaml`, import.meta.url)));
      expect(experiment.name).toBe(name);
      const contexts = experiment.runs.flatMap((run) =>
        run.layout.kdamonds.flatMap((k, kdamond) =>
          k.contexts.map((c, context) => ({ run: run.id, kdamond, context, ...c })),
        ),
      );
      expect(contexts.length).toBeGreaterThan(0);
      expect(
        contexts
          .filter((c) => c.attrs.updateUs !== 1_000_000 || c.operations !== 'vaddr')
          .map(({ run, kdamond, context }) => `${run}: kdamond ${kdamond} context ${context}`),
      ).toEqual([]);
    }
  });
});

describe('every problem at once, at its file:line:col', () => {
  it('reports YAML syntax errors and duplicate keys', () => {
    expect(problems('name: a\nname: b\nworkloads: {w: 1\n')).toEqual([
      'exp.yaml:2:1: duplicate key: a key may appear only once in a mapping',
      expect.stringMatching(/^exp\.yaml:4:1: YAML syntax error: /),
    ]);
  });

  it('reports schema problems with the key, a suggestion and the position of the offending node', () => {
    const yaml = `name: bad/name
workloads:
  w:
    masim: two.cfg
layout:
  kind: one-targets
  workloads: [w]
monitoring:
  smaple: 10ms
duration: 30
repeat: 0
`;
    expect(problems(yaml)).toEqual([
      expect.stringMatching(/^exp\.yaml:1:7: name: "bad\/name" is not a name safe as a path component/),
      'exp.yaml:6:9: layout.kind: "one-targets" is not one of one-target, many-targets, many-contexts',
      "exp.yaml:9:3: monitoring.smaple: unknown key 'smaple'",
      'exp.yaml:10:11: duration: 30 is not a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h',
      'exp.yaml:11:9: repeat: must be >= 1',
    ]);
    expect(hints(yaml)).toEqual(['', "did you mean 'one-target'?", "did you mean 'sample'?", '', '']);
  });

  it('reports missing keys at the mapping that lacks them', () => {
    expect(problems('name: x\nworkloads: {w: {masim: two.cfg}}\nlayout:\n  workloads: [w]\n')).toEqual([
      "exp.yaml:4:3: layout: missing required key 'kind'",
    ]);
  });

  it('reports the checks the schema cannot express, together with schema problems', () => {
    const yaml = `name: exp
workloads:
  w:
    masim: two.cfg
  inl:
    regions: [{name: a, size: 10MB}]
    phases:
      - name: p
        duration: 1.5ms
        patterns: [{region: b, weight: 0}]
layout:
  kind: many-targets
  workloads: [w, wx, inl]
monitoring:
  sample: 200ms
  aggr: 100ms
  nr_regions: {min: 2}
  updat: 1s
`;
    expect(problems(yaml)).toEqual([
      'exp.yaml:9:19: masim phases last whole milliseconds, not 1.5ms',
      "exp.yaml:10:19: phase 'p' has only zero weights",
      "exp.yaml:10:29: unknown region 'b'",
      "exp.yaml:13:18: unknown workload 'wx'",
      'exp.yaml:15:11: sampling interval (200000 µs) is longer than the aggregation interval (100000 µs)',
      'exp.yaml:17:21: nr_regions.min is 2; DAMON needs at least 3',
      "exp.yaml:18:3: monitoring.updat: unknown key 'updat'",
    ]);
  });

  it('resolves backend.tlb_refresh (auto follows the sampling interval) and refuses what it cannot keep', () => {
    const base = 'name: x\nworkloads: {w: {masim: two.cfg}}\nlayout: {kind: one-target, workloads: [w]}\n';
    const refresh = (extra: string) => load(`${base}${extra}`).runs[0]!.backend.tlbRefresh!.intervalUs;
    expect(refresh('')).toBe(5000);
    expect(refresh('monitoring: {sample: 1ms, aggr: 20ms}\n')).toBe(1000);
    expect(refresh('monitoring: {sample: 100us, aggr: 10ms}\n')).toBe(500);
    expect(refresh('monitoring: {sample: 100ms, aggr: 1s}\n')).toBe(20_000);
    expect(refresh("backend: {tlb_refresh: 'off'}\n")).toBeNull();
    expect(refresh('backend: {tlb_refresh: 2.5ms}\n')).toBe(2500);
    // More workload processes than vCPUs: their own switches empty QEMU's TLB, auto leaves it off.
    const many = `name: x\nworkloads: {w: {masim: two.cfg}}\nlayout: {kind: many-targets, workloads: [w], targets: 3}\n`;
    expect(load(many).runs[0]!.backend.tlbRefresh).toEqual({
      mode: 'auto',
      intervalUs: null,
      why: "auto: 3 workload processes share 2 vCPUs, and their switches between each other empty QEMU's TLB",
    });
    expect(load(`${many}backend: {cpus: 4}\n`).runs[0]!.backend.tlbRefresh!.intervalUs).toBe(5000);
    expect(load(`${many}backend: {tlb_refresh: 5ms}\n`).runs[0]!.backend.tlbRefresh!.intervalUs).toBe(5000);
    expect(problems(`${base}backend: {tlb_refresh: 10us}\n`)).toEqual([
      'exp.yaml:4:24: backend.tlb_refresh: a TLB refresh every 10us is out of range (50us to 10s)',
    ]);
    expect(problems(`${base}backend: {tlb_refresh: never}\n`)).toEqual([
      'exp.yaml:4:24: backend.tlb_refresh: "never" is not auto, off, or a duration such as 500us or 1ms',
    ]);
  });

  it('refuses a line break in any value that reaches a generated script (sbatch options, cgroup paths)', () => {
    const base = 'name: x\nworkloads: {w: {masim: two.cfg}}\nlayout: {kind: one-target, workloads: [w]}\n';
    expect(problems(`${base}executor: {kind: slurm, options: ["--constraint=x\\ntouch pwned\\n#"]}\n`)).toEqual([
      'exp.yaml:4:35: executor.options.0: "--constraint=x\\ntouch pwned\\n#" is not an sbatch option on one line, starting with - or --',
    ]);
    const filter = `schemes: [{action: stat, filters: [{type: memcg, memcg_path: "/a\\n$(reboot)"}]}]\n`;
    expect(
      problems(`${base}${filter}`).filter((p) => /memcg_path: .* is not a cgroup path on one line$/.test(p)),
    ).toHaveLength(1);
  });

  it('checks nr_regions.min against max, and one-target against its count', () => {
    expect(problems(`${BASE}  targets: 2\nmonitoring: {nr_regions: {min: 50, max: 20}}\n`)).toEqual([
      'exp.yaml:8:12: one-target monitors exactly one process, not 2',
      'exp.yaml:9:32: nr_regions.min (50) is above nr_regions.max (20)',
    ]);
  });

  it('rejects contexts of one kdamond that ask for different sampling intervals, with the reason', () => {
    const yaml = `name: exp
workloads: {w: {masim: two.cfg}}
layout:
  kdamonds:
    - contexts:
        - targets: [{workload: w}]
        - targets: [{workload: w}]
          monitoring: {sample: 10ms}
`;
    expect(problems(yaml)).toEqual([
      'exp.yaml:5:7: the contexts of one kdamond ask for different sampling intervals (5000, 10000 µs)',
    ]);
    expect(hints(yaml)[0]).toContain("sleeps by its last context's sample interval");
    expect(problems(yaml.replace('layout:\n', 'layout:\n  contexts_per_kdamond: one\n'))).toEqual([]);
  });

  it('checks explicit targets against their operations set', () => {
    const yaml = `name: exp
workloads: {w: {masim: two.cfg}}
layout:
  kdamonds:
    - contexts:
        - operations: paddr
          targets: [{workload: w}, {}]
        - operations: fvaddr
          targets: [{workload: w, regions: [{start: 200, end: 100}]}, {workload: w}]
`;
    expect(problems(yaml)).toEqual(
      [
        'exp.yaml:7:22: paddr monitors physical memory: its target has no process',
        'exp.yaml:7:20: a paddr context takes one target, not 2',
        'exp.yaml:9:45: region 0 is empty or reversed: start must be below end',
        'exp.yaml:9:71: an fvaddr target monitors fixed address ranges: give it regions',
      ].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
    );
  });

  it('points masim config problems at the .cfg file and line', () => {
    const diagnostics = (() => {
      try {
        load(BASE.replace('two.cfg', 'broken.cfg'));
      } catch (error) {
        return (error as InputError).diagnostics;
      }
      return [];
    })();
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /broken\.cfg:5:1: unknown region 'c' \(regions: a\)\n  hint: used by workload 'w' of .*exp\.yaml$/,
      ),
    ]);
  });

  it('reports a missing masim config at the manifest line naming it', () => {
    expect(problems(BASE.replace('two.cfg', 'nope.cfg'))).toEqual([
      'exp.yaml:4:12: cannot read a masim config nope.cfg: no such file or directory (ENOENT)',
    ]);
  });

  it('rejects a workload that is both a file and inline, or neither', () => {
    expect(
      problems(
        BASE.replace(
          '    masim: two.cfg\n',
          '    masim: two.cfg\n    regions: [{name: a, size: 1}]\n  v: {binary: /bin/true}\n',
        ),
      ),
    ).toEqual([
      "exp.yaml:4:5: workload 'w' is given as masim and regions/phases",
      "exp.yaml:6:6: workload 'v' needs 'masim: FILE.cfg', both 'regions' and 'phases', a 'command' or a 'pid'",
    ]);
  });

  it('rejects a manifest that is not a mapping', () => {
    expect(problems('- a\n- b\n')).toEqual([
      'exp.yaml:1:1: a manifest is a YAML mapping (name:, workloads:, layout:, ...)',
    ]);
  });
});

describe('matrix problems', () => {
  it('reports matrix keys that address nothing, with a suggestion', () => {
    const yaml = `${BASE}matrix:
  monitoring.sampel: [1ms]
  workloads.nope.masim: [two.cfg]
  layout.kdamonds.3.contexts: [[]]
  repeat: [2]
`;
    expect(problems(yaml)).toEqual([
      "exp.yaml:9:3: matrix: 'monitoring.sampel' addresses nothing in the manifest: 'monitoring.sampel' is not a key there",
      "exp.yaml:10:3: matrix: 'workloads.nope.masim' addresses nothing in the manifest: workloads has no 'nope'",
      "exp.yaml:11:3: matrix: 'layout.kdamonds.3.contexts' addresses nothing in the manifest: layout.kdamonds has no item 3",
      "exp.yaml:12:3: matrix: 'repeat' cannot be varied by the matrix or --set",
    ]);
    expect(hints(yaml)[0]).toBe("did you mean 'monitoring.sample'?");
  });

  it('points a bad matrix value at the value inside the matrix, once for all the points it spoils', () => {
    const yaml = `${BASE}matrix:
  monitoring.sample: [5ms, 500ms, 7]
  duration: [1s, 2s]
`;
    expect(problems(yaml)).toEqual([
      'exp.yaml:9:28: sampling interval (500000 µs) is longer than the aggregation interval (100000 µs)',
      'exp.yaml:9:35: monitoring.sample: 7 is not a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h',
    ]);
  });

  it('says a number too large for a double is one, not null', () => {
    const base = 'name: x\nworkloads: {w: {masim: two.cfg}}\nlayout: {kind: one-target, workloads: [w]}\n';
    expect(problems(base, ['backend.memory=1e309'])[0]).toBe(
      '--set backend.memory=1e309: backend.memory: a number too large (beyond 1.8e308) is not a size in bytes, such as 4096, 100MB, 64MiB or 1GiB (KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024)',
    );
  });

  it('points a bad --set value at the option', () => {
    expect(problems(BASE, ['duration=forever', 'monitoring.smaple=1ms', 'oops'])).toEqual([
      '--set duration=forever: duration: "forever" is not a duration with a unit, such as 5000us, 100ms, 2.5s, 1m or 1h',
      "--set monitoring.smaple=1ms: 'monitoring.smaple' addresses nothing in the manifest: 'monitoring.smaple' is not a key there",
      "--set oops: --set needs PATH=VALUE, not 'oops'",
    ]);
  });

  it('reports include and exclude keys that are no axis', () => {
    expect(problems(`${BASE}matrix:\n  duration: [1s]\n  exclude: [{duraton: 1s}]\n`)).toEqual([
      "exp.yaml:10:14: matrix.exclude: 'duraton' is not a matrix axis",
    ]);
  });
});
