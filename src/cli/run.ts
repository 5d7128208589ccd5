// `damon-exp run`: its options in (run-options.ts), a sweep's request out (run-request.ts), run by
// the one entry `record` takes too (run-sweep.ts).
import { defineCommand } from './command.js';
import { runOptions } from './run-options.js';
import { runRequestOf } from './run-request.js';
import { runSweep } from './run-sweep.js';

export const runCommand = defineCommand({
  name: 'run',
  usage:
    'damon-exp run FILE [--only ID]... [--set PATH=VALUE]... [--backend auto|local|qemu] [--jobs N] [--fail-fast] [--dry-run] [--no-png] [--out DIR] [--force|--resume] [--max-runs N] [--kernel NAME|IMAGE|TREE] [--boot-timeout D] [--guest-timeout D] [--executor local|slurm [--slurm-opt OPT]... [--detach] [--assume-shared]]',
  help: `Runs each run of the manifest (or those named with --only): checks the host, probes the
kernel, plans, sets DAMON up, starts perf recording damon:damon_aggregated, then the workloads,
switches DAMON on, and tears down whatever happens. Each run goes to OUT/<manifest name>/<run id>/ (run.json, plan.json,
plan.sh, env.json, status.json, logs/, masim.data, masim.script, kdamond-cpu.json), written beside
its place and renamed into it when it ends. Progress goes to stderr, result directories to stdout.

It refuses, before changing anything, a host whose DAMON someone else uses (a kdamond running or
set up), one without DAMON sysfs, and a perf that cannot record the tracepoint. Ctrl-C stops the
run and tears down; a second Ctrl-C does not skip the teardown.

An existing result is never overwritten: --force keeps it beside the new one (renamed
<id>.before-<time>); --resume skips complete results of the same run (same resolved run.json,
same manifest hash) and re-runs the rest, so a changed run is re-run, never mixed.

A manifest with a matrix is a sweep: every run (or those named with --only), --jobs N at once
where the backend allows it (QEMU: a VM each; this host's DAMON: one at a time). A run that
fails is recorded with its status and logs and the sweep goes on (--fail-fast stops it); the
exit status is 1 when any run did not complete. Each finished run prints a line, a terminal
shows what runs with an ETA, and the end prints a summary and writes OUT/<name>/index.html,
summary.csv and summary.json, and draws the manifest's figures (SVG and CSV, and PNG through
Chromium unless --no-png). --dry-run lists what would run and what --resume would skip.

The qemu backend (--backend qemu, or auto when this host's DAMON cannot serve) boots a DAMON
kernel (--kernel NAME|IMAGE|TREE: a cached kernel (damon-exp kernel list), a bzImage or an unpacked tree; default Debian's from damon-exp setup; --accel, --append) and runs the
same executor in the guest, which writes into the run's directory as it goes: whatever ends the
VM, what it recorded is kept. Ctrl-C (and --guest-timeout, default the duration and 3 min) asks
the guest to tear down and write its data, and stops the VM after a grace of a minute.
--boot-timeout bounds the boot.

One runner at a time per results directory (OUT/<manifest name>): a second is refused at once,
naming the first. A run that does not complete never takes the place of a complete one: it is
kept beside it as <id>.attempt-<time>-<state>.

--executor slurm (or executor: {kind: slurm} in the manifest) hands the runs to Slurm: one sbatch
job array, a task per run to do (--only, --resume; --jobs N is the array's %N throttle), each task
running 'damon-exp run MANIFEST --only ID' on its node into the same results directory. Each task
asks for its VM's CPUs (one under TCG) and memory plus 1 GiB, and a time limit of the duration plus
boot and analysis margins (the local backend: a node to itself, --exclusive); the manifest's
executor partition, account, qos, time and options, and --slurm-opt OPT (repeatable, as sbatch
takes it), add to the request. The job script is kept in OUT/<name>/slurm/ (sbatch takes it again
as it is). Before submitting, it checks what the nodes need: node, damon-exp, the manifest and OUT
at absolute paths on a file system they share (--assume-shared when they see them another way),
masim built, the kernel cached; --dry-run prints the job script and the sbatch command. It then
waits, showing the tasks as they start and end, and writes the index; Ctrl-C cancels the job
(scancel JOBID). --detach returns after submitting, printing the job id: 'damon-exp status
OUT/<name>' shows the tasks, 'damon-exp index OUT/<name>' records their ends and writes the index.
A task that fails, is cancelled, runs out of time or memory or loses its node leaves a run
directory whose status.json names Slurm's state and the task; --resume submits only what is not
complete.

--sysfs-root, --tracefs and --perf point at another DAMON sysfs tree, tracefs and perf (the
environment variables PERF and MASIM work too).

Each run's analysis checks its own validity (its ground truth, its timings, its trace): a run
whose data say its numbers are not DAMON's (DAMON saw under half of what the workload touched, a
recording shorter than asked, snapshots that stopped...) is marked suspect in its report, status
and the sweep's index, and the run ends with a warning line for each.

Exit status: 0 when every run completed (or was skipped), 1 otherwise; with --strict, 1 too when
a run is suspect.

Examples:
  sudo damon-exp run experiments/one_target.yaml
  sudo damon-exp run experiments/many_contexts.yaml --set duration=10s
  sudo damon-exp run experiments/sweep_layouts.yaml --only kind-one-target_targets-1 --resume
  damon-exp run experiments/sweep_layouts.yaml --backend qemu --jobs 2 --resume
  damon-exp run experiments/sweep_layouts.yaml --dry-run --resume
  damon-exp run experiments/sweep_layouts.yaml --executor slurm --jobs 8 --slurm-opt=--qos=low
  damon-exp run experiments/sweep_layouts.yaml --executor slurm --resume --detach`,
  options: runOptions,
  run: ({ values, positionals }, output, deps) =>
    runSweep(
      runRequestOf(values, positionals, (text) => output.err(`damon-exp: ${text}`)),
      output,
      deps,
    ),
});
