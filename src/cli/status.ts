// `damon-exp status DIR`: where a sweep stands, run by run, whether damon-exp runs it here or Slurm
// does: a local sweep from its run directories and its runner's locks (sweep/standing.ts), each
// Slurm job submitted for it task by task, from squeue/scontrol and the run directories.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { formatElapsed } from '../util/format.js';
import { processAlive } from '../util/process-alive.js';
import { readSweepFloor } from '../sweep/floor.js';
import { RUN_PHASES, standingOf as localStandingOf, type LocalStanding } from '../sweep/standing.js';
import { slurmClient, SlurmError, type SlurmClient } from '../sweep/slurm/client.js';
import { readJobRecords, type JobRecord } from '../sweep/slurm/job-record.js';
import { taskViews, type TaskPhase, type TaskView } from '../sweep/slurm/task-states.js';
import { observeJob, placesNow } from '../sweep/slurm/watch.js';
import { defineCommand } from './command.js';
import { paint, UsageError, UserError, type Output } from './output.js';

const PHASES: TaskPhase[] = ['pending', 'running', 'complete', 'skipped', 'failed', 'interrupted', 'lost'];
const GOOD = ['complete', 'skipped', 'running', 'pending'];

interface JobStanding {
  executor: 'slurm';
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
  help: `Where the sweep in DIR (results/<manifest name>/) stands, run by run, and changes nothing.

A sweep run here (damon-exp run, in this terminal or another): each run complete, failed,
interrupted, running (with its runner's pid and how long it has run against the run's duration) or
pending (locked by the runner, not started yet); whether a runner is at work (it holds the results
directory's lock, and its pid lives); and an ETA: the mean wall time of the runs ended × the runs
left ÷ the runs at once ("unknown" before any run has ended). Once no runner is at work, only the
run directories present are known: the sweep's total is not recorded.

For each Slurm job submitted for the sweep (--executor slurm), its tasks: pending, running (and on
which node), complete, failed or interrupted (with Slurm's word: cancelled, out of time or memory,
a lost node), from squeue, scontrol (or sacct) and the runs' status.json. 'damon-exp index DIR'
records how the ended tasks ended in their run directories and writes the sweep's index.

With --json, a list: each Slurm job's standing, then the local runs' (executor: local).

Exit status: 0 when it could tell, whatever the runs' states; 1 when DIR holds no sweep.

Examples:
  damon-exp run experiments/sweep_layouts.yaml --executor slurm --detach
  damon-exp status results/sweep_layouts
  damon-exp status results/sweep_layouts --json`,
  options: { json: { type: 'boolean', description: "print each job's tasks and the local runs as JSON" } },
  async run({ values, positionals }, output, deps) {
    if (positionals.length !== 1) throw new UsageError('name one sweep directory (results/<manifest name>)', 'status');
    const dir = resolve(positionals[0]!);
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new UserError(`not a directory: ${positionals[0]}`, 'give results/<manifest name>, where the sweep went');
    const problems: string[] = [];
    const records = await readJobRecords(dir, problems);
    // The runs of Slurm jobs are shown by their jobs; a submitter waiting on them holds the results directory.
    const bySlurm = new Set(records.flatMap((record) => record.runs.map((run) => run.id)));
    const floor = await readSweepFloor(dir, problems, bySlurm);
    for (const problem of problems) output.err(`damon-exp: warning: ${problem}`);
    const local = localStandingOf(records.length ? { ...floor, resultsLock: null } : floor, Date.now(), processAlive);
    const showLocal = local.runs.length > 0 || (!records.length && local.active);
    if (!records.length && !showLocal)
      throw new UserError(
        `${dir} holds no Slurm jobs (no slurm/job-*.json) and no runs (no run directory, no runner's lock): it is not a sweep's directory`,
        'give results/<manifest name>, where damon-exp run wrote the sweep; damon-exp run MANIFEST starts one',
      );
    const { standings, superseded } = records.length
      ? await jobStandings(records, dir, deps.slurm ?? slurmClient(deps.env ?? process.env), output)
      : { standings: [], superseded: 0 };
    if (values.json) output.out(JSON.stringify([...standings, ...(showLocal ? [local] : [])], null, 2));
    else {
      for (const standing of standings) output.out(describe(standing, output));
      if (showLocal) output.out(describeLocal(local, output));
      if (superseded)
        output.err(
          `${superseded} earlier job${superseded === 1 ? '' : 's'} of this sweep: every run of ${superseded === 1 ? 'it' : 'them'} was submitted again since`,
        );
    }
    return 0;
  },
});

