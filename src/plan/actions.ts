// What a run's DAMOS schemes will do, and to whom, in words: `run` says it before schemes act on
// this host's memory, and `doctor MANIFEST` lists it for every run.
import { allSchemes, type Run } from '../manifest/run.js';
import { describeScheme } from './render-text.js';

export interface SchemeAction {
  kdamond: number;
  context: number;
  scheme: number;
  action: string;
  /** Who it acts on: workloads' processes, or the whole machine (paddr). */
  on: string;
  physical: boolean;
  description: string;
}

export function schemeActions(run: Run): SchemeAction[] {
  if (run.monitoring === 'off') return [];
  return allSchemes(run.layout).map(({ kdamond, context, index, scheme, operations }) => {
    const ctx = run.layout.kdamonds[kdamond]!.contexts[context]!;
    const physical = operations === 'paddr';
    const workloads = ctx.targets.flatMap((t) => (t.workload === null ? [] : [t.workload]));
    const on = physical
      ? "physical memory: every process of the machine, and the kernel's page cache"
      : `the process${workloads.length === 1 ? '' : 'es'} of workload${workloads.length === 1 ? '' : 's'} ${[...new Set(workloads)].join(', ')} (started by the run)`;
    return {
      kdamond,
      context,
      scheme: index,
      action: scheme.action,
      on,
      physical,
      description: describeScheme(scheme, ctx.attrs),
    };
  });
}

/** The schemes that change memory (stat changes nothing). */
export function actingSchemes(run: Run): SchemeAction[] {
  return schemeActions(run).filter((a) => a.action !== 'stat');
}

/** A scheme the local backend refuses: it acts on the whole machine, and the manifest does not allow it. */
export function refusedOnThisHost(run: Run, action: SchemeAction): boolean {
  return action.physical && action.action !== 'stat' && !run.allowPhysicalActions;
}

/** What a scheme that changes memory would do here, in one line. */
export function describeAction(run: Run, a: SchemeAction): string {
  return `kdamond ${a.kdamond} context ${a.context} scheme ${a.scheme}: ${a.action} on ${a.on}${refusedOnThisHost(run, a) ? ' (refused on this host: allow_physical_actions is not set)' : ''}`;
}

/** One line per scheme that changes memory. */
export function describeActions(run: Run): string[] {
  return actingSchemes(run).map((a) => describeAction(run, a));
}
