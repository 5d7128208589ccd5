import { loadExperiment } from '../manifest/load.js';
import { defineCommand } from './command.js';
import { maxRunsOf, maxRunsOption } from './max-runs.js';
import { UsageError } from './output.js';
import { formatDuration } from '../util/format.js';
import { KERNEL_RESOLVER } from '../kernel-images/resolve.js';

export const listCommand = defineCommand({
  name: 'list',
  usage: 'damon-exp list FILE [--set PATH=VALUE]... [--max-runs N] [--json]',
  help: `Expands the manifest's matrix (cartesian product of its axes, minus exclude, plus include)
and repetitions, and prints one line per run: its id (the name of its result directory) and the
parameter values that make it.

Examples:
  damon-exp list experiments/sweep_layouts.yaml
  damon-exp list experiments/sweep_layouts.yaml --json | jq -r '.[].id'`,
  options: {
    set: {
      type: 'string',
      multiple: true,
      value: 'PATH=VALUE',
      description: 'change a manifest value before expanding, as the matrix does',
    },
    json: { type: 'boolean', description: 'print the runs as JSON' },
    ...maxRunsOption,
  },
  run({ values, positionals }, output) {
    if (positionals.length !== 1) throw new UsageError('name one manifest', 'list');
    const experiment = loadExperiment(positionals[0]!, {
      kernels: KERNEL_RESOLVER,
      sets: values.set ?? [],
      maxRuns: maxRunsOf(values, 'list'),
    });
    const rows = experiment.runs.map((run) => ({
      id: run.id,
      repetition: run.repetition,
      params: run.params,
      layout: run.layout.kind,
      kdamonds: run.layout.kdamonds.length,
      contexts: run.layout.kdamonds.reduce((n, k) => n + k.contexts.length, 0),
      targets: run.layout.kdamonds.reduce((n, k) => n + k.contexts.reduce((m, c) => m + c.targets.length, 0), 0),
      durationUs: run.durationUs,
    }));
    if (values.json) {
      output.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    const width = Math.max(2, ...rows.map((r) => r.id.length));
    output.out(`${'id'.padEnd(width)}  parameters`);
    for (const row of rows) {
      const params = Object.entries(row.params).map(
        ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
      );
      const shape = `${row.layout}: ${row.contexts} context${row.contexts === 1 ? '' : 's'}, ${row.targets} target${row.targets === 1 ? '' : 's'}, ${formatDuration(row.durationUs)}`;
      output.out(`${row.id.padEnd(width)}  ${[...params, `(${shape})`].join('  ')}`);
    }
    output.err(`${rows.length} run${rows.length === 1 ? '' : 's'} of '${experiment.name}'`);
    return 0;
  },
});
