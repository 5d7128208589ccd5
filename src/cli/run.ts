import { join, resolve } from 'node:path';
import { DAMON_ADMIN_ROOT } from '../damon-sysfs/sysfs.js';
import type { Run } from '../manifest/run.js';
import { saveAndWriteFigures } from '../sweep/figures.js';
import { writeSweepIndex } from '../sweep/index-page.js';
import type { Output } from './output.js';
import { loadExperiment } from '../manifest/load.js';
import { maxRunsOf, maxRunsOption } from './max-runs.js';
import { parseDuration } from '../util/units.js';
import { kernelFor } from '../backends/qemu/index.js';
import type { LocalBackendOptions } from '../backends/local.js';
import { commandLineKernel, KERNEL_RESOLVER } from '../kernel-images/resolve.js';
import { shorten } from '../util/errors.js';
import { hostOptions } from './host-options.js';
import { defineCommand, oneOf } from './command.js';
import { reportAfterRun } from './report.js';
import { executeRuns } from './execute-runs.js';
import { MixedBackendsError, slurmBackendOf } from '../backends/choose.js';
import { planRuns, wouldRun } from '../sweep/dry-run.js';
import { refuseWhileSlurmJobRuns } from '../sweep/slurm/earlier-jobs.js';
import { submitToSlurm } from './slurm-run.js';
import { slurmClient } from '../sweep/slurm/client.js';
import { runSlurmTask } from './slurm-task.js';
import { UsageError, UserError } from './output.js';
import { hasLineBreak } from '../util/shell.js';

