import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../../src/trace/lines.js';
import { readSnapshots, SnapshotAssembler, TraceError, type Snapshot } from '../../src/trace/snapshots.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/traces/${name}.upstream-6.12.script`, import.meta.url));

async function snapshotsOf(
  name: string,
  identity = {},
): Promise<{ snapshots: Snapshot[]; counts: Awaited<ReturnType<typeof readSnapshots>> }> {
  const snapshots: Snapshot[] = [];
  const counts = await readSnapshots(
    createReadStream(fixture(name), { highWaterMark: 4096 }),
    (s) => snapshots.push(s),
    identity,
  );
  return { snapshots, counts };
}

function fromText(text: string, chunk = text.length) {
  const snapshots: Snapshot[] = [];
  const assembler = new SnapshotAssembler((s) => snapshots.push(s));
  for (let i = 0; i < text.length; i += chunk) assembler.push(text.slice(i, i + chunk));
  return { snapshots, counts: assembler.end() };
}

describe('perf script lines, by their tokens', () => {
  it('reads upstream damon_aggregated lines, with and without age', () => {
    expect(
      parseLine(
        '       kdamond.0   162 [000]     8.268949: damon:damon_aggregated: target_id=0 nr_regions=16 94271614517248-94271643254784: 0 32',
      ),
    ).toEqual({
      kind: 'aggregated',
      comm: 'kdamond.0',
      tid: 162,
      timeNs: 8_268_948_999, // damo's int(float('8.268949') * 1e9)
      contextId: null,
      targetId: 0,
      nrRegions: 16,
      start: 94271614517248,
      end: 94271643254784,
      nrAccesses: 0,
      age: 32,
    });
    expect(
      parseLine('kdamond.0 162 8.000001: damon:damon_aggregated: target_id=1 nr_regions=3 4096-8192: 7'),
    ).toMatchObject({ targetId: 1, nrAccesses: 7, age: null, timeNs: 8_000_000_999 });
  });

  it("reads the multi-context fork's context_id, and other DAMON events", () => {
    expect(
      parseLine(
        'kdamond.0  77 [001] 5.5: damon:damon_aggregated: context_id=2 target_id=0 nr_regions=10 4096-8192: 3 1',
      ),
    ).toMatchObject({ contextId: 2, targetId: 0 });
    expect(
      parseLine(
        'kdamond.0  77 [001] 5.5: damon:damos_before_apply: ctx_idx=1 scheme_idx=0 target_idx=0 nr_regions=4 4096-8192: 3 9',
      ),
    ).toMatchObject({ kind: 'damos_before_apply', contextIndex: 1 });
    expect(parseLine('kdamond.0  77 [001] 5.5: damon:damon_monitor_intervals_tune: sample_us=4000')).toEqual({
      kind: 'intervals_tune',
      tid: 77,
      timeNs: 5_500_000_000,
      sampleUs: 4000,
    });
    expect(parseLine('swapper 0 [000] 1.0: sched:sched_switch: prev_comm=x')).toEqual({
      kind: 'other',
      event: 'sched:sched_switch',
    });
    expect(parseLine('kdamond.0 162 [000] 8.2: damon:damon_aggregated: target_id=0 nr_regions=16 942716145')).toEqual({
      kind: 'problem',
      problem: 'malformed damon_aggregated',
    });
  });
});