async function jobStandings(
  records: JobRecord[],
  dir: string,
  client: SlurmClient,
  output: Output,
): Promise<{ standings: JobStanding[]; superseded: number }> {
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
  return { standings, superseded };
}

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
    executor: 'slurm',
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
    const good = GOOD.includes(task.phase);
    const phase = paint(output, good ? 'green' : 'red', task.phase.padEnd(11));
    const node = task.node ? `on ${task.node}` : '';
    return `  ${String(task.taskId).padStart(3)}  ${task.id.padEnd(width)}  ${phase}  ${node.padEnd(12)}  ${task.errors.join('; ')}`.trimEnd();
  });
  return [
    `job ${standing.jobId} (${standing.backend}, ${standing.runs} task${standing.runs === 1 ? '' : 's'}${standing.tasks.length < standing.runs ? `, ${standing.runs - standing.tasks.length} submitted again since` : ''}, submitted ${standing.submittedAt}, ${where}): ${totals}`,
    ...lines,
  ].join('\n');
}

function describeLocal(standing: LocalStanding, output: Output): string {
  const { runner, runs } = standing;
  const totals = RUN_PHASES.filter((phase) => standing.counts[phase])
    .map((phase) => `${standing.counts[phase]} ${phase}`)
    .join(', ');
  const who = standing.active
    ? runner?.alive
      ? `runner pid ${runner.pid} at work since ${runner.since}`
      : 'a runner at work'
    : runner
      ? `its runner, pid ${runner.pid}, is gone`
      : 'no runner at work';
  const unknown = standing.whole
    ? ''
    : `; ${runs.length} run director${runs.length === 1 ? 'y' : 'ies'} present, the sweep's total is unknown`;
  const width = Math.max(...runs.map((run) => run.id.length), 2);
  const lines = runs.map((run) => {
    const phase = paint(output, GOOD.includes(run.phase) ? 'green' : 'red', run.phase.padEnd(11));
    let detail = run.wallMs !== null ? formatElapsed(run.wallMs) : '';
    if (run.progress) {
      const { elapsedMs, durationMs } = run.progress;
      const share =
        durationMs === null || durationMs <= 0
          ? ''
          : elapsedMs > durationMs
            ? ` of ${formatElapsed(durationMs)} (finishing)`
            : ` of ${formatElapsed(durationMs)} (${Math.floor((elapsedMs / durationMs) * 100)}%)`;
      detail = `${formatElapsed(elapsedMs)}${share}`;
    }
    if (run.phase === 'running') detail += `${detail ? ', ' : ''}pid ${run.pid}`;
    return `  ${run.id.padEnd(width)}  ${phase}  ${[detail, ...run.errors].filter(Boolean).join('; ')}`.trimEnd();
  });
  const eta = standing.eta;
  const etaLine = !eta
    ? []
    : eta.ms === null || eta.meanWallMs === null
      ? ['ETA unknown (no run has ended yet)']
      : [
          `ETA ${formatElapsed(eta.ms)} (mean wall time ${formatElapsed(eta.meanWallMs)} × ${eta.runsLeft} run${eta.runsLeft === 1 ? '' : 's'} left ÷ ${eta.atOnce} at once)`,
        ];
  return [`local runs (${who}${unknown}): ${totals || 'none yet'}`, ...lines, ...etaLine].join('\n');
}
