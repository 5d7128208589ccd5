// run's options: what a sweep is asked with (sweep/request.ts), each checked as it is parsed.
import { hostOptions } from './host-options.js';
import { maxRunsOption } from './max-runs.js';
import { duration, oneLine, wholeNumber } from './option-values.js';

export const runOptions = {
  only: {
    type: 'string',
    multiple: true,
    value: 'ID',
    description: 'run only this run of the manifest (see damon-exp list)',
  },
  run: { type: 'string', multiple: true, value: 'ID', sameAs: 'only', description: 'the same as --only' },
  jobs: {
    type: 'string',
    value: 'N',
    description: "runs at once, where the backend allows (QEMU: a VM each); Slurm: the array's throttle",
    parse: wholeNumber({ min: 1, says: 'needs a whole number of runs at once, such as 2' }),
  },
  'fail-fast': { type: 'boolean', description: 'stop the sweep at the first run that fails' },
  'dry-run': { type: 'boolean', description: 'list what would run and what --resume would skip; change nothing' },
  'no-png': { type: 'boolean', description: "draw the sweep's figures as SVG and CSV only, without Chromium" },
  set: {
    type: 'string',
    multiple: true,
    value: 'PATH=VALUE',
    description: 'change a manifest value (backend.kernel=NAME, duration=10s), as the matrix does',
  },
  backend: {
    type: 'string',
    value: 'auto|local|qemu',
    description: "this host's DAMON, a VM on a DAMON kernel, or this host when it can serve",
    choices: ['auto', 'local', 'qemu'],
  },
  out: {
    type: 'string',
    default: 'results',
    value: 'DIR',
    description: 'the results directory: runs go to DIR/<manifest name>/<run id>',
    parse: oneLine,
  },
  force: {
    type: 'boolean',
    description: 'keep an existing result beside the new one (<id>.before-<time>) instead of refusing',
    conflicts: { resume: 'exclude each other' },
  },
  resume: { type: 'boolean', description: 'skip the runs whose complete result is there, unchanged; run the rest' },
  ...hostOptions,
  kernel: {
    type: 'string',
    value: 'NAME|IMAGE|TREE',
    description: 'the kernel QEMU boots: cached (damon-exp kernel list), a bzImage or a tree',
  },
  accel: {
    type: 'string',
    value: 'auto|kvm|tcg',
    description: "QEMU's accelerator (auto: KVM when /dev/kvm serves, else TCG)",
    choices: ['auto', 'kvm', 'tcg'],
  },
  append: { type: 'string', value: 'ARGS', description: 'more kernel command-line arguments for the guest' },
  'boot-timeout': {
    type: 'string',
    value: 'D',
    description: 'how long the guest may take to boot (default 30s with KVM, 90s under TCG)',
    parse: duration('needs a duration such as 60s'),
  },
  'guest-timeout': {
    type: 'string',
    value: 'D',
    description: 'how long a run may take in its guest before it is stopped (default the duration and 3 min)',
    parse: duration('needs a duration such as 60s'),
  },
  json: { type: 'boolean', description: "print the runs' results as JSON" },
  strict: {
    type: 'boolean',
    description: "exit 1 when a run is suspect: its own data say its numbers are not DAMON's",
  },
  executor: {
    type: 'string',
    value: 'local|slurm',
    description: 'run here, or hand the runs to Slurm as a job array',
    choices: ['local', 'slurm'],
  },
  'slurm-opt': {
    type: 'string',
    multiple: true,
    value: 'OPT',
    description: 'an sbatch option for the job, as sbatch takes it (--slurm-opt=--partition=short)',
  },
  detach: { type: 'boolean', description: 'Slurm: return after submitting, printing the job id' },
  'assume-shared': {
    type: 'boolean',
    description: 'Slurm: the nodes see these paths, though not on a shared file system',
  },
  'slurm-task': { type: 'boolean', description: 'run as one task of a Slurm job array', internal: true },
  ...maxRunsOption,
} as const;
