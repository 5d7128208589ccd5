// Run ids: derived from the matrix values and the repetition, stable across invocations, safe as a
// path component. `kind-many-targets_targets-4`, `sample-10ms_rep2`, or `run` without a matrix.
// A point's id does not depend on the other points nor on the number of repetitions, so that a
// sweep grown by a matrix value or a repetition keeps the ids (and --resume the results) it had:
// the first repetition is the point's name alone (`sample-10ms`, `run`), the others add `_repN`
// (`rep2` without a matrix); of points whose names clash (values that differ only in characters a
// path cannot hold), the first keeps the name and the others add a hash of their values.
import { createHash } from 'node:crypto';
import type { MatrixPoint } from './matrix.js';
import { stableJson } from '../util/stable-json.js';

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
  const taken = new Set<string>();
  const unique = bases.map((base, i) => {
    const clash = taken.has(base);
    taken.add(base);
    const full = stableJson(points[i]!.map((a) => [a.key, a.value]));
    if (!clash && base.length <= MAX_LENGTH) return base;
    return `${base.slice(0, MAX_LENGTH - 9)}-${hash(full)}`;
  });
  return unique.map((base) =>
    Array.from({ length: repetitions }, (_, r) =>
      r === 0 ? base : base === 'run' ? `rep${r + 1}` : `${base}_rep${r + 1}`,
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
