// Run ids: derived from the matrix values and the repetition, stable across invocations, safe as a
// path component. `kind-many-targets_targets-4`, `sample-10ms_rep2`, or `run` without a matrix.
import { createHash } from 'node:crypto';
import type { MatrixPoint } from './matrix.js';
import { stableJson } from './matrix.js';

const MAX_LENGTH = 96;

/** A label for a value that says more than the value's text (a kernel named by its path). */
export type ValueLabeller = (key: string, value: unknown) => string | undefined;

export function runIds(points: MatrixPoint[], repetitions: number, labeller?: ValueLabeller): string[][] {
  const keys = [...new Set(points.flatMap((point) => point.map((a) => a.key)))];
  const short = shortNames(keys);
  const label = (key: string, value: unknown) => {
    const special = labeller?.(key, value);
    return special === undefined ? valueLabel(value) : sanitize(special);
  };
  const bases = points.map((point) =>
    point.length ? point.map((a) => `${short.get(a.key)}-${label(a.key, a.value)}`).join('_') : 'run',
  );
  const counts = new Map<string, number>();
  bases.forEach((base) => counts.set(base, (counts.get(base) ?? 0) + 1));
  const unique = bases.map((base, i) => {
    const clash = counts.get(base)! > 1;
    const full = stableJson(points[i]!.map((a) => [a.key, a.value]));
    if (!clash && base.length <= MAX_LENGTH) return base;
    return `${base.slice(0, MAX_LENGTH - 9)}-${hash(full)}`;
  });
  return unique.map((base) =>
    Array.from({ length: repetitions }, (_, r) =>
      repetitions === 1 ? base : base === 'run' ? `rep${r + 1}` : `${base}_rep${r + 1}`,
    ),
  );
}

/** The shortest dotted suffix of each key that no other key ends with. */
function shortNames(keys: string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const key of keys) {
    const parts = key.split('.');
    let n = 1;
    const suffix = (k: string, len: number) => k.split('.').slice(-len).join('.');
    while (n < parts.length && keys.some((other) => other !== key && suffix(other, n) === suffix(key, n))) n++;
    names.set(key, sanitize(suffix(key, n)));
  }
  return names;
}

function valueLabel(value: unknown): string {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return sanitize(String(value));
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return sanitize(value.join('+'));
  }
  return hash(stableJson(value));
}

function sanitize(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9.+-]+/g, '_').replace(/^[._]+/, '');
  return clean === '' ? '_' : clean;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
