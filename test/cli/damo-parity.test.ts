// damo parity on the command line: damon-exp's heats, guide, ASCII plot and wss, given damo
// 2.4.9's command lines (test/fixtures/damo-2.4.9/README.md has them) or ours, print damo's own
// outputs. The numbers, from the perf script trace and from each of damo's record formats, are
// tested on the functions that compute them (test/analysis/heats.test.ts, wss.test.ts).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';

const DAMO = fileURLToPath(new URL('../fixtures/damo-2.4.9/', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../fixtures/traces/one_target.upstream-6.12.script', import.meta.url));
const PERF_DATA = fileURLToPath(new URL('../fixtures/traces/one_target.upstream-6.12.data', import.meta.url));
const COMPRESSED = join(DAMO, 'one_target.damon.data.json_compressed');
const JSON_RECORD = join(DAMO, 'one_target.damon.data.json');
const PERF_SCRIPT_RECORD = join(DAMO, 'one_target.damon.data.perf_script');
const [A, B] = ['139660055748608', '139660091592704'];

async function run(argv: string[], color = false): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const output: Output = { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`), color };
  const status = await main(argv, output);
  return { status, stdout, stderr };
}

const expected = (name: string) => readFileSync(join(DAMO, name), 'utf8');

/** The first lines that differ, named: a failure says where, not only that. */
function differences(got: string, want: string): string[] {
  const [a, b] = [got.split('\n'), want.split('\n')];
  const found: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && found.length < 3; i++)
    if (a[i] !== b[i]) found.push(`line ${i + 1}: ${JSON.stringify(a[i])} instead of ${JSON.stringify(b[i])}`);
  return found;
}

const CASES: [string, string[], string, boolean?][] = [
  ['one_target.guide', ['heats', '--input', '@', '--guide'], 'guide'],
  [
    'one_target.tid0.heats-20x40',
    ['heats', '--input', '@', '--tid', '0', '--resol', '20', '40', '--address_range', A, B],
    'heats',
  ],
  [
    'one_target.tid0.heats-10x30-abs',
    ['heats', '--input', '@', '--tid', '0', '--resol', '10', '30', '--address_range', A, B, '--abs_time', '--abs_addr'],
    'heats, absolute',
  ],
  [
    'one_target.tid0.plot_ascii-20x40',
    ['heats', '--input', '@', '--tid', '0', '--resol', '20', '40', '--address_range', A, B, '--plot_ascii'],
    'ASCII plot',
    true,
  ],
  ['one_target.wss', ['wss', '--input', '@', '--raw_number'], 'wss'],
];

const MANY_TARGETS_CASES: [string, string[]][] = [
  ['many_targets.guide', ['heats', '--input', '@', '--guide']],
  ['many_targets.heats-30x20', ['heats', '--input', '@', '--resol', '30', '20']],
  ['many_targets.wss', ['wss', '--input', '@', '--raw_number']],
  ['many_targets.wss-per_target', ['wss', '--input', '@', '--raw_number', '--per_target']],
  [
    'many_targets.wss-work_time_500ms',
    ['wss', '--input', '@', '--exclude_samples', '5', '--work_time', '500000', '--raw_number'],
  ],
  [
    'many_targets.wss-per_target-time-all',
    ['wss', '--input', '@', '--per_target', '--sortby', 'time', '--all_wss', '--raw_number'],
  ],
];

/** damo's report wss options beyond the defaults, on one_target (from the perf script and damo's record). */
const WSS_OPTION_CASES: [string, string[]][] = [
  ['one_target.wss-range_0_101_10', ['wss', '--input', '@', '--raw_number', '--range', '0', '101', '10']],
  ['one_target.wss-acc_thres_5', ['wss', '--input', '@', '--raw_number', '--acc_thres', '5']],
  ['one_target.wss-sz_thres_1M', ['wss', '--input', '@', '--raw_number', '--sz_thres', '1048576']],
  [
    'one_target.wss-sortby_time',
    ['wss', '--input', '@', '--raw_number', '--sortby', 'time', '--range', '0', '101', '20'],
  ],
  ['one_target.wss-all_wss', ['wss', '--input', '@', '--raw_number', '--all_wss']],
  ['one_target.wss-nr_cols_bar_20', ['wss', '--input', '@', '--nr_cols_bar', '20']],
  [
    'one_target.wss-work_time_300ms',
    [
      'wss',
      '--input',
      '@',
      '--exclude_samples',
      '0',
      '--work_time',
      '300000',
      '--range',
      '0',
      '101',
      '5',
      '--raw_number',
    ],
  ],
];

describe("damo 2.4.9's numbers, in damo's spellings", () => {
  it('covers every output in the fixture folder', () => {
    // damo's outputs: every file but the README and the recording in damo's record formats.
    const outputs = readdirSync(DAMO).filter((f) => !f.endsWith('.md') && !f.includes('.damon.data.'));
    expect(outputs.length).toBeGreaterThanOrEqual(9);
    expect([...CASES, ...MANY_TARGETS_CASES, ...WSS_OPTION_CASES].map(([name]) => name).sort()).toEqual(outputs.sort());
  });

  it.each([...CASES, ...WSS_OPTION_CASES])('%s', async (file, argv, _what?: string, color?: boolean) => {
    const { status, stdout } = await run(
      argv.map((a) => (a === '@' ? SCRIPT : a)),
      color,
    );
    expect(status).toBe(0);
    expect(differences(stdout, expected(file))).toEqual([]);
    expect(stdout).toBe(expected(file));
  });

  it('refuses a damo record without snapshots, and one that is not a record, naming what is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-damo-bad-'));
    writeFileSync(join(dir, 'empty'), '[]');
    writeFileSync(
      join(dir, 'odd'),
      '[{"target_id": 0, "snapshots": [{"end_time": "1", "regions": [{"start": "1e400"}]}]}]',
    );
    const empty = await run(['wss', join(dir, 'empty')]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain(`no snapshot in the damo record ${join(dir, 'empty')} (0 records)`);
    const odd = await run(['heats', join(dir, 'odd'), '--guide']);
    expect(odd.status).toBe(1);
    expect(odd.stderr).toContain('record 0 snapshot 0 region 0 start is not a whole number below 2^53 ("1e400")');
  });

  it('refuses regions that end where they start or before, and numbers that are no whole numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-damo-bad-'));
    const region = (fields: string) =>
      `[{"target_id": 0, "snapshots": [{"end_time": "1", "regions": [{${fields}, "nr_accesses": {"samples": 1}}]}, {"end_time": "2", "regions": [{"start": 0, "end": 4096, "nr_accesses": {"samples": 1}}]}]}]`;
    const cases: [string, string, string][] = [
      ['backwards', region('"start": 8192, "end": 4096'), 'region 0 ends (4096) where it starts or before (8192)'],
      ['fraction', region('"start": 0.5, "end": 4096'), 'region 0 start is not a whole number below 2^53 (0.5)'],
      ['huge', region('"start": 0, "end": 1e300'), 'region 0 end is not a whole number below 2^53 (1e+300)'],
    ];
    // A start time that is no time (damon-exp does not use it, but a record with it is no damo record).
    const times = (start: string) =>
      `[{"target_id": 0, "snapshots": [{"start_time": ${start}, "end_time": "1000", "regions": [{"start": 0, "end": 4096, "nr_accesses": {"samples": 1}}]}]}]`;
    cases.push(
      ['start 1e26', times('1e26'), 'snapshot 0 start_time is not a whole number below 2^53 (1e+26)'],
      ['start after end', times('"2000"'), 'snapshot 0 starts (2000) after it ends (1000)'],
    );
    for (const [name, text, message] of cases) {
      writeFileSync(join(dir, name), text);
      const wss = await run(['wss', join(dir, name), '--skip', '0']);
      expect(wss.status, name).toBe(1);
      expect(wss.stderr, name).toContain(message);
    }
    // The same in perf script text: the line is counted as malformed and skipped, never drawn.
    const line = (t: string, r: string) =>
      `kdamond.0 162 [000] ${t}: damon:damon_aggregated: target_id=0 nr_regions=1 ${r}: 3 1`;
    writeFileSync(
      join(dir, 'backwards.script'),
      [line('1.0', '8192-4096'), line('2.0', '0-4096'), line('3.0', '0-4096')].join('\n'),
    );
    const text = await run(['wss', join(dir, 'backwards.script'), '--skip', '0', '--raw_number']);
    expect(text.status).toBe(0);
    expect(text.stderr).toContain('skipped 1 malformed damon_aggregated line (first at line 1');
    expect(text.stdout).toContain('# avr:\t4096');
  });

  it('says which of damo’s record formats it read', async () => {
    expect((await run(['wss', '-i', COMPRESSED])).stderr).toContain("damo's record format json_compressed");
    expect((await run(['wss', '-i', JSON_RECORD])).stderr).toContain("damo's record format json");
    expect((await run(['wss', '-i', PERF_SCRIPT_RECORD])).stderr).toContain("damo's record format perf_script");
    expect((await run(['wss', '-i', PERF_DATA])).stderr).toContain('perf.data (through perf script)');
  });

  it('reads ./damon.data when given no file, as damo does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-damo-cwd-'));
    writeFileSync(join(dir, 'damon.data'), readFileSync(COMPRESSED));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const wss = await run(['wss', '--raw_number']);
      expect(wss.stdout).toBe(expected('one_target.wss'));
      const guide = await run(['heats', '--guide']);
      expect(guide.stdout).toBe(expected('one_target.guide'));
    } finally {
      process.chdir(cwd);
    }
    const nowhere = await run(['wss']);
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toContain("damo's default, ./damon.data, is not here either");
  });
});

describe('damo 2.4.9 on three targets of one kdamond (many_targets)', () => {
  const MANY = fileURLToPath(new URL('../fixtures/traces/many_targets.upstream-6.12.script', import.meta.url));
  it.each(MANY_TARGETS_CASES)('%s', async (file, argv) => {
    const { status, stdout } = await run(argv.map((a) => (a === '@' ? MANY : a)));
    expect(status).toBe(0);
    expect(differences(stdout, expected(file))).toEqual([]);
    expect(stdout).toBe(expected(file));
  });
});

describe("damo's numbers in damon-exp's own spellings", () => {
  it('gives the same lines with --resol TxS, --address-range A,B, --abs-time, --abs-addr', async () => {
    const ours = await run([
      'heats',
      SCRIPT,
      '--tid',
      '0',
      '--resol',
      '10x30',
      '--address-range',
      `${A},${B}`,
      '--abs-time',
      '--abs-addr',
    ]);
    expect(ours.stdout).toBe(expected('one_target.tid0.heats-10x30-abs'));
  });

  it('takes damo’s --time_range as the trace’s own ns, and units for addresses', async () => {
    // The guide's whole span, in damo's form and with units: the default range again.
    const at20x40 = (...range: string[]) => run(['heats', SCRIPT, '--tid', '0', '--resol', '20', '40', ...range]);
    const span = await at20x40('--address_range', A, B, '--time_range', '8268948999', '11111585000');
    expect(span.stdout).toBe(expected('one_target.tid0.heats-20x40'));
    const separated = await at20x40('--address_range', '139,660,055,748,608', '139,660,091,592,704');
    expect(separated.stdout).toBe(expected('one_target.tid0.heats-20x40'));
    const units = await run(['heats', SCRIPT, '--resol', '2x2', '--address-range', '1G,2G']);
    expect(units.stdout.split('\n')[1]).toBe(`0\t${2 ** 29}\t0.0`);
  });

  it("gives damo's wss lines with --range A,B,C, --work-time 300ms, --sortby, --all-wss, -t, -r and -s", async () => {
    const ours = await run([
      'wss',
      SCRIPT,
      '--skip',
      '0',
      '--work-time',
      '300ms',
      '--range',
      '0,101,5',
      '--raw-number',
    ]);
    expect(ours.stdout).toBe(expected('one_target.wss-work_time_300ms'));
    const sorted = await run(['wss', SCRIPT, '--raw-number', '--sortby', 'time', '--range', '0,101,20']);
    expect(sorted.stdout).toBe(expected('one_target.wss-sortby_time'));
    const short = await run(['wss', SCRIPT, '--raw_number', '-s', 'time', '-r', '0', '101', '20']);
    expect(short.stdout).toBe(expected('one_target.wss-sortby_time'));
    const threshold = await run(['wss', SCRIPT, '--raw-number', '-t', '5']);
    expect(threshold.stdout).toBe(expected('one_target.wss-acc_thres_5'));
    // No percentile in range(0, 0, 1): damo prints the average alone.
    const none = await run(['wss', SCRIPT, '--raw-number', '--range', '0,0,1']);
    expect(none.stdout).toBe(`${expected('one_target.wss').split('\n').slice(0, 3).join('\n')}\n`);
    const units = await run(['wss', SCRIPT, '--raw-number', '--sz-thres', '1M', '--collapse-targets']);
    expect(units.stdout).toBe(expected('one_target.wss-sz_thres_1M'));
  });

  it("draws as damo 2.4.9's --heatmap stdout|FILE and damo 3.x's heatmap --output stdout|FILE ask", async () => {
    const at20x40 = ['--tid', '0', '--resol', '20', '40', '--address_range', A, B];
    const plot = expected('one_target.tid0.plot_ascii-20x40');
    expect((await run(['heats', SCRIPT, ...at20x40, '--heatmap', 'stdout'], true)).stdout).toBe(plot);
    // damon-exp heatmap is damo 3.3.0's, with its numbers: test/cli/heatmap-damo3.test.ts.
    expect((await run(['heats', SCRIPT, ...at20x40, '--output', 'raw'])).stdout).toBe(
      expected('one_target.tid0.heats-20x40'),
    );
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-heatmap-'));
    const image = await run(['heatmap', SCRIPT, '--resol', '8x8', '--output', join(dir, 'h.svg')]);
    expect(image.status).toBe(0);
    expect(image.stdout).toBe('');
    expect(readFileSync(join(dir, 'h.svg'), 'utf8')).toMatch(/^<svg/);
    for (const [argv, message] of [
      [['heats', '--heatmap', 'h.jpg'], "--heatmap writes SVG or PNG: name a .svg or .png file, not 'h.jpg'"],
      [['heats', '--plot_ascii', '--output', 'raw'], '--plot_ascii and --output raw ask for different outputs'],
      [['heatmap', '--image', 'a.svg', '--output', 'stdout'], '--image and --output stdout ask for different outputs'],
      [['heatmap', '--resol', '0x5'], "see 'damon-exp heatmap --help'"],
      [['heats', '--heatmap'], "Option '--heatmap <value>' argument missing"],
    ] as const) {
      const refused = await run([argv[0], SCRIPT, ...argv.slice(1)]);
      expect(refused.status, argv.join(' ')).toBe(2);
      expect(refused.stderr, argv.join(' ')).toContain(message);
    }
  });

  it("takes damo 3.x's --kdamond_idx and --context_idx for --kdamond and --cid", async () => {
    const many = fileURLToPath(new URL('../fixtures/traces/many_kdamonds.upstream-6.12.script', import.meta.url));
    const theirs = await run(['heats', many, '--kdamond_idx', '1', '--context_idx', '0', '--resol', '2', '3']);
    const ours = await run(['heats', many, '--kdamond', '1', '--cid', '0', '--resol', '2x3']);
    expect(theirs.status).toBe(0);
    expect(theirs.stdout.split('\n')).toHaveLength(7);
    expect(theirs.stdout).toBe(ours.stdout);
  });

  it('suggests the option meant for a misspelt one, ours or damo’s', async () => {
    expect((await run(['heats', SCRIPT, '--adress-range', '1,2'])).stderr).toContain('did you mean --address-range?');
    expect((await run(['heats', SCRIPT, '--address_rang', '1', '2'])).stderr).toContain(
      'did you mean --address_range?',
    );
    expect((await run(['wss', SCRIPT, '--raw_numbr'])).stderr).toContain('did you mean --raw_number?');
  });

  it('names the option as typed, and what is wrong with its value', async () => {
    const cases: [string[], string][] = [
      [['--ascii_color', 'blue'], "--ascii_color must be one of gray, flame, emotion, not 'blue'"],
      [
        ['--resol', '1e3', '5'],
        "--resol takes ROWSxCOLS (or damo's two numbers: --resol 40 80), such as 40x80, not '1e3 5'",
      ],
      [['--address_range', '1', '10X'], "--address_range: '10X' is not an address"],
      [['--address_range', '5', '1'], '--address_range needs START < END, not 5 and 1'],
      [['--address_range', '1', '2'], '--address_range spans 1 bytes, fewer than its 500 columns'],
      [['--time-range', '1s,2s,3s'], '--time-range takes START and END'],
    ];
    for (const [argv, message] of cases) {
      const { status, stderr } = await run(['heats', SCRIPT, ...argv]);
      expect(status, argv.join(' ')).toBe(2);
      expect(stderr, argv.join(' ')).toContain(message);
    }
    const extra = await run(['heats', SCRIPT, '--resol', '20', '40', '50']);
    expect(extra.stderr).toContain('heats reads one run directory or trace file, not 2: ');
    expect(extra.stderr).toContain("'50'");
    expect((await run(['wss', SCRIPT, '--exclude_samples', 'abc'])).stderr).toContain(
      "--exclude_samples needs a whole number, not 'abc'",
    );
    for (const [argv, message] of [
      [['--range', '0', '101', '0'], '--range 0,101,0 asks for percentiles beyond 0 to 100'],
      [['--range', '0,102,25'], 'STOP at most 101'],
      [['-r', '101', '101', '5'], '-r 101,101,5 asks for percentiles beyond'],
      [['--range', '0', '101'], "--range takes START,STOP,STEP (whole percentiles, such as 0,101,25), not '0 101'"],
      [['--json', '--plot', 'x.svg'], '--plot draws, --json prints: give one'],
      [['--range', '0,101'], '--range takes START,STOP,STEP'],
      [['--work_time', '0'], '--work_time needs a duration from 1 µs to 104 days'],
      [['--work_time', '99999999999999'], '--work_time needs a duration from 1 µs'],
      [['--work-time', '5 parsecs'], '--work-time needs a duration from 1 µs'],
      [['--sz_thres', 'big'], "--sz_thres needs a size in bytes (or with a unit: 4K), not 'big'"],
      [['--sz_thres', '-1'], "'--sz_thres' takes a value, and the word after it starts with a dash"],
      [['--sz_thres=-1'], "--sz_thres needs a size in bytes (or with a unit: 4K), not '-1'"],
      [['-t', '1e3'], "-t needs a whole number, not '1e3'"],
      [['--nr_cols_bar', '100000000'], 'at most 10000 columns'],
      [['--sortby', 'age'], '--sortby must be one of size, time'],
      [['--per_target', '--collapse_targets'], '--per_target and --collapse_targets ask for opposite things'],
      [['--plot', 'wss.png'], '--plot writes SVG: name a .svg file'],
    ] as const) {
      const { status, stdout, stderr } = await run(['wss', SCRIPT, ...argv]);
      expect(status, argv.join(' ')).toBe(2);
      expect(stdout, argv.join(' ')).toBe('');
      expect(stderr, argv.join(' ')).toContain(message);
    }
  });

  it('wss --plot draws the percentiles (or every size) into an SVG, and prints nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'damon-exp-wss-plot-'));
    const file = join(dir, 'wss.svg');
    const { status, stdout, stderr } = await run(['wss', SCRIPT, '-p', file, '--range', '0,101,10']);
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`wrote ${file}`);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg[^>]*>/);
    expect(svg).toContain('percentile');
    // One point per percentile: M then ten L.
    expect(svg).toMatch(/d="M[0-9.]+ [0-9.]+(L[0-9.]+ [0-9.]+){10}"/);
    const all = await run(['wss', SCRIPT, '--plot', file, '--all-wss', '--sortby', 'time']);
    expect(all.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('snapshot');
  });

  it('wss --json follows the options: percentiles asked, thresholds, work time', async () => {
    const { stdout } = await run([
      'wss',
      SCRIPT,
      '--json',
      '--skip',
      '0',
      '--work-time',
      '300ms',
      '--range',
      '0,101,50',
    ]);
    const [summary] = JSON.parse(stdout) as {
      sizes: number;
      percentiles: Record<string, number>;
      averageBytes: number;
    }[];
    // The same numbers as the text (one_target.wss-work_time_300ms: 8 merged snapshots, average 14326784).
    expect(summary!.sizes).toBe(8);
    expect(Object.keys(summary!.percentiles)).toEqual(['0', '50', '100']);
    expect(summary!.percentiles['0']).toBe(6094848);
    expect(summary!.percentiles['100']).toBe(35147776);
    expect(Math.trunc(summary!.averageBytes)).toBe(14326784);
  });

  it('takes --time-range in plain ns as well as with units', async () => {
    const ns = await run(['heats', SCRIPT, '--tid', '0', '--resol', '4x4', '--time-range', '0,1000000000']);
    const units = await run(['heats', SCRIPT, '--tid', '0', '--resol', '4x4', '--time-range', '0s,1s']);
    expect(ns.status).toBe(0);
    expect(ns.stdout.split('\n')).toHaveLength(17);
    expect(ns.stdout).toBe(units.stdout);
  });

  it('suggests the command meant for a misspelt one', async () => {
    expect((await run(['plna', 'x.yaml'])).stderr).toContain("unknown command 'plna'; did you mean 'plan'?");
    expect((await run(['--verison'])).stderr).toContain("did you mean '--version'?");
  });
});

describe('wss of a trace of several kdamonds', () => {
  it('collapses targets within each kdamond and context, never across them, with percentiles in order', async () => {
    const many = fileURLToPath(new URL('../fixtures/traces/many_kdamonds.upstream-6.12.script', import.meta.url));
    const { status, stdout } = await run(['wss', many, '--raw_number', '--skip', '0']);
    expect(status).toBe(0);
    const blocks = stdout.split(/^# kdamond /m).slice(1);
    expect(blocks.map((b) => b.split('\n')[0])).toEqual(['0 context 0', '1 context 0', '2 context 0']);
    for (const block of blocks) {
      const values = [...block.matchAll(/^ *(\d+) +(\d+) \|/gm)].map((m) => Number(m[2]));
      expect(values, block).toHaveLength(5);
      expect(values, block).toEqual([...values].sort((a, b) => a - b));
    }
  });
});
