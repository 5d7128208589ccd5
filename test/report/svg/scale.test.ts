import { describe, expect, it } from 'vitest';
import { byteTicks, formatTick, linear, niceTicks } from '../../../src/report/svg/scale.js';
import { formatBytes } from '../../../src/util/format.js';

describe('linear', () => {
  it('maps the domain onto the range, reversed ranges included', () => {
    const x = linear([10, 20], [100, 200]);
    expect([x(10), x(15), x(20), x(25)]).toEqual([100, 150, 200, 250]);
    const y = linear([0, 4], [300, 100]);
    expect([y(0), y(1), y(4)]).toEqual([300, 250, 100]);
  });

  it('maps a zero-width domain onto the range start, never NaN', () => {
    const x = linear([5, 5], [100, 200]);
    expect([x(5), x(6)]).toEqual([100, 200]);
  });
});

describe('niceTicks', () => {
  it('picks steps of 1, 2 or 5 times a power of ten, within [min, max]', () => {
    expect(niceTicks(0, 29.1)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(-2.9, 7.1, 5)).toEqual([-2, 0, 2, 4, 6]);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 12.3, 4)).toEqual([0, 5, 10]);
    expect(niceTicks(1e6, 5e6, 4)).toEqual([1e6, 2e6, 3e6, 4e6, 5e6]);
  });

  it('gives round decimals, not floating-point residue', () => {
    expect(niceTicks(0, 0.3)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(niceTicks(0.1, 0.7, 3)).toEqual([0.2, 0.4, 0.6]);
  });

  it('gives the one value of an empty or reversed range', () => {
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(3, 1)).toEqual([3]);
  });

  it('gives at most count + 1 ticks', () => {
    const counts = [
      [0, 7],
      [0, 99],
      [-13, 1234],
      [0.001, 0.0173],
    ].flatMap(([min, max]) =>
      [3, 4, 5, 6].flatMap((count) => {
        const ticks = niceTicks(min!, max!, count);
        return ticks.length >= 2 && ticks.length <= count + 1 ? [] : [`${min}..${max} by ${count}: ${ticks}`];
      }),
    );
    expect(counts).toEqual([]);
  });
});

describe('byteTicks', () => {
  it('steps in binary units', () => {
    const MiB = 2 ** 20;
    expect(byteTicks(200e6)).toEqual([0, 50, 100, 150].map((m) => m * MiB));
    expect(byteTicks(100 * MiB, 4)).toEqual([0, 50 * MiB, 100 * MiB]);
    expect(byteTicks(1.3 * 2 ** 30, 4)).toEqual([0, 0.5 * 2 ** 30, 2 ** 30]);
    expect(byteTicks(20 * 1024, 4)).toEqual([0, 5, 10, 15, 20].map((k) => k * 1024));
    expect(byteTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
  });

  it('gives 0 alone for an empty range', () => {
    expect(byteTicks(0)).toEqual([0]);
    expect(byteTicks(-5)).toEqual([0]);
  });
});

describe("formatTick and formatBytes(…, 'axis')", () => {
  it('gives at most 4 significant digits, without trailing zeros', () => {
    expect(['0', '1.5', '1235', '0.0001235', '1e+21', '-2.5']).toEqual(
      [0, 1.5, 1234.5678, 0.000123456, 1e21, -2.5].map(formatTick),
    );
  });

  it('writes offsets in the largest binary unit they reach', () => {
    expect([0, 512, 1536, 100 * 2 ** 20, 2 ** 30, 0.5 * 2 ** 30, 300e6].map((b) => formatBytes(b, 'axis'))).toEqual([
      '0',
      '512 B',
      '1.5 KiB',
      '100 MiB',
      '1 GiB',
      '512 MiB',
      '286.1 MiB',
    ]);
  });
});
