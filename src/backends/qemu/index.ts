// The qemu backend: boots a DAMON kernel in QEMU with the host's root shared read-only, runs the
// same executor inside the guest (damon-exp guest-run, the local backend there), and brings the
// run directory back to the host.
import type { Run } from '../../manifest/run.js';
import type { RunOutcome } from '../../record/outcome.js';
import { runAlone, type Backend, type LoneRun } from '../backend.js';
import type { QemuBackendOptions, QemuChecked } from './options.js';
import { preflightQemu } from './preflight.js';
import { runChecked } from './run.js';

export function qemuBackend(options: QemuBackendOptions = {}): Backend<QemuChecked> {
  return {
    kind: 'qemu',
    maxParallel: Infinity,
    preflight: (run, context) => preflightQemu(run, options, context),
    run: (run, checked, request) => runChecked(run, checked, request, options),
  };
}

/** One run in QEMU: its preflight, then the run (for tests and one-off callers). */
export function runQemu(run: Run, options: QemuBackendOptions & LoneRun): Promise<RunOutcome> {
  return runAlone(qemuBackend(options), run, options);
}
