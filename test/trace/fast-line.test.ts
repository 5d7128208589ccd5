// The fast scanner of the common damon_aggregated line finds what the general scanner finds, on
// every line it accepts, and leaves every other line to it.
import { describe, expect, it } from 'vitest';
import { scanAggregatedLine } from '../../src/trace/fast-line.js';
import { Kind, scanLine, scanned } from '../../src/trace/lines.js';

const FIELDS = ['tid', 'timeNs', 'commEnd', 'contextId', 'targetId', 'nrRegions', 'start', 'end', 'nrAccesses', 'age'];
const pick = () => Object.fromEntries(FIELDS.map((f) => [f, scanned[f as keyof typeof scanned]]));

function both(line: string): { fast: Record<string, unknown> | null; general: Record<string, unknown> | null } {
  const b = Buffer.from(`${line}\n`, 'utf8');
  const end = scanAggregatedLine(b, 0, b.length);
  const fast = end === -1 ? null : pick();
  if (end !== -1) expect(end).toBe(b.length - 1);
  const general = scanLine(b, 0, b.length - 1) === Kind.Aggregated ? pick() : null;
  return { fast, general };
}

const ACCEPTED = [
  '        kdamond.0   162 [001] 8.268949: damon:damon_aggregated: target_id=0 nr_regions=16 94271614517248-94271643254784: 0 32',
  'kdamond.0 162 [000] 3.5: damon:damon_aggregated: target_id=0 nr_regions=1 4096-8192: 0',
  'kdamond.0 162 [000] 3.1234567891: damon:damon_aggregated: target_id=7 nr_regions=1 4096-8192: 12 3\r',
  'kdamond.1 99 [3] 12.000000001: damon:damon_aggregated: context_id=2 target_id=1 nr_regions=3 140737488211968-140737488355328: 1 1   ',
  'kdämond 162 [000]\t3.1:  damon:damon_aggregated:   target_id=18446623435582458880 nr_regions=17 1-2:\t5',
  '123 456 [7] 99999999.123456: damon:damon_aggregated: target_id=0 nr_regions=2 10-20: 9007199254740991 4',
];

const LEFT = [
  '  my kdamond: x  200/162 [003] d..1. 12.000000001: damon:damon_aggregated: target_id=0 nr_regions=1 4096-8192: 5 7',
  'my kdamond 162 [000] 3.1: damon:damon_aggregated: target_id=0 nr_regions=1 4096-8192: 0',
  'kdamond.0 162 3.1: damon:damon_aggregated: target_id=0 nr_regions=1 4096-8192: 0',
  'kdamond.x xxxx xxxx 3.1: damon:damon_aggregated: target_id=0 nr_regions=1 4096-8192: 0',
  'kdamond.0 162 [000] 3.1: damon:damon_aggregated: target_id=0 nr_regions=1 0-0: -1 -1',
  'kdamond.0 162 [000] 3.1: damon:damon_aggregated: target_id=0 nr_regions=1 0-4096: 3',
  'kdamond.0 162 [000] 3.1: damon:damon_aggregated: target_id=0 nr_regions=1 8192-4096: 3',
  'kdamond.0 162 [000] 3.1: damon:damon_aggregated: target_id=0 nr_regions=1 4096-8192: 3 4 5',
  'kdamond.0 162 [000] 3.1: damon:damon_aggregated: target_id=0 nr_regions=1 4096-8192: 3x',
  'kdamond.0 162 [000] 3.1: damon:damon_aggregated: target_id=x nr_regions=1 4096-8192: 3',
  'kdamond.0 162 [000] 3.1: damon:damos_before_apply: ctx_idx=0 scheme_idx=0 target_idx=0 nr_regions=1 4096-8192: 0 1',
  'kdamond.0 162 [000] 1234567890.1234567: damon:damon_aggregated: target_id=0 nr_regions=1 4096-8192: 3',
  'kdamond.0 162 [000] 3.1: damon:damon_aggr',
  '   ',
  '# comment',
];

describe('the fast scanner of damon_aggregated lines', () => {
  it('finds what the general scanner finds on the lines it accepts', () => {
    for (const line of ACCEPTED) {
      const { fast, general } = both(line);
      expect(fast, line).not.toBeNull();
      expect(fast, line).toEqual(general);
    }
  });

  it('leaves the other forms, and what is not a whole line, to the general scanner', () => {
    for (const line of LEFT) expect(both(line).fast, line).toBeNull();
    const b = Buffer.from(`${ACCEPTED[0]}`, 'utf8');
    expect(scanAggregatedLine(b, 0, b.length)).toBe(-1);
  });
});
