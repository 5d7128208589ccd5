import { describe, expect, it } from 'vitest';
import { summarize, tCdf, tQuantile, welch } from '../../src/sweep/stats.js';

describe('statistics over repetitions', () => {
  it("matches Student's t table values", () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(tCdf(0, 5)).toBeCloseTo(0.5, 12);
  });

  it('gives the mean, sample standard deviation and 95 % confidence interval', () => {
    const s = summarize([1, 2, 3, 4, 5])!;
    expect(s.mean).toBe(3);
    expect(s.stddev).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(s.ci95).toBeCloseTo(2.776445 * Math.sqrt(2.5 / 5), 5);
    expect(summarize([7])).toEqual({ n: 1, mean: 7, stddev: 0, ci95: null });
    expect(summarize([])).toBeNull();
  });

  it("runs Welch's t-test as R's t.test does", () => {
    // R: t.test(c(1,2,3,4,5), c(3,4,5,6,7)): t = -2, df = 8, p-value = 0.08052 (our t is b − a)
    const result = welch([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])!;
    expect(result.t).toBeCloseTo(2, 12);
    expect(result.df).toBeCloseTo(8, 12);
    expect(result.p).toBeCloseTo(0.08052, 5);
    // Unequal variances, by hand: variances 1 and 125/3, so t = 16.5 / sqrt(1/3 + 125/12) and
    // df = (1/3 + 125/12)^2 / ((1/3)^2 / 2 + (125/12)^2 / 3) (Welch-Satterthwaite).
    const unequal = welch([10, 11, 12], [20, 25, 30, 35])!;
    const [va, vb] = [1 / 3, 125 / 12];
    expect(unequal.t).toBeCloseTo(16.5 / Math.sqrt(va + vb), 10);
    expect(unequal.df).toBeCloseTo((va + vb) ** 2 / (va ** 2 / 2 + vb ** 2 / 3), 10);
    expect(unequal.p).toBeCloseTo(2 * (1 - tCdf(unequal.t, unequal.df)), 12);
    expect(welch([1], [2, 3])).toBeNull();
    expect(welch([1, 1], [1, 1])).toBeNull();
  });
});
