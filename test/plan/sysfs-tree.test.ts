// The sysfs tree names DAMON's files where the kernel has them: spot checks against the layout in
// REFERENCE.md §2, and, file by file, against the sysfs emulator (which models the kernel's tree
// on its own, without this module).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { admin, DAMON_ADMIN_ROOT, stateOwner } from '../../src/plan/sysfs-tree.js';
import { SysfsEmulator } from '../helpers/sysfs-emulator.js';

/** Every file (string property but `path`) and directory (`path`) below a node, numbered ones at 0. */
function walk(node: object): { files: string[]; dirs: string[] } {
  const files: string[] = [];
  const dirs: string[] = [];
  for (const [name, value] of Object.entries(node)) {
    if (name === 'path') dirs.push(value as string);
    else if (typeof value === 'string') files.push(value);
    else {
      const child = walk(typeof value === 'function' ? (value as (i: number) => object)(0) : (value as object));
      files.push(...child.files);
      dirs.push(...child.dirs);
    }
  }
  return { files, dirs };
}

/** With one of each numbered directory: 22 files down to a bare scheme, 40 more in a scheme with a goal and a filter. */
const FILES = 62;
/** The admin directory itself (path '') and 26 below it. */
const DIRS = 27;

describe('the DAMON sysfs tree', () => {
  const kdamond = admin.kdamonds.kdamond(2);
  const context = kdamond.contexts.context(1);
  const target = context.targets.target(3);

  it.each([
    [admin.kdamonds.path, 'kdamonds'],
    [admin.kdamonds.nr_kdamonds, 'kdamonds/nr_kdamonds'],
    [kdamond.path, 'kdamonds/2'],
    [kdamond.state, 'kdamonds/2/state'],
    [kdamond.pid, 'kdamonds/2/pid'],
    [kdamond.contexts.nr_contexts, 'kdamonds/2/contexts/nr_contexts'],
    [context.path, 'kdamonds/2/contexts/1'],
    [context.avail_operations, 'kdamonds/2/contexts/1/avail_operations'],
    [context.operations, 'kdamonds/2/contexts/1/operations'],
    [context.monitoring_attrs.intervals.sample_us, 'kdamonds/2/contexts/1/monitoring_attrs/intervals/sample_us'],
    [context.monitoring_attrs.intervals.aggr_us, 'kdamonds/2/contexts/1/monitoring_attrs/intervals/aggr_us'],
    [context.monitoring_attrs.intervals.update_us, 'kdamonds/2/contexts/1/monitoring_attrs/intervals/update_us'],
    [
      context.monitoring_attrs.intervals.intervals_goal.path,
      'kdamonds/2/contexts/1/monitoring_attrs/intervals/intervals_goal',
    ],
    [
      context.monitoring_attrs.intervals.intervals_goal.max_sample_us,
      'kdamonds/2/contexts/1/monitoring_attrs/intervals/intervals_goal/max_sample_us',
    ],
    [context.monitoring_attrs.nr_regions.min, 'kdamonds/2/contexts/1/monitoring_attrs/nr_regions/min'],
    [context.monitoring_attrs.nr_regions.max, 'kdamonds/2/contexts/1/monitoring_attrs/nr_regions/max'],
    [context.targets.nr_targets, 'kdamonds/2/contexts/1/targets/nr_targets'],
    [target.pid_target, 'kdamonds/2/contexts/1/targets/3/pid_target'],
    [target.regions.nr_regions, 'kdamonds/2/contexts/1/targets/3/regions/nr_regions'],
    [target.regions.region(4).start, 'kdamonds/2/contexts/1/targets/3/regions/4/start'],
    [target.regions.region(4).end, 'kdamonds/2/contexts/1/targets/3/regions/4/end'],
    [context.schemes.nr_schemes, 'kdamonds/2/contexts/1/schemes/nr_schemes'],
    [context.schemes.scheme(5).action, 'kdamonds/2/contexts/1/schemes/5/action'],
  ])('names %s as in the kernel', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('is relative to the admin root, whose default is the kernel’s', () => {
    expect(admin.path).toBe('');
    expect(DAMON_ADMIN_ROOT).toBe('/sys/kernel/mm/damon/admin');
  });

  it('takes shell words for plan.sh: one kdamond ($1) or every one (*)', () => {
    expect(admin.kdamonds.kdamond('$1').state).toBe('kdamonds/$1/state');
    expect(admin.kdamonds.kdamond('*').pid).toBe('kdamonds/*/pid');
  });

  it('names exactly the files and directories of a sized tree in the emulator', () => {
    const emulator = new SysfsEmulator(mkdtempSync(join(tmpdir(), 'damon-exp-tree-')), {
      kernel: 'upstream',
      intervalsGoal: true,
      damos: 'current',
    });
    const k = admin.kdamonds.kdamond(0);
    const c = k.contexts.context(0);
    emulator.write(admin.kdamonds.nr_kdamonds, '1');
    emulator.write(k.contexts.nr_contexts, '1');
    emulator.write(c.targets.nr_targets, '1');
    emulator.write(c.targets.target(0).regions.nr_regions, '1');
    emulator.write(c.schemes.nr_schemes, '1');
    emulator.write(c.schemes.scheme(0).quotas.goals.nr_goals, '1');
    emulator.write(c.schemes.scheme(0).filters.nr_filters, '1');

    const { files, dirs } = walk(admin);
    expect(files).toHaveLength(FILES);
    expect(dirs).toHaveLength(DIRS);
    expect(new Set(files).size).toBe(files.length);
    // Every file but tried_regions (which damon-exp does not read) is named by the tree.
    const emulated = Object.keys(emulator.snapshot()).filter((f) => !f.includes('/tried_regions/'));
    expect([...files].sort()).toEqual(emulated.sort());
    for (const dir of dirs.filter(Boolean)) {
      expect(emulator.exists(dir), dir).toBe(true);
      expect(() => emulator.list(dir), dir).not.toThrow();
    }
  });

  it('tells a kdamond’s state file from every other path', () => {
    expect(stateOwner('kdamonds/0/state')).toBe(0);
    expect(stateOwner('kdamonds/12/state')).toBe(12);
    for (const path of [
      'kdamonds/0/pid',
      'kdamonds/nr_kdamonds',
      'kdamonds/x/state',
      'kdamonds//state',
      'kdamonds/-1/state',
      'kdamonds/01/state',
      'kdamonds/0/contexts/0/state',
      'other/0/state',
    ])
      expect(stateOwner(path), path).toBeNull();
  });
});
