// Manifest file → validated, expanded Runs, or every problem at once with its file, line and column.
import { createHash } from 'node:crypto';
import { basename, dirname, relative, resolve } from 'node:path';
import { parse as parseYamlValue } from 'yaml';
import { shorten } from '../util/errors.js';
import { InputFileError, readInputFile } from '../util/input-file.js';
import { InputError, type Diagnostic, type SourceLocation } from './diagnostics.js';
import type { Executor, Figures, Manifest } from './manifest.types.js';
import {
  countPoints,
  expandMatrix,
  parsePath,
  parseSetOption,
  readMatrix,
  type Assignment,
  type Matrix,
  type MatrixPoint,
} from './matrix.js';
import { resolveRun, type Problem, type ResolveContext } from './resolve.js';
import { runIds } from './run-id.js';
import { parseDuration } from '../util/units.js';
import { KERNELS_AS_WRITTEN, type KernelResolver } from './kernels.js';
import { allContexts, RUN_FACTS, type Run } from './run.js';
import { checkAgainstSchema } from './schema.js';
import { locate, parseYamlSource, walkYaml, type PathSegment, type YamlSource } from './yaml-source.js';

export type Figure = Figures[number];

export interface Experiment {
  file: string;
  name: string;
  description: string;
  sha256: string;
  runs: Run[];
  /** The manifest's paper figures (checked: their parameters are the runs' parameters). */
  figures: Figure[];
  /** Who runs the runs (`executor:`); the command line may override it. */
  executor: ExecutorSpec;
}

export interface ExecutorSpec {
  kind: 'local' | 'slurm';
  settings: SlurmSettings;
}

/** What the Slurm executor passes to sbatch beyond what it derives from the runs. */
export interface SlurmSettings {
  partition?: string;
  account?: string;
  qos?: string;
  /** A time limit for each task instead of the one derived from the runs (microseconds). */
  timeLimitUs?: number;
  /** Further sbatch options, passed as they are (executor.options, --slurm-opt). */
  options: string[];
}

function executorOf(value: unknown): ExecutorSpec {
  const spec = (value ?? {}) as Executor;
  return {
    kind: spec.kind ?? 'local',
    settings: {
      ...(spec.partition ? { partition: spec.partition } : {}),
      ...(spec.account ? { account: spec.account } : {}),
      ...(spec.qos ? { qos: spec.qos } : {}),
      ...(spec.time ? { timeLimitUs: parseDuration(spec.time) } : {}),
      options: spec.options ?? [],
    },
  };
}

export interface LoadOptions {
  /** `path=value` overrides, applied to every run after the matrix. */
  sets?: string[];
  /** The most runs the manifest may make (default DEFAULT_MAX_RUNS). */
  maxRuns?: number;
  /**
   * How backend.kernel is checked and named: the commands give kernel-images' KERNEL_RESOLVER;
   * without one, every kernel is taken as written.
   */
  kernels?: KernelResolver;
}

/** A matrix multiplies quickly: a few lines can ask for more runs than memory holds. */
export const DEFAULT_MAX_RUNS = 10_000;
/**
 * Runs of large explicit layouts can exhaust memory before their number does: each run keeps its
 * own contexts and targets (a few hundred bytes each).
 */
const MAX_HELD = 4_000_000;

/** Loads, validates and expands a manifest. Throws InputError listing every problem. */
export function loadExperiment(file: string, options: LoadOptions = {}): Experiment {
  let text: string;
  try {
    text = readInputFile(file, 'a manifest');
  } catch (error) {
    if (error instanceof InputFileError)
      throw new InputError([{ file, line: 0, col: 0, ...saidOfTheFile(error, 'a manifest') }]);
    throw error;
  }
  return expandExperiment(file, text, options);
}

/** An input file's problem, said of the file a diagnostic names already. */
function saidOfTheFile(error: InputFileError, what: string): { message: string; hint?: string } {
  const message = error.message.startsWith(`${error.path} `)
    ? `it ${error.message.slice(error.path.length + 1)}`
    : error.message.replace(`cannot read ${what} ${error.path}`, 'cannot read it');
  return { message, ...(error.hint ? { hint: error.hint } : {}) };
}

