// A run's identity (what it runs): what --resume, --dry-run and Slurm's watch call "the same run",
// and what they say changed when it is not.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandExperiment } from '../../src/manifest/load.js';
import type { Run } from '../../src/manifest/run.js';
import { identityChanges, sameIdentity, whatChanged } from '../../src/manifest/run-identity.js';

const dir = mkdtempSync(join(tmpdir(), 'damon-exp-identity-'));
writeFileSync(join(dir, 'w.cfg'), 'a, 4096\n\np\n600000\na, 0, 4096, 1\n');
writeFileSync(join(dir, 'w2.cfg'), 'a, 4096\n\np\n600000\na, 0, 4096, 1\n');

const BASE = `name: exp
description: first
workloads:
  w: {masim: w.cfg}
layout: {kind: one-target, workloads: [w]}
`;

const runsOf = (yaml: string, file = join(dir, 'exp.yaml')) => expandExperiment(file, BASE + yaml, {}).runs;
const only = (yaml: string) => runsOf(yaml)[0]!;
/** As run.json holds it: written and read back. */
const stored = (run: Run): unknown => JSON.parse(JSON.stringify(run));

describe('runIdentity', () => {
  it('is the same for what does not change what runs: description, file, sha256, params, repetitions, id', () => {
    const before = only('');
    const after = runsOf('repeat: 3\n', join(dir, 'moved.yaml'))[0]!;
    const renamed = { ...after, id: 'other', params: { x: 1 }, manifest: { ...after.manifest, description: 'second' } };
    expect(after.repetitions).toBe(3);
    expect(identityChanges(stored(before), renamed)).toEqual([]);
    expect(sameIdentity(stored(before), renamed)).toBe(true);
    expect(whatChanged(stored(before), renamed)).toBeNull();
  });

  it('ignores the order of keys in a stored run.json', () => {
    const run = only('');
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    expect(sameIdentity(reversed(stored(run)), run)).toBe(true);
  });

  it('takes a masim config by its text: the same text from another file, or inline, is the same run', () => {
    const fromFile = only('');
    const fromOther = only('matrix:\n  workloads.w.masim: [w2.cfg]\n');
    expect(fromOther.workloads.w).toMatchObject({ source: 'w2.cfg' });
    expect(whatChanged(stored(fromFile), fromOther)).toBeNull();
  });

  it("says which workload's masim config changed, not its text", () => {
    const run = only('');
    const edited = structuredClone(run);
    (edited.workloads.w as { config: string }).config += '\n# another phase\n';
    expect(whatChanged(stored(run), edited)).toBe('workloads.w: its masim config changed');
  });

  it('says what changed in the manifest words and units: monitoring.sample 5 ms -> 10 ms', () => {
    const run = only('');
    expect(whatChanged(stored(run), only('monitoring: {sample: 10ms}\n'))).toBe(
      // auto's TLB refresher follows the sampling interval
      'backend.tlb_refresh 5 ms -> 10 ms; monitoring.sample 5 ms -> 10 ms',
    );
    expect(whatChanged(stored(run), only('duration: 60s\n'))).toBe('duration 30 s -> 1 m');
    expect(whatChanged(stored(run), only('backend: {memory: 4 GiB}\n'))).toBe('backend.memory 1 GiB -> 4 GiB');
  });

  it('names the context a change is in when the run has several and not all changed', () => {
    const yaml =
      'name: exp\nworkloads:\n  w: {masim: w.cfg}\n  v: {masim: w.cfg}\nlayout: {kind: many-contexts, workloads: [w, v]}\n';
    const run = expandExperiment(join(dir, 'exp.yaml'), yaml, {}).runs[0]!;
    expect(run.layout.kdamonds[0]!.contexts).toHaveLength(2);
    const edited = structuredClone(run);
    const second = edited.layout.kdamonds[0]!.contexts[1]!;
    second.attrs = { ...second.attrs, aggrUs: 200_000 };
    expect(whatChanged(stored(run), edited)).toBe('monitoring.aggr 100 ms -> 200 ms (kdamond 0 context 1)');
    for (const context of edited.layout.kdamonds[0]!.contexts) context.attrs = { ...context.attrs, aggrUs: 200_000 };
    expect(whatChanged(stored(run), edited)).toBe('monitoring.aggr 100 ms -> 200 ms');
  });

  it('lists a few changes, then how many more', () => {
    const run = only('');
    const edited = structuredClone(run);
    Object.assign(edited.layout.kdamonds[0]!.contexts[0]!.attrs, {
      sampleUs: 1,
      aggrUs: 2,
      updateUs: 3,
      maxNrRegions: 4,
    });
    edited.durationUs = 5;
    expect(whatChanged(stored(run), edited)).toBe(
      'duration 30 s -> 5 µs; monitoring.aggr 100 ms -> 2 µs; monitoring.nr_regions.max 1000 -> 4; and 2 more',
    );
  });
});

