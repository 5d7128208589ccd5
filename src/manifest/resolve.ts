// One matrix point of a schema-valid manifest → a Run, with the checks a schema cannot express
// (sample ≤ aggr, regions ≥ 3, workload names, one sample interval per shared kdamond, ...).
import type { Context as ManifestContext, Manifest, Monitoring, Workload } from './manifest.types.js';
import { formatDuration, parseDuration, parseSize, UnitError } from './units.js';
import type { Diagnostic } from './diagnostics.js';
import type { DataPath } from './yaml-source.js';
import { inlineMasimConfig, type InlineProblem } from '../masim/inline.js';
import { parseMasimConfig, MasimConfigError } from '../masim/parse.js';
import { serializeMasimConfig } from '../masim/serialize.js';
import { totalDurationMs, totalSizeBytes, type MasimConfig } from '../masim/config.js';
import { closest } from './suggest.js';
import { kernelSourceProblem } from './kernel-path.js';
import { shorten } from '../errors.js';
import { resolve as resolvePath } from 'node:path';
import {
  DEFAULT_BACKEND,
  DEFAULT_DURATION_US,
  DEFAULT_EVENTS,
  KERNEL_DEFAULT_ATTRS,
  type AddressRange,
  type MonitoringAttrs,
  type OperationsSet,
  type Run,
  type RunContext,
  type RunKdamond,
  type RunLayout,
  type RunWorkload,
} from './run.js';

export interface Problem {
  path: DataPath;
  /** The data the problem is about, when not at `path`. */
  subject?: DataPath;
  at?: 'value' | 'key';
  message: string;
  hint?: string;
}

export interface ResolveContext {
  manifestFile: string;
  /** The manifest's directory (absolute): workload binaries given as paths are relative to it. */
  manifestDir: string;
  sha256: string;
  /** Reads a masim config named by the manifest (path as written, relative to the manifest). */
  readMasimConfig(relativePath: string): { file: string; text: string } | { error: string; hint?: string };
  /** What is wrong with backend.kernel as written (kernelPathProblem), looked at once per spec. */
  kernelProblem(spec: string): { message: string; hint: string } | undefined;
  /** Problems in files the manifest names (masim configs), reported at their own file and line. */
  external: Diagnostic[];
  problems: Problem[];
}

export interface PointIdentity {
  id: string;
  params: Record<string, unknown>;
  repetition: number;
  repetitions: number;
}

export function resolveRun(manifest: Manifest, identity: PointIdentity, ctx: ResolveContext): Run | undefined {
  const before = ctx.problems.length + ctx.external.length;
  const report = (path: DataPath, message: string, hint?: string, at?: 'value' | 'key'): void => {
    ctx.problems.push({ path, message, ...(hint ? { hint } : {}), ...(at ? { at } : {}) });
  };
  /** A value in units, or 0 after reporting why it is not one (wrong types were reported by the schema). */
  const inUnits = (parse: () => number, path: DataPath): number => {
    try {
      return parse();
    } catch (error) {
      if (error instanceof UnitError) report(path, error.message);
      else if (!(error instanceof TypeError)) throw error;
      return Number.NaN; // reported already; NaN fails no further check
    }
  };
  const duration = (text: string, path: DataPath) => inUnits(() => parseDuration(text), path);
  const size = (value: number | string, path: DataPath) => inUnits(() => parseSize(value), path);

  const layout = resolveLayout(manifest, report, duration);
  const used = new Set(layout.kdamonds.flatMap((k) => k.contexts.flatMap((c) => c.targets.map((t) => t.workload))));
  const workloads: Record<string, RunWorkload> = {};
  for (const [name, workload] of Object.entries(manifest.workloads)) {
    const resolved = resolveWorkload(name, workload, ctx, report);
    if (resolved && used.has(name)) workloads[name] = resolved;
  }

  const durationUs = manifest.duration === undefined ? DEFAULT_DURATION_US : duration(manifest.duration, ['duration']);
  if (durationUs === 0) report(['duration'], 'the duration must be above 0');
  checkWorkloadsLastLongEnough(manifest, workloads, durationUs, report);

  const backend = manifest.backend ?? {};
  let kernel: Run['backend']['kernel'] = DEFAULT_BACKEND.kernel;
  if (typeof backend.kernel === 'string') {
    kernel = backend.kernel;
    const problem = ctx.kernelProblem(backend.kernel);
    if (problem) report(['backend', 'kernel'], problem.message, problem.hint);
  } else if (backend.kernel !== undefined) {
    kernel = {
      source: resolvePath(ctx.manifestDir, backend.kernel.source),
      config: backend.kernel.config === undefined ? null : resolvePath(ctx.manifestDir, backend.kernel.config),
      name: backend.kernel.name ?? null,
    };
    const problem = kernelSourceProblem(kernel.source, kernel.config);
    if (problem) report(['backend', 'kernel', problem.field], problem.message, problem.hint);
  }
  if ((backend.kind ?? DEFAULT_BACKEND.kind) === 'qemu') {
    for (const [name, workload] of Object.entries(workloads)) {
      if (workload.kind !== 'pid') continue;
      report(
        ['workloads', name, 'pid'],
        `workload '${shorten(name)}' monitors pid ${workload.pid} of this host, but backend.kind is qemu: the run happens in a VM, where host pids mean nothing`,
        'use a masim or command workload, or the local backend (backend.kind: local)',
      );
    }
  }
  const run: Run = {
    format: 'damon-exp.run/1',
    id: identity.id,
    manifest: {
      name: manifest.name,
      description: manifest.description ?? '',
      file: ctx.manifestFile,
      sha256: ctx.sha256,
    },
    params: identity.params,
    repetition: identity.repetition,
    repetitions: identity.repetitions,
    durationUs,
    events: [...(manifest.record?.events ?? DEFAULT_EVENTS)],
    workloads,
    layout,
    backend: {
      kind: backend.kind ?? DEFAULT_BACKEND.kind,
      kernel,
      memoryBytes:
        backend.memory === undefined ? DEFAULT_BACKEND.memoryBytes : size(backend.memory, ['backend', 'memory']),
      cpus: backend.cpus ?? DEFAULT_BACKEND.cpus,
      accel: backend.accel ?? DEFAULT_BACKEND.accel,
    },
  };
  return ctx.problems.length + ctx.external.length === before ? run : undefined;
}

