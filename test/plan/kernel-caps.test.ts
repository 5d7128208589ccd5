// A kernel's caps before it boots: a stored probe first, else its release (upstream DAMON by
// version) and its config; and the one checker, refusing what each kernel lacks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandExperiment } from '../../src/manifest/load.js';
import { capsRefusals } from '../../src/plan/caps-check.js';
import { capsFromFacts, type KernelFacts } from '../../src/plan/kernel-caps.js';
import { UPSTREAM_CAPS } from '../../src/plan/caps.js';

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-kernel-caps-'));
writeFileSync(join(dir, 'w.cfg'), 'a, 4096\n\np\n600000\na, 0, 4096, 1\n');
const runOf = (yaml: string) => expandExperiment(join(dir, 'exp.yaml'), yaml).runs[0]!;

const DAMON = new Map([
  ['CONFIG_DAMON', 'y'],
  ['CONFIG_DAMON_SYSFS', 'y'],
  ['CONFIG_DAMON_VADDR', 'y'],
  ['CONFIG_DAMON_PADDR', 'y'],
]);
const facts = (release: string, more: Partial<KernelFacts> = {}): KernelFacts => ({
  title: `the kernel ${release}`,
  release,
  config: DAMON,
  multiContext: false,
  probed: null,
  ...more,
});

describe('caps from a kernel’s release and config', () => {
  it('follows the releases DAMOS features reached: active and unmapped filters 6.15, node_mem_* goals 6.16, node_memcg_* 6.19', () => {
    const damos = (release: string) => capsFromFacts(facts(release)).damos!;
    expect(damos('6.14.0').filterTypes).toEqual(['anon', 'memcg', 'young', 'addr', 'target']);
    expect(damos('6.15.0').filterTypes).toEqual([
      'anon',
      'active',
      'memcg',
      'young',
      'hugepage_size',
      'unmapped',
      'addr',
      'target',
    ]);
    expect(damos('6.15.0').goalMetrics).toEqual(['user_input', 'some_mem_psi_us']);
    expect(damos('6.16.0').goalMetrics).toEqual([
      'user_input',
      'some_mem_psi_us',
      'node_mem_used_bp',
      'node_mem_free_bp',
    ]);
    expect(damos('6.18.0').goalMetrics).not.toContain('node_memcg_used_bp');
    expect(damos('6.19.0').goalMetrics).toEqual(expect.arrayContaining(['node_memcg_used_bp', 'node_memcg_free_bp']));
  });

  it("Debian's 6.12: no intervals_goal nor filters' allow, migrate_hot and young filters, one context per kdamond", () => {
    const caps = capsFromFacts(facts('6.12.118+deb12-amd64'));
    expect(caps).toMatchObject({
      kind: 'upstream',
      operations: ['vaddr', 'fvaddr', 'paddr'],
      maxContextsPerKdamond: 1,
      intervalsGoal: false,
      tracepoints: null,
    });
    expect(caps.damos).toEqual({
      actions: [
        'willneed',
        'cold',
        'pageout',
        'hugepage',
        'nohugepage',
        'lru_prio',
        'lru_deprio',
        'migrate_hot',
        'migrate_cold',
        'stat',
      ],
      applyInterval: true,
      targetNid: true,
      filterTypes: ['anon', 'memcg', 'young', 'addr', 'target'],
      filterAllow: false,
      goalMetrics: ['user_input', 'some_mem_psi_us'],
    });
    expect(caps.source).toBe(
      'derived from the release (6.12.118+deb12-amd64) and config of the kernel 6.12.118+deb12-amd64, before any guest probed it',
    );
  });

  it('the multi-context fork (6.9-rc4): any number of contexts, the DAMOS of 6.9, no intervals_goal', () => {
    const caps = capsFromFacts(facts('6.9.0-rc4+', { multiContext: true }));
    expect(caps).toMatchObject({ kind: 'multi-context', maxContextsPerKdamond: null, intervalsGoal: false });
    expect(caps.damos).toMatchObject({
      actions: ['willneed', 'cold', 'pageout', 'hugepage', 'nohugepage', 'lru_prio', 'lru_deprio', 'stat'],
      targetNid: false,
      filterTypes: ['anon', 'memcg', 'addr', 'target'],
      goalMetrics: ['user_input', 'some_mem_psi_us'],
    });
  });

  it('a 6.15 kernel has intervals_goal; operations follow the config', () => {
    expect(capsFromFacts(facts('6.15.0')).intervalsGoal).toBe(true);
    const noPaddr = new Map([...DAMON, ['CONFIG_DAMON_PADDR', 'n']]);
    expect(capsFromFacts(facts('6.15.0', { config: noPaddr })).operations).toEqual(['vaddr', 'fvaddr']);
  });

  it("a guest's stored probe wins; an older memo gives contexts per kdamond only", () => {
    const probed = { ...UPSTREAM_CAPS, intervalsGoal: false, source: 'probed /sys/kernel/mm/damon/admin' };
    const at = '2026-12-07T07:04:30.854Z';
    const stored = capsFromFacts(facts('6.99.0', { probed: { caps: probed, maxContextsPerKdamond: 1, at } }));
    expect(stored).toEqual({ ...probed, source: 'probed in a guest of the kernel 6.99.0 on 2026-12-07' });
    const memo = capsFromFacts(facts('6.9.0-rc4+', { probed: { maxContextsPerKdamond: null, at } }));
    expect(memo).toMatchObject({ kind: 'multi-context', maxContextsPerKdamond: null, intervalsGoal: false });
  });
});

describe('the one checker of caps', () => {
  it('names each refusal’s place in the run', () => {
    const run = runOf(`name: r
workloads: {w: {masim: w.cfg}}
layout:
  kdamonds:
    - contexts:
        - {operations: paddr, targets: [{regions: [{start: 0, end: 0x100000}]}], monitoring: {intervals_goal: {access_bp: 400, aggrs: 3, min_sample: 5ms, max_sample: 10s}}}
schemes:
  - {action: pageout, filters: [{type: anon}, {type: hugepage_size, min: 2MiB, max: 2MiB}]}
`);
    const refusals = capsRefusals(run, capsFromFacts(facts('6.12.1')), "Debian's 6.12 kernel");
    expect(refusals.map((r) => [r.place, r.message])).toEqual([
      [
        { at: 'intervals_goal', kdamond: 0, context: 0 },
        "monitoring.intervals_goal: Debian's 6.12 kernel has no intervals_goal (automatic interval tuning, DAMON 6.15+)",
      ],
      [
        { at: 'scheme', kdamond: 0, context: 0, scheme: 0, key: ['filters', 1, 'type'] },
        "Debian's 6.12 kernel's DAMOS lacks the filter type 'hugepage_size' (kdamond 0, context 0, scheme 0); it offers anon, memcg, young, addr, target",
      ],
    ]);
  });
});
