// damo parity, number for number: damon-exp's heats, guide, ASCII plot and wss against damo
// 2.4.9's own outputs on the same recording (test/fixtures/damo-2.4.9/README.md has the commands),
// in damo's spellings and in ours, from the perf script trace and from damo's own record formats.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';

const DAMO = fileURLToPath(new URL('../fixtures/damo-2.4.9/', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../fixtures/traces/one_target.upstream-6.12.script', import.meta.url));
const COMPRESSED = join(DAMO, 'one_target.damon.data.json_compressed');
/** damo's record as plain JSON (its `json` format): the compressed one inflated. */
const JSON_RECORD = (() => {
  const file = join(mkdtempSync(join(tmpdir(), 'damon-exp-damo-json-')), 'damon.data');
  writeFileSync(file, inflateSync(readFileSync(COMPRESSED)));
  return file;
})();
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

const SOURCES: [string, string][] = [
  ['perf script', SCRIPT],
  ["damo's json_compressed record", COMPRESSED],
  ["damo's json record", JSON_RECORD],
];

describe("damo 2.4.9's numbers, in damo's spellings", () => {
  it('covers every output in the fixture folder', () => {
    const names = CASES.map(([name]) => name).sort();
    expect(names).toEqual([
      'one_target.guide',
      'one_target.tid0.heats-10x30-abs',
      'one_target.tid0.heats-20x40',
      'one_target.tid0.plot_ascii-20x40',
      'one_target.wss',
    ]);
  });

  for (const [sourceName, source] of SOURCES) {
    it.each(CASES)(`${sourceName}: %s`, async (file, argv, _what, color) => {
      const { status, stdout } = await run(
        argv.map((a) => (a === '@' ? source : a)),
        color,
      );
      expect(status).toBe(0);
      expect(differences(stdout, expected(file))).toEqual([]);
      expect(stdout).toBe(expected(file));
    });
  }

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
    expect(odd.stderr).toContain('record 0 snapshot 0 region 0 start is not a number ("1e400")');
  });

  it('says which of damo’s record formats it read', async () => {
    expect((await run(['wss', '-i', COMPRESSED])).stderr).toContain("damo's record format json_compressed");
    expect((await run(['wss', '-i', JSON_RECORD])).stderr).toContain("damo's record format json");
  });
});

describe('damo 2.4.9 on three targets of one kdamond (many_targets)', () => {
  const MANY = fileURLToPath(new URL('../fixtures/traces/many_targets.upstream-6.12.script', import.meta.url));
  it.each<[string, string[]]>([
    ['many_targets.guide', ['heats', '--input', MANY, '--guide']],
    ['many_targets.heats-30x20', ['heats', '--input', MANY, '--resol', '30', '20']],
    ['many_targets.wss', ['wss', '--input', MANY, '--raw_number']],
    ['many_targets.wss-per_target', ['wss', '--input', MANY, '--raw_number', '--per_target']],
  ])('%s', async (file, argv) => {
    const { status, stdout } = await run(argv);
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
});
