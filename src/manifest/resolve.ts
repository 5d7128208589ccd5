// One matrix point of a schema-valid manifest → a Run, with the checks a schema cannot express
// (sample ≤ aggr, regions ≥ 3, workload names, one sample interval per shared kdamond, ...).
// The stage in order: the layout (its attrs and regions), the workloads it uses, the duration they
// must last, the backend. Each part lives in resolve/; all report into one list of problems.
import type { Manifest } from './manifest.types.js';
import { DEFAULT_DURATION_US, DEFAULT_EVENTS, type Run } from './run.js';
import { checkSnapshotsFit } from './resolve/attrs.js';
import { resolveBackend } from './resolve/backend.js';
import { reporterOf, unitReaders, type ResolveContext } from './resolve/context.js';
import { resolveLayout } from './resolve/layout.js';
import { checkWorkloadsLastLongEnough, resolveWorkloads } from './resolve/workloads.js';
import { NO_SCHEMES } from './resolve/schemes.js';
import { allContexts, allSchemes, KERNEL_DEFAULT_ATTRS, type RunLayout } from './run.js';
import type { Report } from './resolve/context.js';

export type { Problem, ResolveContext } from './resolve/context.js';

export interface PointIdentity {
  id: string;
  params: Record<string, unknown>;
  repetition: number;
  repetitions: number;
}

/** The Run, or undefined after adding to ctx.problems and ctx.external why there is none. */
export function resolveRun(manifest: Manifest, identity: PointIdentity, ctx: ResolveContext): Run | undefined {
  const before = ctx.problems.length + ctx.external.length;
  const report = reporterOf(ctx.problems);
  const { duration, size } = unitReaders(report);

  const layout = resolveLayout(manifest, report, duration, size);
  if (manifest.scheme_sets && Object.hasOwn(manifest.scheme_sets, NO_SCHEMES))
    report(
      ['scheme_sets', NO_SCHEMES],
      `'${NO_SCHEMES}' is taken: it means no schemes`,
      'give the set another name',
      'key',
    );
  const monitoring = manifest.monitoring === 'off' ? 'off' : 'on';
  if (monitoring === 'off') refuseSchemesWithoutDamon(layout, report);
  const workloads = resolveWorkloads(manifest, layout, ctx, report);

  const durationUs = manifest.duration === undefined ? DEFAULT_DURATION_US : duration(manifest.duration, ['duration']);
  if (durationUs === 0) report(['duration'], 'the duration must be above 0');
  checkWorkloadsLastLongEnough(manifest, workloads, durationUs, report);
  if (monitoring === 'on') checkSnapshotsFit(manifest, layout, durationUs, report);

  const pagesOut = allSchemes(layout).some((s) => s.scheme.action === 'pageout');
  const samples = allContexts(layout).map((c) => c.attrs.intervalsGoal?.minSampleUs ?? c.attrs.sampleUs);
  const shortestSampleUs = samples.length ? Math.min(...samples) : KERNEL_DEFAULT_ATTRS.sampleUs;
  const processes = allContexts(layout).reduce((n, c) => n + c.targets.filter((t) => t.workload !== null).length, 0);
  const backend = resolveBackend(
    manifest,
    workloads,
    ctx,
    report,
    { size, duration },
    { shortestSampleUs, processes },
    pagesOut,
  );
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
    monitoring,
    allowPhysicalActions: manifest.allow_physical_actions ?? false,
    events: [...(manifest.record?.events ?? DEFAULT_EVENTS)],
    workloads,
    layout,
    backend,
  };
  return ctx.problems.length + ctx.external.length === before ? run : undefined;
}

/** Schemes are DAMON's: a run with monitoring off cannot apply them. */
function refuseSchemesWithoutDamon(layout: RunLayout, report: Report): void {
  if (allSchemes(layout).length === 0) return;
  report(
    ['monitoring'],
    'monitoring is off, but the run has schemes: DAMON applies them, and it does not run',
    "give runs with monitoring off no schemes (schemes: none), e.g. exclude them from the matrix: exclude: [{monitoring: 'off', schemes: NAME}]",
  );
}
