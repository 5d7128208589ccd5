import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/sweep/collect.js';
import { compareRuns, renderComparison } from '../../src/sweep/compare.js';
import { metricFigure } from '../../src/sweep/figures.js';
import type { Environment } from '../../src/record/environment.js';

const env = (kernel: string) =>
  ({
    kernel: { release: kernel },
    machine: { cpuModel: 'Xeon', cpus: 2 },
    tools: { perf: 'perf 6.1', masim: [] },
    damonExp: { version: '0.1.0', gitCommit: 'abc', gitDirty: false },
  }) as unknown as Environment;

function row(
  id: string,
  params: Record<string, unknown>,
  metrics: RunRow['metrics'],
  state = 'complete',
  kernel = '6.12',
): RunRow {
  return {
    id,
    dir: `/r/${id}`,
    state,
    errors: [],
    params,
    repetition: 1,
    key: JSON.stringify(params),
    metrics,
    env: env(kernel),
    run: { manifest: { name: 'm' } } as RunRow['run'],
    hasReport: true,
    analysed: true,
    emulated: false,
    validity: 'ok',
    suspectWhy: null,
    problems: [],
  };
}

describe('compare', () => {
  const rows = [
    row('a1', { 'layout.kind': 'many-targets' }, { kdamond_cpu: 2.0, events: 100 }),
    row('a2', { 'layout.kind': 'many-targets' }, { kdamond_cpu: 2.2, events: 100 }),
    row('a3', { 'layout.kind': 'many-targets' }, { kdamond_cpu: 1.8, events: 100 }),
    row('b1', { 'layout.kind': 'many-contexts' }, { kdamond_cpu: 4.0, events: 300 }, 'complete', '6.13'),
    row('b2', { 'layout.kind': 'many-contexts' }, { kdamond_cpu: 4.4, events: 300 }),
    row('b3', { 'layout.kind': 'many-contexts' }, { kdamond_cpu: 3.9, events: 300 }),
    row('b4', { 'layout.kind': 'many-contexts' }, {}, 'failed'),
  ];

  it('gives each metric the change against the baseline, its 95 % CI and a significance mark', () => {
    const c = compareRuns(rows, 'layout.kind');
    expect(c.baseline).toBe('many-targets');
    expect(c.values.map((v) => [v.value, v.runs.length])).toEqual([
      ['many-targets', 3],
      ['many-contexts', 3],
    ]);
    const cpu = c.changes[0]!.metrics.find((m) => m.metric === 'kdamond_cpu')!;
    expect(cpu.change).toBeCloseTo(2.1, 10);
    expect(cpu.relative).toBeCloseTo(1.05, 10);
    expect(cpu.mark).toBe('***');
    expect(cpu.changeCi95!).toBeGreaterThan(0.3);
    expect(cpu.changeCi95!).toBeLessThan(1);
    // No variance on either side: no test, said so.
    expect(c.changes[0]!.metrics.find((m) => m.metric === 'events')!.mark).toBe('n/a');
    expect(c.excluded).toEqual([{ id: 'b4', state: 'failed' }]);
    expect(c.environment).toEqual([
      {
        field: 'kernel',
        byValue: [
          { value: 'many-targets', seen: ['6.12'] },
          { value: 'many-contexts', seen: ['6.13', '6.12'] },
        ],
      },
    ]);
    expect(c.confounders).toEqual([]);
    const text = renderComparison(c);
    expect(text).toContain('layout.kind: many-targets → many-contexts');
    // Each metric with its unit; the change with its 95 % interval [low, high].
    expect(text).toMatch(
      /kdamond CPU\s+% of one CPU\s+2 ±0\.2 \(n=3\)\s+4\.1 ±0\.2646 \(n=3\)\s+\+2\.1 \[\+1\.\d+, \+2\.\d+\] \(\+105\.0 %\)\s+\*\*\* p=/,
    );
    expect(text).toMatch(/events recorded\s+lines\s+/);
    expect(text).toContain('environment differences:');
  });

  it('finds other parameters that differ', () => {
    const mixed = [
      ...rows,
      row('c1', { 'layout.kind': 'many-targets', 'monitoring.sample': '10ms' }, { kdamond_cpu: 1 }),
    ];
    expect(compareRuns(mixed, 'layout.kind').confounders).toEqual([
      { param: 'monitoring.sample', values: ['(none)', '10ms'] },
    ]);
  });

  it('a figure plots exactly the numbers its CSV holds', () => {
    const figure = { name: 'cpu', x: 'layout.kind', y: 'kdamond_cpu' as const, type: 'bar' as const };
    const { svg, csv } = metricFigure(rows, figure);
    expect(csv.trim().split('\n')).toEqual([
      'series,x,n,mean,stddev,min,max,ci95_low,ci95_high',
      ',many-targets,3,2,0.2,1.8,2.2,1.50317,2.49683',
      ',many-contexts,3,4.1,0.264575,3.9,4.4,3.44276,4.75724',
    ]);
    expect(svg).toContain('many-contexts');
    expect(svg.match(/<rect [^>]*class="series"/g)).toHaveLength(2);
  });
});