export const runCommand = defineCommand({
  name: 'run',
  usage:
    'damon-exp run FILE [--only ID]... [--set PATH=VALUE]... [--backend auto|local|qemu] [--jobs N] [--fail-fast] [--dry-run] [--no-png] [--out DIR] [--force|--resume] [--max-runs N] [--kernel NAME|IMAGE|TREE] [--boot-timeout D] [--guest-timeout D] [--executor local|slurm [--slurm-opt OPT]... [--detach] [--assume-shared]]',
  help: `Runs each run of the manifest (or those named with --only): checks the host, probes the
kernel, plans, sets DAMON up, starts perf recording damon:damon_aggregated, then the workloads,
switches DAMON on, and tears down whatever happens. Each run goes to OUT/<manifest name>/<run id>/ (run.json, plan.json,
plan.sh, env.json, status.json, logs/, masim.data, masim.script, kdamond-cpu.json), written beside
its place and renamed into it when it ends. Progress goes to stderr, result directories to stdout.

It refuses, before changing anything, a host whose DAMON someone else uses (a kdamond running or
set up), one without DAMON sysfs, and a perf that cannot record the tracepoint. Ctrl-C stops the
run and tears down; a second Ctrl-C does not skip the teardown.

An existing result is never overwritten: --force keeps it beside the new one (renamed
<id>.before-<time>); --resume skips complete results of the same run (same resolved run.json,
same manifest hash) and re-runs the rest, so a changed run is re-run, never mixed.

A manifest with a matrix is a sweep: every run (or those named with --only), --jobs N at once
where the backend allows it (QEMU: a VM each; this host's DAMON: one at a time). A run that
fails is recorded with its status and logs and the sweep goes on (--fail-fast stops it); the
exit status is 1 when any run did not complete. Each finished run prints a line, a terminal
shows what runs with an ETA, and the end prints a summary and writes OUT/<name>/index.html,
summary.csv and summary.json, and draws the manifest's figures (SVG and CSV, and PNG through
Chromium unless --no-png). --dry-run lists what would run and what --resume would skip.

The qemu backend (--backend qemu, or auto when this host's DAMON cannot serve) boots a DAMON
kernel (--kernel NAME|IMAGE|TREE: a cached kernel (damon-exp kernel list), a bzImage or an unpacked tree; default Debian's from make kernel; --accel, --append) and runs the
same executor in the guest, which writes into the run's directory as it goes: whatever ends the
VM, what it recorded is kept. Ctrl-C (and --guest-timeout, default the duration and 3 min) asks
the guest to tear down and write its data, and stops the VM after a grace of a minute.
--boot-timeout bounds the boot.

One runner at a time per results directory (OUT/<manifest name>): a second is refused at once,
naming the first. A run that does not complete never takes the place of a complete one: it is
kept beside it as <id>.attempt-<time>-<state>.

--executor slurm (or executor: {kind: slurm} in the manifest) hands the runs to Slurm: one sbatch
job array, a task per run to do (--only, --resume; --jobs N is the array's %N throttle), each task
running 'damon-exp run MANIFEST --only ID' on its node into the same results directory. Each task
asks for its VM's CPUs (one under TCG) and memory plus 1 GiB, and a time limit of the duration plus
boot and analysis margins (the local backend: a node to itself, --exclusive); the manifest's
executor partition, account, qos, time and options, and --slurm-opt OPT (repeatable, as sbatch
takes it), add to the request. The job script is kept in OUT/<name>/slurm/ (sbatch takes it again
as it is). Before submitting, it checks what the nodes need: node, damon-exp, the manifest and OUT
at absolute paths on a file system they share (--assume-shared when they see them another way),
masim built, the kernel cached; --dry-run prints the job script and the sbatch command. It then
waits, showing the tasks as they start and end, and writes the index; Ctrl-C cancels the job
(scancel JOBID). --detach returns after submitting, printing the job id: 'damon-exp status
OUT/<name>' shows the tasks, 'damon-exp index OUT/<name>' records their ends and writes the index.
A task that fails, is cancelled, runs out of time or memory or loses its node leaves a run
directory whose status.json names Slurm's state and the task; --resume submits only what is not
complete.

--sysfs-root, --tracefs and --perf point at another DAMON sysfs tree, tracefs and perf (the
environment variables PERF and MASIM work too).

Each run's analysis checks its own validity (its ground truth, its timings, its trace): a run
whose data say its numbers are not DAMON's (DAMON saw under half of what the workload touched, a
recording shorter than asked, snapshots that stopped...) is marked suspect in its report, status
and the sweep's index, and the run ends with a warning line for each.

Exit status: 0 when every run completed (or was skipped), 1 otherwise; with --strict, 1 too when
a run is suspect.

Examples:
  sudo damon-exp run experiments/one_target.yaml
  sudo damon-exp run experiments/many_contexts.yaml --set duration=10s
  sudo damon-exp run experiments/sweep_layouts.yaml --only kind-one-target_targets-1 --resume
  damon-exp run experiments/sweep_layouts.yaml --backend qemu --jobs 2 --resume
  damon-exp run experiments/sweep_layouts.yaml --dry-run --resume
  damon-exp run experiments/sweep_layouts.yaml --executor slurm --jobs 8 --slurm-opt=--qos=low
  damon-exp run experiments/sweep_layouts.yaml --executor slurm --resume --detach`,
  options: {
    only: {
      type: 'string',
      multiple: true,
      value: 'ID',
      description: 'run only this run of the manifest (see damon-exp list)',
    },
    run: { type: 'string', multiple: true, value: 'ID', description: 'the same as --only' },
    jobs: {
      type: 'string',
      value: 'N',
      description: "runs at once, where the backend allows (QEMU: a VM each); Slurm: the array's throttle",
    },
    'fail-fast': { type: 'boolean', description: 'stop the sweep at the first run that fails' },
    'dry-run': { type: 'boolean', description: 'list what would run and what --resume would skip; change nothing' },
    'no-png': { type: 'boolean', description: "draw the sweep's figures as SVG and CSV only, without Chromium" },
    set: {
      type: 'string',
      multiple: true,
      value: 'PATH=VALUE',
      description: 'change a manifest value (backend.kernel=NAME, duration=10s), as the matrix does',
    },
    backend: {
      type: 'string',
      value: 'auto|local|qemu',
      description: "this host's DAMON, a VM on a DAMON kernel, or this host when it can serve",
    },
    out: {
      type: 'string',
      default: 'results',
      value: 'DIR',
      description: 'the results directory: runs go to DIR/<manifest name>/<run id>',
    },
    force: {
      type: 'boolean',
      description: 'keep an existing result beside the new one (<id>.before-<time>) instead of refusing',
    },
    resume: { type: 'boolean', description: 'skip the runs whose complete result is there, unchanged; run the rest' },
    ...hostOptions,
    kernel: {
      type: 'string',
      value: 'NAME|IMAGE|TREE',
      description: 'the kernel QEMU boots: cached (damon-exp kernel list), a bzImage or a tree',
    },
    accel: {
      type: 'string',
      value: 'auto|kvm|tcg',
      description: "QEMU's accelerator (auto: KVM when /dev/kvm serves, else TCG)",
    },
    append: { type: 'string', value: 'ARGS', description: 'more kernel command-line arguments for the guest' },
    'boot-timeout': {
      type: 'string',
      value: 'D',
      description: 'how long the guest may take to boot (default 30s with KVM, 90s under TCG)',
    },
    'guest-timeout': {
      type: 'string',
      value: 'D',
      description: 'how long a run may take in its guest before it is stopped (default the duration and 3 min)',
    },
    json: { type: 'boolean', description: "print the runs' results as JSON" },
    strict: {
      type: 'boolean',
      description: "exit 1 when a run is suspect: its own data say its numbers are not DAMON's",
    },
    executor: {
      type: 'string',
      value: 'local|slurm',
      description: 'run here, or hand the runs to Slurm as a job array',
    },
    'slurm-opt': {
      type: 'string',
      multiple: true,
      value: 'OPT',
      description: 'an sbatch option for the job, as sbatch takes it (--slurm-opt=--partition=short)',
    },
    detach: { type: 'boolean', description: 'Slurm: return after submitting, printing the job id' },
    'assume-shared': {
      type: 'boolean',
      description: 'Slurm: the nodes see these paths, though not on a shared file system',
    },
    'slurm-task': { type: 'boolean', description: 'run as one task of a Slurm job array', internal: true },
    ...maxRunsOption,
  },
  async run({ values, positionals }, output, deps) {
    if (positionals.length !== 1) throw new UsageError('name one manifest', 'run');
    if (values.force && values.resume) throw new UsageError('--force and --resume exclude each other', 'run');
    // The results directory reaches the scripts a run generates (the Slurm job's, the QEMU guest's).
    if (hasLineBreak(values.out))
      throw new UsageError(`--out holds a line break: ${JSON.stringify(values.out)}`, 'run');
    const experiment = loadExperiment(positionals[0]!, {
      kernels: KERNEL_RESOLVER,
      sets: values.set ?? [],
      maxRuns: maxRunsOf(values, 'run'),
    });
    const wanted = [...(values.only ?? []), ...(values.run ?? [])];
    if (values.jobs !== undefined && !/^[1-9][0-9]*$/.test(values.jobs))
      throw new UsageError(`--jobs needs a whole number of runs at once, such as 2, not '${values.jobs}'`, 'run');
    const unknown = wanted.filter((id) => !experiment.runs.some((run) => run.id === id));
    if (unknown.length) {
      const ids = experiment.runs.map((r) => r.id);
      const some =
        ids.length > 10 ? `${ids.slice(0, 10).join(', ')}, … (${ids.length} in all: damon-exp list)` : ids.join(', ');
      throw new UserError(
        `'${experiment.name}' has no run ${unknown
          .slice(0, 3)
          .map((id) => `'${shorten(id)}'`)
          .join(', ')}${unknown.length > 3 ? ', …' : ''}`,
        `its runs: ${some}`,
      );
    }
    const runs = wanted.length ? experiment.runs.filter((run) => wanted.includes(run.id)) : experiment.runs;
    const backend = oneOf(values.backend, ['auto', 'local', 'qemu'] as const, '--backend', 'run');
    const accel = oneOf(values.accel, ['auto', 'kvm', 'tcg'] as const, '--accel', 'run');
    const durationMs = (option: 'boot-timeout' | 'guest-timeout') => {
      const text = values[option];
      if (text === undefined) return undefined;
      try {
        return parseDuration(text) / 1000;
      } catch {
        throw new UsageError(`--${option} needs a duration such as 60s, not '${text}'`, 'run');
      }
    };
    const bootTimeoutMs = durationMs('boot-timeout');
    const commandTimeoutMs = durationMs('guest-timeout');
    // A kernel named on the command line is checked before anything runs (a dry run too).
    if (values.kernel !== undefined)
      for (const run of runs.filter((r) => (backend ?? r.backend.kind) !== 'local'))
        kernelFor(run, commandLineKernel(values.kernel));
    const executor =
      oneOf(values.executor, ['local', 'slurm'] as const, '--executor', 'run') ?? experiment.executor.kind;
    const resultsRoot = resolve(values.out);
    const sweepDir = join(resultsRoot, experiment.name);
    const env = deps.env ?? process.env;
    const afterSweep = async () => {
      const manifest = { name: experiment.name, file: experiment.file, sha256: experiment.sha256 };
      const figureOptions = { env: deps.env, png: values['no-png'] !== true };
      for (const warning of await saveAndWriteFigures(sweepDir, manifest, experiment.figures, figureOptions))
        output.err(`damon-exp: warning: ${warning}`);
      return (await writeSweepIndex(sweepDir)).index;
    };
    const qemuOptions = {
      ...(values.kernel ? { kernel: commandLineKernel(values.kernel) } : {}),
      ...(accel ? { accel } : {}),
      ...(values.append ? { append: values.append } : {}),
      ...(bootTimeoutMs ? { bootTimeoutMs } : {}),
      ...(commandTimeoutMs ? { commandTimeoutMs } : {}),
      env,
    };
    const localOptions: LocalBackendOptions = {
      sysfsRoot: values['sysfs-root'],
      ...(deps.sysfsFor ? { sysfs: deps.sysfsFor(values['sysfs-root']) } : {}),
      tracefsRoot: values.tracefs,
      ...(values.perf ? { perf: values.perf } : {}),
      env,
      ...(deps.lockPath ? { lockPath: deps.lockPath } : {}),
    };
    if (values['slurm-task']) {
      if (values.only?.length !== 1 || runs.length !== 1)
        throw new UsageError('--slurm-task runs one run: name it with --only ID', 'run');
      return runSlurmTask(
        runs[0]!,
        experiment.sha256,
        { env, resultsRoot, backend, local: localOptions, qemu: qemuOptions, values, deps },
        output,
      );
    }
    if (executor === 'slurm') {
      if (values['fail-fast'])
        throw new UsageError(
          "--fail-fast stops a local sweep; a Slurm job's tasks run apart (scancel stops them)",
          'run',
        );
      let slurmBackend: 'local' | 'qemu';
      try {
        slurmBackend = slurmBackendOf(runs, backend, (text) => output.err(`damon-exp: ${text}`));
      } catch (error) {
        if (!(error instanceof MixedBackendsError)) throw error;
        throw new UsageError(`${error.message}: ${error.hint}`, 'run');
      }
      return submitToSlurm(
        {
          experiment,
          runs,
          resultsRoot,
          backend: slurmBackend,
          settings: {
            ...experiment.executor.settings,
            options: [...experiment.executor.settings.options, ...(values['slurm-opt'] ?? [])],
          },
          throttle: values.jobs === undefined ? null : Number(values.jobs),
          force: values.force === true,
          resume: values.resume === true,
          dryRun: values['dry-run'] === true,
          detach: values.detach === true,
          assumeShared: values['assume-shared'] === true,
          json: values.json === true,
          taskOptions: taskOptionsOf(values),
          ...(accel ? { accel } : {}),
          qemu: qemuOptions,
          env,
          ...(deps.slurm ? { client: deps.slurm } : {}),
          signals: deps.signals ?? process,
          ...(deps.pollMs ? { pollMs: deps.pollMs } : {}),
          ...(experiment.runs.length > 1 ? { afterSweep } : {}),
          strict: values.strict === true,
        },
        output,
      );
    }
    for (const option of ['slurm-opt', 'detach', 'assume-shared'] as const)
      if (values[option] !== undefined)
        throw new UsageError(`--${option} is for the Slurm executor: add --executor slurm`, 'run');
    if (values['dry-run']) return dryRun(runs, values, output);
    await refuseWhileSlurmJobRuns(sweepDir, deps.slurm ?? slurmClient(env), (text) =>
      output.err(`damon-exp: warning: ${text}`),
    );
    return executeRuns(
      runs,
      {
        resultsRoot,
        ...(backend ? { backend } : {}),
        jobs: values.jobs === undefined ? 1 : Number(values.jobs),
        failFast: values['fail-fast'] === true,
        force: values.force === true,
        resume: values.resume === true,
        json: values.json === true,
        plainProgress: false,
        local: localOptions,
        qemu: qemuOptions,
        ...(deps.signals ? { signals: deps.signals } : {}),
        ...(deps.backends ? { backends: deps.backends } : {}),
        afterRun: reportAfterRun,
        ...(experiment.runs.length > 1 ? { afterSweep } : {}),
        strict: values.strict === true,
      },
      output,
    );
  },
});

