// From data to the page and back to words: linear scales, round axis ticks, and the formats of
// tick labels (plain numbers, byte offsets in binary units).

/** Maps [d0, d1] onto [r0, r1] linearly; a zero-width domain maps everything onto r0. */
export function linear([d0, d1]: [number, number], [r0, r1]: [number, number]): (value: number) => number {
  return (value) => r0 + ((value - d0) / (d1 - d0 || 1)) * (r1 - r0);
}

/** Round numbers for an axis from min to max: about `count` of them, steps of 1, 2 or 5 × 10^k. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const power = 10 ** Math.floor(Math.log10((max - min) / count));
  // The finest step that gives at most count + 1 ticks.
  const step = ([1, 2, 5, 10].find((m) => Math.floor((max - min) / (m * power)) + 1 <= count + 1) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Ticks for byte offsets, in steps of a power of two times 1, 2 or 5 of a binary unit. */
export function byteTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const unit = [2 ** 30, 2 ** 20, 2 ** 10, 1].find((u) => max / u >= 1) ?? 1;
  return niceTicks(0, max / unit, count).map((v) => v * unit);
}

/** A tick label: at most 4 significant digits, no trailing zeros. */
export function formatTick(value: number): string {
  return String(Number(value.toPrecision(4)));
}
