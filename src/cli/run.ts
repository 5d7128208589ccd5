import { join, resolve } from 'node:path';
import { preflight, RefusedError, runLocal, type LocalOptions, type LocalOutcome } from '../backends/local.js';
import { runQemu } from '../backends/qemu/index.js';
import { parseDuration } from '../manifest/units.js';
import { KernelError } from '../kernel/errors.js';
import { LockError } from '../kernel/lock.js';
import { DAMON_ADMIN_ROOT } from '../kernel/sysfs.js';
import { loadExperiment } from '../manifest/load.js';
import type { Run } from '../manifest/run.js';
import { ExistingResultError } from '../record/run-directory.js';
import { oneOf, type Command, type Deps } from './command.js';
import { paint, UsageError, UserError, type Output } from './output.js';
import { Progress } from './progress.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

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
    return executeRuns(runs, { values, backend }, output, deps);
  },
};

interface Selection {
  values: Record<string, unknown>;
  backend: 'auto' | 'local' | 'qemu' | undefined;
}

export async function executeRuns(runs: Run[], { values, backend }: Selection, output: Output, deps: Deps): Promise<number> {
  const signals = deps.signals ?? process;
  const controller = new AbortController();
  const onSignal = (signal: string) => {
    if (!controller.signal.aborted) {
      output.err(`damon-exp: ${signal}: stopping; tearing down (this takes a moment, and another ${signal} will not skip it)`);
      controller.abort(signal);
    } else {
      output.err('damon-exp: still tearing down; please wait');
    }
  };
  const handlers = STOP_SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const);
  for (const [signal, handler] of handlers) signals.on(signal, handler);

  const results: { id: string; dir: string | null; state: string; errors: string[] }[] = [];
  try {
    for (const [i, run] of runs.entries()) {
      if (controller.signal.aborted) break;
      const label = runs.length > 1 ? `[${i + 1}/${runs.length}] ${run.id}` : run.id;
      const progress = new Progress(output, process.stderr.isTTY === true && !values.json, label);
      const root = String(values['sysfs-root']);
      const localOptions: LocalOptions = {
        resultsRoot: resolve(String(values.out)),
        sysfsRoot: root,
        ...(deps.sysfsFor ? { sysfs: deps.sysfsFor(root) } : {}),
        tracefsRoot: String(values.tracefs),
        ...(values.perf ? { perf: String(values.perf) } : {}),
        env: deps.env ?? process.env,
        ...(deps.lockPath ? { lockPath: deps.lockPath } : {}),
        force: values.force === true,
        resume: values.resume === true,
        abort: controller.signal,
        onStage: (stage, detail) => progress.stage(stage, detail),
        ...(values['no-perf-probe'] ? { probePerf: false } : {}),
      };
      let chosen = backend ?? run.backend.kind;
      let why = chosen === 'qemu' ? 'asked for (backend: qemu)' : 'asked for (backend: local)';
      let outcome: LocalOutcome;
      try {
        if (chosen === 'auto') {
          const refusal = await preflight(run, localOptions).then(
            () => null,
            (error: unknown) => {
              if (error instanceof RefusedError) return error;
              throw error;
            },
          );
          chosen = refusal ? 'qemu' : 'local';
          why = refusal ? `this host's DAMON cannot serve the run: ${refusal.message}` : "this host's DAMON can serve the run";
          output.err(`${label}: ${chosen} backend: ${why}`);
        }
        outcome =
          chosen === 'qemu'
            ? await runQemu(run, {
                resultsRoot: localOptions.resultsRoot,
                ...(values.kernel ? { kernel: resolve(String(values.kernel)) } : {}),
                ...(values.accel ? { accel: values.accel as 'auto' | 'kvm' | 'tcg' } : {}),
                ...(values.append ? { append: String(values.append) } : {}),
                ...(values['boot-timeout'] ? { bootTimeoutMs: parseDuration(String(values['boot-timeout'])) / 1000 } : {}),
                force: localOptions.force,
                resume: localOptions.resume,
                env: localOptions.env,
                abort: controller.signal,
                why,
                onStage: (stage, detail) => progress.stage(stage === 'boot' ? `booting the kernel in QEMU (${detail?.accel})` : stage === 'done' ? 'done' : stage),
              })
            : await runLocal(run, localOptions);
      } catch (error) {
        progress.close();
        if (error instanceof RefusedError || error instanceof KernelError) {
          throw new UserError(`cannot run '${run.id}' ${chosen === 'qemu' ? 'in QEMU' : 'here'}: ${error.message}`, error.hint);
        }
        if (error instanceof LockError) throw new UserError(error.message, 'wait for it to finish');
        if (error instanceof ExistingResultError) throw new UserError(error.message, error.hint);
        throw error;
      }
      progress.close();
      if (!outcome.dir) {
        const existing = join(resolve(String(values.out)), run.manifest.name, run.id);
        output.err(`${label}: skipped (complete already)`);
        results.push({ id: run.id, dir: existing, state: 'skipped', errors: [] });
        if (!values.json) output.out(existing);
        continue;
      }
      const status = outcome.status!;
      results.push({ id: run.id, dir: outcome.dir, state: status.state, errors: status.errors });
      const mark = status.state === 'complete' ? paint(output, 'green', 'complete') : paint(output, 'red', status.state);
      output.err(`${label}: ${mark}${status.errors.length ? `: ${status.errors.join('; ')}` : ''}`);
      for (const warning of status.warnings) output.err(`${label}: warning: ${warning}`);
      if (!values.json) output.out(outcome.dir);
    }
  } finally {
    for (const [signal, handler] of handlers) signals.off(signal, handler);
  }
  if (values.json) output.out(JSON.stringify(results, null, 2));
  return results.every((r) => r.state === 'complete' || r.state === 'skipped') && !controller.signal.aborted ? 0 : 1;
}
