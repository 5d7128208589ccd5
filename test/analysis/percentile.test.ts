import { describe, expect, it } from 'vitest';
import { damoPercentile } from '../../src/analysis/percentile.js';

describe('damoPercentile', () => {
  it('takes the value at int(p/100 × n), the last for 100, 0 of nothing', () => {
    expect([0, 25, 50, 75, 100].map((p) => damoPercentile([1, 2, 3, 4], p))).toEqual([1, 2, 3, 4, 4]);
    expect([0, 25, 50, 75, 100].map((p) => damoPercentile([1, 2, 3, 4, 5, 6], p))).toEqual([1, 2, 4, 5, 6]);
    expect(damoPercentile([], 50)).toBe(0);
  });

  it('is not nearest rank: the median of an even count is the upper one, p99 of 100 values the largest', () => {
    expect(damoPercentile([10, 20], 50)).toBe(20);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(damoPercentile(hundred, 99)).toBe(100);
    expect(damoPercentile(hundred.slice(0, 99), 99)).toBe(99);
  });

  it('takes the values in the order given (damo’s --sortby time)', () => {
    expect(damoPercentile([5, 1, 9], 0)).toBe(5);
  });
});
