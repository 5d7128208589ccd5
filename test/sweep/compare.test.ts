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
    emulated: false,
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
    expect(text).toMatch(
      /kdamond CPU\s+2 ±0\.2 \(n=3\)\s+4\.1 ±0\.2646 \(n=3\)\s+\+2\.1 ±0\.\d+ \(\+105\.0 %\)\s+\*\*\* p=/,
    );
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
      'series,x,n,mean,stddev,ci95_low,ci95_high',
      ',many-targets,3,2,0.2,1.50317,2.49683',
      ',many-contexts,3,4.1,0.264575,3.44276,4.75724',
    ]);
    expect(svg).toContain('many-contexts');
    expect(svg.match(/<rect [^>]*class="series"/g)).toHaveLength(2);
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