type Report = (path: DataPath, message: string, hint?: string, at?: 'value' | 'key') => void;

function resolveWorkload(
  name: string,
  workload: Workload,
  ctx: ResolveContext,
  report: Report,
): RunWorkload | undefined {
  const at: DataPath = ['workloads', name];
  const inline = workload.regions !== undefined || workload.phases !== undefined;
  const kinds = [
    workload.masim !== undefined && 'masim',
    inline && 'regions/phases',
    workload.command !== undefined && 'command',
    workload.pid !== undefined && 'pid',
  ].filter(Boolean);
  if (kinds.length > 1) {
    report(at, `workload '${shorten(name)}' is given as ${kinds.join(' and ')}`, 'keep one of them');
    return undefined;
  }
  if (workload.command !== undefined || workload.pid !== undefined) {
    for (const key of ['binary', 'args'] as const) {
      if (workload[key] !== undefined) report([...at, key], `'${key}' is for masim workloads`, undefined, 'key');
    }
    if (workload.pid !== undefined) return { kind: 'pid', pid: workload.pid };
    const command = workload.command!;
    return { kind: 'command', argv: typeof command === 'string' ? ['sh', '-c', command] : [...command] };
  }
  // A binary given as a path is relative to the manifest; a bare name is looked up in PATH.
  const binary =
    workload.binary === undefined
      ? null
      : workload.binary.includes('/')
        ? resolvePath(ctx.manifestDir, workload.binary)
        : workload.binary;
  const common = { kind: 'masim' as const, binary, args: [...(workload.args ?? [])] };
  if (workload.masim !== undefined) {
    const read = ctx.readMasimConfig(workload.masim);
    if ('error' in read) {
      report([...at, 'masim'], read.error, read.hint);
      return undefined;
    }
    try {
      const config = parsedConfig(read);
      return {
        ...common,
        source: workload.masim,
        config: read.text,
        durationMs: totalDurationMs(config),
        sizeBytes: totalSizeBytes(config),
      };
    } catch (error) {
      if (!(error instanceof MasimConfigError)) throw error;
      ctx.external.push({
        file: error.file,
        line: error.line,
        col: 1,
        message: error.detail,
        hint: `used by workload '${shorten(name)}' of ${ctx.manifestFile}`,
      });
      return undefined;
    }
  }
  if (workload.regions === undefined || workload.phases === undefined) {
    report(
      at,
      `workload '${shorten(name)}' needs 'masim: FILE.cfg', both 'regions' and 'phases', a 'command' or a 'pid'`,
      workload.regions ? "add 'phases'" : workload.phases ? "add 'regions'" : undefined,
    );
    return undefined;
  }
  const problems: InlineProblem[] = [];
  const config = inlineMasimConfig(workload.regions, workload.phases, problems);
  for (const problem of problems) report([...at, ...problem.path], problem.message, problem.hint);
  if (problems.length) return undefined;
  return {
    ...common,
    source: 'inline',
    config: serializeMasimConfig(config),
    durationMs: totalDurationMs(config),
    sizeBytes: totalSizeBytes(config),
  };
}

