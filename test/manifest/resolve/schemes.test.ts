// DAMOS schemes in the manifest: scheme sets and `none`, damo-like units to sysfs units, and the
// checks that point at the line: what DAMON would refuse, and what it would accept and ignore.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/manifest/diagnostics.js';
import { expandExperiment } from '../../../src/manifest/load.js';
import { ULONG_MAX } from '../../../src/manifest/run.js';

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-schemes-'));
writeFileSync(join(dir, 'w.cfg'), 'a, 100000000\n\np\n60000\na, 0, 4096, 1\n');
const file = join(dir, 'exp.yaml');

const BASE = `name: exp
workloads:
  w: {masim: w.cfg}
layout: {kind: one-target, workloads: [w]}
duration: 5s
`;

const load = (yaml: string) => expandExperiment(file, yaml, { sets: [] });

function problems(yaml: string): string[] {
  try {
    load(yaml);
  } catch (error) {
    if (error instanceof InputError) return error.message.replaceAll(`${dir}/`, '').split('\n');
    throw error;
  }
  return [];
}

describe('schemes in the manifest', () => {
  it('converts ages and access frequencies the way damo does, and leaves unset bounds open', () => {
    const { runs } = load(`${BASE}monitoring: {sample: 5ms, aggr: 100ms}
schemes:
  - action: pageout
    access_pattern:
      size: {min: 4KiB}
      nr_accesses: {min: 10%, max: 50%}
      age: {min: 5s, max: 120}
    apply_interval: 1s
    quotas: {time: 10ms, size: 64MiB, reset_interval: 1s, weights: {age: 3}}
    watermarks: {metric: free_mem_rate, interval: 500ms, high: 900, mid: 800, low: 100}
    filters: [{type: addr, start: 0x1000, end: 8192, matching: false}]
`);
    const [scheme] = runs[0]!.layout.kdamonds[0]!.contexts[0]!.schemes;
    expect(scheme).toEqual({
      set: null,
      action: 'pageout',
      accessPattern: { size: ['4096', ULONG_MAX], nrAccesses: ['2', '10'], age: ['50', '120'] },
      applyIntervalUs: 1_000_000,
      targetNid: null,
      quotas: {
        ms: 10,
        bytes: 64 * 2 ** 20,
        resetIntervalMs: 1000,
        weights: { size: 0, nrAccesses: 0, age: 3 },
        goals: [],
      },
      watermarks: { metric: 'free_mem_rate', intervalUs: 500_000, high: 900, mid: 800, low: 100 },
      filters: [
        {
          type: 'addr',
          matching: false,
          allow: null,
          memcgPath: null,
          addr: { start: '4096', end: '8192' },
          targetIdx: null,
          size: null,
        },
      ],
    });
  });

  it('takes a scheme set by name, `none` for no schemes, and a matrix axis over the names', () => {
    const { runs } = load(`${BASE}scheme_sets:
  cold: [{action: pageout, access_pattern: {nr_accesses: {max: 0}}}, {action: stat}]
matrix:
  schemes: [none, cold]
`);
    expect(runs.map((r) => r.id)).toEqual(['schemes-none', 'schemes-cold']);
    expect(runs[0]!.layout.kdamonds[0]!.contexts[0]!.schemes).toEqual([]);
    const schemes = runs[1]!.layout.kdamonds[0]!.contexts[0]!.schemes;
    expect(schemes.map((s) => [s.set, s.action])).toEqual([
      ['cold', 'pageout'],
      ['cold', 'stat'],
    ]);
    // A run that pages out gets swap in a VM, as large as its memory, unless the manifest says.
    expect(runs.map((r) => r.backend.swapBytes)).toEqual([0, 2 ** 30]);
  });

  it('gives every context of many-contexts the top-level schemes; a context of an explicit tree its own', () => {
    const many = load(`name: exp
workloads: {w: {masim: w.cfg}}
layout: {kind: many-contexts, workloads: [w, w]}
duration: 5s
schemes: [{action: stat}]
`);
    expect(many.runs[0]!.layout.kdamonds[0]!.contexts.map((c) => c.schemes.length)).toEqual([1, 1]);
    const tree = load(`name: exp
workloads: {w: {masim: w.cfg}}
layout:
  kdamonds:
    - contexts:
        - {targets: [{workload: w}], schemes: none}
        - {targets: [{workload: w}]}
duration: 5s
schemes: [{action: stat}]
`);
    expect(tree.runs[0]!.layout.kdamonds[0]!.contexts.map((c) => c.schemes.length)).toEqual([0, 1]);
  });

  it('points at what DAMON would refuse, or accept and ignore', () => {
    expect(
      problems(`${BASE}schemes:
  - action: lru_prio
  - action: pageout
    access_pattern: {age: {min: 10s, max: 5s}, nr_accesses: {min: 30}}
    quotas: {time: 500us}
    watermarks: {metric: free_mem_rate, interval: 1s, high: 100, mid: 200, low: 50}
    filters: [{type: anon}, {type: addr, start: 10}]
`),
    ).toEqual([
      "exp.yaml:7:13: the vaddr operations set does not apply 'lru_prio': DAMON would accept the scheme and do nothing",
      "  hint: 'lru_prio' is applied by paddr; on vaddr: willneed, cold, pageout, hugepage, nohugepage, stat",
      'exp.yaml:9:33: min (100) is above max (50) in sysfs units: nothing can match',
      'exp.yaml:9:67: nr_accesses.min is 30, but an aggregation interval of 100000 µs sampled every 5000 µs counts at most 20: the scheme can never apply',
      '  hint: give a percentage (such as 50%), or a count up to aggr/sample',
      'exp.yaml:10:20: quotas.time is below 1 ms, which DAMON reads as 0: no limit',
      '  hint: give 1ms or more',
      'exp.yaml:11:17: watermarks must be high ≥ mid ≥ low (they are 100, 200, 50)',
      '  hint: DAMON refuses them (EINVAL when switched on)',
      'exp.yaml:12:22: anon filters are applied by the paddr operations set only: on vaddr DAMON would ignore this one',
      '  hint: use addr or target filters on vaddr and fvaddr',
      "exp.yaml:12:29: an addr filter needs 'end'",
    ]);
  });

  it('names an unknown scheme set with a suggestion, and refuses schemes in a run without DAMON', () => {
    expect(
      problems(`${BASE}scheme_sets: {pageout_cold: [{action: pageout}]}
schemes: pageout_cld
`),
    ).toEqual(["exp.yaml:7:10: unknown scheme set 'pageout_cld'", "  hint: did you mean 'pageout_cold'?"]);
    expect(problems(`${BASE}monitoring: 'off'\nschemes: [{action: stat}]\n`)[0]).toBe(
      'exp.yaml:6:13: monitoring is off, but the run has schemes: DAMON applies them, and it does not run',
    );
    expect(problems(`${BASE}monitoring: of\n`)).toEqual([
      'exp.yaml:6:13: monitoring: "of" is not one of on, off',
      "  hint: did you mean 'on'?",
    ]);
  });

  it("refuses a set named none, and a value that is neither a set's name nor a list", () => {
    expect(problems(`${BASE}scheme_sets: {none: [{action: stat}]}\n`)).toEqual([
      "exp.yaml:6:15: 'none' is taken: it means no schemes",
      '  hint: give the set another name',
    ]);
    expect(problems(`${BASE}schemes: 5\n`)).toEqual([
      "exp.yaml:6:10: schemes: 5 is not a scheme set's name (or none) or a list of schemes",
    ]);
  });

  it('makes monitoring off a matrix value: a run without DAMON', () => {
    const { runs } = load(`${BASE}monitoring: {sample: 10ms}
matrix:
  monitoring: ['off', 'on']
`);
    expect(runs.map((r) => [r.id, r.monitoring])).toEqual([
      ['monitoring-off', 'off'],
      ['monitoring-on', 'on'],
    ]);
    // 'on' is the kernel's defaults: the matrix value replaces the attributes.
    expect(runs[1]!.layout.kdamonds[0]!.contexts[0]!.attrs.sampleUs).toBe(5000);
  });
});
