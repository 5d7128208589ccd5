// `damon-exp run` through the command line (in-process, with the emulator behind --sysfs-root).
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS, fakeHost, runCli } from '../helpers/harness.js';

const cli = runCli;
/** Two runs of the layout sweep, half a second each. */
const TWO_LAYOUTS = [
  join(EXPERIMENTS, 'sweep_layouts.yaml'),
  '--set',
  'duration=0.5s',
  '--run',
  'kind-one-target_targets-1_duration-0.5s',
  '--run',
  'kind-many-contexts_targets-2_duration-0.5s',
];

describe('damon-exp run', () => {
  it('refuses a results directory with a line break: it reaches the scripts a run generates', async () => {
    const host = fakeHost();
    const { status, stderr } = await cli(host, [join(EXPERIMENTS, 'one_target.yaml'), '--out', `${host.dir}/a\nb`]);
    expect(status).toBe(2);
    expect(stderr).toContain('--out holds a line break');
  });

  it('ends with a warning line for a suspect run; --strict makes it exit 1', async () => {
    // Without the emulator's kdamonds the stand-in perf writes one snapshot, long before the run.
    const run = [join(EXPERIMENTS, 'one_target.yaml'), '--set', 'duration=1s'];
    const lax = await cli(fakeHost({}, { FAKE_PERF_DAMON: '' }), run);
    const dir = join(lax.stdout.trim());
    expect(lax.stderr.trim().split('\n').at(-1)).toBe(
      `damon-exp: warning: duration-1s is suspect: Kdamond 0 context 0 target 0: 1 snapshot, none after the 20 of warm-up that working set sizes leave out: these numbers may not describe DAMON (see ${dir}/report.html)`,
    );
    expect(lax.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')).validity).toMatchObject({
      verdict: 'suspect',
      problems: ['no-snapshots-after-warmup', 'snapshots-stopped'],
    });
    const strict = await cli(fakeHost({}, { FAKE_PERF_DAMON: '' }), [...run, '--strict']);
    expect(strict.stderr).toContain('damon-exp: warning: duration-1s is suspect: ');
    expect(strict.status).toBe(1);
  });

  it('prints the result directory on stdout and the stages on stderr', async () => {
    const host = fakeHost();
    const { status, stdout, stderr } = await cli(host, [join(EXPERIMENTS, 'one_target.yaml'), '--set', 'duration=1s']);
    expect(stderr).toBe(
      [
        'duration-1s: checking the host',
        "duration-1s: local backend: this host's DAMON can serve the run",
        'duration-1s: setting up DAMON and the workloads',
        'duration-1s: recording for 1 s',
        'duration-1s: tearing down',
        'duration-1s: converting the trace (perf script)',
        'duration-1s: analysing the trace and writing the report',
        'duration-1s: complete',
        '',
      ].join('\n'),
    );
    const dir = join(host.options.resultsRoot, 'one_target', 'duration-1s');
    expect(stdout).toBe(`${dir}\n`);
    expect(status).toBe(0);
    // The stand-in perf's trace covers the run and masim's regions: its own data vouch for it.
    expect(JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')).validity).toEqual({
      verdict: 'ok',
      headline: null,
      problems: [],
    });
    // Every run ends with its analysis and report (fake perf's trace: a snapshot each 20 ms of its recording).
    const analysis = JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8'));
    expect(analysis).toMatchObject({ format: 'damon-exp.analysis/1', trace: { file: 'masim.script' } });
    expect(analysis.trace.counts.snapshots).toBeGreaterThan(40);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h1>one_target / duration-1s</h1>');
    expect(html).not.toContain('under TCG'); // this host's kernel, not an emulated one
  });

  it('probes perf once per run: a run auto sends here, and each run of a sweep with --jobs 2', async () => {
    const probes = (host: ReturnType<typeof fakeHost>) =>
      readFileSync(host.options.env!.FAKE_PERF_LOG!, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('record ') && line.endsWith(' -- sleep 0'));
    const lone = fakeHost();
    lone.options.env!.FAKE_PERF_LOG = join(lone.dir, 'perf.log');
    const one = await cli(lone, [join(EXPERIMENTS, 'one_target.yaml'), '--set', 'duration=0.5s', '--backend', 'auto']);
    expect(one.status).toBe(0);
    expect(probes(lone)).toHaveLength(1);

    const sweep = fakeHost();
    sweep.options.env!.FAKE_PERF_LOG = join(sweep.dir, 'perf.log');
    const two = await cli(sweep, [...TWO_LAYOUTS, '--backend', 'auto', '--jobs', '2']);
    expect(two.status).toBe(0);
    expect(two.stderr).toContain('sweep: 2 runs: 2 complete');
    expect(probes(sweep)).toHaveLength(2);
  });

  it('says of a run whose trace holds no DAMON event that it has no data, on stderr and in status.json', async () => {
    const host = fakeHost({}, { FAKE_PERF: 'no-events' });
    const { status, stderr } = await cli(host, [join(EXPERIMENTS, 'one_target.yaml'), '--set', 'duration=1s']);
    expect(status).toBe(0);
    const warning = /no analysis in the report: masim\.script: no damon:damon_aggregated event in the trace/;
    expect(stderr).toMatch(new RegExp(`^duration-1s: warning: ${warning.source}`, 'm'));
    const runStatus = JSON.parse(
      readFileSync(join(host.options.resultsRoot, 'one_target', 'duration-1s', 'status.json'), 'utf8'),
    ) as { state: string; warnings: string[] };
    expect(runStatus.state).toBe('complete');
    expect(runStatus.warnings).toEqual([expect.stringMatching(warning)]);
  });

  it('runs the runs of a sweep in turn, numbering them, and gives JSON with --json', async () => {
    const host = fakeHost();
    const { status, stdout, stderr } = await cli(host, [...TWO_LAYOUTS, '--json']);
    expect(status).toBe(0);
    expect(stderr).toMatch(/^\[1\/2\] kind-many-contexts_targets-2_duration-0\.5s: complete in \d+s$/m);
    expect(stderr).toMatch(/^\[2\/2\] kind-one-target_targets-1_duration-0\.5s: complete in \d+s$/m);
    expect(stderr).toContain('sweep: 2 runs: 2 complete');
    const results = JSON.parse(stdout) as { id: string; state: string; dir: string }[];
    expect(results.map((r) => [r.id, r.state])).toEqual([
      ['kind-many-contexts_targets-2_duration-0.5s', 'complete'],
      ['kind-one-target_targets-1_duration-0.5s', 'complete'],
    ]);
  });

  it('stops on SIGINT, tears down, and exits 1; a second SIGINT only says to wait', async () => {
    const host = fakeHost();
    const signals = new EventEmitter();
    const initial = host.emulator.snapshot();
    const running = cli(host, [join(EXPERIMENTS, 'many_contexts.yaml'), '--set', 'duration=30s'], signals);
    const deadline = Date.now() + 10_000;
    while (
      host.emulator.read('kdamonds/nr_kdamonds').trim() !== '3' ||
      host.emulator.read('kdamonds/2/state').trim() !== 'on'
    ) {
      if (Date.now() > deadline) throw new Error('DAMON was not switched on');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    const { status, stdout, stderr } = await running;
    expect(status).toBe(1);
    expect(stderr).toContain(
      'damon-exp: SIGINT: stopping; tearing down (this takes a moment, and another SIGINT will not skip it)',
    );
    expect(stderr).toContain('damon-exp: still tearing down; please wait');
    expect(stderr).toContain('duration-30s: interrupted: stopped early: SIGINT');
    expect(host.emulator.snapshot()).toEqual(initial);
    const dir = stdout.trim();
    expect(JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')).state).toBe('interrupted');
  });

  it('explains a refusal with a hint and exits 1', async () => {
    const host = fakeHost();
    host.emulator.startForeignKdamond();
    const { status, stdout, stderr } = await cli(host, [
      join(EXPERIMENTS, 'one_target.yaml'),
      '--set',
      'duration=1s',
      '--backend',
      'local',
    ]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /damon-exp: cannot run 'duration-1s' here: DAMON is in use by someone else: kdamond 0 \(thread [0-9]+\) is running\n {2}hint: damon-exp never stops kdamonds it did not start; .*or use the qemu backend/,
    );
  });

  it('refuses --force with --resume, and unknown run ids', async () => {
    const host = fakeHost();
    expect((await cli(host, [join(EXPERIMENTS, 'one_target.yaml'), '--force', '--resume'])).status).toBe(2);
    const unknown = await cli(host, [join(EXPERIMENTS, 'one_target.yaml'), '--run', 'nope']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("'one_target' has no run 'nope'");
  });
});
