// Statistics for comparing repetitions: mean, sample standard deviation, min–max, the 95 %
// confidence interval of the mean (Student's t, from three repetitions, clipped to the metric's
// domain), and Welch's t-test for two groups of unequal variance.
// Student's t is ours, not a package's: it matches R's qt to 1e-12 (df ≤ 10⁴), while jstat 1.9.6 is
// off by up to 3e-8 and @stdlib's t quantile and cdf, exact too, bring 233 packages (27 MB).

export interface Summary {
  n: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  /**
   * Half-width of the 95 % confidence interval of the mean; null with fewer than MIN_INTERVAL_N
   * values (Student's t with one degree of freedom is 12.7: two repetitions give an interval that
   * says nothing, so none is given and min–max stands instead).
   */
  ci95: number | null;
  /** The interval's bounds, clipped to the metric's domain (CPU ≥ 0, recall ≤ 100 %, …); null with ci95. */
  low95: number | null;
  high95: number | null;
}

/** Repetitions a side below which no interval and no test is given. */
export const MIN_INTERVAL_N = 3;

/** Where a metric's values can lie: [min, max], max null when unbounded. */
export type Domain = readonly [number, number | null];

/** The values clipped to a domain. */
export function clip(value: number, domain: Domain | undefined): number {
  if (!domain) return value;
  const [min, max] = domain;
  return Math.min(max ?? Infinity, Math.max(min, value));
}

export function summarize(values: number[], domain?: Domain): Summary | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const stddev = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  const ci95 = n >= MIN_INTERVAL_N ? tQuantile(0.975, n - 1) * (stddev / Math.sqrt(n)) : null;
  return {
    n,
    mean,
    stddev,
    min: values.reduce((m, v) => Math.min(m, v), Infinity),
    max: values.reduce((m, v) => Math.max(m, v), -Infinity),
    ci95,
    low95: ci95 === null ? null : clip(mean - ci95, domain),
    high95: ci95 === null ? null : clip(mean + ci95, domain),
  };
}

/** ln Γ(x), Lanczos approximation (g = 7, n = 9): ample for the t distribution. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the regularized incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with df degrees of freedom (df need not be whole: Welch). */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The t with P(T <= t) = p, by bisection within ±1000 (enough for df ≥ 1 and 0.0005 ≤ p ≤ 0.9995). */
export function tQuantile(p: number, df: number): number {
  let lo = -1000;
  let hi = 1000;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface WelchResult {
  t: number;
  df: number;
  /** Two-sided. */
  p: number;
}

/**
 * Welch's t-test of the difference of two means; null when either group has fewer than
 * MIN_INTERVAL_N values or neither varies.
 */
export function welch(a: number[], b: number[]): WelchResult | null {
  const sa = summarize(a);
  const sb = summarize(b);
  if (!sa || !sb || sa.n < MIN_INTERVAL_N || sb.n < MIN_INTERVAL_N) return null;
  const va = sa.stddev ** 2 / sa.n;
  const vb = sb.stddev ** 2 / sb.n;
  if (va + vb === 0) return null;
  const t = (sb.mean - sa.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (sa.n - 1) + vb ** 2 / (sb.n - 1));
  return { t, df, p: 2 * (1 - tCdf(Math.abs(t), df)) };
}
