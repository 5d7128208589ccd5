import { DAMON_ADMIN_ROOT } from '../kernel/sysfs.js';
import { loadExperiment } from '../manifest/load.js';
import { parseDuration } from '../manifest/units.js';
import { oneOf, type Command } from './command.js';
import { reportAfterRun } from './report.js';
import { executeRuns } from './execute-runs.js';
import { UsageError, UserError } from './output.js';

export const runCommand: Command = {
  name: 'run',
  summary: 'run an experiment on DAMON: workloads, sysfs, perf, and a result directory per run',
  usage: 'damon-exp run FILE [--run ID]... [--set PATH=VALUE]... [--backend auto|local] [--out DIR] [--force|--resume]',
  help: `Runs each run of the manifest (or those named with --run): checks the host, probes the
kernel, plans, starts the workloads, sets DAMON up, records damon:damon_aggregated with perf, and
tears down whatever happens. Each run goes to OUT/<manifest name>/<run id>/ (run.json, plan.json,
plan.sh, env.json, status.json, logs/, masim.data, masim.script, kdamond-cpu.json), written beside
its place and renamed into it when it ends. Progress goes to stderr, result directories to stdout.

It refuses, before changing anything, a host whose DAMON someone else uses (a kdamond running or
set up), one without DAMON sysfs, and a perf that cannot record the tracepoint. Ctrl-C stops the
run and tears down; a second Ctrl-C does not skip the teardown.

An existing result is never overwritten: --force keeps it beside the new one (renamed
<id>.before-<time>); --resume skips complete results of the same run and re-runs the rest.

--sysfs-root, --tracefs and --perf point at another DAMON sysfs tree, tracefs and perf (the
environment variables PERF and MASIM work too).

Exit status: 0 when every run completed (or was skipped), 1 otherwise.

Examples:
  sudo damon-exp run experiments/one_target.yaml
  sudo damon-exp run experiments/many_contexts.yaml --set duration=10s
  sudo damon-exp run experiments/sweep_layouts.yaml --run kind-one-target_targets-1 --resume`,
  options: {
    run: { type: 'string', multiple: true },
    set: { type: 'string', multiple: true },
    backend: { type: 'string' },
    out: { type: 'string', default: 'results' },
    force: { type: 'boolean' },
    resume: { type: 'boolean' },
    'sysfs-root': { type: 'string', default: DAMON_ADMIN_ROOT },
    tracefs: { type: 'string', default: '/sys/kernel/tracing' },
    perf: { type: 'string' },
    kernel: { type: 'string' },
    accel: { type: 'string' },
    append: { type: 'string' },
    'boot-timeout': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, output, deps) {
    if (positionals.length !== 1) throw new UsageError('name one manifest', 'run');
    if (values.force && values.resume) throw new UsageError('--force and --resume exclude each other', 'run');
    const experiment = loadExperiment(positionals[0]!, { sets: (values.set as string[] | undefined) ?? [] });
    const wanted = (values.run as string[] | undefined) ?? [];
    const unknown = wanted.filter((id) => !experiment.runs.some((run) => run.id === id));
    if (unknown.length) throw new UserError(`'${experiment.name}' has no run ${unknown.map((id) => `'${id}'`).join(', ')}`, `its runs: ${experiment.runs.map((r) => r.id).join(', ')}`);
    const runs = wanted.length ? experiment.runs.filter((run) => wanted.includes(run.id)) : experiment.runs;
    const backend = oneOf(values.backend, ['auto', 'local', 'qemu'] as const, '--backend', 'run');
    oneOf(values.accel, ['auto', 'kvm', 'tcg'] as const, '--accel', 'run');
    if (values['boot-timeout'] !== undefined) {
      try {
        parseDuration(String(values['boot-timeout']));
      } catch {
        throw new UsageError(`--boot-timeout needs a duration such as 60s, not '${String(values['boot-timeout'])}'`, 'run');
      }
    }
    return executeRuns(runs, { values, backend, afterRun: reportAfterRun }, output, deps);
  },
};

