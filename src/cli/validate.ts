import { InputError, type Diagnostic } from '../manifest/diagnostics.js';
import { loadExperiment } from '../manifest/load.js';
import { defineCommand } from './command.js';
import { maxRunsOf, maxRunsOption } from './max-runs.js';
import { paint, printDiagnostics, UsageError } from './output.js';
import { KERNEL_RESOLVER } from '../kernel-images/resolve.js';

export const validateCommand = defineCommand({
  name: 'validate',
  usage: 'damon-exp validate FILE... [--set PATH=VALUE]... [--max-runs N] [--json]',
  help: `Checks each manifest against the schema and the rules DAMON enforces (sample <= aggr,
nr_regions.min >= 3, known workloads and regions, one sample interval per shared kdamond, matrix
keys that address something, ...), and reads the masim configs it names. Prints a one-line
summary per valid file; otherwise every problem, as file:line:col: message. Exit status 1 when
any file has a problem.

Examples:
  damon-exp validate experiments/*.yaml
  damon-exp validate my.yaml --set monitoring.sample=10ms`,
  options: {
    set: {
      type: 'string',
      multiple: true,
      value: 'PATH=VALUE',
      description: 'change a manifest value before checking, as the matrix does',
    },
    json: { type: 'boolean', description: "print each file's result and problems as JSON" },
    ...maxRunsOption,
  },
  run({ values, positionals }, output) {
    if (positionals.length === 0) throw new UsageError('name at least one manifest', 'validate');
    const sets = values.set ?? [];
    const maxRuns = maxRunsOf(values, 'validate');
    const results: { file: string; ok: boolean; name?: string; runs?: number; diagnostics: Diagnostic[] }[] = [];
    for (const file of positionals) {
      try {
        const experiment = loadExperiment(file, { sets, maxRuns, kernels: KERNEL_RESOLVER });
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
