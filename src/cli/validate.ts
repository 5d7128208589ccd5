import { InputError, type Diagnostic } from '../manifest/diagnostics.js';
import { loadExperiment } from '../manifest/load.js';
import { defineCommand } from './command.js';
import { maxRunsOf, maxRunsOption } from './max-runs.js';
import { paint, printDiagnostics, UsageError, UserError } from './output.js';
import { kernelCapsCheck } from '../backends/qemu/kernel-caps.js';
import { commandLineKernel, findKernel, KERNEL_RESOLVER, KernelImageError } from '../kernel-images/resolve.js';

export const validateCommand = defineCommand({
  name: 'validate',
  usage: 'damon-exp validate FILE... [--set PATH=VALUE]... [--kernel NAME|IMAGE|TREE] [--max-runs N] [--json]',
  help: `Checks each manifest against the schema and the rules DAMON enforces (sample <= aggr,
nr_regions.min >= 3, known workloads and regions, one sample interval per shared kdamond, matrix
keys that address something, ...), and reads the masim configs it names. Runs on the qemu
backend are checked against their kernel's DAMON (intervals_goal, DAMOS actions and filters,
contexts per kdamond, ...), as run checks them before it boots; --kernel checks every run against
that kernel. Prints a one-line summary per valid file; otherwise every problem, as
file:line:col: message. Exit status 1 when any file has a problem.

Examples:
  damon-exp validate experiments/*.yaml
  damon-exp validate my.yaml --set monitoring.sample=10ms
  damon-exp validate my.yaml --kernel debian`,
  options: {
    set: {
      type: 'string',
      multiple: true,
      value: 'PATH=VALUE',
      description: 'change a manifest value before checking, as the matrix does',
    },
    kernel: {
      type: 'string',
      value: 'NAME|IMAGE|TREE',
      description: "check every run against this kernel's DAMON: cached (damon-exp kernel list), a bzImage or a tree",
    },
    json: { type: 'boolean', description: "print each file's result and problems as JSON" },
    ...maxRunsOption,
  },
  run({ values, positionals }, output) {
    if (positionals.length === 0) throw new UsageError('name at least one manifest', 'validate');
    const sets = values.set ?? [];
    const maxRuns = maxRunsOf(values, 'validate');
    const kernel = values.kernel === undefined ? null : commandLineKernel(values.kernel);
    if (kernel !== null) findKernelOrRefuse(kernel);
    const checkRun = kernelCapsCheck(kernel, (run) => kernel !== null || run.backend.kind === 'qemu');
    const results: { file: string; ok: boolean; name?: string; runs?: number; diagnostics: Diagnostic[] }[] = [];
    for (const file of positionals) {
      try {
        const experiment = loadExperiment(file, { sets, maxRuns, kernels: KERNEL_RESOLVER, checkRun });
        results.push({ file, ok: true, name: experiment.name, runs: experiment.runs.length, diagnostics: [] });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        results.push({ file, ok: false, diagnostics: error.diagnostics });
      }
    }
    if (values.json) {
      output.out(JSON.stringify(results, null, 2));
    } else {
      for (const result of results) {
        if (result.ok) {
          output.out(
            `${result.file}: ${paint(output, 'green', 'ok')}, '${result.name}', ${result.runs} run${result.runs === 1 ? '' : 's'}`,
          );
        } else {
          printDiagnostics(output, result.diagnostics);
          output.err(
            `${result.file}: ${result.diagnostics.length} problem${result.diagnostics.length === 1 ? '' : 's'}`,
          );
        }
      }
    }
    return results.every((r) => r.ok) ? 0 : 1;
  },
});

/** A --kernel that names no kernel is a mistake of the command line, not of the manifests. */
function findKernelOrRefuse(spec: string): void {
  try {
    findKernel(spec);
  } catch (error) {
    if (error instanceof KernelImageError) throw new UserError(error.message, error.hint);
    throw error;
  }
}
