import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';

const trace = (name: string) =>
  fileURLToPath(new URL(`../fixtures/traces/${name}.upstream-6.12.script`, import.meta.url));
const perfData = (name: string) =>
  fileURLToPath(new URL(`../fixtures/traces/${name}.upstream-6.12.data`, import.meta.url));
const RUN = fileURLToPath(new URL('../fixtures/runs/many_contexts.qemu-6.12', import.meta.url));
const made: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp analysis commands '));
  made.push(dir);
  return dir;
}

function copyOfRun(): string {
  const dir = join(tempDir(), 'run');
  cpSync(RUN, dir, { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runMain(argv);

describe('damon-exp heats', () => {
  it('prints the guide as damo does', async () => {
    const { status, stdout } = await cli('heats', trace('one_target'), '--guide');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('target_id:0');
    expect(lines[1]).toMatch(/^time: \d+-\d+ \(2\.[0-9]+ s\)$/);
    expect(lines.slice(2)).toHaveLength(3);
    expect(lines[3]).toMatch(/^region\t 1: \d{20}-\d{20} \(34\.184 MiB\)$/);
    // Several kdamonds: each guide says which kdamond and context it is of.
    const several = (await cli('heats', trace('many_kdamonds'), '--guide')).stdout.split('\n');
    expect(several.filter((l) => l.startsWith('# kdamond '))).toEqual([
      '# kdamond 0 context 0',
      '# kdamond 1 context 0',
      '# kdamond 2 context 0',
    ]);
  });

  it("prints 'time addr heat' lines, relative to the range unless asked otherwise", async () => {
    const { stdout } = await cli('heats', trace('one_target'), '--resol', '3x4');
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t').map(Number));
    expect(lines).toHaveLength(12);
    expect(lines[0]!.slice(0, 2)).toEqual([0, 0]);
    expect(new Set(lines.map((l) => l[0])).size).toBe(3);
    expect(new Set(lines.map((l) => l[1])).size).toBe(4);
    const absolute = (await cli('heats', trace('one_target'), '--resol', '3x4', '--abs-time', '--abs-addr')).stdout
      .trim()
      .split('\n')[0]!
      .split('\t')
      .map(Number);
    expect(absolute[0]).toBeGreaterThan(1e9);
    expect(absolute[1]).toBeGreaterThan(1e12);
    // The hot eighth of the buffer: the first column is the hottest.
    const firstRow = lines.filter((l) => l[0] === lines[3]![0]).map((l) => l[2]!);
    expect(firstRow[0]).toBe(Math.max(...firstRow));
  });

  it('plots 40x80 digits with the footer lines', async () => {
    const { stdout } = await cli('heats', trace('many_kdamonds'), '--kdamond', '1', '--plot-ascii');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, 40).filter((l) => !/^[0-9]{80}$/.test(l))).toEqual([]);
    expect(lines.length).toBeGreaterThan(40);
    expect(lines.slice(40)).toEqual([
      '# access_frequency: 0 1 2 3 4 5 6 7 8 9',
      expect.stringMatching(/^# x-axis: space \(\d+-\d+: [0-9.]+ MiB\)$/),
      expect.stringMatching(/^# y-axis: time \(\d+-\d+: [0-9.]+ s\)$/),
      expect.stringMatching(/^# resolution: 80x40 \(/),
    ]);
  });

  it('says which one it drew when the trace has several and none was picked', async () => {
    const several = await cli('heats', trace('many_kdamonds'), '--plot-ascii');
    expect(several.stderr).toBe(
      'damon-exp: heats of kdamond 0 context 0 target 0, the first of 3 in the trace (--kdamond, --cid and --tid pick another; --guide lists them)\n',
    );
    expect((await cli('heats', trace('many_kdamonds'), '--plot-ascii', '--kdamond', '2')).stderr).toBe('');
    expect((await cli('heats', trace('one_target'), '--plot-ascii')).stderr).toBe('');
  });

  it('says which keys a trace has when the asked one is not there', async () => {
    const { status, stderr } = await cli('heats', trace('one_target'), '--kdamond', '3');
    expect(status).toBe(1);
    expect(stderr).toContain('hint: it has: --kdamond 0 --cid 0 --tid 0');
  });
});

describe('damon-exp wss', () => {
  it('gives percentiles and the average per target, in JSON too', async () => {
    const { stdout } = await cli('wss', trace('many_targets'), '--json');
    const summaries = JSON.parse(stdout) as { target: number; skipped: number; percentiles: Record<string, number> }[];
    expect(summaries.map((s) => s.target)).toEqual([0, 1, 2]);
    for (const s of summaries) {
      expect(s.skipped, `target ${s.target}`).toBe(20);
      expect(s.percentiles['0'], `target ${s.target}`).toBeLessThanOrEqual(s.percentiles['100']!);
    }
    const text = await cli('wss', trace('one_target'));
    expect(text.stdout.split('\n').slice(0, 4)).toEqual([
      '# target_id\t0',
      '# <percentile> <wss>',
      '# avr:\t6.290 MiB',
      '  0       5.859 MiB |********************************************               |',
    ]);
  });

  it('refuses a file without DAMON events', async () => {
    const { status, stderr } = await cli(
      'wss',
      fileURLToPath(new URL('../fixtures/masim/good/reference-example.cfg', import.meta.url)),
    );
    expect(status).toBe(1);
    expect(stderr).toContain('no damon:damon_aggregated event in the trace');
  });
});

describe('damon-exp report of a trace file', () => {
  it("writes the report beside the trace, again for the same trace, never over another's files", async () => {
    const dir = tempDir();
    const [one, two] = [join(dir, 'one.script'), join(dir, 'two.script')];
    copyFileSync(trace('one_target'), one);
    copyFileSync(trace('many_targets'), two);
    expect((await cli('report', one)).status).toBe(0);
    const report = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(report).toContain('one.script');
    // The same trace again: its own report, made again.
    expect((await cli('report', one)).status).toBe(0);
    // Another trace in the same directory would replace the first one's report: refused.
    const other = await cli('report', two);
    expect(other.status).toBe(1);
    expect(other.stderr).toContain(
      `${dir} holds analysis.json, heatmaps.bin.gz, report.html that are not two.script's report (but one.script's)`,
    );
    expect(other.stderr).toContain('put two.script in a directory of its own');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(report);
    // A user's report.html of another tool is not replaced either.
    const mine = join(tempDir(), 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'report.html'), '<p>my notes</p>');
    copyFileSync(trace('one_target'), join(mine, 'damon.data'));
    const refused = await cli('report', join(mine, 'damon.data'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("holds report.html that is not damon.data's report");
    expect(readFileSync(join(mine, 'report.html'), 'utf8')).toBe('<p>my notes</p>');
    expect(existsSync(join(mine, 'analysis.json'))).toBe(false);
  });
});

describe('perf.data and files that are not traces', () => {
  it('heats, wss and report read a perf.data file, and a run directory with masim.data alone, as its perf script output', async () => {
    for (const argv of [
      ['heats', '--guide'],
      ['heats', '--resol', '4x6', '--kdamond', '2'],
      ['wss', '--json'],
    ]) {
      const fromData = await cli(argv[0]!, perfData('many_kdamonds'), ...argv.slice(1));
      expect(fromData.status).toBe(0);
      // It says what it read, and nothing else.
      expect(fromData.stderr).toBe(`damon-exp: ${perfData('many_kdamonds')}: perf.data (through perf script)\n`);
      expect(fromData.stdout).toBe((await cli(argv[0]!, trace('many_kdamonds'), ...argv.slice(1))).stdout);
    }
    const run = join(tempDir(), 'run');
    mkdirSync(run);
    copyFileSync(perfData('many_kdamonds'), join(run, 'masim.data'));
    const report = await cli('report', run);
    expect(report.status).toBe(0);
    expect(JSON.parse(readFileSync(join(run, 'analysis.json'), 'utf8')).trace).toMatchObject({
      file: 'masim.data',
      counts: { lines: 1068, problems: {} },
    });
  });

  it('refuses a FIFO and /dev/zero as traces at once, exit status 1', async () => {
    const fifo = join(tempDir(), 'trace.script');
    execFileSync('mkfifo', [fifo]);
    for (const [command, path] of [
      ['heats', fifo],
      ['wss', '/dev/zero'],
    ] as const) {
      const { status, stderr } = await cli(command, path);
      expect(status).toBe(1);
      expect(stderr.split('\n')[0]).toMatch(
        new RegExp(
          `^damon-exp: ${path} is a (FIFO \\(named pipe\\)|character device), not a regular file: cannot read it as a trace$`,
        ),
      );
    }
  }, 10_000);
});

describe('what heats and wss say about the trace and their options', () => {
  it('warn once per kind of line they skipped, with the count and the first', async () => {
    const file = join(tempDir(), 'masim.script');
    const lines = readFileSync(trace('one_target'), 'utf8').split('\n');
    // Two lines of the first snapshot's 16 damaged: it is left out.
    lines.splice(
      10,
      2,
      'kdamond.0   162 [000]     8.36: damon:damon_aggregated: target_id=0 nr_regions=16 9427',
      'kdamond.0 162 [000] 8.37: damon:damon_aggregated: target_id=0 nr_regions=16 1-2: x',
    );
    writeFileSync(file, lines.join('\n'));
    for (const command of ['wss', 'heats']) {
      const { status, stderr } = await cli(command, file);
      expect(status).toBe(0);
      expect(stderr).toBe(
        `damon-exp: warning: ${file}: skipped 2 malformed damon_aggregated lines (first at line 11: kdamond.0   162 [000]     8.36: damon:damon_aggregated: target_id=0 nr_regions=16 9427)\n` +
          `damon-exp: warning: ${file}: left out 1 incomplete snapshot (first at line 17: kdamond 0 context 0 target 0 at 8.268949 s, 14 of 16 regions)\n`,
      );
    }
  });

  it('cap the resolution: a usage error saying the limit', async () => {
    const { status, stderr } = await cli('heats', trace('one_target'), '--resol', '100000x100000');
    expect(status).toBe(2);
    expect(stderr).toContain(
      "--resol 100000x100000 is too fine: at most 4096 rows and 4096 columns, 4194304 pixels in all (2048x2048); damo's defaults are 500x500, and 40x80 for --plot-ascii",
    );
    expect((await cli('heats', trace('one_target'), '--resol', '3000x3000')).status).toBe(2);
    expect((await cli('heats', trace('one_target'), '--kdamond', 'one')).stderr).toContain(
      "--kdamond takes a whole number, not 'one'",
    );
  });

  it('plot large ASCII heatmaps too', async () => {
    const { status, stdout } = await cli('heats', trace('one_target'), '--plot-ascii', '--resol', '1000x1000');
    expect(status).toBe(0);
    expect(stdout.split('\n').filter((l) => /^[0-9]{1000}$/.test(l))).toHaveLength(1000);
  });

  it('--image: an image that cannot be written is one line naming it, exit status 1; a written one leaves no .new', async () => {
    const { status, stderr } = await cli('heats', trace('one_target'), '--image', '/nonexistent/x.svg');
    expect(status).toBe(1);
    expect(stderr).toBe(
      'damon-exp: cannot write the image /nonexistent/x.svg: no directory /nonexistent\n  hint: give a path in an existing directory\n',
    );
    const dir = tempDir();
    mkdirSync(join(dir, 'taken.svg'));
    const taken = await cli('heats', trace('one_target'), '--image', join(dir, 'taken.svg'));
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain(`damon-exp: cannot write ${join(dir, 'taken.svg')}: it is a directory (EISDIR)`);
    expect(existsSync(join(dir, 'taken.svg.new'))).toBe(false);
    expect((await cli('heats', trace('one_target'), '--image', join(dir, 'h.svg'))).status).toBe(0);
    expect(readFileSync(join(dir, 'h.svg'), 'utf8')).toMatch(/^<svg/);
    expect(existsSync(join(dir, 'h.svg.new'))).toBe(false);
  });

  it('read a run whose status.json is cut short: a warning naming it, kdamonds by thread order', async () => {
    const dir = copyOfRun();
    writeFileSync(join(dir, 'status.json'), readFileSync(join(dir, 'status.json'), 'utf8').slice(0, 100));
    for (const command of ['wss', 'heats']) {
      const { status, stdout, stderr } = await cli(
        command,
        dir,
        ...(command === 'heats' ? ['--guide'] : ['--per-target']),
      );
      expect(status).toBe(0);
      expect(stderr).toBe(
        `damon-exp: warning: ${join(dir, 'status.json')} is corrupt: Expected double-quoted property name in JSON at position 100; kdamonds are numbered by thread in the order they appear in the trace, which may not be their sysfs index\n`,
      );
      expect(stdout).toMatch(/kdamond.?2/);
    }
  });
});

describe('a trace of incomplete snapshots only', () => {
  it('heats says there is nothing to draw and why, not an empty list of what the trace has', async () => {
    const file = join(tempDir(), 'cut.script');
    writeFileSync(
      file,
      [
        'kdamond.0   162 [000]     8.268949: damon:damon_aggregated: target_id=0 nr_regions=3 4096-8192: 1 0',
        'kdamond.0   162 [000]     8.268949: damon:damon_aggregated: target_id=0 nr_regions=3 8192-12288: 1 0',
        '',
      ].join('\n'),
    );
    const { status, stderr } = await cli('heats', file);
    expect(status).toBe(1);
    expect(stderr).toContain(
      `damon-exp: ${file} holds no complete snapshot: nothing to draw\n  hint: a recording cut short`,
    );
    expect(stderr).not.toContain('it has: \n');
  });
});
