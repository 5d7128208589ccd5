// What a damo user types from habit: damo's two-word commands (`report heats`), options of a
// sibling command, hex addresses as the report prints them, and `--heatmap FILE.png`; on the
// shared traces.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { viridis } from '../../src/report/svg/colour.js';
import { runMain } from '../helpers/run-main.js';

const trace = (name: string) =>
  fileURLToPath(new URL(`../fixtures/traces/${name}.upstream-6.12.script`, import.meta.url));
const ONE = trace('one_target');
const RUN = fileURLToPath(new URL('../fixtures/runs/many_contexts.qemu-6.12', import.meta.url));
const MANIFEST = fileURLToPath(new URL('../../experiments/one_target.yaml', import.meta.url));
const made: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp damo habits '));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runMain(argv);

describe("damo's two-word commands", () => {
  it.each([
    ['heats', [ONE, '--guide']],
    ['heats', [ONE, '--resol', '5', '7', '--abs_addr']],
    ['wss', [ONE, '--range', '0', '101', '50', '--raw_number']],
    ['heatmap', [trace('many_kdamonds'), '--kdamond_idx', '1', '--resol', '6x12']],
  ])('report %s %j prints what the command alone prints', async (command, args) => {
    const ours = await cli(command, ...args);
    const damos = await cli('report', command, ...args);
    expect(ours.status).toBe(0);
    expect(ours.stdout.trim()).not.toBe('');
    expect(damos).toEqual(ours);
  });

  it('report DIR stays the HTML report; a run directory named heats is reached by its path', async () => {
    const dir = tempDir();
    cpSync(RUN, join(dir, 'heats'), { recursive: true });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { status, stdout } = await cli('report', './heats');
      expect(status).toBe(0);
      expect(stdout.trim()).toBe(join('heats', 'report.html'));
      expect(readFileSync(join(dir, 'heats', 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
      // The bare word is the command: heats of ./heats, the run directory.
      const guide = await cli('report', 'heats', 'heats', '--guide');
      expect(guide.status).toBe(0);
      expect(guide.stdout).toMatch(/^# kdamond 0 context 0\ntarget_id:0\n/);
    } finally {
      process.chdir(cwd);
    }
  });

  it('report --help and the main help list them; help report heats is heats', async () => {
    const report = (await cli('report', '--help')).stdout.replace(/\s+/g, ' ');
    expect(report).toContain('report heats|wss|heatmap ARGS');
    expect(report).toContain("'damon-exp report heats ARGS'");
    expect(report).toContain("'damon-exp report ./heats'");
    const all = await cli('--help');
    expect(all.stdout.replace(/\s+/g, ' ')).toContain(
      "'report heats' is heats, 'report wss' is wss, 'report heatmap' is heatmap",
    );
    expect((await cli('help', 'report', 'heats')).stdout).toMatch(/^Usage: damon-exp heats /);
    expect((await cli('report', 'wss', '--help')).stdout).toMatch(/^Usage: damon-exp wss /);
  });
});

describe('an option of a sibling command', () => {
  it.each([
    [['plan', MANIFEST, '--only', 'run'], "Unknown option '--only'; did you mean --run?", 'plan'],
    [['report', ONE, '--guide'], "Unknown option '--guide'; did you mean 'report heats --guide'?", 'report'],
    [['report', '--address_range', '1', '2'], "did you mean 'report heats --address_range'?", 'report'],
    [['plan', MANIFEST, '--backend', 'qemu'], "--backend is an option of 'run', not of 'plan'", 'plan'],
    [['wss', ONE, '--guide'], "--guide is an option of 'heats', not of 'wss'", 'wss'],
    [['report', 'wss', ONE, '--guide'], "--guide is an option of 'heats', not of 'report wss'", 'wss'],
    // A slip of the command's own option is still a slip.
    [['heats', ONE, '--guid'], "Unknown option '--guid'; did you mean --guide?", 'heats'],
  ])('%j: a usage error saying where it belongs', async (argv, says, help) => {
    const { status, stdout, stderr } = await cli(...argv);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(says);
    expect(stderr).toContain(`see 'damon-exp ${help} --help'`);
  });

  it('an option no sibling takes gets no hint', async () => {
    const { status, stderr } = await cli('plan', MANIFEST, '--frobnicate');
    expect(status).toBe(2);
    expect(stderr.split('\n')[0]).toBe("damon-exp: Unknown option '--frobnicate'");
  });
});

/** The guide's ranges of a trace: the decimal words damo prints, as typed. */
async function guideRanges(file: string): Promise<[string, string][]> {
  const { stdout } = await cli('heats', file, '--guide');
  return [...stdout.matchAll(/^region\t *\d+: (\d+)-(\d+) /gm)].map((m) => [m[1]!, m[2]!]);
}

const hex = (decimal: string) => `0x${BigInt(decimal).toString(16)}`;

describe('addresses in hex and in decimal', () => {
  it('a range of the guide, pasted back in either spelling, gives the same heats', async () => {
    const ranges = await guideRanges(ONE);
    expect(ranges).toHaveLength(3);
    const [start, end] = ranges[1]!;
    const heats = async (...range: string[]) => {
      const { status, stdout, stderr } = await cli('heats', ONE, '--resol', '4x6', '--abs-addr', ...range);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      return stdout;
    };
    const decimal = await heats('--address-range', `${start},${end}`);
    const lines = decimal.trim().split('\n');
    expect(lines).toHaveLength(24);
    // The range drawn is the one given: its first column starts at the range's start.
    expect(lines[0]!.split('\t')[1]).toBe(String(BigInt(start)));
    expect(lines.some((l) => Number(l.split('\t')[2]) > 0)).toBe(true);
    expect(await heats('--address-range', `${hex(start)},${hex(end)}`)).toBe(decimal);
    expect(await heats('--address_range', hex(start), hex(end))).toBe(decimal);
    expect(await heats('--address_range', hex(start).toUpperCase(), hex(end).toUpperCase())).toBe(decimal);
    expect(await heats(`--address-range=${BigInt(start)},${hex(end)}`)).toBe(decimal);
    // Another range gives other heats: the option is not ignored.
    const [otherStart, otherEnd] = ranges[0]!;
    expect(await heats('--address_range', hex(otherStart), hex(otherEnd))).not.toBe(decimal);
  });

  it("the SVG's start address, pasted back, is the range drawn", async () => {
    const dir = tempDir();
    const svg = join(dir, 'heat.svg');
    expect((await cli('heats', ONE, '--image', svg)).status).toBe(0);
    const printed = /addresses from (\d+) \((0x[0-9a-f]+)\), /.exec(readFileSync(svg, 'utf8'));
    expect(printed).not.toBeNull();
    const [, decimal, hexStart] = printed!;
    const [, end] = (await guideRanges(ONE)).find(([s]) => BigInt(s) === BigInt(decimal!))!;
    const first = async (from: string) =>
      (await cli('heats', ONE, '--resol', '2x2', '--abs-addr', '--address_range', from, end!)).stdout.split('\t')[1];
    expect(await first(hexStart!)).toBe(decimal);
    expect(await first(decimal!)).toBe(decimal);
  });

  it('refuses an address past 2^53 and a word that is no address, naming the option', async () => {
    const past = await cli('heats', ONE, '--address_range', '0xffff800000000000', '0xffff800000100000');
    expect(past.status).toBe(2);
    expect(past.stderr).toContain("--address_range: '0xffff800000000000' is past 2^53");
    const bad = await cli('heats', ONE, '--address-range', '0x10,0xzz');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--address-range: '0xzz' is not an address");
    expect(bad.stderr).toContain('hex as 0x7f1c00000000');
  });
});

/** The pixels of a PNG as RGB triples, row by row. */
function pixelsOf(png: Buffer): { width: number; height: number; rgb: number[][] } {
  const image = PNG.sync.read(png);
  const rgb: number[][] = [];
  for (let i = 0; i < image.width * image.height; i++) rgb.push([...image.data.subarray(i * 4, i * 4 + 3)]);
  return { width: image.width, height: image.height, rgb };
}

describe('heatmaps as PNG', () => {
  it.each([
    ['heats', '--image'],
    ['heats', '--heatmap'],
    ['heats', '--output'],
    ['heatmap', '--output'],
  ])("%s %s FILE.png writes the heatmap's pixels, the image its SVG embeds", async (command, option) => {
    const dir = tempDir();
    const [png, svg] = [join(dir, 'heat.png'), join(dir, 'heat.svg')];
    const args = [trace('many_kdamonds'), '--kdamond', '2', '--resol', '12x20'];
    const written = await cli(command, ...args, option, png);
    expect(written.status).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toContain(`wrote ${png} (12×20`);
    const { width, height, rgb } = pixelsOf(readFileSync(png));
    expect([width, height]).toEqual([12, 20]);
    // The same data as the SVG: its embedded image decodes to the same pixels.
    expect((await cli(command, ...args, option, svg)).status).toBe(0);
    const embedded = /href="data:image\/png;base64,([^"]+)"/.exec(readFileSync(svg, 'utf8'))![1]!;
    expect(pixelsOf(Buffer.from(embedded, 'base64')).rgb).toEqual(rgb);
    // Each pixel is its heat (damo's 'time addr heat' lines: heats' 2.4.9 numbers, heatmap's
    // 3.3.0 ones, where a pixel no region touched is NaN, drawn as 0) on viridis from 0 to the hottest.
    const raw = command === 'heats' ? await cli('heats', ...args) : await cli('heatmap', ...args, '--output', 'raw');
    const heats = raw.stdout
      .trim()
      .split('\n')
      .map((l) => Number(l.trim().split(/\s+/)[2]))
      .map((heat) => (Number.isNaN(heat) ? 0 : heat));
    expect(heats).toHaveLength(12 * 20);
    const max = Math.max(...heats);
    expect(max).toBeGreaterThan(0);
    const expected: number[][] = Array.from({ length: 12 * 20 });
    heats.forEach((heat, i) => {
      const [row, col] = [Math.floor(i / 20), i % 20];
      expected[(20 - 1 - col) * 12 + row] = viridis(Math.round((heat / max) * 255) / 255);
    });
    expect(rgb).toEqual(expected);
  });

  it.each([
    ['heats', '--image', 'heat.jpg', "--image writes SVG or PNG: name a .svg or .png file, not '"],
    ['heats', '--heatmap', 'heat.pdf', "--heatmap writes SVG or PNG: name a .svg or .png file, not '"],
    ['heatmap', '--output', 'heat', "--output writes SVG or PNG: name a .svg or .png file, not '"],
  ])('%s %s %s: a usage error naming what is supported', async (command, option, name, says) => {
    const dir = tempDir();
    const { status, stdout, stderr } = await cli(command, ONE, option, join(dir, name));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(says);
    expect(stderr).toContain(`see 'damon-exp ${command} --help'`);
  });

  it('a PNG in a directory that is not there is refused before the analysis', async () => {
    const dir = tempDir();
    const { status, stderr } = await cli('heats', ONE, '--image', join(dir, 'missing', 'heat.png'));
    expect(status).toBe(1);
    expect(stderr).toContain(`cannot write the image ${join(dir, 'missing', 'heat.png')}: no directory`);
  });
});
