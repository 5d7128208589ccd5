// Running resolved runs one after another on the backend each asks for (or auto's choice): the
// part of `damon-exp run` that a QEMU guest needs too (guest-run), without the manifest loader.
import { join, resolve } from 'node:path';
import { preflight, RefusedError, runLocal, type LocalOptions, type LocalOutcome } from '../backends/local.js';
import { runQemu } from '../backends/qemu/index.js';
import { KernelError } from '../kernel/errors.js';
import { LockError } from '../kernel/lock.js';
import type { Run } from '../manifest/run.js';
import { parseDuration } from '../manifest/units.js';
import { ExistingResultError } from '../record/run-directory.js';
import type { Deps } from './command.js';
import { paint, UserError, type Output } from './output.js';
import { Progress } from './progress.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface Selection {
  values: Record<string, unknown>;
  backend: 'auto' | 'local' | 'qemu' | undefined;
  /** After each run that produced a directory (the host's `run` makes the report here). */
  afterRun?: (dir: string) => Promise<{ warning: string | null }>;
}

export async function executeRuns(runs: Run[], { values, backend, afterRun }: Selection, output: Output, deps: Deps): Promise<number> {
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
      const progress = new Progress(output, process.stderr.isTTY === true && !values.json && !values['plain-progress'], label);
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
        const qemu = () =>
          runQemu(run, {
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
          });
        if (chosen === 'qemu') outcome = await qemu();
        else {
          try {
            outcome = await runLocal(run, { ...localOptions, why });
          } catch (error) {
            // auto chose this host, but its kernel cannot serve the run (found when probing): QEMU can.
            if (!(backend === undefined && run.backend.kind === 'auto') && backend !== 'auto') throw error;
            if (!(error instanceof RefusedError) || controller.signal.aborted) throw error;
            chosen = 'qemu';
            why = `this host's DAMON cannot serve the run: ${error.message}`;
            output.err(`${label}: qemu backend: ${why}`);
            outcome = await qemu();
          }
        }
      } catch (error) {
        progress.close();
        if (error instanceof RefusedError || error instanceof KernelError) {
          throw new UserError(`cannot run '${run.id}' ${chosen === 'qemu' ? 'in QEMU' : 'here'}: ${error.message}`, error.hint);
        }
        if (error instanceof LockError) throw new UserError(error.message, 'wait for it to finish');
        if (error instanceof ExistingResultError) throw new UserError(error.message, error.hint);
        throw error;
      }
      let afterWarning: string | null = null;
      if (outcome.dir && afterRun) {
        progress.stage('analysing the trace and writing the report');
        try {
          afterWarning = (await afterRun(outcome.dir)).warning;
        } catch (error) {
          afterWarning = `no report: ${(error as Error).message}`;
        }
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
      for (const warning of [...status.warnings, ...(afterWarning ? [afterWarning] : [])]) output.err(`${label}: warning: ${warning}`);
      if (!values.json) output.out(outcome.dir);
    }
  } finally {
    for (const [signal, handler] of handlers) signals.off(signal, handler);
  }
  if (values.json) output.out(JSON.stringify(results, null, 2));
  return results.every((r) => r.state === 'complete' || r.state === 'skipped') && !controller.signal.aborted ? 0 : 1;
}
