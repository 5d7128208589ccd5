import { checkHost, type Check, type CheckState } from '../backends/host-check.js';
import type { Verdict } from '../backends/host-verdict.js';
import { FsSysfs } from '../damon-sysfs/sysfs.js';
import { checkedHostOptions } from './host-options.js';
import { defineCommand } from './command.js';
import { loadExperiment } from '../manifest/load.js';
import { actingSchemes, describeAction } from '../plan/actions.js';
import { paint, UsageError } from './output.js';
import { printCheckRows, type Mark } from './check-rows.js';
import { KERNEL_RESOLVER } from '../kernel-images/resolve.js';

/** Each run's schemes and what they would do here. */
function manifestActions(file: string) {
  const experiment = loadExperiment(file, { sets: [], kernels: KERNEL_RESOLVER });
  return {
    manifest: file,
    runs: experiment.runs.map((run) => {
      const actions = actingSchemes(run);
      return { id: run.id, actions, lines: actions.map((a) => describeAction(run, a)) };
    }),
  };
}

const MARK: Record<CheckState, Mark> = {
  ok: ['ok', 'green'],
  warn: ['warn', 'yellow'],
  fail: ['FAIL', 'red'],
  info: ['-', 'dim'],
};

export const doctorCommand = defineCommand({
  name: 'doctor',
  usage: 'damon-exp doctor [MANIFEST] [--sysfs-root DIR] [--tracefs DIR] [--perf PATH] [--json]',
  help: `Checks, without changing anything: root, DAMON sysfs and whether someone else uses it
(kdamonds running or set up), the DAMON tracepoints, perf (a short recording when root), masim,
QEMU and KVM. The last line is the verdict: this host's DAMON serves runs, or they go to QEMU (with
KVM, or emulated by TCG, slowly) and why this host cannot serve them, or no backend can and what
to do. Where QEMU serves, what stops this host's DAMON is shown as information, not as a failure.
Exit status 0 when some backend can serve runs, 1 when none can.

With a MANIFEST, it also says what each run's DAMOS schemes would do on this host (local
backend): which action, on which processes; a scheme that acts on paddr (the whole machine's
memory) is refused here unless the manifest sets allow_physical_actions: true.

Examples:
  sudo damon-exp doctor
  damon-exp doctor experiments/proactive_reclaim.yaml
  damon-exp doctor --json | jq '.[] | select(.state == "fail")'`,
  options: {
    ...checkedHostOptions,
    json: { type: 'boolean', description: 'print each check as JSON' },
  },
  async run({ values, positionals }, output, deps) {
    if (positionals.length > 1) throw new UsageError('name at most one manifest', 'doctor');
    const env = deps.env ?? process.env;
    const actions = positionals.length ? manifestActions(positionals[0]!) : null;
    const root = values['sysfs-root'];
    const { checks, verdict } = await checkHost({
      sysfs: deps.sysfsFor ? deps.sysfsFor(root) : new FsSysfs(root),
      tracefsRoot: values.tracefs,
      perf: values.perf ? values.perf : env.PERF || 'perf',
      env,
      probeRecording: true,
      ...(deps.qemuReadiness ? { qemu: deps.qemuReadiness } : {}),
    });
    const told = [...checks, verdictCheck(verdict)];
    if (values.json) {
      output.out(JSON.stringify(actions ? { checks: told, schemes: actions } : told, null, 2));
    } else {
      printCheckRows(
        output,
        checks.map((c) => ({
          name: c.check,
          mark: MARK[c.state],
          detail: c.detail,
          hint: c.state === 'ok' ? null : c.hint,
        })),
        4,
      );
      if (actions) {
        output.out('');
        output.out(`DAMOS on this host (local backend), ${actions.manifest}:`);
        if (actions.runs.every((r) => r.actions.length === 0)) output.out('  no run has a scheme that changes memory');
        for (const r of actions.runs.filter((x) => x.actions.length))
          for (const line of r.lines) output.out(`  ${r.id}: ${line}`);
      }
      output.out('');
      output.out(paint(output, MARK[told.at(-1)!.state][1], verdict.line));
    }
    return verdict.serves === null ? 1 : 0;
  },
});

/** The verdict as the last check of --json: ok, warn when only an emulated QEMU serves, fail when nothing does. */
function verdictCheck(verdict: Verdict): Check & Omit<Verdict, 'line'> {
  const state = verdict.serves === null ? 'fail' : verdict.serves === 'qemu' && verdict.accel === 'tcg' ? 'warn' : 'ok';
  const { line, ...which } = verdict;
  return { check: 'verdict', state, detail: line, ...which };
}