export function expandExperiment(file: string, text: string, options: LoadOptions = {}): Experiment {
  const source = parseYamlSource(file, text);
  if (!source.recoverable) throw new InputError(source.errors);
  const diagnostics: Diagnostic[] = [...source.errors];
  const value = source.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError([
      { file, line: 1, col: 1, message: 'a manifest is a YAML mapping (name:, workloads:, layout:, ...)' },
    ]);
  }
  const base = value as Record<string, unknown>;
  const toDiagnostics = (problems: Problem[], assignments: Assignment[] = []) =>
    problems.map((problem) => toDiagnostic(source, assignments, problem));

  const sha256 = createHash('sha256').update(text).digest('hex');
  const manifestDir = dirname(resolve(file));
  const configCache = new Map<string, { file: string; text: string } | { error: string; hint?: string }>();
  const readMasimConfig = (relativePath: string) => {
    const absolute = resolve(manifestDir, relativePath);
    let entry = configCache.get(absolute);
    if (!entry) {
      const relativeToCwd = relative(process.cwd(), absolute) || absolute;
      const shown = relativeToCwd.startsWith('..') ? absolute : relativeToCwd;
      try {
        entry = { file: shown, text: readInputFile(shown, 'a masim config') };
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        const hint =
          error.errno === 'ENOENT' ? `the path is relative to the manifest (${shorten(manifestDir, 120)})` : error.hint;
        entry = { error: error.message, ...(hint ? { hint } : {}) };
      }
      configCache.set(absolute, entry);
    }
    return entry;
  };

  // A matrix names the same kernel in many runs: each look reads the kernel cache.
  const kernels = options.kernels ?? KERNELS_AS_WRITTEN;
  const kernelProblem = memoized((spec: string) => kernels.pathProblem(spec, manifestDir));
  const kernelRunLabel = memoized((spec: unknown) => kernelLabelOf(spec, manifestDir, kernels));

  const newContext = (): ResolveContext => ({
    manifestFile: file,
    manifestDir,
    sha256,
    readMasimConfig,
    kernelProblem,
    kernelSourceProblem: kernels.sourceProblem,
    external: [],
    problems: [],
  });
  /** Resolves a manifest the schema rejected, for the problems beyond the schema. */
  const draft = (manifest: Record<string, unknown>) => () => {
    const ctx = newContext();
    resolveRun(manifest as unknown as Manifest, { id: '', params: {}, repetition: 1, repetitions: 1 }, ctx);
    return ctx;
  };

  const matrixProblems: Problem[] = [];
  const matrix = readMatrixOf(base, source, matrixProblems);
  diagnostics.push(...toDiagnostics(matrixProblems));
  const varied = [
    ...matrix.axes.map((axis) => axis.path),
    ...matrix.include.flatMap(({ entry }) => Object.keys(entry).flatMap((key) => pathOf(key, base))),
  ];
  const variedKeys = new Set([
    ...matrix.axes.map((axis) => axis.key),
    ...matrix.include.flatMap(({ entry }) => Object.keys(entry)),
  ]);

  const sets: Assignment[] = [];
  for (const text of options.sets ?? []) {
    const parsed = parseSetOption(text, base, parseYamlScalar);
    const where = `--set ${shorten(text)}`;
    if ('key' in parsed && variedKeys.has(parsed.key)) {
      diagnostics.push({
        file: where,
        line: 0,
        col: 0,
        message: `'${shorten(parsed.key)}' is a matrix axis of this manifest; --set cannot override it`,
        hint: 'pick matrix points by their run ids instead (damon-exp list)',
      });
    } else if ('key' in parsed) sets.push(parsed);
    else
      diagnostics.push({
        file: where,
        line: 0,
        col: 0,
        message: parsed.message,
        ...(parsed.hint ? { hint: parsed.hint } : {}),
      });
  }

  // What every run shares, checked once before the matrix is multiplied out: the manifest without
  // its matrix, with --set made. What the matrix sets is checked per point, at its place in the matrix.
  const shared = withAssignments(base, sets);
  const notVaried = (problem: Problem) =>
    !varied.some((path) => overlaps(problem.subject ?? problem.path, path) || overlaps(problem.path, path));
  const sharedProblems = checkAgainstSchema(shared).filter(notVaried);
  if (sharedProblems.length) {
    diagnostics.push(...toDiagnostics(sharedProblems, sets));
    const partial = semanticProblemsDespite(sharedProblems, draft(shared));
    diagnostics.push(...partial.external, ...toDiagnostics(partial.problems.filter(notVaried), sets));
    throw new InputError(diagnostics);
  }

  const maxRuns = options.maxRuns ?? DEFAULT_MAX_RUNS;
  const repetitions = typeof base.repeat === 'number' ? base.repeat : 1;
  const tooMany = runCountProblem(matrix, repetitions, maxRuns);
  if (tooMany) throw new InputError([...diagnostics, ...toDiagnostics([tooMany])]);
  let points: MatrixPoint[] = [[]];
  if (base.matrix !== undefined && !matrixProblems.length) {
    const expansionProblems: Problem[] = [];
    points = expandMatrix(base, matrix, (problem) => expansionProblems.push(problem));
    diagnostics.push(...toDiagnostics(expansionProblems));
    if (expansionProblems.length) points = [[]];
  }

  const ids = runIds(
    points.map((point) => [...point, ...sets]),
    repetitions,
    (key, value) => (key === 'backend.kernel' ? kernelRunLabel(value) : undefined),
  );
  const runs: Run[] = [];
  let held = 0; // contexts and targets of the runs so far: what their memory grows with
  for (const [p, point] of points.entries()) {
    const assignments = [...point, ...sets];
    const manifest = withAssignments(base, assignments);
    const schemaProblems = point.length ? checkAgainstSchema(manifest) : [];
    if (schemaProblems.length) {
      diagnostics.push(...toDiagnostics(schemaProblems, assignments));
      const partial = semanticProblemsDespite(schemaProblems, draft(manifest));
      diagnostics.push(...partial.external, ...toDiagnostics(partial.problems, assignments));
      continue;
    }
    const params = Object.fromEntries(assignments.map((a) => [a.key, a.value]));
    for (let r = 0; r < repetitions; r++) {
      const ctx = newContext();
      const run = resolveRun(
        manifest as unknown as Manifest,
        { id: ids[p]![r]!, params, repetition: r + 1, repetitions },
        ctx,
      );
      diagnostics.push(...ctx.external, ...toDiagnostics(ctx.problems, assignments));
      if (!run) break; // the other repetitions would repeat the same problems
      runs.push(run);
      held += allContexts(run.layout).reduce((n, context) => n + 1 + context.targets.length, 0);
    }
    if (held > MAX_HELD) {
      const problem: Problem = {
        path: base.matrix !== undefined ? ['matrix'] : ['repeat'],
        at: base.matrix !== undefined ? 'key' : 'value',
        message: `the runs hold more than ${MAX_HELD} contexts and targets in all (${runs.length} runs made, of up to ${points.length * repetitions}): too many to expand`,
        hint: 'vary fewer values, repeat fewer times, or lay out fewer contexts',
      };
      throw new InputError([...diagnostics, ...toDiagnostics([problem])]);
    }
  }
  const figures = (Array.isArray(base.figures) ? base.figures : []) as Figure[];
  if (!diagnostics.length) diagnostics.push(...toDiagnostics(figureProblems(figures, runs)));
  if (diagnostics.length) throw new InputError(diagnostics);
  return {
    file,
    name: String(base.name),
    description: typeof base.description === 'string' ? base.description : '',
    sha256,
    runs,
    figures,
    executor: executorOf(base.executor),
  };
}

