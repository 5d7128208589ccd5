import { describe, expect, it } from 'vitest';
import { parseLine } from '../../src/trace/lines.js';
import { SnapshotAssembler, type Snapshot } from '../../src/trace/snapshots.js';

describe('line scanner: the forms perf prints', () => {
  it('reads pid/tid, a flags column, a comm with spaces and colons, any fraction precision', () => {
    expect(
      parseLine(
        '  my kdamond: x  200/162 [003] d..1. 12.000000001: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 5 7',
      ),
    ).toMatchObject({
      comm: 'my kdamond: x',
      tid: 200,
      timeNs: 12_000_000_001,
      nrAccesses: 5,
      age: 7,
    });
    expect(
      parseLine('kdamond.0 162 [000] 3.5: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 0'),
    ).toMatchObject({ timeNs: 3_500_000_000 });
    expect(
      parseLine('kdamond.0 162 [000] 3.1234567891: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 0'),
    ).toMatchObject({ timeNs: 3_123_456_789 });
    expect(
      parseLine('kdämond 162 [000] 3.1: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 0'),
    ).toMatchObject({ comm: 'kdämond' });
  });

  it('keeps addresses above 2^32 exact', () => {
    expect(
      parseLine('k 1 [0] 1.0: damon:damon_aggregated: target_id=0 nr_regions=1 140737488211968-140737488355328: 1 1'),
    ).toMatchObject({ start: 140737488211968, end: 140737488355328 });
  });

  it('tells a cut-off line from a malformed payload and from other events', () => {
    expect(parseLine('kdamond.0 162 [000] 8.2: damon:damon_aggr')).toEqual({
      kind: 'problem',
      problem: 'truncated line',
    });
    expect(parseLine('  8.2: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 1')).toEqual({
      kind: 'problem',
      problem: 'truncated line',
    });
    expect(parseLine('kdamond.0 162 [000] 8.2: damon:damon_aggregated: target_id=x nr_regions=1 0-4096: 1')).toEqual({
      kind: 'problem',
      problem: 'malformed damon_aggregated',
    });
    expect(
      parseLine('kdamond.0 162 [000] 8.2: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 1 2 3'),
    ).toEqual({ kind: 'problem', problem: 'malformed damon_aggregated' });
    expect(parseLine('kdamond.0 162 [000] 8.2: damon:damos_esz: ctx_idx=0')).toEqual({
      kind: 'other',
      event: 'damon:damos_esz',
    });
    expect(parseLine('random text')).toEqual({ kind: 'problem', problem: 'unrecognized line' });
    expect(parseLine('   ')).toEqual({ kind: 'blank' });
    expect(parseLine('# ========  # captured on: ...')).toEqual({ kind: 'blank' });
  });

  it('joins a line cut between two chunks of bytes, even inside a UTF-8 character', () => {
    const line = 'kdämond 162 [000] 3.1: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 2\n';
    const bytes = Buffer.from(line + line.replace('3.1', '3.3'), 'utf8');
    for (let cut = 1; cut < bytes.length; cut += 3) {
      const snapshots: Snapshot[] = [];
      const assembler = new SnapshotAssembler((s) => snapshots.push(s));
      assembler.pushBytes(bytes.subarray(0, cut));
      assembler.pushBytes(bytes.subarray(cut));
      expect(assembler.end().problems).toEqual({});
      expect(snapshots.map((s) => s.endNs)).toEqual([3_100_000_000, 3_300_000_000]);
    }
  });
});
