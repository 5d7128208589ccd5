// `damon-exp heatmap` is damo 3.3.0's report heatmap: given damo 3.3.0's command lines
// (test/fixtures/damo-3.3.0/README.md has them), its --output raw lines and --guide are damo
// 3.3.0's own outputs, byte for byte: the heats are compared as the text Python prints (its
// shortest repr of each float), so no tolerance is needed or allowed. `heats` keeps 2.4.9's
// (test/cli/damo-parity.test.ts).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pythonFloorDiv } from '../../src/analysis/heatmap-damo3.js';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';

const DAMO3 = fileURLToPath(new URL('../fixtures/damo-3.3.0/', import.meta.url));
const trace = (name: string) =>
  fileURLToPath(new URL(`../fixtures/traces/${name}.upstream-6.12.script`, import.meta.url));
const [S1, SM, SK] = [trace('one_target'), trace('many_targets'), trace('many_kdamonds')];

async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const output: Output = { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`), color: false };
  const status = await main(argv, output);
  return { status, stdout, stderr };
}

const expected = (name: string) => readFileSync(join(DAMO3, name), 'utf8');

/** The first lines that differ, named: a failure says where, not only that. */
function differences(got: string, want: string): string[] {
  const [a, b] = [got.split('\n'), want.split('\n')];
  const found: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && found.length < 3; i++)
    if (a[i] !== b[i]) found.push(`line ${i + 1}: ${JSON.stringify(a[i])} instead of ${JSON.stringify(b[i])}`);
  return found;
}

/** Each fixture and the damo 3.3.0 command line that made it (damon-exp reads the same trace, by --input). */
const CASES: [string, string, string[]][] = [
  ['one_target.guide', S1, ['--guide']],
  ['one_target.raw-10x30', S1, ['--output', 'raw', '--resol', '10', '30']],
  ['one_target.raw-40x80', S1, ['--output', 'raw', '--resol', '40', '80']],
  [
    'one_target.raw-20x40-range1-abs',
    S1,
    [
      '--output',
      'raw',
      '--resol',
      '20',
      '40',
      '--address_range',
      '139660055748608',
      '139660091592704',
      '--abs_time',
      '--abs_addr',
    ],
  ],
  [
    'one_target.raw-16x24-time-address',
    S1,
    [
      '--output',
      'raw',
      '--resol',
      '16',
      '24',
      '--time_range',
      '9000000000',
      '10500000000',
      '--address_range',
      '94271614517248',
      '94271700000000',
    ],
  ],
  [
    'one_target.raw-20x10-wide-time',
    S1,
    ['--output', 'raw', '--resol', '20', '10', '--time_range', '7000000000', '12000000000'],
  ],
  ['many_targets.guide', SM, ['--guide']],
  ['many_targets.raw-30x20', SM, ['--output', 'raw', '--resol', '30', '20']],
  ['many_targets.tid1.raw-20x40', SM, ['--output', 'raw', '--tid', '1', '--resol', '20', '40']],
  [
    'many_targets.tid2.raw-12x50-range1',
    SM,
    ['--output', 'raw', '--tid', '2', '--resol', '12', '50', '--address_range', '139899855458304', '139899874525184'],
  ],
  // damo 3.3.0 ran on kdamond 1's lines alone (it keys a perf script trace by target id only).
  ['many_kdamonds.kdamond1.raw-25x40', SK, ['--kdamond', '1', '--output', 'raw', '--resol', '25', '40']],
];

describe("damon-exp heatmap prints damo 3.3.0's report heatmap", () => {
  it.each(CASES)('%s', async (fixture, input, options) => {
    const { status, stdout, stderr } = await run(['heatmap', '--input', input, ...options]);
    expect(stderr).not.toMatch(/error|warning/);
    expect(status).toBe(0);
    expect(differences(stdout, expected(fixture))).toEqual([]);
  });

  it("prints kdamond 1's guide of many_kdamonds with the kdamond_idx and context_idx damo 3.3.0 prints for records that know them", async () => {
    const { status, stdout } = await run(['heatmap', SK, '--guide', '--kdamond', '1']);
    expect(status).toBe(0);
    expect(stdout).toBe(`kdamond_idx: 1\ncontext_idx: 0\n${expected('many_kdamonds.kdamond1.guide')}`);
  });

  it("draws damo 3.3.0's digits in the terminal (its default output)", async () => {
    const argv = ['heatmap', S1, '--resol', '20', '40', '--address_range', '139660055748608', '139660091592704'];
    const { status, stdout } = await run(argv);
    expect(status).toBe(0);
    // damo 3.3.0 always colours; its footer is its own (ours is damo 2.4.9's): compare the rows.
    const theirs = expected('one_target.stdout-20x40-range1').replace(/\u001b\[[0-9;]*m/g, '');
    expect(stdout.split('\n').slice(0, 20)).toEqual(theirs.split('\n').slice(0, 20));
  });

  it("takes --time-range from the guide's start (damo's --time_range A B guided) and prints its times as floats", async () => {
    const guide = await run(['heatmap', S1, '--guide']);
    const start = /time: \[(\d+),/.exec(guide.stdout)![1]!;
    const { stdout } = await run(['heatmap', S1, '--output', 'raw', '--resol', '4', '3', '--time-range', '1s,2s']);
    const times = [
      ...new Set(
        stdout
          .trim()
          .split('\n')
          .map((line) => line.split('\t')[0]),
      ),
    ];
    // Row 0 starts at int(start + 1e9): a fraction of a ns before the float start + 1 s.
    expect(times).toHaveLength(4);
    expect(Number(times[0])).toBeLessThanOrEqual(0);
    expect(Number(times[0])).toBeGreaterThan(-1);
    expect(times[1]).toMatch(/^250000000(\.\d+)?$|^249999999\.\d+$/);
    expect(Number(start)).toBeGreaterThan(8e9);
  });

  it("differs from heats, which keeps damo 2.4.9's numbers on the same options", async () => {
    const argv = ['--input', S1, '--resol', '10', '30'];
    const heatmap = await run(['heatmap', ...argv, '--output', 'raw']);
    const heats = await run(['heats', ...argv]);
    expect(heatmap.stdout.split('\n')[0]).toMatch(/^-0\.96\d*\t0\t/);
    expect(heats.stdout.split('\n')[0]).toMatch(/^0\t0\t/);
  });

  it('refuses a target of one snapshot, naming why and what to do, without a stack trace', async () => {
    const lines = readFileSync(S1, 'utf8').split('\n').slice(0, 16);
    const dir = mkdtempSync(join(tmpdir(), 'heatmap-damo3-'));
    const one = join(dir, 'one-snapshot.script');
    writeFileSync(one, `${lines.join('\n')}\n`);
    const { status, stderr } = await run(['heatmap', one, '--output', 'raw']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/has one snapshot: damo 3\.3\.0 estimates the first snapshot's start/);
    expect(stderr).toMatch(/damon-exp heats/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("pythonFloorDiv is Python's float //", () => {
  it.each([
    [2956341441.04, 10, 295634144],
    [7, 2, 3],
    [6, 3, 2],
    [0.5, 1, 0],
    [1e16 + 2, 3, Math.floor((1e16 + 2) / 3)],
  ])('%d // %d = %d', (a, b, want) => {
    expect(pythonFloorDiv(a, b)).toBe(want);
  });
});