describe('snapshots from real traces (Debian 6.12 in QEMU)', () => {
  it('one target: one kdamond, one context, one target, every line in a snapshot', async () => {
    const { snapshots, counts } = await snapshotsOf('one_target');
    expect(new Set(snapshots.map((s) => `${s.kdamond}/${s.context}/${s.target}`))).toEqual(new Set(['0/0/0']));
    expect(counts.problems).toEqual({});
    expect(snapshots.reduce((n, s) => n + s.regions.length, 0)).toBe(counts.aggregatedLines);
    expect(snapshots.length).toBeGreaterThan(1);
    expect(snapshots[0]!.startNs).toBeNull();
    for (let i = 1; i < snapshots.length; i++) expect(snapshots[i]!.startNs).toBe(snapshots[i - 1]!.endNs);
    const neighbours = snapshots.flatMap((s) => s.regions.slice(1).map((r, i) => [s.endNs, s.regions[i]!, r] as const));
    expect(neighbours.length).toBeGreaterThan(0);
    expect(
      neighbours
        .filter(([, before, after]) => after.start < before.end)
        .map(([endNs, before, after]) => ({ endNs, before, after })),
    ).toEqual([]);
    // aggregation interval 100 ms: snapshots are about that far apart
    const gaps = snapshots.slice(1).map((s) => (s.endNs - s.startNs!) / 1e6);
    expect(gaps.filter((g) => g > 80 && g < 200).length / gaps.length).toBeGreaterThan(0.9);
  });

  it('many targets: targets 0, 1 and 2 of one kdamond', async () => {
    const { snapshots } = await snapshotsOf('many_targets');
    expect(new Set(snapshots.map((s) => `${s.kdamond}/${s.target}`))).toEqual(new Set(['0/0', '0/1', '0/2']));
  });

  it('many kdamonds: told apart by thread, or mapped to sysfs indices through their pids', async () => {
    const byThread = await snapshotsOf('many_kdamonds');
    expect(new Set(byThread.snapshots.map((s) => s.kdamond))).toEqual(new Set([0, 1, 2]));
    const mapped = await snapshotsOf('many_kdamonds', {
      byTid: new Map([
        [188, 2],
        [190, 0],
        [192, 1],
      ]),
    });
    const counts = (list: Snapshot[], k: number) => list.filter((s) => s.kdamond === k).length;
    expect([counts(mapped.snapshots, 2), counts(mapped.snapshots, 0), counts(mapped.snapshots, 1)]).toEqual([
      counts(byThread.snapshots, 0),
      counts(byThread.snapshots, 1),
      counts(byThread.snapshots, 2),
    ]);
  });

  it('gives the same snapshots however the bytes are chunked', () => {
    const text = readFileSync(fixture('many_kdamonds'), 'utf8');
    const whole = fromText(text).snapshots;
    for (const chunk of [1, 7, 100, 4093]) expect(fromText(text, chunk).snapshots).toEqual(whole);
  });
});

describe('what is wrong is counted, never silently dropped', () => {
  const line = (t: string, tid: number, target: number, n: number, start: number) =>
    `kdamond.0 ${tid} [000] ${t}: damon:damon_aggregated: target_id=${target} nr_regions=${n} ${start}-${start + 4096}: 1 2\n`;

  it('counts incomplete snapshots, malformed lines, a truncated last line and other events', () => {
    const text =
      line('1.0', 5, 0, 2, 0) +
      line('1.0', 5, 0, 2, 4096) +
      line('1.1', 5, 0, 2, 0) + // the next snapshot has only one of its two lines
      line('1.2', 5, 0, 2, 0) +
      line('1.2', 5, 0, 2, 4096) +
      'kdamond.0 5 [000] 1.3: damon:damon_aggregated: target_id=0 nr_regions=\n' +
      'perf 9 [001] 1.3: sched:sched_switch: prev=1\n' +
      'kdamond.0 5 [000] 1.4: damon:damon_aggr';
    const { snapshots, counts } = fromText(text);
    expect(snapshots).toHaveLength(2);
    expect(snapshots[1]!.startNs).toBe(1_000_000_000);
    expect(counts.problems).toEqual({ 'incomplete snapshot': 1, 'malformed damon_aggregated': 1, 'truncated line': 1 });
    expect(counts.otherEvents).toEqual({ 'sched:sched_switch': 1 });
  });

  it('refuses a trace with no DAMON events, saying what it held', () => {
    expect(() => fromText('perf 9 [001] 1.3: sched:sched_switch: prev=1\n')).toThrow(TraceError);
    expect(() => fromText('perf 9 [001] 1.3: sched:sched_switch: prev=1\n')).toThrow(
      'no damon:damon_aggregated event in the trace (1 line; other events: sched:sched_switch)',
    );
  });
});
