// A run's identity is what it runs (manifest/run-identity.ts): `run --resume` over an edited
// manifest keeps the complete runs whose resolved run is unchanged, runs only the new points, says
// what changed of the others; the index shows the manifest's runs now, and leaves out (on disk)
// those it no longer has unless --all. In-process, on the sysfs emulator.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/capture.js';
import { fakeHost, runCli, type Host } from '../helpers/harness.js';

const CONFIG = 'a, 4096\n\np\n600000\na, 0, 4096, 1\n';

interface Sweep {
  aggr?: string[];
  repeat?: number;
  description?: string;
  /** The inline workload's pattern weight. */
  weight?: number;
  /** monitoring.sample */
  sample?: string;
}

/** Writes the manifest `grow` (w from w.cfg, v inline) into the host's directory; its path. */
function manifest(host: Host, sweep: Sweep = {}, file = 'grow.yaml'): string {
  const { aggr = ['50ms', '100ms'], repeat = 1, description = 'first', weight = 1, sample = '5ms' } = sweep;
  if (!existsSync(join(host.dir, 'w.cfg'))) writeFileSync(join(host.dir, 'w.cfg'), CONFIG);
  const path = join(host.dir, file);
  writeFileSync(
    path,
    [
      'name: grow',
      `description: ${description}`,
      'workloads:',
      '  w: {masim: w.cfg}',
      '  v:',
      '    regions: [{name: r, size: 4KB}]',
      `    phases: [{name: p, duration: 600s, patterns: [{region: r, random: false, stride: 4096, weight: ${weight}}]}]`,
      'layout: {kind: many-targets, workloads: [w, v]}',
      'backend: {kind: local}',
      `monitoring: {sample: ${sample}}`,
      'duration: 0.3s',
      `repeat: ${repeat}`,
      ...(aggr.length ? [`matrix: {monitoring.aggr: [${aggr.join(', ')}]}`] : []),
      '',
    ].join('\n'),
  );
  return path;
}

const sweepDir = (host: Host) => join(host.options.resultsRoot, 'grow');

/** `run --dry-run --resume`: each run's action by id, and the count line. */
async function dryRun(host: Host, file: string): Promise<{ actions: Record<string, string>; count: string }> {
  const { status, stdout, stderr } = await runCli(host, [file, '--dry-run', '--resume']);
  expect(status, stderr).toBe(0);
  const actions = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => {
        const [id, ...action] = line.split(/\s{2,}/);
        return [id!, action.join('  ')];
      }),
  );
  return { actions, count: stderr.trim() };
}

async function run(host: Host, argv: string[]): Promise<{ stdout: string; stderr: string }> {
  const result = await runCli(host, argv);
  expect(result.status, result.stderr).toBe(0);
  return result;
}

/** The runs of the index (summary.json), sorted. */
const summaryIds = (host: Host) =>
  (JSON.parse(readFileSync(join(sweepDir(host), 'summary.json'), 'utf8')) as { runs: { id: string }[] }).runs
    .map((r) => r.id)
    .sort();

