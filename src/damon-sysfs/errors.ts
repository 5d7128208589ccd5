// What an errno from DAMON's sysfs means at a given file (REFERENCE.md §2), said so that a user
// can act on it.
import { DamonExpError, errnoOf } from '../util/errors.js';
import { admin, fileName, isPathOf } from '../plan/sysfs-tree.js';

export class KernelError extends DamonExpError {
  constructor(
    message: string,
    readonly path: string,
    readonly code: string | undefined,
    hint?: string,
  ) {
    super(message, hint);
  }
}

/** Explains a failed write of `value` to `path` (relative to `root`). */
export function explainWrite(root: string, path: string, value: string, error: unknown): KernelError {
  const code = errnoOf(error);
  const where = `${root}/${path}`;
  const failed = `writing '${value}' to ${where} failed with ${code ?? String(error)}`;
  const explain = (why: string, hint?: string) => new KernelError(`${failed}: ${why}`, path, code, hint);
  const kdamond = admin.kdamonds.kdamond('*');
  const context = kdamond.contexts.context('*');
  const isState = isPathOf(kdamond.state, path);
  switch (code) {
    case 'EBUSY':
      if (path === admin.kdamonds.nr_kdamonds)
        return explain(
          'a kdamond is running, and nr_kdamonds cannot change while any does',
          'see which with damon-exp doctor',
        );
      if (isState && value === 'on') return explain('the kdamond is already running');
      return explain(
        'the DAMON sysfs lock stayed busy through every retry',
        'another tool is writing DAMON sysfs at the same time; try again when it is done',
      );
    case 'EINVAL':
      if (isPathOf(kdamond.contexts.nr_contexts, path))
        return explain(
          'this kernel takes one context per kdamond (only the multi-context fork takes more)',
          'set layout.contexts_per_kdamond: auto or one',
        );
      if (isPathOf(context.operations, path))
        return explain(
          `the kernel does not know the operations set '${value}'`,
          `read ${root}/${path.slice(0, path.lastIndexOf('/'))}/${fileName(context.avail_operations)} for the ones it has`,
        );
      if (isState && (value === 'on' || value === 'commit')) {
        return explain(
          'DAMON refused the configuration',
          'it checks: min nr_regions >= 3 and <= max, sample <= aggr, every vaddr target pid alive, at most one paddr target, target regions sorted and not overlapping',
        );
      }
      if (isState && value === 'off')
        return explain('the kdamond is not running (a vaddr kdamond stops by itself when its targets exit)');
      return explain('the kernel refused the value');
    case 'ENOENT':
      return explain(
        'no such file: this kernel lacks the feature, or the tree is not what the plan expects',
        'compare with damon-exp doctor',
      );
    case 'EACCES':
    case 'EPERM':
      return explain('permission denied', 'run damon-exp as root');
    default:
      return explain('unexpected error');
  }
}
