// The Slurm job of a sweep as data and as a script: what each task asks of its node, the sbatch
// options, and a script that bash really runs, each array task exec'ing the command for its own run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Run } from '../../../src/manifest/run.js';
import {
  MEMORY_MARGIN_MIB,
  renderJobScript,
  sbatchOptions,
  shellQuote,
  taskRequest,
  type JobSpec,
  type TaskRequest,
} from '../../../src/sweep/slurm/job-script.js';
import { LineBreakError } from '../../../src/util/shell.js';

const MIB = 2 ** 20;
const MINUTE_US = 60e6;

function run(
  id: string,
  { durationUs = MINUTE_US, cpus = 2, memoryBytes = 1024 * MIB, accel = 'kvm' as Run['backend']['accel'] } = {},
): Run {
  return {
    id,
    manifest: { name: 'sweep' },
    durationUs,
    backend: { kind: 'qemu', kernel: null, memoryBytes, cpus, accel },
  } as unknown as Run;
}

const NO_SETTINGS = { options: [] };

describe('taskRequest', () => {
  it("asks for the largest VM's vCPUs and memory plus the margin for QEMU and the analysis", () => {
    const runs = [run('a', { cpus: 2, memoryBytes: 2048 * MIB }), run('b', { cpus: 4, memoryBytes: 1024 * MIB })];
    expect(taskRequest(runs, 'qemu', NO_SETTINGS)).toEqual({
      cpus: 4,
      memoryMiB: 2048 + MEMORY_MARGIN_MIB,
      timeLimitMinutes: 8,
      exclusive: false,
    });
    expect(MEMORY_MARGIN_MIB).toBe(1024);
  });

  it('rounds a memory size that is not whole MiB up', () => {
    expect(taskRequest([run('a', { memoryBytes: 512 * MIB + 1 })], 'qemu', NO_SETTINGS).memoryMiB).toBe(
      513 + MEMORY_MARGIN_MIB,
    );
  });

  it('asks for one CPU for a TCG VM, whatever its vCPUs', () => {
    expect(taskRequest([run('a', { cpus: 8, accel: 'tcg' })], 'qemu', NO_SETTINGS).cpus).toBe(1);
    expect(taskRequest([run('a', { cpus: 8, accel: 'auto' })], 'qemu', NO_SETTINGS).cpus).toBe(8);
  });

  it('lets the accel given (--accel) override the runs’ own', () => {
    expect(taskRequest([run('a', { cpus: 8, accel: 'kvm' })], 'qemu', NO_SETTINGS, 'tcg').cpus).toBe(1);
    expect(taskRequest([run('a', { cpus: 8, accel: 'tcg' })], 'qemu', NO_SETTINGS, 'kvm').cpus).toBe(8);
  });

  it('gives the longest run its duration, 5 minutes, and the analysis time (at least 2 minutes)', () => {
    const minutes = (...durationsUs: number[]) =>
      taskRequest(
        durationsUs.map((durationUs, i) => run(`r${i}`, { durationUs })),
        'qemu',
        NO_SETTINGS,
      ).timeLimitMinutes;
    // 1 min + 5 min + 2 min.
    expect(minutes(MINUTE_US)).toBe(8);
    // 1 h + 5 min + 1 h: the analysis of a long trace takes as long as the recording.
    expect(minutes(60 * MINUTE_US)).toBe(125);
    // The longest run decides.
    expect(minutes(MINUTE_US, 10 * MINUTE_US, 3 * MINUTE_US)).toBe(25);
    // 61 s + 300 s + 120 s = 481 s: rounded up to 9 minutes, never down.
    expect(minutes(61e6)).toBe(9);
  });

  it("takes the manifest's time limit (executor.time) instead of the derived one, rounded up to minutes", () => {
    const long = [run('a', { durationUs: 10 * 60 * MINUTE_US })];
    expect(taskRequest(long, 'qemu', { options: [], timeLimitUs: 90 * MINUTE_US }).timeLimitMinutes).toBe(90);
    expect(taskRequest(long, 'qemu', { options: [], timeLimitUs: 90.5 * MINUTE_US }).timeLimitMinutes).toBe(91);
    expect(taskRequest(long, 'local', { options: [], timeLimitUs: 30 * MINUTE_US }).timeLimitMinutes).toBe(30);
  });

  it("asks for a whole node for the local backend (DAMON's sysfs is node-wide): exclusive, all its memory, 1 CPU", () => {
    const runs = [run('a', { cpus: 8, memoryBytes: 4096 * MIB, durationUs: 10 * MINUTE_US })];
    expect(taskRequest(runs, 'local', NO_SETTINGS)).toEqual({
      cpus: 1,
      memoryMiB: 0,
      timeLimitMinutes: 25,
      exclusive: true,
    });
  });
});

