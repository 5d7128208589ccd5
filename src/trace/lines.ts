// One `perf script` line, recognized by its tokens (never by columns: tracers add and drop them).
//   kdamond.0   162 [000]     8.268949: damon:damon_aggregated: target_id=0 nr_regions=16 94271614517248-94271643254784: 0 32
// The multi-context fork puts `context_id=N` before target_id; old kernels have no age.

export interface AggregatedRecord {
  kind: 'aggregated';
  comm: string;
  tid: number;
  /** Nanoseconds on perf's clock (CLOCK_MONOTONIC when recorded with -k CLOCK_MONOTONIC). */
  timeNs: number;
  contextId: number | null;
  targetId: number;
  nrRegions: number;
  start: number;
  end: number;
  nrAccesses: number;
  /** In aggregation intervals; null on kernels that do not report it. */
  age: number | null;
}

export interface SchemeRecord {
  kind: 'damos_before_apply';
  tid: number;
  timeNs: number;
  contextIndex: number;
  schemeIndex: number;
  targetIndex: number;
  start: number;
  end: number;
  nrAccesses: number;
  age: number;
}

export interface IntervalsTuneRecord {
  kind: 'intervals_tune';
  tid: number;
  timeNs: number;
  sampleUs: number;
}

export type Problem = 'malformed damon_aggregated' | 'malformed damos_before_apply' | 'malformed damon_monitor_intervals_tune' | 'truncated line';

export type Parsed = AggregatedRecord | SchemeRecord | IntervalsTuneRecord | { kind: 'other'; event: string } | { kind: 'problem'; problem: Problem } | { kind: 'blank' };

const HEADER = /^\s*(\S(?:.*\S)?)\s+(\d+)(?:\/\d+)?\s+(?:\[\d+\]\s+)?(?:\S+\s+)?(\d+)\.(\d+):\s+([\w-]+:[\w-]+):\s?(.*)$/;
const AGGREGATED = /^(?:context_id=(\d+)\s+)?target_id=(\d+)\s+nr_regions=(\d+)\s+(\d+)-(\d+):\s+(\d+)(?:\s+(\d+))?\s*$/;
const SCHEME = /^ctx_idx=(\d+)\s+scheme_idx=(\d+)\s+target_idx=(\d+)\s+nr_regions=\d+\s+(\d+)-(\d+):\s+(\d+)\s+(\d+)\s*$/;
const TUNE = /^sample_us=(\d+)/;

function nanoseconds(seconds: string, fraction: string): number {
  return Number(seconds) * 1e9 + Number(fraction.padEnd(9, '0').slice(0, 9));
}

export function parseLine(line: string): Parsed {
  if (line.trim() === '') return { kind: 'blank' };
  const header = HEADER.exec(line);
  if (!header) return line.includes('damon:') ? { kind: 'problem', problem: 'truncated line' } : { kind: 'other', event: 'unrecognized' };
  const [, comm, tid, seconds, fraction, event, payload] = header;
  const timeNs = nanoseconds(seconds!, fraction!);
  switch (event) {
    case 'damon:damon_aggregated': {
      const m = AGGREGATED.exec(payload!);
      if (!m) return { kind: 'problem', problem: 'malformed damon_aggregated' };
      return {
        kind: 'aggregated',
        comm: comm!,
        tid: Number(tid),
        timeNs,
        contextId: m[1] === undefined ? null : Number(m[1]),
        targetId: Number(m[2]),
        nrRegions: Number(m[3]),
        start: Number(m[4]),
        end: Number(m[5]),
        nrAccesses: Number(m[6]),
        age: m[7] === undefined ? null : Number(m[7]),
      };
    }
    case 'damon:damos_before_apply': {
      const m = SCHEME.exec(payload!);
      if (!m) return { kind: 'problem', problem: 'malformed damos_before_apply' };
      return {
        kind: 'damos_before_apply',
        tid: Number(tid),
        timeNs,
        contextIndex: Number(m[1]),
        schemeIndex: Number(m[2]),
        targetIndex: Number(m[3]),
        start: Number(m[4]),
        end: Number(m[5]),
        nrAccesses: Number(m[6]),
        age: Number(m[7]),
      };
    }
    case 'damon:damon_monitor_intervals_tune': {
      const m = TUNE.exec(payload!);
      if (!m) return { kind: 'problem', problem: 'malformed damon_monitor_intervals_tune' };
      return { kind: 'intervals_tune', tid: Number(tid), timeNs, sampleUs: Number(m[1]) };
    }
    default:
      return { kind: 'other', event: event! };
  }
}
