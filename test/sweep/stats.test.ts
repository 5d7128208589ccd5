import { describe, expect, it } from 'vitest';
import { summarize, tCdf, tQuantile, welch } from '../../src/sweep/stats.js';

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

// R 4.x: qt(0.975, df), printed with digits = 15.
const R_QT_975: [df: number, quantile: number][] = [
  [1, 12.7062047361747],
  [2, 4.30265272974946],
  [3, 3.18244630528371],
  [5, 2.57058183563631],
  [10, 2.22813885198627],
  [30, 2.04227245630124],
  [100, 1.98397151852355],
  [1000, 1.96233908082641],
];

// Beyond the table: I_x(df/2, 1/2) inverted with mpmath at 40 digits (which gives R's values above too).
const MPMATH_QT_975: [df: number, quantile: number][] = [
  [1e4, 1.9602012398906262578],
  [1e6, 1.9599663568141070353],
];

describe("Student's t", () => {
  it('has its tables of references (it.each of an empty table would check nothing)', () => {
    expect(R_QT_975.length + MPMATH_QT_975.length).toBe(10);
  });

  it.each(R_QT_975)('gives qt(0.975, %d) = %d as R does, to 1e-12', (df, quantile) => {
    expect(relativeError(tQuantile(0.975, df), quantile)).toBeLessThan(1e-12);
    expect(relativeError(tQuantile(0.025, df), -quantile)).toBeLessThan(1e-12);
  });

  it.each(MPMATH_QT_975)('gives qt(0.975, %d) = %d to 1e-9 at large df', (df, quantile) => {
    expect(relativeError(tQuantile(0.975, df), quantile)).toBeLessThan(1e-9);
  });

  // Closed forms: df = 1 is Cauchy's, F(t) = 1/2 + atan(t)/π; df = 2 has F(t) = 1/2 + t/(2 sqrt(2 + t²)).
  it.each([0.1, 0.5, 1, 2, 5, 30])('gives P(T <= ±%d) for df 1 and 2 as their closed forms do', (t) => {
    const cauchy = 0.5 + Math.atan(t) / Math.PI;
    const two = 0.5 + t / (2 * Math.sqrt(2 + t * t));
    expect(relativeError(tCdf(t, 1), cauchy)).toBeLessThan(1e-13);
    expect(relativeError(tCdf(-t, 1), 1 - cauchy)).toBeLessThan(1e-12);
    expect(relativeError(tCdf(t, 2), two)).toBeLessThan(1e-13);
    expect(relativeError(tCdf(-t, 2), 1 - two)).toBeLessThan(1e-12);
  });

  it.each([0.6, 0.9, 0.995])('gives the %d quantile for df 1 and 2 as their closed forms do', (p) => {
    expect(relativeError(tQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)))).toBeLessThan(1e-12);
    expect(relativeError(tQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)))).toBeLessThan(1e-12);
  });

  it('puts half the mass below 0, for whole and fractional df', () => {
    expect(tCdf(0, 5)).toBeCloseTo(0.5, 15);
    expect(tCdf(0, 3.19)).toBeCloseTo(0.5, 15);
  });
});

describe('statistics over repetitions', () => {
  it('gives the mean, sample standard deviation and 95 % confidence interval', () => {
    const s = summarize([1, 2, 3, 4, 5])!;
    expect(s.mean).toBe(3);
    expect(s.stddev).toBeCloseTo(Math.sqrt(2.5), 12);
    // qt(0.975, 4) = 2.7764451051977943578 (mpmath).
    expect(relativeError(s.ci95!, 2.7764451051977943578 * Math.sqrt(2.5 / 5))).toBeLessThan(1e-12);
    expect(summarize([7])).toEqual({
      n: 1,
      mean: 7,
      stddev: 0,
      min: 7,
      max: 7,
      ci95: null,
      low95: null,
      high95: null,
    });
    expect(summarize([])).toBeNull();
  });

  it('gives no interval below three repetitions: min and max stand instead', () => {
    // Two repetitions: Student's t with one degree of freedom (12.7) would give 4 ± 25.4.
    const two = summarize([2, 6])!;
    expect(two).toMatchObject({ n: 2, mean: 4, min: 2, max: 6, ci95: null, low95: null, high95: null });
    expect(summarize([2, 6, 4])!.ci95).not.toBeNull();
  });

  it("clips the interval to the metric's domain, never the mean", () => {
    // recall over three repetitions: 99, 60, 98 -> mean 85.67 ± 55.1 would reach 140 %.
    const recall = summarize([99, 60, 98], [0, 100])!;
    expect(recall.mean).toBeCloseTo(85.667, 3);
    expect(recall.high95).toBe(100);
    expect(recall.low95).toBeCloseTo(recall.mean - recall.ci95!, 9);
    // CPU cannot go below 0.
    const cpu = summarize([1, 9, 0.5], [0, null])!;
    expect(cpu.low95).toBe(0);
    expect(cpu.high95).toBeCloseTo(cpu.mean + cpu.ci95!, 9);
  });

  it("runs Welch's t-test as R's t.test does", () => {
    // R: t.test(c(1,2,3,4,5), c(3,4,5,6,7)): t = -2, df = 8, p-value = 0.08052 (our t is b − a);
    // 2 * pt(-2, 8) is 0.080516237957262671 (mpmath, 40 digits).
    const result = welch([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])!;
    expect(result.t).toBeCloseTo(2, 12);
    expect(result.df).toBeCloseTo(8, 12);
    expect(relativeError(result.p, 0.080516237957262671)).toBeLessThan(1e-12);
    // Unequal variances, by hand: variances 1 and 125/3, so t = 16.5 / sqrt(1/3 + 125/12) and
    // df = (1/3 + 125/12)^2 / ((1/3)^2 / 2 + (125/12)^2 / 3) (Welch-Satterthwaite) = 3.19017...;
    // 2 * pt(-t, df) is 0.013024745086011052 (mpmath, 40 digits).
    const unequal = welch([10, 11, 12], [20, 25, 30, 35])!;
    const [va, vb] = [1 / 3, 125 / 12];
    expect(unequal.t).toBeCloseTo(16.5 / Math.sqrt(va + vb), 10);
    expect(unequal.df).toBeCloseTo((va + vb) ** 2 / (va ** 2 / 2 + vb ** 2 / 3), 10);
    expect(relativeError(unequal.p, 0.013024745086011052)).toBeLessThan(1e-10);
    expect(welch([1], [2, 3])).toBeNull();
    expect(welch([1, 1], [1, 1])).toBeNull();
  });
});

describe('csvField', () => {
  it('neutralises what a spreadsheet would run as a formula, and leaves numbers and plain text as they are', async () => {
    const { csvField } = await import('../../src/sweep/collect.js');
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+cmd|/C calc!A0')).toBe("'+cmd|/C calc!A0");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('-5')).toBe('-5');
    expect(csvField('+1.5e3')).toBe('+1.5e3');
    expect(csvField('sleep 60')).toBe('sleep 60');
    expect(csvField('a,b')).toBe('"a,b"');
  });
});