/** The manifest with `assignments` made, sharing what they leave alone with `base` (which stays as it is). */
function withAssignments(base: Record<string, unknown>, assignments: readonly Assignment[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  delete copy.matrix;
  for (const { path, value } of assignments) {
    let parent: Record<string | number, unknown> = copy;
    path.forEach((segment, i) => {
      if (i === path.length - 1) {
        parent[segment] = value;
        return;
      }
      const next = parent[segment];
      const child = Array.isArray(next)
        ? [...next]
        : next !== null && typeof next === 'object'
          ? { ...next }
          : typeof path[i + 1] === 'number'
            ? []
            : {};
      parent[segment] = child;
      parent = child as Record<string | number, unknown>;
    });
  }
  return copy;
}

function overlaps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.slice(0, b.length).every((s, i) => String(s) === String(b[i]));
}

function pathOf(key: string, base: Record<string, unknown>): PathSegment[][] {
  const parsed = parsePath(key, base);
  return 'path' in parsed ? [parsed.path] : [];
}

/**
 * More runs than `maxRuns`, counted before the matrix is made (an upper bound when exclude or
 * include may make fewer), at the matrix or at repeat, whichever makes too many.
 */
function runCountProblem(matrix: Matrix, repetitions: number, maxRuns: number): Problem | undefined {
  const { points, exact } = countPoints(matrix);
  const runs = points * BigInt(repetitions);
  if (runs <= BigInt(maxRuns)) return undefined;
  const upTo = exact ? '' : 'up to ';
  if (points > BigInt(maxRuns)) {
    return {
      path: ['matrix'],
      at: 'key',
      message:
        repetitions === 1
          ? `the matrix makes ${upTo}${points} runs, more than the limit of ${maxRuns}`
          : `the matrix and repeat make ${upTo}${runs} runs (${points} matrix points × repeat ${repetitions}), more than the limit of ${maxRuns}`,
      hint: 'vary fewer values, or raise the limit with --max-runs N if you mean to run them all',
    };
  }
  return {
    path: ['repeat'],
    message: `repeat: ${repetitions} makes ${upTo}${runs} runs${points > 1n ? ` (${points} matrix points × ${repetitions})` : ''}, more than the limit of ${maxRuns}`,
    hint: 'repeat fewer times, or raise the limit with --max-runs N if you mean to run them all',
  };
}