/**
 * A vaddr kdamond stops by itself when its target processes have exited: a workload that ends
 * before the recording would cut the measurement short without a word.
 */
function checkWorkloadsLastLongEnough(
  manifest: Manifest,
  workloads: Record<string, RunWorkload>,
  durationUs: number,
  report: Report,
): void {
  for (const [name, workload] of Object.entries(workloads)) {
    if (workload.kind !== 'masim') continue; // how long a command or another process runs is not ours to know
    const repeats = workload.args.some((arg) => /^(-c|--repeat)(=|$)/.test(arg) || /^-c[0-9]/.test(arg));
    if (repeats || !Number.isFinite(durationUs) || workload.durationMs * 1000 >= durationUs) continue;
    report(
      manifest.duration === undefined ? ['workloads', name] : ['duration'],
      `workload '${shorten(name)}' ends after ${formatDuration(workload.durationMs * 1000)}, before the ${formatDuration(durationUs)} recording does`,
      `DAMON stops monitoring a process that has exited; shorten the duration, lengthen the workload, or repeat it (args: ['--repeat', '0'])`,
    );
  }
}

/** Parsed once per file read, however many runs use it. */
const parsedConfigs = new WeakMap<object, MasimConfig | MasimConfigError>();

function parsedConfig(read: { file: string; text: string }): MasimConfig {
  let parsed = parsedConfigs.get(read);
  if (!parsed) {
    try {
      parsed = parseMasimConfig(read.text, read.file);
    } catch (error) {
      if (!(error instanceof MasimConfigError)) throw error;
      parsed = error;
    }
    parsedConfigs.set(read, parsed);
  }
  if (parsed instanceof MasimConfigError) throw parsed;
  return parsed;
}

type Duration = (text: string, path: DataPath) => number;

/**
 * An integer that goes to a sysfs file as it is: DAMON reads these as unsigned longs, but a YAML
 * number beyond 2^53-1 has been rounded already, and would be written rounded (so a max of
 * 2^64-1 becomes 18446744073709552000, which the kernel refuses). NaN after reporting it.
 */
function exact(value: number, at: DataPath, what: string, report: Report, hint: string): number {
  if (typeof value !== 'number' || Number.isSafeInteger(value)) return value; // a wrong type is the schema's to report
  report(
    at,
    `${what}: DAMON takes up to ULONG_MAX, but values beyond 2^53−1 (${Number.MAX_SAFE_INTEGER}) cannot be written exactly`,
    hint,
  );
  return Number.NaN;
}