describe('compare with few repetitions, suspect runs and bounded metrics', () => {
  it('gives min–max and no interval or test below three repetitions a side, and says so', () => {
    const two = [
      row('a1', { x: 'a' }, { recall: 90 }),
      row('a2', { x: 'a' }, { recall: 96 }),
      row('b1', { x: 'b' }, { recall: 40 }),
      row('b2', { x: 'b' }, { recall: 99 }),
    ];
    const c = compareRuns(two, 'x');
    const recall = c.changes[0]!.metrics.find((m) => m.metric === 'recall')!;
    expect(recall).toMatchObject({ changeCi95: null, changeLow95: null, changeHigh95: null, p: null, mark: 'n/a' });
    const text = renderComparison(c);
    expect(text).toMatch(/recall\s+%\s+93 \(90–96, n=2\)\s+69\.5 \(40–99, n=2\)\s+-23\.5 \(-25\.3 %\)\s+n\/a/);
    expect(text).toContain('fewer than 3 repetitions a side: min–max shown, and no interval or test');
  });

  it("clips the change's interval to what the metric allows", () => {
    // recall 99 % against 60-98 %: the change cannot exceed +1 point, whatever Welch says.
    const rows = [
      row('a1', { x: 'a' }, { recall: 60 }),
      row('a2', { x: 'a' }, { recall: 98 }),
      row('a3', { x: 'a' }, { recall: 99 }),
      row('b1', { x: 'b' }, { recall: 100 }),
      row('b2', { x: 'b' }, { recall: 99 }),
      row('b3', { x: 'b' }, { recall: 98 }),
    ];
    const recall = compareRuns(rows, 'x').changes[0]!.metrics.find((m) => m.metric === 'recall')!;
    expect(recall.changeCi95!).toBeGreaterThan(50);
    expect(recall.changeHigh95).toBeCloseTo(100 - (60 + 98 + 99) / 3, 9);
    expect(recall.changeLow95).toBeCloseTo(recall.change! - recall.changeCi95!, 9);
  });

  it('leaves suspect runs out and names them, unless asked to count them', () => {
    const rows = [
      row('a1', { x: 'a' }, { kdamond_cpu: 1 }),
      row('a2', { x: 'a' }, { kdamond_cpu: 1 }),
      row('b1', { x: 'b' }, { kdamond_cpu: 2 }),
      { ...row('b2', { x: 'b' }, { kdamond_cpu: 9 }), validity: 'suspect' as const, suspectWhy: 'DAMON saw 17 %' },
    ];
    const c = compareRuns(rows, 'x');
    expect(c.values).toEqual([
      { value: 'a', runs: ['a1', 'a2'] },
      { value: 'b', runs: ['b1'] },
    ]);
    expect(c.excluded).toEqual([{ id: 'b2', state: 'suspect: DAMON saw 17 %' }]);
    expect(renderComparison(c)).toContain(
      'left out as suspect (1; --include-suspect counts them): b2 (DAMON saw 17 %)',
    );
    expect(compareRuns(rows, 'x', undefined, { includeSuspect: true }).values[1]!.runs).toEqual(['b1', 'b2']);
  });
});

