// Which backend serves a run, decided once, with its preflight done once: `auto` takes this host
// when its preflight passes (DAMON free, perf recording, the kernel able to serve the run's plan),
// else QEMU, saying why. The preflight's result goes on to the run, so nothing is probed twice.
// A Slurm job runs on one backend, chosen for all its runs before it is submitted (slurmBackendOf).
import { DamonExpError } from '../util/errors.js';
import { KernelError } from '../damon-sysfs/errors.js';
import type { Run } from '../manifest/run.js';
import {
  BackendRefusal,
  RefusedError,
  type Backend,
  type BackendKind,
  type Checked,
  type PreflightContext,
} from './backend.js';

export type BackendChoice = BackendKind | 'auto';

export interface Backends {
  local: Backend;
  qemu: Backend;
}

export interface Chosen {
  backend: Backend;
  checked: Checked;
  /** Why this backend serves the run, for env.json and the progress line. */
  why: string;
  /** Whether auto chose it (then the choice is worth saying). */
  auto: boolean;
}

/**
 * The backend for a run (`asked` overrides the run's own backend.kind) and its preflight. Throws
 * BackendRefusal when the backend asked for cannot serve it, or when neither can for auto.
 */
export async function chooseBackend(
  run: Run,
  asked: BackendChoice | undefined,
  backends: Backends,
  context: PreflightContext,
): Promise<Chosen> {
  const choice = asked ?? run.backend.kind;
  if (choice !== 'auto') {
    const backend = backends[choice];
    return {
      backend,
      checked: await preflightOf(backend, run, context),
      why: `asked for (backend: ${choice})`,
      auto: false,
    };
  }
  try {
    const checked = await backends.local.preflight(run, context);
    return { backend: backends.local, checked, why: "this host's DAMON can serve the run", auto: true };
  } catch (error) {
    // A kernel that fails while probed is a fault to see, not a reason to go elsewhere.
    if (error instanceof KernelError) throw new BackendRefusal('local', error);
    if (!(error instanceof RefusedError) || context.abort.aborted) throw error;
    const why = `this host's DAMON cannot serve the run: ${error.message}`;
    return { backend: backends.qemu, checked: await preflightOf(backends.qemu, run, context), why, auto: true };
  }
}

async function preflightOf(backend: Backend, run: Run, context: PreflightContext): Promise<Checked> {
  try {
    return await backend.preflight(run, context);
  } catch (error) {
    if ((error instanceof RefusedError || error instanceof KernelError) && !(error instanceof BackendRefusal))
      throw new BackendRefusal(backend.kind, error);
    throw error;
  }
}

/** Runs that ask for different backends where one serves them all (a Slurm job). */
export class MixedBackendsError extends DamonExpError {}

/**
 * The one backend of a Slurm job: each task runs on it. `auto` is QEMU there: a node's own DAMON
 * serves only when asked (the submitter cannot probe each node's); `say` tells so.
 */
export function slurmBackendOf(
  runs: readonly Run[],
  asked: BackendChoice | undefined,
  say: (text: string) => void,
): BackendKind {
  const kinds = new Set(runs.map((run) => asked ?? run.backend.kind));
  if (kinds.has('local') && kinds.size > 1)
    throw new MixedBackendsError(
      'these runs ask for different backends (local and qemu); a Slurm job runs one',
      'choose it with --backend',
    );
  if (kinds.has('local')) return 'local';
  if (kinds.has('auto'))
    say(
      "--executor slurm: the runs go to the qemu backend (auto does not probe each node's DAMON; --backend local uses it, a node to each task)",
    );
  return 'qemu';
}
