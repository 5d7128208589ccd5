// A run's validity from its own data: each rule on the smallest input that trips it, and the
// inputs that must not (a healthy run, a command that ends a `record --cmd`).
import { describe, expect, it } from 'vitest';
import type { TargetAccuracy } from '../../src/analysis/accuracy.js';
import { assessValidity, VALIDITY_RULES, type ValidityInput } from '../../src/analysis/validity.js';

const s = (seconds: number) => seconds * 1e9;

function accuracy(phases: { name: string; recall: number; snapshots: number }[]): TargetAccuracy {
  return {
    phases: phases.map((p, i) => ({
      phase: i,
      round: 0,
      name: p.name,
      startNs: s(100 + i * 5),
      endNs: s(105 + i * 5),
      snapshots: p.snapshots,
      truthBytes: 100e6 * p.snapshots,
      reportedBytes: 100e6 * p.snapshots * p.recall,
      hitBytes: 100e6 * p.snapshots * p.recall,
      recall: p.recall,
      precision: 1,
    })),
    recall: null,
    precision: null,
    snapshots: phases.reduce((n, p) => n + p.snapshots, 0),
    unclassified: 0,
  };
}

/** A healthy one-target run: 10 s asked, 10 s measured, a snapshot every 100 ms, DAMON saw it all. */
function healthy(): ValidityInput {
  return {
    monitoring: 'on',
    durationUs: 10_000_000,
    window: { startNs: s(100), endNs: s(110), onNs: s(100) },
    planned: [{ kdamond: 0, context: 0, target: 0, workload: 'zigzag', aggrUs: 100_000 }],
    targets: [
      {
        kdamond: 0,
        context: 0,
        target: 0,
        workload: 'zigzag',
        aggrUs: 100_000,
        snapshots: 100,
        firstNs: s(100.1),
        lastNs: s(110),
        snapshotIntervalUs: {
          count: 99,
          mean: 100_000,
          stddev: 2_000,
          min: 95_000,
          p50: 100_000,
          p99: 105_000,
          max: 110_000,
        },
        accuracy: accuracy([
          { name: 'both regions', recall: 0.97, snapshots: 48 },
          { name: 'only a', recall: 1, snapshots: 49 },
        ]),
        accessedBytesMax: 200_000_000,
      },
    ],
    workloads: [{ ref: 'w0', workload: 'zigzag', kind: 'masim' }],
    processes: [{ ref: 'w0', program: 'masim', args: [], pid: 10, exitCode: 0, signal: null, endedOnItsOwn: false }],
    loggedEndNs: {},
    samplerProblems: [],
    wssSkip: 20,
    emulation: { accel: 'tcg', tlbRefresh: 'ran' },
  };
}

const codes = (input: ValidityInput) => assessValidity(input).problems.map((p) => p.code);