describe('figures and suspect runs', () => {
  it('leave suspect runs out and say how many; --include-suspect draws them', () => {
    const rows = [
      row('a1', { x: 1 }, { recall: 95 }),
      row('a2', { x: 1 }, { recall: 97 }),
      row('a3', { x: 1 }, { recall: 99 }),
      { ...row('a4', { x: 1 }, { recall: 13 }), validity: 'suspect' as const, suspectWhy: 'DAMON saw 13 %' },
    ];
    const figure = { name: 'recall', x: 'x', y: 'recall' as const };
    const left = metricFigure(rows, figure);
    expect(left.csv.split('\n')[1]).toMatch(/^,1,3,97,2,95,99,/);
    expect(left.warnings).toEqual([
      "1 suspect run left out of figure 'recall' (a4): its own data say its numbers do not describe DAMON (--include-suspect draws them)",
    ]);
    // Counted: recall's interval is clipped at 100 %.
    const all = metricFigure(rows, figure, true);
    expect(all.csv.split('\n')[1]).toMatch(/^,1,4,76,42.0317,13,99,9.11813,100$/);
    expect(all.warnings).toEqual([]);
  });
});

describe('kernels as an axis', () => {
  const withKernel = (id: string, kernel: string, release: string, commit: string | null, cpu: number) => {
    const r = row(id, { 'backend.kernel': kernel, 'layout.targets': 4 }, { kdamond_cpu: cpu }, 'complete', release);
    r.env = {
      ...r.env!,
      kernel: {
        ...r.env!.kernel,
        identity: {
          name: kernel,
          release,
          version: null,
          image: `/k/${kernel}`,
          imageSha256: kernel === 'debian' ? 'a'.repeat(64) : 'b'.repeat(64),
          config: '/k/config',
          configSha256: 'c'.repeat(64),
          sourceCommit: commit,
          sourceDirty: commit ? false : null,
          cacheId: null,
        },
      },
    };
    return r;
  };
  const rows = [
    withKernel('d1', 'debian', '6.12.117+deb12-amd64', null, 20),
    withKernel('d2', 'debian', '6.12.117+deb12-amd64', null, 22),
    withKernel('f1', 'damon-multi-contexts', '6.9.0-rc4+', '7ba8e5ccc8174fe22d596355ef86f07dce673fd3', 9),
    withKernel('f2', 'damon-multi-contexts', '6.9.0-rc4+', '7ba8e5ccc8174fe22d596355ef86f07dce673fd3', 11),
  ];

  it('compare names each kernel by release and commit, and its image', () => {
    const c = compareRuns(rows, 'backend.kernel');
    expect(c.environment.find((e) => e.field === 'kernel')!.byValue).toEqual([
      { value: 'debian', seen: ['6.12.117+deb12-amd64'] },
      { value: 'damon-multi-contexts', seen: ['6.9.0-rc4+ (7ba8e5ccc817)'] },
    ]);
    expect(c.environment.find((e) => e.field === 'kernel image')!.byValue[1]!.seen).toEqual([
      'damon-multi-contexts sha256 bbbbbbbbbbbb, config cccccccccccc',
    ]);
  });

  it('a figure takes the kernel release (a fact of the run, not a parameter) as its series', () => {
    const { csv } = metricFigure(rows, {
      name: 'cpu',
      x: 'layout.targets',
      y: 'kdamond_cpu',
      series: 'kernel.release',
    });
    expect(
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').slice(0, 4).join(',')),
    ).toEqual(['6.12.117+deb12-amd64,4,2,21', '6.9.0-rc4+,4,2,10']);
  });
});

describe('compare along a numeric axis', () => {
  it('orders the values as numbers, the smallest the baseline', () => {
    const numeric = [8, 2, 4, 2].map((targets, i) =>
      row(`r${i}`, { 'layout.targets': targets }, { events: targets * 10 }),
    );
    const c = compareRuns(numeric, 'layout.targets');
    expect(c.baseline).toBe('2');
    expect(c.values.map((v) => v.value)).toEqual(['2', '4', '8']);
  });
});
