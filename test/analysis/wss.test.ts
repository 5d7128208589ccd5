// damo 2.4.9's report wss, number for number (test/fixtures/damo-2.4.9/README.md has its
// commands): analysis/wss.ts's distributions in damo's layout (report/damo-layouts.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DAMO_CRITERIA,
  DAMO_PERCENTILES,
  DAMO_WARMUP,
  wssDistributions,
  wssOf,
  type WssOptions,
} from '../../src/analysis/wss.js';
import { wssText } from '../../src/report/damo-layouts.js';
import { openTrace } from '../../src/trace/source.js';

const DAMO = fileURLToPath(new URL('../fixtures/damo-2.4.9/', import.meta.url));
const TRACES = fileURLToPath(new URL('../fixtures/traces/', import.meta.url));
const expected = (name: string) => readFileSync(join(DAMO, name), 'utf8');
const range = (start: number, stop: number, step: number) =>
  Array.from({ length: Math.ceil((stop - start) / step) }, (_, i) => start + i * step);

const DAMO_DEFAULTS: WssOptions = {
  skip: DAMO_WARMUP,
  criteria: DAMO_CRITERIA,
  workTimeNs: null,
  sortBy: 'size',
  percentiles: DAMO_PERCENTILES,
};

interface Case {
  options?: Partial<WssOptions>;
  perTarget?: boolean;
  layout?: { raw?: boolean; bar?: number; all?: boolean };
}

/** damo's report wss output for the trace, as `damon-exp wss` prints it. */
async function damoWss(file: string, { options = {}, perTarget = false, layout = {} }: Case): Promise<string> {
  const all = { ...DAMO_DEFAULTS, ...options };
  const { targets } = await wssOf(openTrace(file), all);
  return wssDistributions(targets, perTarget, all.percentiles)
    .map((d) => `# target_id\t${d.target}\n${wssText(d, { raw: true, bar: 59, all: false, ...layout })}\n`)
    .join('');
}

const ONE_TARGET: [string, Case][] = [
  ['one_target.wss', {}],
  ['one_target.wss-range_0_101_10', { options: { percentiles: range(0, 101, 10) } }],
  ['one_target.wss-acc_thres_5', { options: { criteria: { minAccesses: 5, minBytes: 1 } } }],
  ['one_target.wss-sz_thres_1M', { options: { criteria: { minAccesses: 1, minBytes: 2 ** 20 } } }],
  ['one_target.wss-sortby_time', { options: { sortBy: 'time', percentiles: range(0, 101, 20) } }],
  ['one_target.wss-all_wss', { layout: { all: true } }],
  ['one_target.wss-nr_cols_bar_20', { layout: { raw: false, bar: 20 } }],
  ['one_target.wss-work_time_300ms', { options: { skip: 0, workTimeNs: 300_000_000, percentiles: range(0, 101, 5) } }],
];

const MANY_TARGETS: [string, Case][] = [
  ['many_targets.wss', {}],
  ['many_targets.wss-per_target', { perTarget: true }],
  ['many_targets.wss-work_time_500ms', { options: { skip: 5, workTimeNs: 500_000_000 } }],
  ['many_targets.wss-per_target-time-all', { options: { sortBy: 'time' }, perTarget: true, layout: { all: true } }],
];

describe("damo 2.4.9's report wss", () => {
  for (const [source, file] of <[string, string][]>[
    ['perf script', join(TRACES, 'one_target.upstream-6.12.script')],
    ["damo's json_compressed record", join(DAMO, 'one_target.damon.data.json_compressed')],
  ])
    it.each(ONE_TARGET)(`${source}: %s`, async (name, options) => {
      expect(await damoWss(file, options)).toBe(expected(name));
    });

  it.each(MANY_TARGETS)('%s', async (name, options) => {
    expect(await damoWss(join(TRACES, 'many_targets.upstream-6.12.script'), options)).toBe(expected(name));
  });
});

describe('wss distributions', () => {
  it('collapse targets within a (kdamond, context), never across them', async () => {
    const { targets } = await wssOf(openTrace(join(TRACES, 'many_kdamonds.upstream-6.12.script')), {
      ...DAMO_DEFAULTS,
      skip: 0,
    });
    const collapsed = wssDistributions(targets, false, DAMO_PERCENTILES);
    expect(collapsed.map((d) => [d.kdamond, d.context, d.target])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [2, 0, 0],
    ]);
    for (const [i, d] of collapsed.entries()) expect(d.sizes).toEqual(targets[i]!.sizes);
  });

  it('sum the ranks of targets of one context, and say none after a warm-up longer than the trace', async () => {
    const { targets } = await wssOf(openTrace(join(TRACES, 'many_targets.upstream-6.12.script')), DAMO_DEFAULTS);
    const [sum] = wssDistributions(targets, false, DAMO_PERCENTILES);
    expect(sum!.sizes[0]).toBe(targets.reduce((total, t) => total + t.sizes[0]!, 0));
    const short = await wssOf(openTrace(join(TRACES, 'many_targets.upstream-6.12.script')), {
      ...DAMO_DEFAULTS,
      skip: 100_000,
    });
    expect(short.targets[0]!.summary).toMatchObject({ skipped: short.targets[0]!.summary.snapshots, sizes: 0 });
    const [none] = wssDistributions(short.targets, false, DAMO_PERCENTILES);
    expect(wssText(none!, { raw: true, bar: 59, all: false })).toBe('# <percentile> <wss>\n# no snapshot');
  });
});
