import { describe, expect, it } from 'vitest';
import type { Manifest, Workload } from '../../../src/manifest/manifest.types.js';
import { reporterOf, type ResolveContext } from '../../../src/manifest/resolve/context.js';
import {
  checkWorkloadsLastLongEnough,
  resolveWorkload,
  resolveWorkloads,
} from '../../../src/manifest/resolve/workloads.js';
import type { RunLayout, RunWorkload } from '../../../src/manifest/run.js';
import { masimOf } from '../../helpers/workloads.js';

const CONFIGS: Record<string, string> = {
  'two.cfg': 'a, 100000000\nb, 100000000\n\nboth\n60000\na, 0, 4096, 1\nb, 0, 4096, 1\n',
  'broken.cfg': 'a, 100\n\np\n10\nc, 0, 4096, 1\n',
};

function context(): ResolveContext {
  return {
    manifestFile: '/m/exp.yaml',
    manifestDir: '/m',
    sha256: '',
    readMasimConfig: (path) =>
      CONFIGS[path] === undefined ? { error: `cannot read ${path}` } : { file: path, text: CONFIGS[path] },
    kernelProblem: () => undefined,
    kernelSourceProblem: () => undefined,
    kernelBuild: () => null,
    external: [],
    problems: [],
  };
}

function resolveOne(workload: Workload) {
  const ctx = context();
  const resolved = resolveWorkload('w', workload, ctx, reporterOf(ctx.problems));
  const problems = ctx.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
  return { resolved, problems, external: ctx.external };
}

const layoutUsing = (...names: string[]): RunLayout => ({
  kind: 'many-targets',
  contextsPerKdamond: 'auto',
  kdamonds: [
    {
      contexts: [
        {
          operations: 'vaddr',
          attrs: {} as never,
          targets: names.map((workload) => ({ workload, regions: [] })),
          schemes: [],
        },
      ],
    },
  ],
});

describe('workloads', () => {
  it('reads a masim config named by the manifest, with its duration and size', () => {
    const { resolved, problems } = resolveOne({ masim: 'two.cfg', binary: 'bin/masim', args: ['-q'] });
    expect(problems).toEqual([]);
    expect(resolved).toEqual({
      kind: 'masim',
      binary: '/m/bin/masim',
      args: ['-q'],
      source: 'two.cfg',
      config: CONFIGS['two.cfg'],
      durationMs: 60_000,
      sizeBytes: 200_000_000,
    });
    expect(masimOf(resolveOne({ masim: 'two.cfg', binary: 'masim' }).resolved).binary).toBe('masim');
  });

  it('renders inline regions and phases to masim config text', () => {
    const { resolved, problems } = resolveOne({
      regions: [{ name: 'a', size: 4096 }],
      phases: [{ name: 'p', duration: '2s', patterns: [{ region: 'a', weight: 1 }] }],
    } as Workload);
    expect(problems).toEqual([]);
    expect(masimOf(resolved)).toMatchObject({ source: 'inline', durationMs: 2_000, sizeBytes: 4096, binary: null });
  });

  it('runs a command string through sh, a list as it is, and attaches to a pid', () => {
    expect(resolveOne({ command: 'sleep 1 && true' }).resolved).toEqual({
      kind: 'command',
      argv: ['bash', '-c', 'sleep 1 && true'],
    });
    expect(resolveOne({ command: ['sleep', '1'] }).resolved).toEqual({ kind: 'command', argv: ['sleep', '1'] });
    expect(resolveOne({ pid: 42 }).resolved).toEqual({ kind: 'pid', pid: 42 });
    expect(resolveOne({ pid: 42, binary: 'x', args: [] }).problems).toEqual([
      "workloads.w.binary: 'binary' is for masim workloads",
      "workloads.w.args: 'args' is for masim workloads",
    ]);
  });

  it('refuses a workload given two ways, or none', () => {
    expect(resolveOne({ masim: 'two.cfg', command: 'true' })).toMatchObject({
      resolved: undefined,
      problems: ["workloads.w: workload 'w' is given as masim and command"],
    });
    expect(resolveOne({ binary: 'masim' })).toMatchObject({
      resolved: undefined,
      problems: [
        "workloads.w: workload 'w' needs 'masim: FILE.cfg', both 'regions' and 'phases', a 'command' or a 'pid'",
      ],
    });
  });

  it("reports an unreadable config at 'masim', and a config that does not parse at its own file and line", () => {
    expect(resolveOne({ masim: 'nope.cfg' }).problems).toEqual(['workloads.w.masim: cannot read nope.cfg']);
    const broken = resolveOne({ masim: 'broken.cfg' });
    expect(broken.problems).toEqual([]);
    expect(broken.external).toEqual([
      {
        file: 'broken.cfg',
        line: 5,
        col: 1,
        message: "unknown region 'c' (regions: a)",
        hint: "used by workload 'w' of /m/exp.yaml",
      },
    ]);
  });

  it('checks every workload, and gives the run the ones its layout uses', () => {
    const ctx = context();
    const manifest = { workloads: { w: { masim: 'two.cfg' }, v: { command: 'true' }, bad: { masim: 'nope.cfg' } } };
    const workloads = resolveWorkloads(
      manifest as unknown as Manifest,
      layoutUsing('w', 'w'),
      ctx,
      reporterOf(ctx.problems),
    );
    expect(Object.keys(workloads)).toEqual(['w']);
    expect(ctx.problems.map((p) => p.path.join('.'))).toEqual(['workloads.bad.masim']);
  });
});

describe('a workload lasts as long as the recording', () => {
  const masim = (args: string[]): RunWorkload => ({
    kind: 'masim',
    source: 'two.cfg',
    config: '',
    binary: null,
    args,
    durationMs: 60_000,
    sizeBytes: 0,
  });
  const check = (duration: string | undefined, durationUs: number, workload: RunWorkload) => {
    const ctx = context();
    const manifest = { duration, workloads: {} } as unknown as Manifest;
    checkWorkloadsLastLongEnough(manifest, { w: workload }, durationUs, reporterOf(ctx.problems));
    return ctx.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
  };

  it('points a masim workload that ends first at the duration, or at the workload under the default duration', () => {
    expect(check('2m', 120_000_000, masim([]))).toEqual([
      "duration: workload 'w' ends after 1 m, before the 2 m recording does",
    ]);
    expect(check(undefined, 120_000_000, masim([]))).toEqual([
      "workloads.w: workload 'w' ends after 1 m, before the 2 m recording does",
    ]);
    expect(check('1m', 60_000_000, masim([]))).toEqual([]);
  });

  it('lets a repeating masim, a command, and an unreadable duration be', () => {
    for (const args of [['--repeat', '0'], ['--repeat=2'], ['-c', '3'], ['-c3']]) {
      expect({ args, problems: check('2m', 120_000_000, masim(args)) }).toEqual({ args, problems: [] });
    }
    expect(check('2m', 120_000_000, { kind: 'command', argv: ['true'] })).toEqual([]);
    expect(check('2 fortnights', Number.NaN, masim([]))).toEqual([]);
  });
});