/**
 * The checks beyond the schema, run on a manifest the schema rejected so that one pass reports
 * every problem. Problems at or below a place the schema already rejected are left out, and so is
 * everything when the malformed part trips the resolver up.
 */
function semanticProblemsDespite(
  schemaProblems: Problem[],
  resolve: () => ResolveContext,
): { external: Diagnostic[]; problems: Problem[] } {
  let ctx: ResolveContext;
  try {
    ctx = resolve();
  } catch {
    return { external: [], problems: [] };
  }
  const problems = ctx.problems.filter((p) =>
    schemaProblems.every((s) => {
      const subject = s.subject ?? s.path;
      return !overlaps(p.path, subject) && !overlaps(subject, p.path);
    }),
  );
  return { external: ctx.external, problems };
}

/** The matrix, read and checked; empty when there is none or its shape is wrong (problems says why). */
function readMatrixOf(base: Record<string, unknown>, source: YamlSource, problems: Problem[]): Matrix {
  const none: Matrix = { axes: [], include: [], exclude: [] };
  if (base.matrix === undefined) return none;
  const shapeProblems = checkAgainstSchema({ matrix: base.matrix }).filter((problem) => problem.path[0] === 'matrix');
  problems.push(...shapeProblems);
  if (shapeProblems.length) return none;
  const matrixNode = walkYaml(source.root, ['matrix']);
  const before = problems.length;
  const matrix = readMatrix(base, matrixNode.depth === 1 ? matrixNode.node : null, (problem) => problems.push(problem));
  return problems.length > before ? none : matrix;
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
    const prefix =
      a.path.length <= problem.path.length && a.path.every((segment, i) => String(segment) === String(problem.path[i]));
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
  const params = [...new Set(runs.flatMap((run) => Object.keys(run.params))), ...RUN_FACTS];
  const hint = `the runs' parameters: ${shorten(params.join(', '), 400)}`;
  const problems: Problem[] = [];
  figures.forEach((figure, i) => {
    const check = (value: string | undefined, path: (string | number)[], at: 'value' | 'key' = 'value') => {
      if (value !== undefined && !params.includes(value))
        problems.push({
          path: ['figures', i, ...path],
          at,
          message: `'${shorten(value)}' is not a parameter of the runs`,
          hint,
        });
    };
    check(figure.x, ['x']);
    check(figure.series, ['series']);
    for (const key of Object.keys(figure.where ?? {})) check(key, ['where', key], 'key');
    if (figure.type === 'tradeoff' && figure.baseline !== undefined) {
      const seen = runs.map((run) => run.params[figure.x]);
      if (!seen.some((v) => v === figure.baseline || String(v) === String(figure.baseline)))
        problems.push({
          path: ['figures', i, 'baseline'],
          message: `no run has ${figure.x} = ${JSON.stringify(figure.baseline)}`,
          hint: `the values of ${figure.x}: ${shorten([...new Set(seen.map((v) => JSON.stringify(v)))].join(', '), 200)}`,
        });
    }
    if (!['heatmaps', 'tradeoff'].includes(figure.type ?? 'line') && figure.y === undefined)
      problems.push({
        path: ['figures', i],
        subject: ['figures', i, 'y'],
        message: `figure '${figure.name}' needs y: the metric it plots`,
        hint: 'such as kdamond_cpu, recall or wss_p50',
      });
  });
  const names = figures.map((f) => f.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i)
      problems.push({
        path: ['figures', i, 'name'],
        message: `a second figure named '${name}'`,
        hint: 'each figure writes figures/<name>.svg: give each a name of its own',
      });
  });
  return problems;
}

/** `compute` once per argument (by its JSON). */
function memoized<A, R>(compute: (argument: A) => R): (argument: A) => R {
  const results = new Map<string, R>();
  return (argument) => {
    const key = JSON.stringify(argument);
    if (!results.has(key)) results.set(key, compute(argument));
    return results.get(key)!;
  };
}

/**
 * What a run id calls the kernel `spec` names: a source tree's kernel by its name (or the tree's
 * directory name), else what the resolver tells (a cached kernel's name, an image's release).
 */
function kernelLabelOf(spec: unknown, manifestDir: string, kernels: KernelResolver): string | undefined {
  if (spec !== null && typeof spec === 'object' && typeof (spec as { source?: unknown }).source === 'string') {
    const { source, name } = spec as { source: string; name?: unknown };
    return typeof name === 'string' ? name : basename(resolve(manifestDir, source));
  }
  return kernels.label(spec, manifestDir);
}
