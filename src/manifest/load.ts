// Manifest file → validated, expanded Runs, or every problem at once with its file, line and column.
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { InputFileError, readInputFile } from '../util/input-file.js';
import { overlaps, pathOf, setAssignments, toDiagnostic, withAssignments } from './assignments.js';
import { InputError, type Diagnostic } from './diagnostics.js';
import { executorOf, type ExecutorSpec } from './executor-spec.js';
import { figureProblems, type Figure } from './figures.js';
import { KERNELS_AS_WRITTEN, type KernelResolver } from './kernels.js';
import type { Manifest } from './manifest.types.js';
import { countPoints, expandMatrix, readMatrix, type Assignment, type Matrix, type MatrixPoint } from './matrix.js';
import { resolveRun, type Problem, type ResolveContext } from './resolve.js';
import { runContexts, type RunContexts } from './run-context.js';
import { refusalProblem, type RunRefusal } from './run-place.js';
import { runIds } from './run-id.js';
import { allContexts, type Run } from './run.js';
import { checkAgainstSchema } from './schema.js';
import { parseYamlSource, walkYaml, type YamlSource } from './yaml-source.js';

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
  /**
   * What a run asks that what it is to run on cannot do (the qemu backend's kernelCapsCheck: a
   * kernel's DAMON), reported at the manifest's line like any other problem.
   */
  checkRun?: (run: Run) => RunRefusal[];
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
  const value = source.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError([
      { file, line: 1, col: 1, message: 'a manifest is a YAML mapping (name:, workloads:, layout:, ...)' },
    ]);
  }
  const base = value as Record<string, unknown>;
  const sha256 = createHash('sha256').update(text).digest('hex');
  const expansion: Expansion = {
    base,
    source,
    diagnostics: [...source.errors],
    contexts: runContexts(file, dirname(resolve(file)), sha256, options.kernels ?? KERNELS_AS_WRITTEN),
    checkRun: options.checkRun,
  };

  const matrixProblems: Problem[] = [];
  const matrix = readMatrixOf(base, source, matrixProblems);
  expansion.diagnostics.push(...diagnosticsOf(expansion, matrixProblems));
  const variedKeys = new Set([
    ...matrix.axes.map((axis) => axis.key),
    ...matrix.include.flatMap(({ entry }) => Object.keys(entry)),
  ]);
  const { sets, diagnostics: setDiagnostics } = setAssignments(options.sets ?? [], base, variedKeys);
  expansion.diagnostics.push(...setDiagnostics);
  checkShared(expansion, matrix, sets);

  const repetitions = typeof base.repeat === 'number' ? base.repeat : 1;
  const tooMany = runCountProblem(matrix, repetitions, options.maxRuns ?? DEFAULT_MAX_RUNS);
  if (tooMany) throw new InputError([...expansion.diagnostics, ...diagnosticsOf(expansion, [tooMany])]);
  let points: MatrixPoint[] = [[]];
  if (base.matrix !== undefined && !matrixProblems.length) {
    const expansionProblems: Problem[] = [];
    points = expandMatrix(base, matrix, (problem) => expansionProblems.push(problem));
    expansion.diagnostics.push(...diagnosticsOf(expansion, expansionProblems));
    if (expansionProblems.length) points = [[]];
  }

  const runs = resolveRuns(expansion, points, sets, repetitions);
  const figures = (Array.isArray(base.figures) ? base.figures : []) as Figure[];
  const { diagnostics } = expansion;
  if (!diagnostics.length) diagnostics.push(...diagnosticsOf(expansion, figureProblems(figures, runs)));
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

/** A manifest being expanded: what it says, where, and the problems found so far. */
interface Expansion {
  base: Record<string, unknown>;
  source: YamlSource;
  diagnostics: Diagnostic[];
  contexts: RunContexts;
  checkRun: LoadOptions['checkRun'];
}

