import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Run } from '../manifest/run.js';
import type { Command } from './command.js';
import { UsageError } from './output.js';
import { executeRuns } from './execute-runs.js';

export const guestRunCommand: Command = {
  name: 'guest-run',
  summary: 'run a resolved run.json with the local backend (what the qemu backend runs inside its VM)',
  usage: 'damon-exp guest-run RUN.json [--out DIR]',
  help: `Runs one resolved run (a run.json, as damon-exp run writes it) on this host's DAMON with the
local backend. The qemu backend runs this inside its guest; it is also a way to re-run a stored
run exactly.

Examples:
  sudo damon-exp guest-run results/one_target/run/run.json --out /tmp/rerun`,
  options: { out: { type: 'string', default: 'results' }, 'no-perf-probe': { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values, positionals }, output, deps) {
    if (positionals.length !== 1) throw new UsageError('name one run.json', 'guest-run');
    const run = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Run;
    if (run.format !== 'damon-exp.run/1') throw new UsageError(`${positionals[0]} is not a damon-exp run.json`, 'guest-run');
    return executeRuns(
      [run],
      { values: { out: resolve(String(values.out)), 'sysfs-root': '/sys/kernel/mm/damon/admin', tracefs: '/sys/kernel/tracing', json: values.json, 'no-perf-probe': values['no-perf-probe'], 'plain-progress': true }, backend: 'local' },
      output,
      deps,
    );
  },
};
