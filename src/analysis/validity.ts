// Whether a run's numbers describe DAMON, judged from the run's own data: its ground truth (the
// workloads' phase logs against what DAMON reported), its timings (the measurement's window, the
// snapshots' pace) and its trace (targets that never appear, snapshots that stop or pause). A
// run is `suspect` when any rule below says its figures are not DAMON's; notes say what a reader
// should know without making it suspect. Each problem has a code, a sentence and its numbers.
import type { ProcessStatus } from '../record/run-files.js';
import type { TargetAccuracy } from './accuracy.js';
import type { Distribution } from './series.js';
import type { MeasureWindow } from './window.js';
import type { WorkloadCpu } from './workload-cpu.js';

export type ValidityCode =
  | 'recall-collapse'
  | 'nothing-accessed'
  | 'late-snapshots'
  | 'trace-gap'
  | 'target-missing'
  | 'snapshots-stopped'
  | 'no-snapshots-after-warmup'
  | 'recording-length'
  | 'sampler-timeout'
  | 'workload-ended-early'
  | 'command-ended'
  | 'tcg-without-tlb-refresh';

export interface ValidityProblem {
  code: ValidityCode;
  /** suspect: the numbers cannot be vouched for; note: worth knowing, the numbers stand. */
  severity: 'suspect' | 'note';
  message: string;
  numbers: Record<string, number | string | null>;
}

export interface Validity {
  verdict: 'ok' | 'suspect';
  /** The first suspect problem in plain words, for the top of the report; null when ok. */
  headline: string | null;
  problems: ValidityProblem[];
}

/** The rules' thresholds (docs/reliability.md lists them). */
export const VALIDITY_RULES = {
  /** Recall of a phase below this, where the phase log says its regions were accessed. */
  recallCollapse: 0.5,
  /** Phases with fewer snapshots wholly inside them are not judged. */
  minPhaseSnapshots: 5,
  /** The median time between snapshots above this many aggregation intervals. */
  lateMedianFactor: 2,
  /** A pause between two snapshots above this many aggregation intervals, and at least gapMinUs. */
  gapFactor: 10,
  gapMinUs: 1_000_000,
  /** The measured window off the asked duration by more than this fraction. */
  lengthTolerance: 0.1,
  /** Snapshots that stop this fraction of the window (and at least 3 aggregation intervals) before its end. */
  stoppedFraction: 0.1,
  /** A target with at least this many snapshots and no access in any is judged to have gone unseen. */
  nothingAccessedSnapshots: 5,
  /**
   * ... unless its workload used at most this share of a CPU over at least idleMinSpanSeconds (CPU
   * time comes in 10 ms ticks): it was idle. A process that sleeps and touches memory in bursts
   * uses more than this, and a blind DAMON must not pass for an idle target.
   */
  idleCpuShare: 0.001,
  idleMinSpanSeconds: 1,
} as const;

export interface ValidityTarget {
  kdamond: number;
  context: number;
  target: number;
  workload: string | null;
  aggrUs: number | null;
  snapshots: number;
  /** The first and last snapshot's end (ns, the trace's clock). */
  firstNs: number;
  lastNs: number;
  snapshotIntervalUs: Distribution | null;
  accuracy: TargetAccuracy | null;
  /** The largest working set size among its snapshots (bytes DAMON saw accessed); null when unknown. */
  accessedBytesMax: number | null;
  /** The CPU its workload used over the measurement (memory.json); null or absent when unknown. */
  workloadCpu?: WorkloadCpu | null;
}

export interface ValidityInput {
  monitoring: 'on' | 'off';
  /** How long the run asked to measure (run.json), µs; null when unknown (a trace given alone). */
  durationUs: number | null;
  window: MeasureWindow | null;
  /** The targets the plan set up, with their aggregation interval (µs). */
  planned: { kdamond: number; context: number; target: number; workload: string | null; aggrUs: number }[];
  targets: ValidityTarget[];
  /** The plan's workloads (to tell a masim that ended early from a command that finished). */
  workloads: { ref: string; workload: string; kind: string }[];
  processes: ProcessStatus[];
  /** When each workload's phase log says it ended (ns): for runs that did not record when processes ended. */
  loggedEndNs: Record<string, number>;
  /** Why a sampler stopped early or did not answer in time (scheme-stats.json's problems). */
  samplerProblems: string[];
  /** Snapshots the warm-up leaves out of the working set size (damo's 20). */
  wssSkip: number;
  /** The run's accelerator under QEMU ('tcg', 'kvm'), null on a host; and whether its guest ran the TLB refresher. */
  emulation: { accel: string | null; tlbRefresh: string | null };
}

const pct = (ratio: number) => `${Math.round(ratio * 100)} %`;
const secs = (us: number) => `${(us / 1e6).toFixed(us < 10e6 ? 2 : 1)} s`;
const where = (t: { kdamond: number; context: number; target: number }) =>
  `kdamond ${t.kdamond} context ${t.context} target ${t.target}`;

