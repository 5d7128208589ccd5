/**
 * The one percentile of damon-exp, damo's: the element at index int(p / 100 × n) of the values in
 * the order given (sorted, or in time order for damo's `report wss --sortby time`), the last for
 * p = 100; 0 for no values. Not nearest rank (ceil(p / 100 × n) - 1): the two differ when p / 100 × n
 * is whole (the median of an even count is the upper one here).
 */
export function damoPercentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return 0;
  return values[Math.min(values.length - 1, Math.trunc((p / 100) * values.length))]!;
}
