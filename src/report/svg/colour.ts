// Colours of figures: a categorical palette for series, and viridis for heat.

/** Colours of series, in order: matplotlib's tab10 without its grey and olive, red second. */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

export function seriesColour(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

// Viridis, sampled: perceptually even and readable in grey print.
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [180, 222, 44],
  [253, 231, 37],
];

/** The viridis colour of a fraction from 0 (dark purple) to 1 (yellow); outside [0, 1] it is clamped, NaN is 0. */
export function viridis(fraction: number): [number, number, number] {
  const f = (Number.isNaN(fraction) ? 0 : Math.min(1, Math.max(0, fraction))) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(f));
  const t = f - i;
  const [a, b] = [VIRIDIS[i]!, VIRIDIS[i + 1]!];
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * t)) as [number, number, number];
}