describe('validity', () => {
  it('finds nothing wrong with a healthy run', () => {
    const validity = assessValidity(healthy());
    expect(validity).toEqual({ verdict: 'ok', headline: null, problems: [] });
  });

  it('calls a phase where DAMON saw under half of what the workload accessed a recall collapse', () => {
    const input = healthy();
    input.emulation.tlbRefresh = 'off';
    input.targets[0]!.accuracy = accuracy([
      { name: 'both regions', recall: 0.17, snapshots: 48 },
      { name: 'only a', recall: 0.03, snapshots: 49 },
    ]);
    const validity = assessValidity(input);
    expect(validity.verdict).toBe('suspect');
    expect(validity.problems.filter((p) => p.code === 'recall-collapse').map((p) => p.numbers.phase)).toEqual([
      'both regions',
      'only a',
    ]);
    // Over both phases: (0.17·48 + 0.03·49) / 97 = 10 %.
    expect(validity.headline).toBe('DAMON saw 10 % of the accessed memory: these numbers do not describe DAMON');
    expect(validity.problems[0]!.message).toContain('without the TLB refresher');
    // The TLB refresher was off under TCG: a note says so, the suspect problems come first in the report.
    expect(codes(input)).toContain('tcg-without-tlb-refresh');
  });

  it('does not judge a phase with too few snapshots, nor one at 50 % or more', () => {
    const input = healthy();
    input.targets[0]!.accuracy = accuracy([
      { name: 'short', recall: 0.1, snapshots: VALIDITY_RULES.minPhaseSnapshots - 1 },
      { name: 'half', recall: 0.5, snapshots: 40 },
    ]);
    expect(assessValidity(input).verdict).toBe('ok');
  });

  it('calls snapshots far apart late, and a long pause a gap', () => {
    const late = healthy();
    late.targets[0]!.snapshotIntervalUs = { ...late.targets[0]!.snapshotIntervalUs!, p50: 250_000 };
    expect(codes(late)).toEqual(['late-snapshots']);
    expect(assessValidity(late).problems[0]!.numbers).toMatchObject({ medianUs: 250_000, aggrUs: 100_000 });

    const gap = healthy();
    gap.targets[0]!.snapshotIntervalUs = { ...gap.targets[0]!.snapshotIntervalUs!, max: 1_500_000 };
    expect(codes(gap)).toEqual(['trace-gap']);
  });

  it('calls a measurement off the asked duration by more than 10 % a wrong recording length, either way', () => {
    const short = healthy();
    short.window = { startNs: s(100), endNs: s(108.5), onNs: s(100) };
    short.targets[0]!.lastNs = s(108.5);
    expect(codes(short)).toEqual(['recording-length']);
    const long = healthy();
    long.window = { startNs: s(100), endNs: s(111.5), onNs: s(100) };
    long.targets[0]!.lastNs = s(111.5);
    expect(codes(long)).toEqual(['recording-length']);
    const close = healthy();
    close.window = { startNs: s(100), endNs: s(110.9), onNs: s(100) };
    close.targets[0]!.lastNs = s(110.9);
    expect(codes(close)).toEqual([]);
  });

  it('notes, without suspecting, a recording a command workload ended by finishing', () => {
    const input = healthy();
    input.workloads = [{ ref: 'w0', workload: 'bench', kind: 'command' }];
    input.processes = [{ ref: 'w0', program: 'sh', args: [], pid: 10, exitCode: 0, signal: null, endedOnItsOwn: true }];
    input.window = { startNs: s(100), endNs: s(104), onNs: s(100) };
    input.targets[0]!.lastNs = s(104);
    const validity = assessValidity(input);
    expect(validity.verdict).toBe('ok');
    expect(validity.problems.map((p) => [p.code, p.severity])).toEqual([['command-ended', 'note']]);
  });

  it('calls a masim workload that ended early, and a command that failed, suspect', () => {
    const input = healthy();
    input.processes = [
      { ref: 'w0', program: 'masim', args: [], pid: 10, exitCode: null, signal: 'SIGKILL', endedOnItsOwn: true },
    ];
    expect(codes(input)).toEqual(['workload-ended-early']);
    expect(assessValidity(input).problems[0]!.message).toBe(
      'workload w0 (zigzag) was killed by SIGKILL before the measurement ended',
    );
  });

  it('does not count a workload that ended on its own after the measurement (during teardown)', () => {
    const input = healthy();
    input.processes = [
      { ref: 'w0', program: 'masim', args: [], pid: 10, exitCode: 0, signal: null, endedOnItsOwn: true },
    ];
    // Older runs: the phase log says when masim ended.
    input.loggedEndNs = { w0: s(112) };
    expect(codes(input)).toEqual([]);
    input.loggedEndNs = { w0: s(108) };
    expect(codes(input)).toEqual(['workload-ended-early']);
    // Newer runs: the process's own end.
    input.processes[0]!.endedNs = s(110.5);
    expect(codes(input)).toEqual([]);
  });

  it('calls snapshots that stop before the end a stopped kdamond, and a planned target without any missing', () => {
    const stopped = healthy();
    stopped.targets[0]!.lastNs = s(107);
    expect(codes(stopped)).toEqual(['snapshots-stopped']);

    const missing = healthy();
    missing.planned.push({ kdamond: 1, context: 0, target: 0, workload: 'stairs', aggrUs: 100_000 });
    expect(codes(missing)).toEqual(['target-missing']);
  });

  it('calls a target with no snapshot after the warm-up suspect', () => {
    const input = healthy();
    input.targets[0]!.snapshots = 20;
    expect(codes(input)).toEqual(['no-snapshots-after-warmup']);
  });

  it('calls a target in which DAMON saw no access at all suspect, when it had snapshots enough to tell', () => {
    const input = healthy();
    input.targets[0]!.accuracy = null; // a command: no ground truth to judge it by
    input.targets[0]!.accessedBytesMax = 0;
    const validity = assessValidity(input);
    expect(validity.verdict).toBe('suspect');
    expect(validity.problems.map((p) => p.code)).toEqual(['nothing-accessed']);
    expect(validity.headline).toMatch(
      /^Kdamond 0 context 0 target 0 \(zigzag\): DAMON reported no access in any of its 100 snapshots/,
    );
    input.targets[0]!.snapshots = 4;
    expect(codes(input)).not.toContain('nothing-accessed');
    input.targets[0]!.snapshots = 100;
    input.targets[0]!.accessedBytesMax = 4096;
    expect(codes(input)).toEqual([]);
  });

  it('tells a target that used no CPU (idle: nothing to see) from one that did while DAMON saw nothing (blind)', () => {
    const input = healthy();
    input.targets[0]!.accuracy = null;
    input.targets[0]!.accessedBytesMax = 0;
    input.targets[0]!.workloadCpu = { seconds: 0, spanSeconds: 5.2 };
    const idle = assessValidity(input);
    expect(idle.verdict).toBe('ok');
    expect(idle.problems.map((p) => [p.code, p.severity])).toEqual([['nothing-accessed', 'note']]);
    expect(idle.problems[0]!.message).toContain('its process used 0.00 s of CPU in the 5.2 s measured: it was idle');
    expect(idle.problems[0]!.numbers).toMatchObject({ cpuSeconds: 0, spanSeconds: 5.2 });
    // 0.1 % of a CPU is the most an idle process is allowed: a tick in 10 s; one that sleeps and
    // touches memory in bursts (0.5 % of a CPU) is not idle.
    input.targets[0]!.workloadCpu = { seconds: 0.01, spanSeconds: 10 };
    expect(assessValidity(input).verdict).toBe('ok');
    input.targets[0]!.workloadCpu = { seconds: 0.02, spanSeconds: 10 };
    expect(assessValidity(input).verdict).toBe('suspect');
    input.targets[0]!.workloadCpu = { seconds: 0.15, spanSeconds: 30 };
    expect(assessValidity(input).verdict).toBe('suspect');
    // Under a second, a tick (10 ms) is too coarse to tell: not called idle.
    input.targets[0]!.workloadCpu = { seconds: 0, spanSeconds: 0.8 };
    expect(assessValidity(input).verdict).toBe('suspect');
    // Nor under TCG without the TLB refresher, where the emulation may be what hid the accesses.
    input.targets[0]!.workloadCpu = { seconds: 0, spanSeconds: 5.2 };
    expect(assessValidity({ ...input, emulation: { accel: 'tcg', tlbRefresh: 'not-run' } }).verdict).toBe('suspect');
    input.targets[0]!.workloadCpu = { seconds: 5.1, spanSeconds: 5.2 };
    const blind = assessValidity(input);
    expect(blind.verdict).toBe('suspect');
    expect(blind.headline).toContain(
      'while its process used 5.10 s of CPU in the 5.2 s measured: monitoring probably went blind',
    );
  });

  it('calls a run whose sampler did not answer in time suspect', () => {
    const input = healthy();
    input.samplerProblems = ['scheme stats: the kernel did not answer update_schemes_stats within 2 s'];
    expect(codes(input)).toEqual(['sampler-timeout']);
  });

  it('judges a baseline (monitoring off) by its window and workloads only', () => {
    const input = { ...healthy(), monitoring: 'off' as const, targets: [] };
    expect(assessValidity(input).verdict).toBe('ok');
    input.window = { startNs: s(100), endNs: s(105), onNs: null };
    expect(codes(input)).toEqual(['recording-length']);
  });

  it('says nothing of the window when the run did not record one (older runs)', () => {
    const input = healthy();
    input.window = null;
    input.targets[0]!.lastNs = s(103);
    expect(assessValidity(input).verdict).toBe('ok');
    // A workload that ended after the trace's last snapshot ended with the teardown.
    input.processes = [
      { ref: 'w0', program: 'masim', args: [], pid: 10, exitCode: 0, signal: null, endedOnItsOwn: true },
    ];
    input.loggedEndNs = { w0: s(103.5) };
    expect(assessValidity(input).verdict).toBe('ok');
    input.loggedEndNs = { w0: s(101) };
    expect(codes(input)).toEqual(['workload-ended-early']);
  });
});
