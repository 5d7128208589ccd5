// The manifest's layout → the kdamond/context/target tree of a Run: a shorthand (one-target,
// many-targets, many-contexts) expanded, or an explicit `kdamonds` tree checked context by context,
// with what DAMON refuses: targets that do not fit their operations set, and contexts of one
// kdamond with different sampling intervals.
import { shorten } from '../../util/errors.js';
import type { Context as ManifestContext, Manifest } from '../manifest.types.js';
import type { OperationsSet, RunContext, RunKdamond, RunLayout } from '../run.js';
import { closest } from '../suggest.js';
import type { DataPath } from '../yaml-source.js';
import { resolveAttrs, type MonitoringLayer } from './attrs.js';
import type { Duration, Report, Size } from './context.js';
import { resolveRegions } from './regions.js';
import { resolveSchemes, type SchemesLayer } from './schemes.js';

/** Reports a workload name the manifest does not define, with a suggestion; true when it is defined. */
type CheckWorkload = (name: string, path: DataPath) => boolean;

export function resolveLayout(manifest: Manifest, report: Report, duration: Duration, size: Size): RunLayout {
  const layout = manifest.layout;
  const contextsPerKdamond = layout.contexts_per_kdamond ?? 'auto';
  // `monitoring: on|off` says whether DAMON runs, not how: the kernel's defaults.
  const topLevel: MonitoringLayer = {
    monitoring: typeof manifest.monitoring === 'string' ? undefined : manifest.monitoring,
    path: ['monitoring'],
  };
  const topSchemes: SchemesLayer = { schemes: manifest.schemes, path: ['schemes'] };
  const schemesOf = (layers: SchemesLayer[], facts: Parameters<typeof resolveSchemes>[2]) =>
    resolveSchemes(manifest, layers, facts, report, { duration, size });
  const checkWorkload = workloadChecker(manifest, report);

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
          (facts) =>
            schemesOf(
              [topSchemes, { schemes: context.schemes, path: ['layout', 'kdamonds', k, 'contexts', c, 'schemes'] }],
              facts,
            ),
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
    const facts = { operations: 'vaddr' as const, attrs, path: ['layout'] };
    if (kind === 'many-contexts') {
      // One set of schemes for every context: resolved (and its problems reported) once.
      const schemes = schemesOf([topSchemes], { ...facts, nrTargets: 1 });
      kdamonds = [
        {
          contexts: names.map((name) => ({
            operations: 'vaddr' as const,
            attrs,
            targets: [target(name)],
            schemes: structuredClone(schemes),
          })),
        },
      ];
    } else {
      const schemes = schemesOf([topSchemes], { ...facts, nrTargets: names.length });
      kdamonds = [{ contexts: [{ operations: 'vaddr' as const, attrs, targets: names.map(target), schemes }] }];
    }
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

function workloadChecker(manifest: Manifest, report: Report): CheckWorkload {
  const workloadNames = Object.keys(manifest.workloads);
  let definedList: string | undefined;
  return (name, path) => {
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
}

function resolveExplicitContext(
  context: ManifestContext,
  path: DataPath,
  topLevel: MonitoringLayer,
  checkWorkload: CheckWorkload,
  report: Report,
  duration: Duration,
  schemesOf: (facts: Parameters<typeof resolveSchemes>[2]) => RunContext['schemes'],
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
  const schemes = schemesOf({ operations, attrs, nrTargets: targets.length, path });
  return { operations, attrs, targets, schemes };
}