function resolveAttrs(
  layers: { monitoring: Monitoring | undefined; path: DataPath }[],
  report: Report,
  duration: Duration,
  contextPath: DataPath,
): MonitoringAttrs {
  const attrs: MonitoringAttrs = { ...KERNEL_DEFAULT_ATTRS };
  // Where each attribute was last set, to point errors at the line that chose it.
  const origin: Record<string, DataPath> = {};
  for (const { monitoring, path } of layers) {
    if (!monitoring) continue;
    if (monitoring.sample !== undefined)
      [attrs.sampleUs, origin.sample] = [duration(monitoring.sample, [...path, 'sample']), [...path, 'sample']];
    if (monitoring.aggr !== undefined)
      [attrs.aggrUs, origin.aggr] = [duration(monitoring.aggr, [...path, 'aggr']), [...path, 'aggr']];
    if (monitoring.update !== undefined)
      [attrs.updateUs, origin.update] = [duration(monitoring.update, [...path, 'update']), [...path, 'update']];
    for (const bound of ['min', 'max'] as const) {
      const value = monitoring.nr_regions?.[bound];
      if (value === undefined) continue;
      const at = [...path, 'nr_regions', bound];
      attrs[bound === 'min' ? 'minNrRegions' : 'maxNrRegions'] = exact(
        value,
        at,
        `nr_regions.${bound}`,
        report,
        'no monitoring target has that many regions (DAMON defaults to 10..1000)',
      );
      origin[bound] = at;
    }
    const goal = monitoring.intervals_goal;
    if (goal) {
      const goalPath = [...path, 'intervals_goal'];
      attrs.intervalsGoal = {
        accessBp: goal.access_bp,
        aggrs: exact(
          goal.aggrs,
          [...goalPath, 'aggrs'],
          'intervals_goal.aggrs',
          report,
          'a few aggregation intervals are enough, such as 3',
        ),
        minSampleUs: duration(goal.min_sample, [...goalPath, 'min_sample']),
        maxSampleUs: duration(goal.max_sample, [...goalPath, 'max_sample']),
      };
      origin.goal = goalPath;
    }
  }
  const where = (key: string): DataPath => origin[key] ?? contextPath;
  if (attrs.sampleUs === 0) report(where('sample'), 'the sampling interval must be above 0');
  if (attrs.sampleUs > attrs.aggrUs) {
    report(
      where(origin.sample ? 'sample' : 'aggr'),
      `sampling interval (${attrs.sampleUs} µs) is longer than the aggregation interval (${attrs.aggrUs} µs)`,
      'DAMON refuses sample > aggr (EINVAL when switched on)',
    );
  }
  if (attrs.minNrRegions < 3) {
    report(
      where('min'),
      `nr_regions.min is ${attrs.minNrRegions}; DAMON needs at least 3`,
      'DAMON refuses min nr_regions < 3 (EINVAL when switched on)',
    );
  }
  if (attrs.minNrRegions > attrs.maxNrRegions) {
    report(
      where(origin.min ? 'min' : 'max'),
      `nr_regions.min (${attrs.minNrRegions}) is above nr_regions.max (${attrs.maxNrRegions})`,
    );
  }
  if (attrs.intervalsGoal && attrs.intervalsGoal.minSampleUs > attrs.intervalsGoal.maxSampleUs) {
    report(where('goal'), 'intervals_goal.min_sample is above intervals_goal.max_sample');
  }
  return attrs;
}

function resolveLayout(manifest: Manifest, report: Report, duration: Duration): RunLayout {
  const layout = manifest.layout;
  const contextsPerKdamond = layout.contexts_per_kdamond ?? 'auto';
  const workloadNames = Object.keys(manifest.workloads);
  const topLevel = { monitoring: manifest.monitoring, path: ['monitoring'] as DataPath };

  let definedList: string | undefined;
  const checkWorkload = (name: string, path: DataPath): boolean => {
    if (Object.hasOwn(manifest.workloads, name)) return true;
    const suggestion = closest(name, workloadNames);
    definedList ??= shorten(workloadNames.join(', '));
    const hint = suggestion
      ? `did you mean '${suggestion}'?`
      : workloadNames.length
        ? `workloads defined: ${definedList}`
        : "define it under 'workloads:'";
    report(path, `unknown workload '${shorten(name)}'`, hint);
    return false;
  };

  let kdamonds: RunKdamond[];
  let kind: RunLayout['kind'];
  if (layout.kdamonds) {
    kind = 'explicit';
    for (const key of ['kind', 'workloads', 'targets'] as const) {
      if (layout[key] !== undefined) {
        report(
          ['layout', key],
          `'${key}' belongs to the layout shorthands; with an explicit 'kdamonds' tree, write it per context`,
          undefined,
          'key',
        );
      }
    }
    kdamonds = layout.kdamonds.map((kdamond, k) => ({
      contexts: kdamond.contexts.map((context, c) =>
        resolveExplicitContext(
          context,
          ['layout', 'kdamonds', k, 'contexts', c],
          topLevel,
          checkWorkload,
          report,
          duration,
        ),
      ),
    }));
  } else {
    kind = layout.kind!;
    const listed = layout.workloads!;
    listed.forEach((name, i) => checkWorkload(name, ['layout', 'workloads', i]));
    const count = layout.targets ?? listed.length;
    if (layout.targets !== undefined && layout.targets < listed.length) {
      report(
        ['layout', 'targets'],
        `targets is ${layout.targets} but ${listed.length} workloads are listed`,
        'list fewer workloads or raise targets',
      );
    }
    if (kind === 'one-target' && count !== 1) {
      report(
        layout.targets !== undefined ? ['layout', 'targets'] : ['layout', 'workloads'],
        `one-target monitors exactly one process, not ${count}`,
        'use many-targets or many-contexts for more',
      );
    }
    const names = Array.from({ length: count }, (_, i) => listed[i % listed.length]!);
    const attrs = resolveAttrs([topLevel], report, duration, ['layout']);
    const target = (workload: string) => ({ workload, regions: [] });
    kdamonds =
      kind === 'many-contexts'
        ? [{ contexts: names.map((name) => ({ operations: 'vaddr' as const, attrs, targets: [target(name)] })) }]
        : [{ contexts: [{ operations: 'vaddr' as const, attrs, targets: names.map(target) }] }];
  }

  if (contextsPerKdamond !== 'one') {
    (layout.kdamonds ?? [undefined]).forEach((_, k) => {
      const contexts = kdamonds[k]?.contexts ?? [];
      const samples = new Set(contexts.map((c) => c.attrs.sampleUs));
      if (samples.size > 1) {
        report(
          layout.kdamonds ? ['layout', 'kdamonds', k] : ['layout'],
          `the contexts of one kdamond ask for different sampling intervals (${[...samples].join(', ')} µs)`,
          "a kdamond serving several contexts sleeps by its last context's sample interval, so they must share one; give them the same 'sample', or set layout.contexts_per_kdamond: one",
        );
      }
    });
  }
  return { kind, contextsPerKdamond, kdamonds };
}