const REQUEST: TaskRequest = { cpus: 2, memoryMiB: 3072, timeLimitMinutes: 25, exclusive: false };

function spec(overrides: Partial<JobSpec> = {}): JobSpec {
  return {
    name: 'sweep',
    ids: ['a_rep1', 'b_rep1', 'c_rep1', 'd_rep1', 'e_rep1'],
    throttle: 2,
    request: REQUEST,
    settings: { options: [] },
    outputPattern: '/results/sweep/slurm/%A_%a.out',
    manifestSha256: 'ab'.repeat(32),
    command: ['/usr/bin/node', '/opt/damon-exp/bin/damon-exp.js', 'run', '/exp/sweep.yaml'],
    ...overrides,
  };
}

describe('sbatchOptions', () => {
  it('asks for an array of a task per run, throttled, with the request of each task', () => {
    expect(sbatchOptions(spec())).toEqual([
      '--job-name=damon-exp-sweep',
      '--array=0-4%2',
      '--ntasks=1',
      '--cpus-per-task=2',
      '--mem=3072M',
      '--time=00:25:00',
      '--output=/results/sweep/slurm/%A_%a.out',
    ]);
  });

  it('leaves the throttle out without --jobs', () => {
    expect(sbatchOptions(spec({ throttle: null }))).toContain('--array=0-4');
  });

  it('makes a single run an array of one task, 0', () => {
    const options = sbatchOptions(spec({ ids: ['only'], throttle: null }));
    expect(options.filter((o) => o.startsWith('--array'))).toEqual(['--array=0']);
  });

  it('asks for the whole node, all its memory, for the local backend', () => {
    const options = sbatchOptions(spec({ request: { cpus: 1, memoryMiB: 0, timeLimitMinutes: 8, exclusive: true } }));
    expect(options).toContain('--exclusive');
    expect(options).toContain('--mem=0');
    expect(options).toContain('--cpus-per-task=1');
    expect(sbatchOptions(spec())).not.toContain('--exclusive');
  });

  it('passes the partition, account, qos and further options, these last so that they override ours', () => {
    const options = sbatchOptions(
      spec({
        settings: { partition: 'big', account: 'lab', qos: 'long', options: ['--time=2:00:00', '--constraint=avx2'] },
      }),
    );
    expect(options).toContain('--partition=big');
    expect(options).toContain('--account=lab');
    expect(options).toContain('--qos=long');
    expect(options.slice(-2)).toEqual(['--time=2:00:00', '--constraint=avx2']);
    expect(options.indexOf('--time=00:25:00')).toBeLessThan(options.indexOf('--time=2:00:00'));
    expect(sbatchOptions(spec()).filter((o) => /^--(partition|account|qos)=/.test(o))).toEqual([]);
  });

  const TIMES: [minutes: number, time: string][] = [
    [8, '00:08:00'],
    [125, '02:05:00'],
    [1439, '23:59:00'],
    [1440, '1-00:00:00'],
    [1560, '1-02:00:00'],
    [2 * 1440 + 5, '2-00:05:00'],
  ];

  it('has its table of time limits', () => {
    expect(TIMES).toHaveLength(6);
  });

  it.each(TIMES)('gives a time limit of %d minutes as --time=%s', (minutes, time) => {
    const options = sbatchOptions(spec({ request: { ...REQUEST, timeLimitMinutes: minutes } }));
    expect(options).toContain(`--time=${time}`);
  });
});

describe('shellQuote', () => {
  it('leaves plain words as they are and quotes the others so that the shell gives them back', () => {
    expect(shellQuote('/usr/bin/node')).toBe('/usr/bin/node');
    expect(shellQuote('--set=a.b=1,2')).toBe('--set=a.b=1,2');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
  });
});