describe('run --resume over an edited manifest', () => {
  it('keeps every complete run when only the description, comments or the file changed: 0 would run', async () => {
    const host = fakeHost();
    await run(host, [manifest(host, { repeat: 2 })]);
    const edited = manifest(host, { repeat: 2, description: 'second, with a comment' }, 'renamed.yaml');
    writeFileSync(edited, `# a comment\n${readFileSync(edited, 'utf8')}`);
    const { actions, count } = await dryRun(host, edited);
    expect(actions).toEqual({
      'aggr-50ms': 'skip: complete, same run',
      'aggr-50ms_rep2': 'skip: complete, same run',
      'aggr-100ms': 'skip: complete, same run',
      'aggr-100ms_rep2': 'skip: complete, same run',
    });
    expect(count).toBe('0 of 4 runs would run');
  });

  it('runs only the new point of an added matrix value; the stored run.json stays; the index has old and new', async () => {
    const host = fakeHost();
    await run(host, [manifest(host)]);
    const stored = readFileSync(join(sweepDir(host), 'aggr-50ms', 'run.json'), 'utf8');
    const grown = manifest(host, { aggr: ['50ms', '100ms', '150ms'] });
    expect(await dryRun(host, grown)).toEqual({
      actions: {
        'aggr-50ms': 'skip: complete, same run',
        'aggr-100ms': 'skip: complete, same run',
        'aggr-150ms': 'run',
      },
      count: '1 of 3 runs would run',
    });
    const { stderr } = await run(host, [grown, '--resume']);
    expect(stderr).toContain('sweep: 3 runs: 1 complete, 2 skipped');
    expect(readFileSync(join(sweepDir(host), 'aggr-50ms', 'run.json'), 'utf8')).toBe(stored);
    expect(summaryIds(host)).toEqual(['aggr-50ms', 'aggr-100ms', 'aggr-150ms'].sort());
  });

  it('runs only the new repetitions of an added repetition', async () => {
    const host = fakeHost();
    await run(host, [manifest(host)]);
    const repeated = manifest(host, { repeat: 2 });
    expect(await dryRun(host, repeated)).toEqual({
      actions: {
        'aggr-50ms': 'skip: complete, same run',
        'aggr-50ms_rep2': 'run',
        'aggr-100ms': 'skip: complete, same run',
        'aggr-100ms_rep2': 'run',
      },
      count: '2 of 4 runs would run',
    });
    const { stderr } = await run(host, [repeated, '--resume']);
    expect(stderr).toContain('sweep: 4 runs: 2 complete, 2 skipped');
  });

  it("re-runs on a changed masim config, on disk or inline, and says which workload's changed", async () => {
    const host = fakeHost();
    const file = manifest(host, { aggr: [] });
    await run(host, [file]);
    writeFileSync(join(host.dir, 'w.cfg'), CONFIG.replace('a, 0, 4096, 1', 'a, 0, 4096, 2'));
    expect((await dryRun(host, file)).actions).toEqual({ run: 're-run: workloads.w: its masim config changed' });
    writeFileSync(join(host.dir, 'w.cfg'), CONFIG);
    const inline = manifest(host, { aggr: [], weight: 3 });
    expect((await dryRun(host, inline)).actions).toEqual({ run: 're-run: workloads.v: its masim config changed' });
    const { stderr } = await run(host, [inline, '--resume']);
    expect(stderr).toContain('run: re-run: workloads.v: its masim config changed\n');
    expect(stderr).toContain('run: complete');
  });

  it('says what changed of a re-run, in the dry run and as it runs: monitoring.sample 5 ms -> 10 ms', async () => {
    const host = fakeHost();
    await run(host, [manifest(host)]);
    const changed = manifest(host, { sample: '10ms' });
    expect((await dryRun(host, changed)).actions).toEqual({
      'aggr-50ms': 're-run: monitoring.sample 5 ms -> 10 ms',
      'aggr-100ms': 're-run: monitoring.sample 5 ms -> 10 ms',
    });
    const { stderr } = await run(host, [changed, '--resume']);
    expect(stderr).toContain('aggr-100ms: re-run: monitoring.sample 5 ms -> 10 ms\n');
  });

  it('says, with --force, what it sets aside: the same run, or what changed since', async () => {
    const host = fakeHost();
    await run(host, [manifest(host)]);
    const same = await run(host, [manifest(host), '--force']);
    expect(same.stderr).toContain(
      'aggr-50ms: run: the earlier result (complete, the same run) is kept aside once the new one completes\n',
    );
    const changed = await run(host, [manifest(host, { sample: '10ms' }), '--force']);
    expect(changed.stderr).toContain(
      'aggr-100ms: run: the earlier result (complete; since: monitoring.sample 5 ms -> 10 ms) is kept aside once the new one completes\n',
    );
  });
});

describe('the index of a sweep whose manifest lost a point', () => {
  it('leaves the removed run on disk and out of the index, saying so; index --all shows it', async () => {
    const host = fakeHost();
    await run(host, [manifest(host, { aggr: ['50ms', '100ms', '150ms'] })]);
    const { stderr } = await run(host, [manifest(host), '--resume']);
    const note = `1 result is of a run the manifest no longer has: left out (damon-exp index --all ${sweepDir(host)} shows it)`;
    expect(stderr).toContain(`damon-exp: ${note}`);
    expect(existsSync(join(sweepDir(host), 'aggr-150ms', 'run.json'))).toBe(true);
    expect(summaryIds(host)).toEqual(['aggr-50ms', 'aggr-100ms'].sort());
    expect(readFileSync(join(sweepDir(host), 'index.html'), 'utf8')).toContain(
      '1 result is of a run the manifest no longer has',
    );

    const index = async (argv: string[]) => {
      const { output, result } = captureOutput();
      expect(await main(['index', ...argv, sweepDir(host)], output, {})).toBe(0);
      return result();
    };
    expect((await index([])).stderr).toContain(note);
    expect(summaryIds(host)).toEqual(['aggr-50ms', 'aggr-100ms'].sort());
    expect((await index(['--all'])).stderr).not.toContain('left out');
    expect(summaryIds(host)).toEqual(['aggr-50ms', 'aggr-100ms', 'aggr-150ms'].sort());
  });
});
