import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureOutput } from './capture.js';

const trace = (name: string) => fileURLToPath(new URL(`../fixtures/traces/${name}.upstream-6.12.script`, import.meta.url));

async function cli(...argv: string[]) {
  const { output, result } = captureOutput();
  const status = await main(argv, output);
  return { status, ...result() };
}

describe('damon-exp heats', () => {
  it('prints the guide as damo does', async () => {
    const { status, stdout } = await cli('heats', trace('one_target'), '--guide');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('kdamond:0 context_id:0 target_id:0');
    expect(lines[1]).toMatch(/^time: \d+-\d+ \(2\.[0-9]+ s\)$/);
    expect(lines.slice(2)).toHaveLength(3);
    expect(lines[3]).toMatch(/^region {3}1: \d{20}-\d{20} \(34\.2 MiB\)$/);
  });

  it("prints 'time addr heat' lines, relative to the range unless asked otherwise", async () => {
    const { stdout } = await cli('heats', trace('one_target'), '--resol', '3x4');
    const lines = stdout.trim().split('\n').map((l) => l.split(' ').map(Number));
    expect(lines).toHaveLength(12);
    expect(lines[0]!.slice(0, 2)).toEqual([0, 0]);
    expect(new Set(lines.map((l) => l[0])).size).toBe(3);
    expect(new Set(lines.map((l) => l[1])).size).toBe(4);
    const absolute = (await cli('heats', trace('one_target'), '--resol', '3x4', '--abs-time', '--abs-addr')).stdout.trim().split('\n')[0]!.split(' ').map(Number);
    expect(absolute[0]).toBeGreaterThan(1e9);
    expect(absolute[1]).toBeGreaterThan(1e12);
    // The hot eighth of the buffer: the first column is the hottest.
    const firstRow = lines.filter((l) => l[0] === lines[3]![0]).map((l) => l[2]!);
    expect(firstRow[0]).toBe(Math.max(...firstRow));
  });

  it('plots 40x80 digits with the footer lines', async () => {
    const { stdout } = await cli('heats', trace('many_kdamonds'), '--kdamond', '1', '--plot-ascii');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, 40).every((l) => /^[0-9]{80}$/.test(l))).toBe(true);
    expect(lines.slice(40)).toEqual([
      '# access_frequency: 0 1 2 3 4 5 6 7 8 9',
      expect.stringMatching(/^# x-axis: space \(\d+-\d+: [0-9.]+ MiB\)$/),
      expect.stringMatching(/^# y-axis: time \(\d+-\d+: [0-9.]+ s\)$/),
      expect.stringMatching(/^# resolution: 80x40 \(/),
    ]);
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
    expect(summaries.every((s) => s.skipped === 20 && s.percentiles['0']! <= s.percentiles['100']!)).toBe(true);
    const text = await cli('wss', trace('one_target'));
    expect(text.stdout).toMatch(/^kdamond 0 context 0 target 0: 26 snapshots, 20 skipped\n/);
    expect(text.stdout).toMatch(/ {2}avg +[0-9.]+ MiB\n$/);
  });

  it('refuses a file without DAMON events', async () => {
    const { status, stderr } = await cli('wss', fileURLToPath(new URL('../fixtures/masim/good/reference-example.cfg', import.meta.url)));
    expect(status).toBe(1);
    expect(stderr).toContain('no damon:damon_aggregated event in the trace');
  });
});
