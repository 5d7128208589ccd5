import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMasimConfig, MasimConfigError } from '../../src/masim/parse.js';
import { serializeMasimConfig } from '../../src/masim/serialize.js';
import { totalDurationMs, totalSizeBytes } from '../../src/masim/config.js';

const fixtures = new URL('../fixtures/masim/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8')) as {
  good: { file: string; regions: number; phases: number; patterns: number; canonical: boolean }[];
  bad: { file: string; line: number; says: string }[];
};
const read = (file: string) => readFileSync(new URL(file, fixtures), 'utf8');

describe('masim config parser: the cases shared with native/masim', () => {
  it.each(cases.good)('reads $file', ({ file, regions, phases, patterns, canonical }) => {
    const text = read(file);
    const config = parseMasimConfig(text, file);
    expect(config.regions).toHaveLength(regions);
    expect(config.phases).toHaveLength(phases);
    expect(config.phases.flatMap((p) => p.patterns)).toHaveLength(patterns);
    const again = serializeMasimConfig(config);
    expect(parseMasimConfig(again)).toEqual(config);
    if (canonical) expect(again).toBe(text);
    else expect(again).not.toBe(text);
  });

  it.each(cases.bad)('rejects $file at line $line', ({ file, line, says }) => {
    let error: unknown;
    try {
      parseMasimConfig(read(file), file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MasimConfigError);
    const configError = error as MasimConfigError;
    expect(configError.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}: `));
    expect(configError.line).toBe(line);
    expect(configError.detail).toContain(says);
  });

  it('covers every fixture file', () => {
    const listed = new Set([...cases.good, ...cases.bad].map((c) => c.file));
    const present = ['good', 'bad'].flatMap((dir) =>
      readdirSync(new URL(`${dir}/`, fixtures)).map((f) => `${dir}/${f}`),
    );
    expect(present.filter((f) => !listed.has(f))).toEqual([]);
    expect([...listed].filter((f) => !present.includes(f))).toEqual([]);
    // it.each over an empty list would pass without a test.
    expect(cases.good.length).toBeGreaterThan(0);
    expect(cases.bad.length).toBeGreaterThan(0);
  });
});

describe('masim config model', () => {
  it('reads the fields as masim does', () => {
    const config = parseMasimConfig(read('good/comments-and-modes.cfg'));
    expect(config.regions).toEqual([
      { name: 'small', sizeBytes: 4096, comments: ['# header comment', '# second line'] },
      { name: 'big', sizeBytes: 1_000_000, init: 'none' },
    ]);
    expect(config.phases[0]).toEqual({
      name: 'mixed modes',
      durationMs: 100,
      comments: ['# a phase comment'],
      patterns: [
        { region: 'small', random: true, strideBytes: 64, weight: 3, mode: 'ro' },
        { region: 'big', random: false, strideBytes: 4096, weight: 1, mode: 'wo' },
        { region: 'big', random: true, strideBytes: 0, weight: 0, mode: 'rw' },
      ],
    });
    expect(config.phases[1]!.patterns[0]!.mode).toBeUndefined();
  });

  it('keeps spaces inside phase names and trims numeric fields', () => {
    const config = parseMasimConfig(read('good/loose-spacing.cfg'));
    expect(config.phases[0]!.name).toBe('phase with  spaces');
    expect(config.phases[0]!.durationMs).toBe(42);
    expect(config.regions[1]).toEqual({ name: 'b', sizeBytes: 200, init: 'init.bin' });
    expect(serializeMasimConfig(config)).toBe(
      'a, 100\nb, 200, init.bin\n\nphase with  spaces\n42\na, 0, 4096, 1\nb, 1, 8, 2, rw\n',
    );
  });
});

describe('the shipped masim configs', () => {
  const dir = new URL('../../experiments/masim/', import.meta.url);
  const load = (name: string) => parseMasimConfig(readFileSync(new URL(name, dir), 'utf8'), name);

  const shipped = readdirSync(dir).filter((f) => f.endsWith('.cfg'));

  it('are all there', () => {
    expect(shipped).toEqual(expect.arrayContaining(['zigzag.cfg', 'demo.cfg', 'stairs.cfg', 'stairs_30secs.cfg']));
  });

  it.each(shipped)('%s round-trips exactly', (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    expect(serializeMasimConfig(parseMasimConfig(text, name))).toBe(text);
  });

  it('reproduce zigzag, demo and stairs (REFERENCE.md §5)', () => {
    const zigzag = load('zigzag.cfg');
    expect(zigzag.regions.map((r) => [r.name, r.sizeBytes])).toEqual([
      ['a', 100_000_000],
      ['b', 100_000_000],
    ]);
    expect(zigzag.phases).toHaveLength(13);
    expect(zigzag.phases[0]!.durationMs).toBe(10_000);
    expect(zigzag.phases[0]!.patterns.map((p) => p.region)).toEqual(['a', 'b']);
    expect(zigzag.phases.slice(1).map((p) => p.patterns.map((x) => x.region).join())).toEqual('abababababab'.split(''));
    expect(
      zigzag.phases
        .slice(1)
        .map((p) => [p.name, p.durationMs, p.patterns[0]!.weight, p.patterns[0]!.random, p.patterns[0]!.strideBytes]),
    ).toEqual(zigzag.phases.slice(1).map((p) => [p.name, 5000, 50, false, 4096]));

    const demo = load('demo.cfg');
    expect(demo.phases).toHaveLength(7);
    expect(totalDurationMs(demo)).toBe(40_000);

    const stairs = load('stairs.cfg');
    expect(stairs.regions).toHaveLength(10);
    expect(totalSizeBytes(stairs)).toBe(100_000_000);
    expect(stairs.phases[0]!.patterns).toHaveLength(10);
    expect(stairs.phases.slice(1).map((p) => p.patterns.map((x) => x.region))).toEqual(
      stairs.regions.map((r) => [r.name]),
    );
    expect(totalDurationMs(stairs)).toBe(60_000);

    expect(totalDurationMs(load('zigzag_30secs.cfg'))).toBe(5000 + 12 * 2500);
    expect(totalDurationMs(load('stairs_30secs.cfg'))).toBe(30_000);
    expect(totalDurationMs(load('demo_30secs.cfg'))).toBe(5000 + 6 * 2500);
  });
});
