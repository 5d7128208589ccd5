// What the parser skipped, told in words: one sentence per kind of problem, with how many and
// where the first was, for the warnings of heats and wss, the report, and analysis.json.
import type { ProblemKind, TraceCounts } from './snapshots.js';

export interface TraceProblem {
  kind: ProblemKind;
  count: number;
  /** `first at line 1234: ...`, when known. */
  first: string | null;
  /** `skipped 3 malformed damon_aggregated lines (first at line 1234: ...)` */
  summary: string;
}

/** `3 malformed damon_aggregated lines`, `1 incomplete snapshot` */
export function problemNoun(kind: ProblemKind, count: number): string {
  const plural = count === 1 ? '' : 's';
  if (kind === 'incomplete snapshot' || kind.endsWith(' line')) return `${count} ${kind}${plural}`;
  return `${count} ${kind} line${plural}`;
}

export function traceProblems(counts: TraceCounts): TraceProblem[] {
  return (Object.entries(counts.problems) as [ProblemKind, number][]).map(([kind, count]) => {
    const first = counts.firstProblems?.[kind];
    const verb = kind === 'incomplete snapshot' ? 'left out' : 'skipped';
    const where = first ? `first at line ${first.line}${first.text ? `: ${first.text}` : ''}` : null;
    return { kind, count, first: where, summary: `${verb} ${problemNoun(kind, count)}${where ? ` (${where})` : ''}` };
  });
}

/** One warning per kind of problem, naming the trace: `masim.script: skipped 3 malformed ...`. */
export function traceWarnings(label: string, counts: TraceCounts): string[] {
  return traceProblems(counts).map((p) => `${label}: ${p.summary}`);
}
