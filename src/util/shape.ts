// Shapes of JSON read back from files that may have been edited or damaged (a shared results
// tree, a tarball): each says what is wrong at which path, so that a file that parses but is not
// of the form its readers rely on is "corrupt FILE: what is wrong" instead of a crash later.
// Objects are open (fields not named are not checked): files of a newer version still read.

/** The problem with `value` at `at` (a path such as targets[0].heatmap), or null. */
export type Shape = (value: unknown, at: string) => string | null;

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? ''}`.trim();
};

const wrong = (at: string, expected: string, value: unknown) =>
  `${at || 'the file'} is ${describe(value)}, not ${expected}`;

export const num: Shape = (v, at) => (typeof v === 'number' && Number.isFinite(v) ? null : wrong(at, 'a number', v));
export const str: Shape = (v, at) => (typeof v === 'string' ? null : wrong(at, 'a string', v));
export const bool: Shape = (v, at) => (typeof v === 'boolean' ? null : wrong(at, 'true or false', v));
export const unknown: Shape = () => null;

export function nullable(shape: Shape): Shape {
  return (v, at) => (v === null ? null : shape(v, at));
}

/** One of these values exactly. */
export function oneOf(...values: readonly (string | number | boolean | null)[]): Shape {
  return (v, at) => (values.includes(v as string) ? null : wrong(at, `one of ${values.join(', ')}`, v));
}

export function list(item: Shape): Shape {
  return (v, at) => {
    if (!Array.isArray(v)) return wrong(at, 'a list', v);
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
}

/** A list of exactly these items (a pair of numbers). */
export function tuple(...items: Shape[]): Shape {
  return (v, at) => {
    if (!Array.isArray(v) || v.length !== items.length) return wrong(at, `a list of ${items.length}`, v);
    for (let i = 0; i < items.length; i++) {
      const problem = items[i]!(v[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
}

/** An object whose every value has the shape (a record keyed by names). */
export function record(value: Shape): Shape {
  return (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return wrong(at, 'an object', v);
    for (const [key, item] of Object.entries(v)) {
      const problem = value(item, `${at}.${key}`);
      if (problem) return problem;
    }
    return null;
  };
}

/** A field that may be absent (undefined), else of the shape. */
export interface Optional {
  optional: Shape;
}
export const optional = (shape: Shape): Optional => ({ optional: shape });

/** An object with these fields (others are not checked); `optional(...)` fields may be absent. */
export function object(fields: Record<string, Shape | Optional>): Shape {
  return (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return wrong(at, 'an object', v);
    for (const [key, field] of Object.entries(fields)) {
      const value = (v as Record<string, unknown>)[key];
      const path = at ? `${at}.${key}` : key;
      if (typeof field === 'object') {
        if (value === undefined) continue;
        const problem = field.optional(value, path);
        if (problem) return problem;
      } else {
        if (value === undefined) return `${path} is missing`;
        const problem = field(value, path);
        if (problem) return problem;
      }
    }
    return null;
  };
}

/** The shape, then a check across its fields (a reference to a name defined elsewhere in the file). */
export function checked(shape: Shape, check: (value: never) => string | null): Shape {
  return (v, at) => shape(v, at) ?? check(v as never);
}
