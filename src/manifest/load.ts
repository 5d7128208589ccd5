// Manifest file → validated, expanded Runs, or every problem at once with its file, line and column.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parse as parseYamlValue } from 'yaml';
import { InputError, type Diagnostic, type SourceLocation } from './diagnostics.js';
import type { Figures, Manifest } from './manifest.types.js';
import { assign, expandMatrix, parseSetOption, type Assignment, type MatrixPoint } from './matrix.js';
import { resolveRun, type Problem, type ResolveContext } from './resolve.js';
import { runIds } from './run-id.js';
import type { Run } from './run.js';
import { checkAgainstSchema } from './schema.js';
import { locate, parseYamlSource, walkYaml, type YamlSource } from './yaml-source.js';

export type Figure = Figures[number];

export interface Experiment {
  file: string;
  name: string;
  description: string;
  sha256: string;
  runs: Run[];
  /** The manifest's paper figures (checked: their parameters are the runs' parameters). */
  figures: Figure[];
}

export interface LoadOptions {
  /** `path=value` overrides, applied to every run after the matrix. */
  sets?: string[];
}

/** Loads, validates and expands a manifest. Throws InputError listing every problem. */
export function loadExperiment(file: string, options: LoadOptions = {}): Experiment {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError([{ file, line: 0, col: 0, message: `cannot read the manifest (${code})`, hint: code === 'ENOENT' ? 'check the path' : undefined }]);
  }
  return expandExperiment(file, text, options);
}

export function expandExperiment(file: string, text: string, options: LoadOptions = {}): Experiment {
  const source = parseYamlSource(file, text);
  if (!source.recoverable) throw new InputError(source.errors);
  const diagnostics: Diagnostic[] = [...source.errors];
  const value = source.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError([{ file, line: 1, col: 1, message: 'a manifest is a YAML mapping (name:, workloads:, layout:, ...)' }]);
  }
  const base = value as Record<string, unknown>;
  const points = matrixPoints(base, source, diagnostics);

  const sets: Assignment[] = [];
  for (const text of options.sets ?? []) {
    const parsed = parseSetOption(text, base, parseYamlScalar);
    if ('key' in parsed && points.some((point) => point.some((a) => a.key === parsed.key))) {
      diagnostics.push({ file: `--set ${text}`, line: 0, col: 0, message: `'${parsed.key}' is a matrix axis of this manifest; --set cannot override it`, hint: 'pick matrix points by their run ids instead (damon-exp list)' });
    } else if ('key' in parsed) sets.push(parsed);
    else diagnostics.push({ file: `--set ${text}`, line: 0, col: 0, message: parsed.message, ...(parsed.hint ? { hint: parsed.hint } : {}) });
  }

  const repetitions = typeof base.repeat === 'number' && Number.isInteger(base.repeat) && base.repeat >= 1 ? base.repeat : 1;
  const ids = runIds(points.map((point) => [...point, ...sets]), repetitions);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const manifestDir = dirname(resolve(file));
  const configCache = new Map<string, { file: string; text: string } | { error: string }>();
  const readMasimConfig = (relativePath: string) => {
    const absolute = resolve(manifestDir, relativePath);
    let entry = configCache.get(absolute);
    if (!entry) {
      const shown = relative(process.cwd(), absolute) || absolute;
      try {
        entry = { file: shown.startsWith('..') ? absolute : shown, text: readFileSync(absolute, 'utf8') };
      } catch (error) {
        entry = { error: `cannot read masim config '${relativePath}' (${(error as NodeJS.ErrnoException).code})` };
      }
      configCache.set(absolute, entry);
    }
    return entry;
  };

  const newContext = (): ResolveContext => ({ manifestFile: file, manifestDir, sha256, readMasimConfig, external: [], problems: [] });
  const runs: Run[] = [];
  points.forEach((point, p) => {
    const assignments = [...point, ...sets];
    const manifest = structuredClone(base);
    for (const a of assignments) assign(manifest, a.path, structuredClone(a.value));
    delete manifest.matrix;
    const schemaProblems = checkAgainstSchema(manifest);
    if (schemaProblems.length) {
      diagnostics.push(...schemaProblems.map((problem) => toDiagnostic(source, assignments, problem)));
      const partial = semanticProblemsDespite(schemaProblems, () => {
        const ctx = newContext();
        resolveRun(manifest as unknown as Manifest, { id: '', params: {}, repetition: 1, repetitions: 1 }, ctx);
        return ctx;
      });
      diagnostics.push(...partial.external, ...partial.problems.map((problem) => toDiagnostic(source, assignments, problem)));
      return;
    }
    const params = Object.fromEntries(assignments.map((a) => [a.key, a.value]));
    for (let r = 0; r < repetitions; r++) {
      const ctx = newContext();
      const run = resolveRun(manifest as unknown as Manifest, { id: ids[p]![r]!, params, repetition: r + 1, repetitions }, ctx);
      diagnostics.push(...ctx.external, ...ctx.problems.map((problem) => toDiagnostic(source, assignments, problem)));
      if (!run) break; // the other repetitions would repeat the same problems
      runs.push(run);
    }
  });
  const figures = (Array.isArray(base.figures) ? base.figures : []) as Figure[];
  if (!diagnostics.length) diagnostics.push(...figureProblems(figures, runs).map((problem) => toDiagnostic(source, [], problem)));
  if (diagnostics.length) throw new InputError(diagnostics);
  return { file, name: String(base.name), description: typeof base.description === 'string' ? base.description : '', sha256, runs, figures };
}