export function assessValidity(input: ValidityInput): Validity {
  const problems: ValidityProblem[] = [];
  const add = (
    code: ValidityCode,
    message: string,
    numbers: ValidityProblem['numbers'],
    severity: ValidityProblem['severity'] = 'suspect',
  ) => problems.push({ code, severity, message, numbers });
  const rules = VALIDITY_RULES;
  const tcgBlind = input.emulation.accel === 'tcg' && input.emulation.tlbRefresh !== 'ran';

  // The window: as long as asked, unless a command workload ended it (record --cmd).
  const commandEnded = endedOnTheirOwn(input).filter((p) => p.kind === 'command' && p.exitCode === 0);
  if (input.window && input.durationUs !== null && input.durationUs > 0) {
    const measuredUs = (input.window.endNs - input.window.startNs) / 1000;
    const off = measuredUs / input.durationUs - 1;
    if (commandEnded.length && off < 0)
      add(
        'command-ended',
        `the recording ended after ${secs(measuredUs)} of ${secs(input.durationUs)}, when ${commandEnded.map((p) => `workload ${p.ref} (${p.workload})`).join(', ')} finished`,
        { measuredUs: Math.round(measuredUs), durationUs: input.durationUs },
        'note',
      );
    else if (Math.abs(off) > rules.lengthTolerance)
      add(
        'recording-length',
        `the measurement lasted ${secs(measuredUs)} where ${secs(input.durationUs)} were asked (${off > 0 ? '+' : ''}${Math.round(off * 100)} %)`,
        { measuredUs: Math.round(measuredUs), durationUs: input.durationUs },
      );
  }

  for (const p of endedOnTheirOwn(input)) {
    if (p.kind === 'command' && p.exitCode === 0) continue;
    const how = p.signal ? `was killed by ${p.signal}` : `exited with status ${p.exitCode}`;
    add('workload-ended-early', `workload ${p.ref} (${p.workload}) ${how} before the measurement ended`, {
      ref: p.ref,
      exitCode: p.exitCode,
      signal: p.signal,
    });
  }

  for (const problem of input.samplerProblems)
    add('sampler-timeout', `a sampler did not finish in time: ${problem}`, { problem });

  if (input.monitoring === 'on') {
    const seen = new Set(input.targets.map((t) => `${t.kdamond}/${t.context}/${t.target}`));
    for (const planned of input.planned)
      if (!seen.has(`${planned.kdamond}/${planned.context}/${planned.target}`))
        add(
          'target-missing',
          `the trace has no snapshot of ${where(planned)}${planned.workload ? ` (${planned.workload})` : ''}: DAMON reported nothing of it`,
          { kdamond: planned.kdamond, context: planned.context, target: planned.target },
        );
    for (const t of input.targets) assessTarget(t, input, add, tcgBlind);
  }

  if (input.emulation.accel === 'tcg' && input.emulation.tlbRefresh === 'off')
    add(
      'tcg-without-tlb-refresh',
      "the guest ran under TCG without the TLB refresher (backend.tlb_refresh: off): QEMU's software TLB may keep a lone process's translations for seconds, and DAMON then sees none of its accesses",
      { accel: 'tcg' },
      'note',
    );

  const first = problems.find((p) => p.severity === 'suspect');
  return {
    verdict: first ? 'suspect' : 'ok',
    headline: first ? headlineOf(first, input) : null,
    problems,
  };
}