/** Prints what `run` would do with each run (sweep/dry-run.ts), given the results and --resume/--force. */
async function dryRun(
  runs: Run[],
  values: { out: string; resume?: boolean | undefined; force?: boolean | undefined; json?: boolean | undefined },
  output: Output,
): Promise<number> {
  const plans = await planRuns(runs, resolve(values.out), {
    resume: values.resume === true,
    force: values.force === true,
  });
  if (values.json) output.out(JSON.stringify(plans, null, 2));
  else {
    const width = Math.max(...plans.map((p) => p.id.length));
    for (const p of plans) output.out(`${p.id.padEnd(width)}  ${p.action}`);
    const runsLeft = plans.filter(wouldRun).length;
    output.err(`${runsLeft} of ${plans.length} runs would run`);
  }
  return 0;
}

/** What each task's `damon-exp run` takes from this command line. */
function taskOptionsOf(values: {
  set?: string[] | undefined;
  kernel?: string | undefined;
  accel?: string | undefined;
  append?: string | undefined;
  'boot-timeout'?: string | undefined;
  'guest-timeout'?: string | undefined;
  perf?: string | undefined;
  tracefs?: string | undefined;
  'sysfs-root'?: string | undefined;
  'max-runs'?: string | undefined;
}): string[] {
  const options: string[] = [];
  for (const set of values.set ?? []) options.push('--set', set);
  if (values.kernel !== undefined) options.push('--kernel', commandLineKernel(values.kernel));
  for (const name of ['accel', 'append', 'boot-timeout', 'guest-timeout', 'perf', 'max-runs'] as const) {
    const value = values[name];
    if (value !== undefined) options.push(`--${name}`, name === 'perf' && value.includes('/') ? resolve(value) : value);
  }
  if (values.tracefs !== undefined && values.tracefs !== '/sys/kernel/tracing')
    options.push('--tracefs', values.tracefs);
  if (values['sysfs-root'] !== undefined && values['sysfs-root'] !== DAMON_ADMIN_ROOT)
    options.push('--sysfs-root', values['sysfs-root']);
  return options;
}