function resolveExplicitContext(
  context: ManifestContext,
  path: DataPath,
  topLevel: { monitoring: Monitoring | undefined; path: DataPath },
  checkWorkload: (name: string, path: DataPath) => boolean,
  report: Report,
  duration: Duration,
): RunContext {
  const operations: OperationsSet = context.operations ?? 'vaddr';
  const attrs = resolveAttrs(
    [topLevel, { monitoring: context.monitoring, path: [...path, 'monitoring'] }],
    report,
    duration,
    path,
  );
  const targets = context.targets.map((target, t) => {
    const targetPath = [...path, 'targets', t];
    if (operations === 'paddr') {
      if (target.workload !== undefined) {
        report(
          [...targetPath, 'workload'],
          'paddr monitors physical memory: its target has no process',
          'remove the workload, or use vaddr',
          'key',
        );
      }
    } else if (target.workload === undefined) {
      report(targetPath, `a ${operations} target monitors a process: name its workload`);
    } else {
      checkWorkload(target.workload, [...targetPath, 'workload']);
    }
    if (operations === 'fvaddr' && !target.regions?.length) {
      report(targetPath, 'an fvaddr target monitors fixed address ranges: give it regions');
    }
    return {
      workload: operations === 'paddr' ? null : (target.workload ?? null),
      regions: resolveRegions(target.regions ?? [], [...targetPath, 'regions'], report),
    };
  });
  if (operations === 'paddr' && targets.length > 1) {
    report(
      [...path, 'targets'],
      `a paddr context takes one target, not ${targets.length}`,
      'DAMON refuses more than one paddr target (EINVAL when switched on)',
    );
  }
  return { operations, attrs, targets };
}

const ADDRESS_LIMIT = 2n ** 64n;

function resolveRegions(
  ranges: { start: number | string; end: number | string }[],
  path: DataPath,
  report: Report,
): AddressRange[] {
  let previousEnd = -1n;
  const address = (value: number | string, at: DataPath): bigint | undefined => {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      report(
        at,
        'this address is beyond what a YAML integer holds exactly',
        "write large addresses as quoted strings: '0x7f0000000000'",
      );
      return undefined;
    }
    let parsed: bigint;
    try {
      parsed = BigInt(value);
    } catch {
      return undefined; // not an address: the schema has reported it
    }
    if (parsed >= ADDRESS_LIMIT) {
      report(at, `${String(value)} is beyond a 64-bit address`);
      return undefined;
    }
    return parsed;
  };
  return ranges.map((range, i) => {
    const start = address(range.start, [...path, i, 'start']);
    const end = address(range.end, [...path, i, 'end']);
    if (start === undefined || end === undefined) return { start: String(range.start), end: String(range.end) };
    if (start >= end) report([...path, i], `region ${i} is empty or reversed: start must be below end`);
    else if (start < previousEnd)
      report(
        [...path, i],
        `region ${i} overlaps or precedes the one before it`,
        'DAMON needs target regions sorted and not overlapping',
      );
    previousEnd = end;
    return { start: start.toString(), end: end.toString() };
  });
}