describe('renderJobScript', () => {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-job-script-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the script with bash as Slurm runs task `taskId`. */
  function runTask(script: string, taskId: number) {
    const file = join(dir, `job-${Math.random().toString(36).slice(2)}.sh`);
    writeFileSync(file, script);
    const env: NodeJS.ProcessEnv = { ...process.env, SLURM_ARRAY_TASK_ID: String(taskId) };
    delete env.DAMON_EXP_MANIFEST_SHA256;
    return spawnSync('bash', [file], { encoding: 'utf8', env, timeout: 20_000 });
  }

  it('is a bash script whose #SBATCH lines are the sbatch options, before any command (where sbatch stops reading)', () => {
    const s = spec({ settings: { partition: 'big', options: ['--constraint=avx2'] } });
    const lines = renderJobScript(s).split('\n');
    expect(lines[0]).toBe('#!/bin/bash');
    const sbatch = lines.filter((l) => l.startsWith('#SBATCH'));
    expect(sbatch).toEqual(sbatchOptions(s).map((o) => `#SBATCH ${o}`));
    const firstCommand = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(firstCommand).toBeGreaterThan(lines.lastIndexOf(sbatch.at(-1)!));
  });

  it('quotes a value with spaces in its #SBATCH line (sbatch refuses it bare): a results directory under "my work"', () => {
    const s = spec({
      outputPattern: '/home/me/my work/results/x/slurm/%A_%a.out',
      settings: { options: ['--comment=a b'] },
    });
    const sbatch = renderJobScript(s)
      .split('\n')
      .filter((l) => l.startsWith('#SBATCH'));
    expect(sbatch).toContain("#SBATCH --output='/home/me/my work/results/x/slurm/%A_%a.out'");
    expect(sbatch).toContain("#SBATCH --comment='a b'");
  });

  it('execs the command with --only the id of its array task, quoted words and ids given back exactly', () => {
    const ids = ['plain_rep1', "it's_rep1", 'with space', '$HOME`x`', 'x"y'];
    const script = renderJobScript(spec({ ids, command: ['/bin/echo', 'run', "it's quoted"] }));
    expect(ids).toHaveLength(5);
    for (const [taskId, id] of ids.entries()) {
      const result = runTask(script, taskId);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(`run it's quoted --only ${id}\n`);
    }
  });

  it('gives the command each word as one argument, and exports the manifest sha256 the ids were made from', () => {
    const printer =
      'process.stdout.write(JSON.stringify([process.argv.slice(1), process.env.DAMON_EXP_MANIFEST_SHA256]))';
    const ids = ['a_rep1', 'b c', "d'e"];
    const script = renderJobScript(
      spec({ ids, command: [process.execPath, '-e', printer, 'run', 'a b', "it's", '--set=x.y=1'] }),
    );
    const result = runTask(script, 2);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      ['run', 'a b', "it's", '--set=x.y=1', '--only', "d'e"],
      'ab'.repeat(32),
    ]);
  });

  it('runs nothing for a task id beyond the runs', () => {
    const script = renderJobScript(spec({ ids: ['a'], command: ['/bin/echo', 'ran'] }));
    const result = runTask(script, 1);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
  });

  it('says how submitting it again treats earlier results: --force keeps them aside, otherwise complete runs are skipped', () => {
    expect(renderJobScript(spec({ command: ['damon-exp', 'run', 'm.yaml', '--force'] }))).toMatch(
      /sbatch THIS_FILE \(earlier results are kept aside: --force\)/,
    );
    expect(renderJobScript(spec())).toMatch(/sbatch THIS_FILE \(complete runs are skipped: --resume\)/);
  });
});

describe('a job script no value can break out of', () => {
  const spec2 = (over: Partial<JobSpec>): JobSpec => ({
    name: 'sweep',
    ids: ['a_rep1'],
    throttle: null,
    request: { cpus: 1, memoryMiB: 2048, timeLimitMinutes: 8, exclusive: false },
    settings: { options: [] },
    outputPattern: '/r/sweep/slurm/%A_%a.out',
    manifestSha256: 'f'.repeat(64),
    command: ['/usr/bin/node', '/x/bin/damon-exp.js', 'run', '/x/m.yaml'],
    ...over,
  });

  it.each([
    ['an sbatch option (--slurm-opt)', { settings: { options: ['--constraint=x\ntouch pwned\n#'] } }],
    ['a partition', { settings: { partition: 'p\rq', options: [] } }],
    ['the output path (--out)', { outputPattern: '/r/x\ntouch pwned/slurm/%A_%a.out' }],
    ['a command word', { command: ['/usr/bin/node', '/x/m\n.yaml'] }],
    ['a NUL', { settings: { options: ['--comment=a\u0000b'] } }],
  ])('refuses a line break in %s: nothing of it would stay in its #SBATCH line', (_what, over) => {
    expect(() => renderJobScript(spec2(over as Partial<JobSpec>))).toThrow(LineBreakError);
  });

  it('renders what has no line break, and a line break nowhere outside its quotes', () => {
    const script = renderJobScript(spec2({ settings: { options: ['--comment=a;b`c`$(d)'] } }));
    expect(script).toContain("#SBATCH --comment='a;b`c`$(d)'");
  });
});
