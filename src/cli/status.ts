// `damon-exp status DIR`: where the Slurm jobs of a sweep stand (a job submitted with --detach, or
// whose submitter was stopped), task by task, from squeue/scontrol and the run directories.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { slurmClient, SlurmError, type SlurmClient } from '../sweep/slurm/client.js';
import { readJobRecords, type JobRecord } from '../sweep/slurm/job-record.js';
import { taskViews, type TaskPhase, type TaskView } from '../sweep/slurm/task-states.js';
import { observeJob, placesNow } from '../sweep/slurm/watch.js';
import { defineCommand } from './command.js';
import { paint, UsageError, UserError, type Output } from './output.js';

const PHASES: TaskPhase[] = ['pending', 'running', 'complete', 'skipped', 'failed', 'interrupted', 'lost'];

interface JobStanding {
  jobId: string;
  submittedAt: string;
  backend: string;
  /** Its runs' tasks (a run submitted again by a later job is shown there, not here). */
  runs: number;
  /** Slurm still lists some of its tasks. */
  active: boolean;
  finalized: boolean;
  counts: Partial<Record<TaskPhase, number>>;
  tasks: TaskView[];
}

export const statusCommand = defineCommand({
  name: 'status',
  usage: 'damon-exp status DIR [--json]',
  help: `For each Slurm job submitted for the sweep in DIR (results/<manifest name>/, by run
--executor slurm), shows its tasks: pending, running (and on which node), complete, failed or
interrupted (with Slurm's word: cancelled, out of time or memory, a lost node), from squeue,
scontrol (or sacct) and the runs' status.json. It changes nothing: 'damon-exp index DIR' records
how the ended tasks ended in their run directories and writes the sweep's index.

Exit status: 0 when it could tell, whatever the tasks' states.

Examples:
  damon-exp run experiments/sweep_layouts.yaml --executor slurm --detach
  damon-exp status results/sweep_layouts
  damon-exp status results/sweep_layouts --json`,
  options: { json: { type: 'boolean', description: "print each job's tasks as JSON" } },
  async run({ values, positionals }, output, deps) {
    if (positionals.length !== 1) throw new UsageError('name one sweep directory (results/<manifest name>)', 'status');
    const dir = resolve(positionals[0]!);
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new UserError(`not a directory: ${positionals[0]}`, 'give results/<manifest name>, where the sweep went');
    const problems: string[] = [];
    const records = await readJobRecords(dir, problems);
    for (const problem of problems) output.err(`damon-exp: warning: ${problem}`);
    if (!records.length)
      throw new UserError(
        `${dir} holds no Slurm jobs (no slurm/job-*.json)`,
        'damon-exp run MANIFEST --executor slurm submits a sweep; damon-exp index DIR shows the runs of any sweep',
      );
    const client = deps.slurm ?? slurmClient(deps.env ?? process.env);
    // A run submitted again belongs to its latest job: an earlier job's word on it is history.
    const latest = new Map<string, string>();
    for (const record of records) for (const run of record.runs) latest.set(run.id, record.jobId);
    const standings: JobStanding[] = [];
    let superseded = 0;
    for (const record of records) {
      const current = record.runs.filter((run) => latest.get(run.id) === record.jobId).map((run) => run.id);
      if (!current.length) {
        superseded++;
        continue;
      }
      standings.push(await standingOf(record, dir, client, output, new Set(current)));
    }
    if (values.json) output.out(JSON.stringify(standings, null, 2));
    else {
      for (const standing of standings) output.out(describe(standing, output));
      if (superseded)
        output.err(
          `${superseded} earlier job${superseded === 1 ? '' : 's'} of this sweep: every run of ${superseded === 1 ? 'it' : 'them'} was submitted again since`,
        );
    }
    return 0;
  },
});

async function standingOf(
  record: JobRecord,
  sweepDir: string,
  client: SlurmClient,
  output: Output,
  current: ReadonlySet<string>,
): Promise<JobStanding> {
  const resultsRoot = dirname(sweepDir);
  if (basename(sweepDir) !== record.name)
    output.err(
      `damon-exp: warning: ${sweepDir} was '${record.name}' when job ${record.jobId} was submitted; its runs are looked for under ${record.name}/`,
    );
  let tasks: TaskView[];
  let active = false;
  if (record.finalizedAt) tasks = record.tasks ?? taskViews(record, [], await placesNow(resultsRoot, record), null);
  else {
    try {
      ({ views: tasks, active } = await observeJob(record, client, resultsRoot));
    } catch (error) {
      if (!(error instanceof SlurmError)) throw error;
      output.err(`damon-exp: warning: job ${record.jobId}: ${error.message}; shown from its run directories only`);
      tasks = taskViews(record, [], await placesNow(resultsRoot, record), null);
    }
  }
  // Runs submitted again by a later job are that job's.
  tasks = tasks.filter((task) => current.has(task.id));
  const counts: Partial<Record<TaskPhase, number>> = {};
  for (const task of tasks) counts[task.phase] = (counts[task.phase] ?? 0) + 1;
  return {
    jobId: record.jobId,
    submittedAt: record.submittedAt,
    backend: record.backend,
    runs: record.runs.length,
    active,
    finalized: record.finalizedAt !== undefined,
    counts,
    tasks,
  };
}

function describe(standing: JobStanding, output: Output): string {
  const totals = PHASES.filter((phase) => standing.counts[phase])
    .map((phase) => `${standing.counts[phase]} ${phase}`)
    .join(', ');
  const where = standing.active
    ? 'in Slurm'
    : standing.finalized
      ? 'ended, recorded'
      : 'ended (damon-exp index records it)';
  const width = Math.max(...standing.tasks.map((t) => t.id.length), 2);
  const lines = standing.tasks.map((task) => {
    const good = ['complete', 'skipped', 'running', 'pending'].includes(task.phase);
    const phase = paint(output, good ? 'green' : 'red', task.phase.padEnd(11));
    const node = task.node ? `on ${task.node}` : '';
    return `  ${String(task.taskId).padStart(3)}  ${task.id.padEnd(width)}  ${phase}  ${node.padEnd(12)}  ${task.errors.join('; ')}`.trimEnd();
  });
  return [
    `job ${standing.jobId} (${standing.backend}, ${standing.runs} task${standing.runs === 1 ? '' : 's'}${standing.tasks.length < standing.runs ? `, ${standing.runs - standing.tasks.length} submitted again since` : ''}, submitted ${standing.submittedAt}, ${where}): ${totals}`,
    ...lines,
  ].join('\n');
}