function diagnosticsOf(expansion: Expansion, problems: Problem[], assignments: Assignment[] = []): Diagnostic[] {
  return problems.map((problem) => toDiagnostic(expansion.source, assignments, problem));
}

/** Resolves a manifest the schema rejected, for the problems beyond the schema. */
function draft(expansion: Expansion, manifest: Record<string, unknown>) {
  return () => {
    const ctx = expansion.contexts.newContext();
    resolveRun(manifest as unknown as Manifest, { id: '', params: {}, repetition: 1, repetitions: 1 }, ctx);
    return ctx;
  };
}

/**
 * What every run shares, checked once before the matrix is multiplied out: the manifest without
 * its matrix, with --set made. What the matrix sets is checked per point, at its place in the
 * matrix. Throws with every problem found so far when the shared part is wrong.
 */
function checkShared(expansion: Expansion, matrix: Matrix, sets: Assignment[]): void {
  const { base, diagnostics } = expansion;
  const varied = [
    ...matrix.axes.map((axis) => axis.path),
    ...matrix.include.flatMap(({ entry }) => Object.keys(entry).flatMap((key) => pathOf(key, base))),
  ];
  const shared = withAssignments(base, sets);
  const notVaried = (problem: Problem) =>
    !varied.some((path) => overlaps(problem.subject ?? problem.path, path) || overlaps(problem.path, path));
  const sharedProblems = checkAgainstSchema(shared).filter(notVaried);
  if (!sharedProblems.length) return;
  diagnostics.push(...diagnosticsOf(expansion, sharedProblems, sets));
  const partial = semanticProblemsDespite(sharedProblems, draft(expansion, shared));
  diagnostics.push(...partial.external, ...diagnosticsOf(expansion, partial.problems.filter(notVaried), sets));
  throw new InputError(diagnostics);
}

/** Each matrix point's runs (its repetitions), resolved; a point's problems join the diagnostics. */
function resolveRuns(expansion: Expansion, points: MatrixPoint[], sets: Assignment[], repetitions: number): Run[] {
  const { base, diagnostics, contexts } = expansion;
  const ids = runIds(
    points.map((point) => [...point, ...sets]),
    repetitions,
    (key, value) => (key === 'backend.kernel' ? contexts.kernelRunLabel(value) : undefined),
  );
  const runs: Run[] = [];
  let held = 0; // contexts and targets of the runs so far: what their memory grows with
  for (const [p, point] of points.entries()) {
    const assignments = [...point, ...sets];
    const manifest = withAssignments(base, assignments);
    const schemaProblems = point.length ? checkAgainstSchema(manifest) : [];
    if (schemaProblems.length) {
      diagnostics.push(...diagnosticsOf(expansion, schemaProblems, assignments));
      const partial = semanticProblemsDespite(schemaProblems, draft(expansion, manifest));
      diagnostics.push(...partial.external, ...diagnosticsOf(expansion, partial.problems, assignments));
      continue;
    }
    const params = Object.fromEntries(assignments.map((a) => [a.key, a.value]));
    for (let r = 0; r < repetitions; r++) {
      const ctx = contexts.newContext();
      const run = resolveRun(
        manifest as unknown as Manifest,
        { id: ids[p]![r]!, params, repetition: r + 1, repetitions },
        ctx,
      );
      diagnostics.push(...ctx.external, ...diagnosticsOf(expansion, ctx.problems, assignments));
      if (!run) break; // the other repetitions would repeat the same problems
      const refusals = r === 0 ? (expansion.checkRun?.(run) ?? []) : [];
      if (refusals.length) {
        const problems = refusals.map((refusal) => refusalProblem(manifest as unknown as Manifest, refusal));
        diagnostics.push(...diagnosticsOf(expansion, problems, assignments));
        break;
      }
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
      throw new InputError([...diagnostics, ...diagnosticsOf(expansion, [problem])]);
    }
  }
  return runs;
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
