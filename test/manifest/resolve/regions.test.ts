import { describe, expect, it } from 'vitest';
import { reporterOf, type Problem } from '../../../src/manifest/resolve/context.js';
import { resolveRegions } from '../../../src/manifest/resolve/regions.js';

const PATH = ['layout', 'kdamonds', 0, 'contexts', 0, 'targets', 0, 'regions'];

function regions(ranges: { start: number | string; end: number | string }[]) {
  const problems: Problem[] = [];
  const resolved = resolveRegions(ranges, PATH, reporterOf(problems));
  return { resolved, problems: problems.map((p) => `${p.path.slice(PATH.length).join('.')}: ${p.message}`) };
}

describe('initial monitoring regions', () => {
  it('writes addresses as decimal strings, beyond 2^53 too', () => {
    expect(
      regions([
        { start: 4096, end: '0x2000' },
        { start: '0x7f0000000000', end: '18446744073709551615' },
      ]),
    ).toEqual({
      resolved: [
        { start: '4096', end: '8192' },
        { start: '139637976727552', end: '18446744073709551615' },
      ],
      problems: [],
    });
  });

  it('refuses empty, reversed, overlapping and unsorted regions, at the region', () => {
    expect(
      regions([
        { start: 100, end: 100 },
        { start: 300, end: 200 },
        { start: 1000, end: 2000 },
        { start: 1500, end: 3000 },
        { start: 0, end: 10 },
      ]).problems,
    ).toEqual([
      '0: region 0 is empty or reversed: start must be below end',
      '1: region 1 is empty or reversed: start must be below end',
      '3: region 3 overlaps or precedes the one before it',
      '4: region 4 overlaps or precedes the one before it',
    ]);
    expect(
      regions([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
      ]).problems,
    ).toEqual([]);
  });

  it('refuses what is no 64-bit address at the address, and keeps the range as written', () => {
    const { resolved, problems } = regions([
      { start: 2 ** 53 + 2, end: '0x10000000000000000' },
      { start: 'abc', end: 5 },
    ]);
    expect(problems).toEqual([
      '0.start: this address is beyond what a YAML integer holds exactly',
      '0.end: 0x10000000000000000 is beyond a 64-bit address',
      // 'abc' is the schema's to report.
    ]);
    expect(resolved).toEqual([
      { start: String(2 ** 53 + 2), end: '0x10000000000000000' },
      { start: 'abc', end: '5' },
    ]);
  });
});