/**
 * The checks beyond the schema, run on a manifest the schema rejected so that one pass reports
 * every problem. Problems at or below a place the schema already rejected are left out, and so is
 * everything when the malformed part trips the resolver up.
 */
function semanticProblemsDespite(schemaProblems: Problem[], resolve: () => ResolveContext): { external: Diagnostic[]; problems: Problem[] } {
  let ctx: ResolveContext;
  try {
    ctx = resolve();
  } catch {
    return { external: [], problems: [] };
  }
  const overlaps = (a: readonly unknown[], b: readonly unknown[]) => a.slice(0, b.length).every((s, i) => String(s) === String(b[i]));
  const problems = ctx.problems.filter((p) =>
    schemaProblems.every((s) => {
      const subject = s.subject ?? s.path;
      return !overlaps(p.path, subject) && !overlaps(subject, p.path);
    }),
  );
  return { external: ctx.external, problems };
}

/**
 * The matrix points, or the base manifest alone when there is no matrix or it is malformed (its
 * problems are reported; the rest of the manifest is still checked).
 */
function matrixPoints(base: Record<string, unknown>, source: YamlSource, diagnostics: Diagnostic[]): MatrixPoint[] {
  if (base.matrix === undefined) return [[]];
  const shapeProblems = checkAgainstSchema(base).filter((problem) => problem.path[0] === 'matrix');
  diagnostics.push(...shapeProblems.map((problem) => toDiagnostic(source, [], problem)));
  if (shapeProblems.length) return [[]];
  const problems: Problem[] = [];
  const matrixNode = walkYaml(source.root, ['matrix']);
  const points = expandMatrix(base, matrixNode.depth === 1 ? matrixNode.node : null, (problem) => problems.push(problem));
  diagnostics.push(...problems.map((problem) => toDiagnostic(source, [], problem)));
  return problems.length ? [[]] : points;
}

function parseYamlScalar(text: string): unknown {
  try {
    return parseYamlValue(text);
  } catch {
    // Not YAML (an unclosed [ or an alias): take it as the string it is; the schema judges it.
    return text;
  }
}

/** Finds where a problem's path was written: in a matrix value, a --set option, or the manifest. */
function toDiagnostic(source: YamlSource, assignments: Assignment[], problem: Problem): Diagnostic {
  let owner: Assignment | undefined;
  for (const a of assignments) {
    const prefix = a.path.length <= problem.path.length && a.path.every((segment, i) => String(segment) === String(problem.path[i]));
    if (prefix && (!owner || a.path.length >= owner.path.length)) owner = a;
  }
  let where: SourceLocation;
  if (owner?.source.kind === 'cli') {
    where = { file: `--set ${owner.source.text}`, line: 0, col: 0 };
  } else if (owner?.source.kind === 'yaml') {
    where = locate(source, owner.source.node, problem.path.slice(owner.path.length), problem.at ?? 'value');
  } else {
    where = locate(source, source.root, problem.path, problem.at ?? 'value');
  }
  return { ...where, message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) };
}

/** A figure may only speak of the runs' parameters; a line or bar figure needs a metric. */
function figureProblems(figures: Figure[], runs: Run[]): Problem[] {
  const params = [...new Set(runs.flatMap((run) => Object.keys(run.params)))];
  const hint = params.length ? `the runs' parameters: ${params.join(', ')}` : 'the runs have no parameters: add a matrix';
  const problems: Problem[] = [];
  figures.forEach((figure, i) => {
    const check = (value: string | undefined, path: (string | number)[], at: 'value' | 'key' = 'value') => {
      if (value !== undefined && !params.includes(value)) problems.push({ path: ['figures', i, ...path], at, message: `'${value}' is not a parameter of the runs`, hint });
    };
    check(figure.x, ['x']);
    check(figure.series, ['series']);
    for (const key of Object.keys(figure.where ?? {})) check(key, ['where', key], 'key');
    if ((figure.type ?? 'line') !== 'heatmaps' && figure.y === undefined) problems.push({ path: ['figures', i], subject: ['figures', i, 'y'], message: `figure '${figure.name}' needs y: the metric it plots`, hint: 'such as kdamond_cpu, recall or wss_p50' });
  });
  const names = figures.map((f) => f.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) problems.push({ path: ['figures', i, 'name'], message: `a second figure named '${name}'`, hint: 'each figure writes figures/<name>.svg: give each a name of its own' });
  });
  return problems;
}
