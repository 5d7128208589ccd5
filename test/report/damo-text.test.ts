import { describe, expect, it } from 'vitest';
import { damoSize, damoTime, pythonFixed } from '../../src/report/damo-text.js';

describe('pythonFixed', () => {
  // Python 3's '%.*f' % (digits, value) for each.
  it.each([
    [6.0625, 3, '6.062'],
    [0.0625, 3, '0.062'],
    [1.0625, 3, '1.062'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [-0.0625, 3, '-0.062'],
    [1.0005, 3, '1.000'],
    [1.0015, 3, '1.002'],
    [1.0025, 3, '1.002'],
    [6.2905, 3, '6.290'],
    [123456.1875, 3, '123456.188'],
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
  ])("'%%.%#f' of %s is Python's", (value, digits, python) => {
    expect(pythonFixed(value, digits)).toBe(python);
  });
});

describe("damo's sizes and times", () => {
  it('rounds a size exactly halfway between two printed values to the even one, as damo does', () => {
    // 6.0625 MiB: a multiple of 64 KiB, so halfway at three decimals.
    expect(damoSize(6_356_992)).toBe('6.062 MiB');
    expect(damoSize(6_356_992, true)).toBe('6356992');
    expect(damoSize(1024)).toBe('1024 B');
    expect(damoSize(1025)).toBe('1.001 KiB');
  });

  it('rounds times the same way', () => {
    expect(damoTime(1_062_500)).toBe('1.062 ms');
    expect(damoTime(61_062_500_000)).toBe('1 m 1.062 s');
  });
});
