import { shorten } from '../util/errors.js';
import { loadExperiment } from '../manifest/load.js';
import { buildPlan, PlanError } from '../plan/build.js';
import { assumedCaps } from '../plan/caps.js';
import { renderPlanJson } from '../plan/render-json.js';
import { renderPlanSh } from '../plan/render-sh.js';
import { renderPlanText } from '../plan/render-text.js';
import { defineCommand, oneOf } from './command.js';
import { maxRunsOf, maxRunsOption } from './max-runs.js';
import { UsageError, UserError } from './output.js';
import { KERNEL_RESOLVER } from '../kernel-images/resolve.js';

export const planCommand = defineCommand({
  name: 'plan',
  usage:
    'damon-exp plan FILE [--run ID] [--format text|json|sh] [--kernel upstream|multi-context] [--set PATH=VALUE]... [--max-runs N]',
  help: `Turns a run into its plan: the ordered sysfs writes (counts before the files below them),
the workload processes and their pids, perf started before DAMON is switched on, and the teardown
that always follows. Nothing is executed.

--kernel says what the kernel allows: upstream (default; one context per kdamond, so a
many-contexts layout becomes a kdamond per context) or multi-context (the fork: one kdamond
serves many contexts). --format sh writes plan.sh, a POSIX sh script that performs the whole
experiment on a DAMON machine without Node. A manifest with several runs needs --run ID for json
and sh (see damon-exp list).

Examples:
  damon-exp plan experiments/many_contexts.yaml
  damon-exp plan experiments/many_contexts.yaml --kernel multi-context --format json
  damon-exp plan experiments/one_target.yaml --format sh > plan.sh && sudo sh plan.sh out/
  damon-exp plan experiments/sweep_layouts.yaml --run kind-many-contexts_targets-4`,
  options: {
    run: {
      type: 'string',
      value: 'ID',
      description: 'the run to plan, when the manifest makes several (see damon-exp list)',
    },
    format: {
      type: 'string',
      default: 'text',
      value: 'text|json|sh',
      description: 'text to read, JSON, or a standalone POSIX sh script',
    },
    kernel: {
      type: 'string',
      default: 'upstream',
      value: 'upstream|multi-context',
      description: "what the kernel allows: one context per kdamond, or the fork's many",
    },
    set: {
      type: 'string',
      multiple: true,
      value: 'PATH=VALUE',
      description: 'change a manifest value before planning, as the matrix does',
    },
    ...maxRunsOption,
  },
  run({ values, positionals }, output) {
    if (positionals.length !== 1) throw new UsageError('name one manifest', 'plan');
    const format = oneOf(values.format, ['text', 'json', 'sh'] as const, '--format', 'plan')!;
    const kernel = oneOf(values.kernel, ['upstream', 'multi-context'] as const, '--kernel', 'plan')!;
    const experiment = loadExperiment(positionals[0]!, {
      kernels: KERNEL_RESOLVER,
      sets: values.set ?? [],
      maxRuns: maxRunsOf(values, 'plan'),
    });
    let runs = experiment.runs;
    if (values.run !== undefined) {
      runs = runs.filter((run) => run.id === values.run);
      if (runs.length === 0) {
        throw new UserError(
          `'${experiment.name}' has no run '${shorten(values.run)}'`,
          `its runs: ${shorten(experiment.runs.map((r) => r.id).join(', '), 400)}`,
        );
      }
    } else if (runs.length > 1 && format !== 'text') {
      throw new UserError(
        `'${experiment.name}' expands to ${runs.length} runs; --format ${format} prints one`,
        `pick one with --run ID: ${shorten(runs.map((r) => r.id).join(', '), 400)}`,
      );
    }
    const caps = assumedCaps(kernel);
    const rendered = runs.map((run) => {
      try {
        const plan = buildPlan(run, caps);
        return format === 'json' ? renderPlanJson(plan) : format === 'sh' ? renderPlanSh(plan) : renderPlanText(plan);
      } catch (error) {
        if (error instanceof PlanError)
          throw new UserError(`cannot plan run '${run.id}': ${error.message}`, error.hint);
        throw error;
      }
    });
    output.out(rendered.join('\n'));
    return 0;
  },
});
