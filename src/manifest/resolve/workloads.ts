// The manifest's workloads → RunWorkloads: a masim config read from its file or rendered from
// inline regions and phases, a command, or a pid; and whether each lasts as long as the recording.
import { resolve as resolvePath } from 'node:path';
import { shorten } from '../../util/errors.js';
import { totalDurationMs, totalSizeBytes, type MasimConfig } from '../../masim/config.js';
import { inlineMasimConfig, type InlineProblem } from '../../masim/inline.js';
import { MasimConfigError, parseMasimConfig } from '../../masim/parse.js';
import { serializeMasimConfig } from '../../masim/serialize.js';
import type { Manifest, Workload } from '../manifest.types.js';
import type { RunLayout, RunWorkload } from '../run.js';
import type { DataPath } from '../yaml-source.js';
import type { Report, ResolveContext } from './context.js';
import { formatDuration } from '../../util/format.js';

/** Every workload is checked; the ones the layout's targets name are returned. */
export function resolveWorkloads(
  manifest: Manifest,
  layout: RunLayout,
  ctx: ResolveContext,
  report: Report,
): Record<string, RunWorkload> {
  const used = new Set(layout.kdamonds.flatMap((k) => k.contexts.flatMap((c) => c.targets.map((t) => t.workload))));
  const workloads: Record<string, RunWorkload> = {};
  for (const [name, workload] of Object.entries(manifest.workloads)) {
    const resolved = resolveWorkload(name, workload, ctx, report);
    if (resolved && used.has(name)) workloads[name] = resolved;
  }
  return workloads;
}

export function resolveWorkload(
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
    if (workload.pid !== undefined) {
      if (workload.cwd !== undefined)
        report([...at, 'cwd'], `'cwd' is for command workloads: pid ${workload.pid} runs already`, undefined, 'key');
      return { kind: 'pid', pid: workload.pid };
    }
    const command = workload.command!;
    // bash, as damo record: it runs a single command in place of itself (Debian's sh, dash, forks
    // it), so the pid DAMON monitors is the command's, not a shell waiting for it.
    const argv = typeof command === 'string' ? ['bash', '-c', command] : [...command];
    // Where a command starts is part of what it runs: its relative paths resolve there.
    return workload.cwd === undefined
      ? { kind: 'command', argv }
      : { kind: 'command', argv, cwd: resolvePath(ctx.manifestDir, workload.cwd) };
  }
  if (workload.cwd !== undefined) report([...at, 'cwd'], `'cwd' is for command workloads`, undefined, 'key');
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
export function checkWorkloadsLastLongEnough(
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