function assessTarget(
  t: ValidityTarget,
  input: ValidityInput,
  add: (
    code: ValidityCode,
    message: string,
    numbers: ValidityProblem['numbers'],
    severity?: ValidityProblem['severity'],
  ) => void,
  tcgBlind: boolean,
): void {
  const rules = VALIDITY_RULES;
  const at = where(t);
  const aggrUs = t.aggrUs;
  const intervals = t.snapshotIntervalUs;
  if (aggrUs && intervals && intervals.count >= 3) {
    if (intervals.p50 > rules.lateMedianFactor * aggrUs)
      add(
        'late-snapshots',
        `${at}: snapshots came every ${secs(intervals.p50)} (median) where the aggregation interval is ${secs(aggrUs)}: DAMON did not keep its pace`,
        { ...ids(t), medianUs: intervals.p50, aggrUs },
      );
    if (intervals.max > Math.max(rules.gapFactor * aggrUs, rules.gapMinUs))
      add(
        'trace-gap',
        `${at}: the trace pauses for ${secs(intervals.max)} between two snapshots (aggregation interval ${secs(aggrUs)})`,
        { ...ids(t), gapUs: intervals.max, aggrUs },
      );
  }
  // Without ground truth (a command, an attached process) this is the one sign that DAMON saw
  // nothing of the target: a running program touches some memory in every second of its life.
  if (t.accessedBytesMax === 0 && t.snapshots >= rules.nothingAccessedSnapshots) {
    const head = `${at}${t.workload ? ` (${t.workload})` : ''}: DAMON reported no access in any of its ${t.snapshots} snapshots`;
    const cpu = t.workloadCpu ?? null;
    const used = cpu && `${cpu.seconds.toFixed(2)} s of CPU in the ${cpu.spanSeconds.toFixed(1)} s measured`;
    const numbers = {
      ...ids(t),
      snapshots: t.snapshots,
      ...(cpu ? { cpuSeconds: round3(cpu.seconds), spanSeconds: round3(cpu.spanSeconds) } : {}),
    };
    const blind = tcgBlind ? ': the guest ran under TCG without the TLB refresher' : '';
    // Under TCG without the TLB refresher the emulation may be why: never called idle there.
    const idle =
      cpu !== null &&
      !tcgBlind &&
      cpu.spanSeconds >= rules.idleMinSpanSeconds &&
      cpu.seconds <= rules.idleCpuShare * cpu.spanSeconds;
    if (idle)
      add(
        'nothing-accessed',
        `${head}, and its process used ${used}: it was idle, so there was nothing to see (if its children do the work, monitor one of them)`,
        numbers,
        'note',
      );
    else
      add(
        'nothing-accessed',
        cpu
          ? `${head} while its process used ${used}: monitoring probably went blind${blind}`
          : `${head}: it saw nothing of the target (a process that only slept, or monitoring gone blind${blind})`,
        numbers,
      );
  }
  if (t.snapshots <= input.wssSkip)
    add(
      'no-snapshots-after-warmup',
      `${at}: ${t.snapshots} snapshot${t.snapshots === 1 ? '' : 's'}, none after the ${input.wssSkip} of warm-up that working set sizes leave out`,
      { ...ids(t), snapshots: t.snapshots, warmup: input.wssSkip },
    );
  const window = input.window;
  if (window && aggrUs) {
    const windowUs = (window.endNs - window.startNs) / 1000;
    const earlyUs = (window.endNs - t.lastNs) / 1000;
    if (earlyUs > Math.max(rules.stoppedFraction * windowUs, 3 * aggrUs))
      add(
        'snapshots-stopped',
        `${at}: the last snapshot came ${secs(earlyUs)} before the measurement ended: its kdamond stopped or stalled`,
        { ...ids(t), earlyUs: Math.round(earlyUs), windowUs: Math.round(windowUs) },
      );
  }
  for (const phase of t.accuracy?.phases ?? []) {
    if (phase.snapshots < rules.minPhaseSnapshots || phase.recall === null || phase.truthBytes === 0) continue;
    if (phase.recall < rules.recallCollapse)
      add(
        'recall-collapse',
        `${at}: DAMON saw ${pct(phase.recall)} of the memory workload ${t.workload ?? '?'} accessed in phase '${phase.name}' (${phase.snapshots} snapshots)${tcgBlind ? "; the guest ran under TCG without the TLB refresher, whose software TLB hides a lone process's accesses" : ''}`,
        { ...ids(t), phase: phase.name, round: phase.round, recall: round3(phase.recall), snapshots: phase.snapshots },
      );
  }
}

/**
 * Workloads of the plan that ended on their own before the measurement did. One that ended while
 * the runner tore down (a masim whose phases ran out then) ended after it: not early. When the
 * process's end is not known, an end on its own counts as early.
 */
function endedOnTheirOwn(input: ValidityInput) {
  return input.processes.flatMap((p) => {
    const workload = input.workloads.find((w) => w.ref === p.ref);
    if (!workload || p.endedOnItsOwn !== true) return [];
    const endedNs = p.endedNs ?? input.loggedEndNs[p.ref];
    if (endedNs !== undefined && endedNs >= measurementEndNs(input)) return [];
    return [{ ref: p.ref, workload: workload.workload, kind: workload.kind, exitCode: p.exitCode, signal: p.signal }];
  });
}

/**
 * When the measurement ended: its window's end, else (runs recorded before the window was kept)
 * the trace's last snapshot less an aggregation interval.
 */
function measurementEndNs(input: ValidityInput): number {
  if (input.window) return input.window.endNs;
  const last = Math.max(...input.targets.map((t) => t.lastNs - (t.aggrUs ?? 0) * 1000));
  return Number.isFinite(last) ? last : Infinity;
}

/** The report's first line about a suspect run, in plain words. */
function headlineOf(problem: ValidityProblem, input: ValidityInput): string {
  if (problem.code === 'recall-collapse') {
    const overall = overallRecall(input.targets);
    const seen = overall === null ? `${pct(Number(problem.numbers.recall))} in a phase` : pct(overall);
    return `DAMON saw ${seen} of the accessed memory: these numbers do not describe DAMON`;
  }
  return `${problem.message[0]!.toUpperCase()}${problem.message.slice(1)}: these numbers may not describe DAMON`;
}

/** Recall over every target's phases (bytes hit over bytes accessed), or null without ground truth. */
function overallRecall(targets: ValidityTarget[]): number | null {
  let hit = 0;
  let truth = 0;
  for (const t of targets)
    for (const p of t.accuracy?.phases ?? []) {
      hit += p.hitBytes;
      truth += p.truthBytes;
    }
  return truth > 0 ? hit / truth : null;
}

const ids = (t: { kdamond: number; context: number; target: number }) => ({
  kdamond: t.kdamond,
  context: t.context,
  target: t.target,
});
const round3 = (v: number) => Math.round(v * 1000) / 1000;