describe('runIdentity of a run.json written before a field existed', () => {
  const legacy = (run: Run) => {
    const old = stored(run) as Run & Record<string, unknown>;
    delete (old as Partial<Run>).monitoring;
    delete old.backend.tlbRefresh;
    delete (old.backend as Partial<Run['backend']>).swapBytes;
    delete (old.backend as Partial<Run['backend']>).thp;
    delete (old.layout.kdamonds[0]!.contexts[0]! as Partial<Run['layout']['kdamonds'][0]['contexts'][0]>).schemes;
    return old;
  };

  it('is the same run when what the field says now is what runs did before it existed', () => {
    const run = only('backend: {tlb_refresh: off}\n');
    expect(run.backend.tlbRefresh?.mode).toBe('off');
    expect(identityChanges(legacy(run), run)).toEqual([]);
  });

  it('is another run when the field now says otherwise', () => {
    const run = only('backend: {thp: never, tlb_refresh: off}\n');
    expect(whatChanged(legacy(run), run)).toBe('backend.thp none -> never');
    // auto decides a refresher for a TCG guest, which runs before it did not have.
    expect(whatChanged(legacy(only('')), only(''))).toBe('backend.tlb_refresh none -> 5 ms');
  });

  it('leaves out of a local run what only a VM has: memory, CPUs, accel, swap, the TLB refresher', () => {
    const run = only('backend: {kind: local}\n');
    expect(run.backend.tlbRefresh?.mode).toBe('auto');
    expect(whatChanged(legacy(run), only('backend: {kind: local, memory: 4 GiB, cpus: 8}\n'))).toBeNull();
  });

  it('takes the TLB refresher by its interval, not by how it was decided', () => {
    const run = only('');
    const auto = structuredClone(run);
    auto.backend.tlbRefresh = { mode: 'auto', intervalUs: 50_000, why: 'decided' };
    const fixed = structuredClone(run);
    fixed.backend.tlbRefresh = { mode: 'fixed', intervalUs: 50_000, why: 'backend.tlb_refresh: 50ms' };
    expect(whatChanged(stored(auto), fixed)).toBeNull();
    expect(whatChanged(stored(run), fixed)).toBe('backend.tlb_refresh 5 ms -> 50 ms');
  });

  it('takes a kernel image by its path, however it is spelt', () => {
    const run = only('');
    const a = structuredClone(run);
    a.backend.kernel = './kernels/bzImage';
    const b = structuredClone(run);
    b.backend.kernel = 'kernels//bzImage';
    expect(whatChanged(stored(a), b)).toBeNull();
    b.backend.kernel = 'kernels/other';
    expect(whatChanged(stored(a), b)).toBe('backend.kernel kernels/bzImage -> kernels/other');
  });
});

describe("the kernel's build", () => {
  it('is another run when the kernel of the same name was rebuilt, and said so', () => {
    const before = structuredClone(only(''));
    before.backend.kernel = 'mine';
    before.backend.kernelBuild = 'mine-1a2b3c4d5e6f@0123456789abcdef';
    const rebuilt = structuredClone(before);
    rebuilt.backend.kernelBuild = 'mine-7a8b9c0d1e2f@fedcba9876543210';
    expect(whatChanged(stored(before), structuredClone(before))).toBeNull();
    expect(whatChanged(stored(before), rebuilt)).toBe(
      'backend.kernelBuild mine-1a2b3c4d5e6f@0123456789abcdef -> mine-7a8b9c0d1e2f@fedcba9876543210',
    );
  });

  it('is compared only when both runs tell it: a run.json from before it was recorded, a build not known now', () => {
    const now = structuredClone(only(''));
    now.backend.kernelBuild = 'linux-image-6.12.99+deb12-amd64@0123456789abcdef';
    const old = stored(only('')) as { backend: Record<string, unknown> };
    delete old.backend.kernelBuild;
    expect(whatChanged(old, now)).toBeNull();
    const unknown = structuredClone(now);
    unknown.backend.kernelBuild = null;
    expect(whatChanged(stored(now), unknown)).toBeNull();
  });

  it('is no part of a run on this host, whose kernel is its own', () => {
    const local = only('backend: {kind: local}\n');
    expect(local.backend.kernelBuild).toBeNull();
    expect(JSON.stringify(identityChanges(stored(local), local))).toBe('[]');
  });
});

describe('whatChanged of workloads', () => {
  it('says a workload of another kind once, and a workload added', () => {
    const run = only('');
    const edited = structuredClone(run);
    edited.workloads.w = { kind: 'command', argv: ['sleep', '60'] };
    expect(whatChanged(stored(run), edited)).toBe('workloads.w: masim -> command');
    edited.workloads.v = { kind: 'pid', pid: 1 };
    expect(whatChanged(stored(run), edited)).toBe('workloads.v added; workloads.w: masim -> command');
  });
});
