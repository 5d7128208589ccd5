// What the kernel behind a DAMON sysfs tree can do, and who else is using it.
import { readdir } from 'node:fs/promises';
import type { OperationsSet } from '../manifest/run.js';
import { ALL_DAMOS, type DamosCaps, type KernelCaps } from '../plan/caps.js';
import { admin, type SchemesDir } from '../plan/sysfs-tree.js';
import type { KernelError } from './errors.js';
import { writeRetrying } from './write.js';
import type { Sysfs } from './sysfs.js';

export interface KdamondState {
  index: number;
  state: string;
  /** The kdamond thread's pid; -1 when not running. */
  pid: number;
}

/** The kdamonds set up in the tree now (none of them ours: we have not started). */
export async function existingKdamonds(sysfs: Sysfs): Promise<KdamondState[]> {
  const count = Number(await sysfs.read(admin.kdamonds.nr_kdamonds));
  const kdamonds: KdamondState[] = [];
  for (let k = 0; k < count; k++) {
    const dir = admin.kdamonds.kdamond(k);
    kdamonds.push({ index: k, state: await sysfs.read(dir.state), pid: Number(await sysfs.read(dir.pid)) });
  }
  return kdamonds;
}

/** Tracepoints of the DAMON subsystem that tracefs lists, or null when tracefs cannot be read. */
export async function damonTracepoints(tracefsRoot: string): Promise<string[] | null> {
  try {
    const entries = await readdir(`${tracefsRoot}/events/damon`, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => `damon:${e.name}`)
      .sort();
  } catch {
    return null;
  }
}

/**
 * Probes the kernel by setting up one kdamond (never switched on) and removing it again. Only
 * call this with no kdamond in the tree: it writes nr_kdamonds.
 */
export async function probeCaps(sysfs: Sysfs, tracefsRoot: string): Promise<KernelCaps> {
  const write = (path: string, value: string) => writeRetrying(sysfs, path, value);
  const { contexts } = admin.kdamonds.kdamond(0);
  await write(admin.kdamonds.nr_kdamonds, '1');
  try {
    await write(contexts.nr_contexts, '1');
    const context = contexts.context(0);
    const operations = (await sysfs.exists(context.avail_operations))
      ? ((await sysfs.read(context.avail_operations)).split(/\s+/).filter(Boolean) as OperationsSet[])
      : (['vaddr', 'paddr'] as OperationsSet[]); // 5.18 had no avail_operations, and no fvaddr
    const intervalsGoal = await sysfs.exists(context.monitoring_attrs.intervals.intervals_goal.path);
    const damos = await probeDamos(sysfs, context.schemes);
    let maxContextsPerKdamond: number | null = null;
    try {
      await writeRetrying(sysfs, contexts.nr_contexts, '2');
    } catch (error) {
      if ((error as KernelError).code !== 'EINVAL') throw error;
      maxContextsPerKdamond = 1;
    }
    return {
      kind: maxContextsPerKdamond === 1 ? 'upstream' : 'multi-context',
      source: `probed ${sysfs.root}`,
      operations,
      maxContextsPerKdamond,
      intervalsGoal,
      tracepoints: await damonTracepoints(tracefsRoot),
      damos,
    };
  } finally {
    await write(admin.kdamonds.nr_kdamonds, '0');
  }
}

/**
 * What DAMOS offers, found in the probe's own (never started) context: which files a scheme, a
 * filter and a goal have, and which names its action, filter type and goal metric files take
 * (a kernel refuses a name it does not know with EINVAL).
 */
async function probeDamos(sysfs: Sysfs, schemes: SchemesDir): Promise<DamosCaps> {
  const write = (path: string, value: string) => writeRetrying(sysfs, path, value);
  const accepted = async (path: string, names: readonly string[]): Promise<string[]> => {
    const taken: string[] = [];
    for (const name of names) {
      try {
        await write(path, name);
        taken.push(name);
      } catch (error) {
        if ((error as KernelError).code !== 'EINVAL') throw error;
      }
    }
    return taken;
  };
  await write(schemes.nr_schemes, '1');
  const scheme = schemes.scheme(0);
  const actions = await accepted(scheme.action, ALL_DAMOS.actions);
  const applyInterval = await sysfs.exists(scheme.apply_interval_us);
  const targetNid = await sysfs.exists(scheme.target_nid);
  let filterTypes: string[] = [];
  let filterAllow = false;
  if (await sysfs.exists(scheme.filters.nr_filters)) {
    await write(scheme.filters.nr_filters, '1');
    const filter = scheme.filters.filter(0);
    filterTypes = await accepted(filter.type, ALL_DAMOS.filterTypes);
    filterAllow = await sysfs.exists(filter.allow);
  }
  let goalMetrics: string[] = [];
  if (await sysfs.exists(scheme.quotas.goals.nr_goals)) {
    await write(scheme.quotas.goals.nr_goals, '1');
    const goal = scheme.quotas.goals.goal(0);
    if (await sysfs.exists(goal.target_metric)) goalMetrics = await accepted(goal.target_metric, ALL_DAMOS.goalMetrics);
  }
  return { actions, applyInterval, targetNid, filterTypes, filterAllow, goalMetrics };
}
