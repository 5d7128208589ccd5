// damo 2.4.9's report heats, number for number (test/fixtures/damo-2.4.9/README.md has its
// commands): analysis/heats.ts's guide and heatmaps, in damo's layouts (report/damo-layouts.ts),
// from the perf script trace and from each of damo's record formats.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guideOf, heatmapOf, heatsOf, selects, type HeatsSpec } from '../../src/analysis/heats.js';
import { asciiHeatmap } from '../../src/report/ascii-heatmap.js';
import { guideText, heatsLines } from '../../src/report/damo-layouts.js';
import { openTrace } from '../../src/trace/source.js';

const DAMO = fileURLToPath(new URL('../fixtures/damo-2.4.9/', import.meta.url));
const TRACES = fileURLToPath(new URL('../fixtures/traces/', import.meta.url));
const expected = (name: string) => readFileSync(join(DAMO, name), 'utf8');
const A_B: [number, number] = [139660055748608, 139660091592704];

const SOURCES: [string, string][] = [
  ['perf script', join(TRACES, 'one_target.upstream-6.12.script')],
  ["damo's json_compressed record", join(DAMO, 'one_target.damon.data.json_compressed')],
  ["damo's json record", join(DAMO, 'one_target.damon.data.json')],
  ["damo's perf_script record", join(DAMO, 'one_target.damon.data.perf_script')],
  ["damo's perf_data record (perf.data)", join(TRACES, 'one_target.upstream-6.12.data')],
];

const lines = (list: string[]) => `${list.join('\n')}\n`;
const at = (rows: number, cols: number, address?: [number, number]): HeatsSpec => ({
  rows,
  cols,
  range: 'hottest',
  address,
});

describe.each(SOURCES)("damo 2.4.9's report heats of one_target, from its %s", (_name, file) => {
  it('--guide', async () => {
    const { entries } = await guideOf(openTrace(file));
    expect(lines(guideText(entries, false))).toBe(expected('one_target.guide'));
  });

  it('--tid 0 --resol 20 40 --address_range A B, relative and absolute', async () => {
    const { map } = await heatsOf(openTrace(file), { target: 0 }, at(20, 40, A_B));
    expect(lines(heatsLines(map!, { time: false, address: false }))).toBe(expected('one_target.tid0.heats-20x40'));
    const abs = await heatsOf(openTrace(file), { target: 0 }, at(10, 30, A_B));
    expect(lines(heatsLines(abs.map!, { time: true, address: true }))).toBe(
      expected('one_target.tid0.heats-10x30-abs'),
    );
  });

  it('--plot_ascii', async () => {
    const { map } = await heatsOf(openTrace(file), { target: 0 }, at(20, 40, A_B));
    const plot = asciiHeatmap(map!.result(), { colors: 'gray', time: map!.spec.time, address: map!.spec.address });
    expect(`${plot}\n`).toBe(expected('one_target.tid0.plot_ascii-20x40'));
  });
});

describe('damo 2.4.9 on three targets of one kdamond (many_targets)', () => {
  const file = join(TRACES, 'many_targets.upstream-6.12.script');

  it('lists the targets by address space, largest first, in the guide', async () => {
    const { entries } = await guideOf(openTrace(file));
    expect(lines(guideText(entries, false))).toBe(expected('many_targets.guide'));
  });

  it("draws the guide's first target over its hottest range without a selection", async () => {
    const { matching, map } = await heatsOf(openTrace(file), {}, at(30, 20));
    expect(matching).toHaveLength(3);
    expect(lines(heatsLines(map!, { time: false, address: false }))).toBe(expected('many_targets.heats-30x20'));
  });
});

describe('heats of a selection', () => {
  const file = join(TRACES, 'many_kdamonds.upstream-6.12.script');

  it('keeps (kdamond, context, target) apart and draws the first that matches', async () => {
    const { entries, matching, map } = await heatsOf(openTrace(file), { kdamond: 1 }, at(4, 4));
    expect(entries.map((e) => e.kdamond)).toEqual([0, 1, 2]);
    expect(matching.map((e) => [e.kdamond, e.context, e.target])).toEqual([[1, 0, 0]]);
    expect(map!.spec.time[0]).toBe(matching[0]!.firstNs);
    const none = await heatsOf(openTrace(file), { kdamond: 7 }, at(4, 4));
    expect(none.matching).toEqual([]);
    expect(none.map).toBeNull();
  });

  it('selects by each given part only', () => {
    const s = { kdamond: 1, context: 2, target: 3 };
    expect(selects({}, s)).toBe(true);
    expect(selects({ context: 2 }, s)).toBe(true);
    expect(selects({ context: 2, target: 0 }, s)).toBe(false);
  });

  it("heatmapOf: the guide's span and chosen range, or the ranges asked for", async () => {
    const { entries } = await guideOf(openTrace(file));
    const entry = entries[0]!;
    const whole = heatmapOf(entry, at(10, 10));
    expect(whole.spec.time[0]).toBe(entry.firstNs);
    expect(entry.ranges.some((r) => r.start === whole.spec.address[0])).toBe(true);
    const relative = heatmapOf(entry, { ...at(10, 10), relativeTime: [1e9, 2e9] });
    expect(relative.spec.time).toEqual([entry.firstNs + 1e9, entry.firstNs + 2e9]);
    const absolute = heatmapOf(entry, { ...at(10, 10), time: [5e9, 6e9], address: [0, 1000] });
    expect(absolute.spec).toMatchObject({ time: [5e9, 6e9], address: [0, 1000] });
  });
});
