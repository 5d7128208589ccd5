import { describe, expect, it } from 'vitest';
import { checkAttrs, layerAttrs, resolveAttrs, type MonitoringLayer } from '../../../src/manifest/resolve/attrs.js';
import { reporterOf, unitReaders, type Problem } from '../../../src/manifest/resolve/context.js';
import { KERNEL_DEFAULT_ATTRS } from '../../../src/manifest/run.js';

function resolving() {
  const problems: Problem[] = [];
  const report = reporterOf(problems);
  return { problems, report, duration: unitReaders(report).duration };
}

/** The problems as `path: message`, to compare as a list. */
const shown = (problems: Problem[]) => problems.map((p) => `${p.path.join('.')}: ${p.message}`);

const TOP = ['monitoring'];
const CONTEXT = ['layout', 'kdamonds', 0, 'contexts', 1];

describe('monitoring attributes and where each came from', () => {
  it('takes the later layer over the earlier, and the kernel default where no layer sets one', () => {
    const { problems, report, duration } = resolving();
    const layers: MonitoringLayer[] = [
      { monitoring: { sample: '1ms', aggr: '50ms', nr_regions: { max: 500 } }, path: TOP },
      { monitoring: { sample: '2ms', nr_regions: { min: 20 } }, path: [...CONTEXT, 'monitoring'] },
    ];
    const { attrs, origin } = layerAttrs(layers, report, duration);
    expect(attrs).toEqual({
      ...KERNEL_DEFAULT_ATTRS,
      sampleUs: 2_000,
      aggrUs: 50_000,
      minNrRegions: 20,
      maxNrRegions: 500,
    });
    expect(origin).toEqual({
      sample: [...CONTEXT, 'monitoring', 'sample'],
      aggr: ['monitoring', 'aggr'],
      min: [...CONTEXT, 'monitoring', 'nr_regions', 'min'],
      max: ['monitoring', 'nr_regions', 'max'],
    });
    expect(problems).toEqual([]);
  });

  it('has no origin for what no layer sets, and skips a layer that is not written', () => {
    const { report, duration } = resolving();
    const { attrs, origin } = layerAttrs(
      [
        { monitoring: undefined, path: TOP },
        { monitoring: {}, path: [...CONTEXT, 'monitoring'] },
      ],
      report,
      duration,
    );
    expect(attrs).toEqual(KERNEL_DEFAULT_ATTRS);
    expect(origin).toEqual({});
  });

  it('gives intervals_goal one origin, the mapping', () => {
    const { report, duration } = resolving();
    const goal = { access_bp: 400, aggrs: 3, min_sample: '1ms', max_sample: '10s' };
    const { attrs, origin } = layerAttrs([{ monitoring: { intervals_goal: goal }, path: TOP }], report, duration);
    expect(attrs.intervalsGoal).toEqual({ accessBp: 400, aggrs: 3, minSampleUs: 1_000, maxSampleUs: 10_000_000 });
    expect(origin).toEqual({ goal: ['monitoring', 'intervals_goal'] });
  });
});

describe('the checks DAMON would make, at the value that chose the attribute', () => {
  it('points sample > aggr at sample where the manifest sets it, else at aggr', () => {
    const atSample = resolving();
    resolveAttrs(
      [
        { monitoring: { aggr: '1ms' }, path: TOP },
        { monitoring: { sample: '10ms' }, path: [...CONTEXT, 'monitoring'] },
      ],
      atSample.report,
      atSample.duration,
      CONTEXT,
    );
    expect(shown(atSample.problems)).toEqual([
      'layout.kdamonds.0.contexts.1.monitoring.sample: sampling interval (10000 µs) is longer than the aggregation interval (1000 µs)',
    ]);

    // The kernel's 5 ms sample against a 1 ms aggregation the manifest chose.
    const atAggr = resolving();
    resolveAttrs([{ monitoring: { aggr: '1ms' }, path: TOP }], atAggr.report, atAggr.duration, CONTEXT);
    expect(shown(atAggr.problems)).toEqual([
      'monitoring.aggr: sampling interval (5000 µs) is longer than the aggregation interval (1000 µs)',
    ]);
  });

  it('points min > max at min where the manifest sets it, else at max', () => {
    const atMin = resolving();
    resolveAttrs([{ monitoring: { nr_regions: { min: 2000 } }, path: TOP }], atMin.report, atMin.duration, CONTEXT);
    expect(shown(atMin.problems)).toEqual([
      'monitoring.nr_regions.min: nr_regions.min (2000) is above nr_regions.max (1000)',
    ]);

    const atMax = resolving();
    resolveAttrs([{ monitoring: { nr_regions: { max: 5 } }, path: TOP }], atMax.report, atMax.duration, CONTEXT);
    expect(shown(atMax.problems)).toEqual([
      'monitoring.nr_regions.max: nr_regions.min (10) is above nr_regions.max (5)',
    ]);
  });

  it('points at the context for an attribute no layer set', () => {
    const { problems, report } = resolving();
    checkAttrs({ ...KERNEL_DEFAULT_ATTRS, sampleUs: 0, minNrRegions: 2 }, {}, CONTEXT, report);
    expect(shown(problems)).toEqual([
      'layout.kdamonds.0.contexts.1: the sampling interval must be above 0',
      'layout.kdamonds.0.contexts.1: nr_regions.min is 2; DAMON needs at least 3',
    ]);
  });

  it('refuses integers beyond 2^53-1 at them, and a goal whose min_sample is above max_sample at the goal', () => {
    const { problems, report, duration } = resolving();
    const { attrs } = layerAttrs(
      [
        {
          monitoring: {
            nr_regions: { max: 2 ** 64 },
            intervals_goal: { access_bp: 400, aggrs: 3, min_sample: '1s', max_sample: '1ms' },
          },
          path: TOP,
        },
      ],
      report,
      duration,
    );
    expect(attrs.maxNrRegions).toBeNaN();
    expect(shown(problems)).toEqual([
      `monitoring.nr_regions.max: nr_regions.max: DAMON takes up to ULONG_MAX, but values beyond 2^53−1 (${Number.MAX_SAFE_INTEGER}) cannot be written exactly`,
    ]);
    problems.length = 0;
    resolveAttrs(
      [
        {
          monitoring: { intervals_goal: { access_bp: 400, aggrs: 3, min_sample: '1s', max_sample: '1ms' } },
          path: TOP,
        },
      ],
      report,
      duration,
      CONTEXT,
    );
    expect(shown(problems)).toEqual([
      'monitoring.intervals_goal: intervals_goal.min_sample is above intervals_goal.max_sample',
    ]);
  });

  it('reports a duration that is not one once, at it, and checks nothing against it', () => {
    const { problems, report, duration } = resolving();
    const attrs = resolveAttrs(
      [{ monitoring: { sample: '5 parsecs', aggr: '1ms' }, path: TOP }],
      report,
      duration,
      CONTEXT,
    );
    expect(attrs.sampleUs).toBeNaN();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toEqual(['monitoring', 'sample']);
  });
});
