// A matrix parameter's value as users write it, wherever it is shown or matched (the report, the
// index and summary.csv, figures, compare and its --where).

/** Strings bare (5s, not "5s"); numbers, lists and maps as JSON; `missing` for a run without the parameter. */
export function paramText(value: unknown, missing = ''): string {
  if (value === undefined) return missing;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
