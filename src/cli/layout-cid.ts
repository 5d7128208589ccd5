// --cid (damo's --context_idx) on a run directory: the N-th context of the run's layout, whichever
// kdamond served it on the kernel it ran on (plan.json says), so that `--cid 1` picks the same
// workload on the multi-context fork (kdamond 0, context 1) and upstream (kdamond 1, context 0).
// Given with --kdamond, or on a bare trace, --cid stays the trace's context index.
import { statSync } from 'node:fs';
import type { Selection } from '../analysis/heats.js';
import { layoutContexts } from '../plan/layout-contexts.js';
import type { Plan } from '../plan/plan.js';
import { readRunFile, RUN_FILES } from '../record/run-files.js';
import { UserError } from './output.js';

export interface LayoutSelection {
  selection: Selection;
  /** One line for stderr: which kdamond and context of the trace the layout's context is. */
  note: string | null;
  /** plan.json is there but cannot be read: --cid is taken as the trace's context index. */
  warnings: string[];
}

export function layoutSelection(input: string, selection: Selection, cidOption: string): LayoutSelection {
  const asTyped = { selection, note: null, warnings: [] };
  if (selection.context === undefined || selection.kdamond !== undefined || !isDirectory(input)) return asTyped;
  const problems: string[] = [];
  const plan = readRunFile<Plan>(input, RUN_FILES.plan, problems);
  if (!plan)
    return {
      ...asTyped,
      warnings: problems.map((p) => `${p}; ${cidOption} is taken as the trace's context index`),
    };
  const contexts = layoutContexts(plan.layout.kdamonds);
  const n = selection.context;
  const chosen = contexts[n];
  if (!chosen)
    throw new UserError(
      `${cidOption} ${n}: the run's layout has ${contexts.length === 0 ? 'no contexts' : `${contexts.length} context${contexts.length === 1 ? '' : 's'} (${cidOption} 0${contexts.length > 1 ? `..${contexts.length - 1}` : ''})`}`,
      `on a run directory ${cidOption} counts the layout's contexts in the manifest's order; with --kdamond K it is the context index within kdamond K, as the trace numbers them (--guide lists them)`,
    );
  const workloads = chosen.workloads.filter((w) => w !== null);
  return {
    selection: { ...selection, kdamond: chosen.kdamond, context: chosen.context },
    note: `damon-exp: ${cidOption} ${n}: the layout's context ${n}${workloads.length ? ` (${workloads.join(', ')})` : ''} ran as kdamond ${chosen.kdamond}'s context ${chosen.context} (--kdamond ${chosen.kdamond} --cid ${chosen.context} in the trace)`,
    warnings: [],
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // Not there or not readable: openTrace says so, in its words.
    return false;
  }
}
