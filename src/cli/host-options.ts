// --sysfs-root, --tracefs and --perf: where the commands that touch (or check) a DAMON host find
// its sysfs tree, tracefs and perf.
import type { LocalBackendOptions } from '../backends/local.js';
import { DAMON_ADMIN_ROOT } from '../damon-sysfs/sysfs.js';
import { localBackendOptions, type RunSettings } from '../sweep/request.js';
import type { Deps } from './command.js';

/** For run and record, which record with them. */
export const hostOptions = {
  'sysfs-root': {
    type: 'string',
    default: DAMON_ADMIN_ROOT,
    value: 'DIR',
    description: 'the DAMON sysfs tree to use',
  },
  tracefs: {
    type: 'string',
    default: '/sys/kernel/tracing',
    value: 'DIR',
    description: "the tracefs holding DAMON's tracepoints",
  },
  perf: { type: 'string', value: 'PATH', description: 'the perf to record with (default: $PERF, else perf on PATH)' },
} as const;

/** For doctor, which checks them. */
export const checkedHostOptions = {
  'sysfs-root': { ...hostOptions['sysfs-root'], description: 'the DAMON sysfs tree to check' },
  tracefs: hostOptions.tracefs,
  perf: { ...hostOptions.perf, description: 'the perf to check (default: $PERF, else perf on PATH)' },
} as const;

/** This host's backend's options, as a request's settings say, in the world `deps` gives (tests: the emulator). */
export function localOptionsFor(settings: RunSettings, deps: Deps): LocalBackendOptions {
  return localBackendOptions(settings, {
    env: deps.env ?? process.env,
    sysfs: deps.sysfsFor?.(settings.host.sysfsRoot ?? DAMON_ADMIN_ROOT),
    lockPath: deps.lockPath,
  });
}
