// run's options in, a sweep's request out: what each option says in the request, and a Slurm task's
// command line (sweep/slurm/task.ts: taskArgv), which parsed back gives the request's settings again.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../src/cli/command.js';
import { runCommand } from '../../src/cli/run.js';
import { runRequestOf, runSettingsOf } from '../../src/cli/run-request.js';
import { taskArgv, taskSettings } from '../../src/sweep/slurm/task.js';
import { EXPERIMENTS } from '../helpers/harness.js';

const MANIFEST = join(EXPERIMENTS, 'one_target.yaml');
const parse = (argv: string[]) => parseCommandArgs(runCommand, argv);
const quiet = () => undefined;

describe('runRequestOf', () => {
  it('says each option in the request’s terms, the usual places as null', () => {
    const { values, positionals } = parse([MANIFEST, '--set', 'duration=1s', '--jobs', '2', '--boot-timeout', '90s']);
    const request = runRequestOf(values, positionals, quiet);
    expect(request.settings).toEqual({
      manifest: { file: MANIFEST, sets: ['duration=1s'], maxRuns: 10_000 },
      resultsRoot: join(process.cwd(), 'results'),
      backend: null,
      host: { sysfsRoot: null, tracefsRoot: null, perf: null },
      qemu: { kernel: null, accel: null, append: null, bootTimeout: { text: '90s', ms: 90_000 }, guestTimeout: null },
      force: false,
      resume: false,
    });
    expect(request.runs.map((run) => run.id)).toEqual(['duration-1s']);
    expect(request).toMatchObject({ jobs: 2, failFast: false, executor: { kind: 'local' }, png: true });
  });
});

describe("a Slurm task's argv (taskArgv)", () => {
  const submitted = [
    MANIFEST,
    '--set',
    'duration=1s',
    '--set',
    'monitoring.sample=10ms',
    '--accel',
    'tcg',
    '--append',
    'quiet loglevel=3',
    '--boot-timeout',
    '90s',
    '--guest-timeout',
    '5m',
    '--perf',
    'test/fixtures/bin/perf',
    '--max-runs',
    '20',
    '--tracefs',
    '/tmp/tracefs',
    '--sysfs-root',
    '/tmp/damon',
    '--out',
    '/tmp/results',
    '--executor',
    'slurm',
    '--force',
  ];

  it('parsed back as run’s options gives the settings it was written from', () => {
    const { values, positionals } = parse(submitted);
    const submitting = runRequestOf(values, positionals, quiet);
    const [id] = submitting.runs.map((run) => run.id);
    const settings = taskSettings(submitting, { backend: 'qemu' });
    expect(settings).toMatchObject({ backend: 'qemu', force: true, resume: false });
    expect(settings.host.perf).toBe(join(process.cwd(), 'test/fixtures/bin/perf'));
    const back = parse([...taskArgv(settings), '--only', id!]);
    expect(runSettingsOf(back.values, back.positionals[0]!)).toEqual(settings);
    // The whole request too: the task's one run, on the job's backend.
    const request = runRequestOf(back.values, back.positionals, quiet);
    expect(request.settings).toEqual(settings);
    expect(request.executor).toEqual({ kind: 'slurm-task' });
    expect(request.runs.map((run) => run.id)).toEqual([id]);
  });

  it('leaves out what is not asked, and skips a complete result unless the job says --force', () => {
    const { values, positionals } = parse([MANIFEST, '--out', '/tmp/results']);
    const settings = taskSettings(runRequestOf(values, positionals, quiet), { backend: 'local' });
    const argv = taskArgv(settings);
    expect(argv).toEqual([
      MANIFEST,
      '--max-runs',
      '10000',
      '--backend',
      'local',
      '--out',
      '/tmp/results',
      '--resume',
      '--slurm-task',
    ]);
    const back = parse(argv);
    expect(runSettingsOf(back.values, back.positionals[0]!)).toEqual(settings);
  });

  it('names a kernel as the node finds it, and gives it back', () => {
    const { values, positionals } = parse([MANIFEST, '--kernel', 'debian', '--backend', 'qemu']);
    const settings = { ...runSettingsOf(values, positionals[0]!), resume: true };
    const back = parse(taskArgv(settings));
    expect(runSettingsOf(back.values, back.positionals[0]!)).toEqual(settings);
  });
});
