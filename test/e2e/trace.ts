// Just enough of a `perf script` reader for the end-to-end tests (the real parser is src/trace/,
// with the analysis issue): damon_aggregated lines by thread id, by their tokens.

export interface AggregatedLine {
  tid: number;
  time: number;
  contextId: number | null;
  targetId: number;
  start: bigint;
  end: bigint;
  nrAccesses: number;
}

const LINE =
  /^\s*\S+\s+(\d+)\s+(?:\[\d+\]\s+)?([0-9.]+):\s+damon:damon_aggregated:\s+(?:context_id=(\d+)\s+)?target_id=(\d+)\s+nr_regions=\d+\s+(\d+)-(\d+):\s+(\d+)/;

export function aggregatedLines(script: string): AggregatedLine[] {
  const lines: AggregatedLine[] = [];
  for (const text of script.split('\n')) {
    const match = LINE.exec(text);
    if (!match) continue;
    lines.push({
      tid: Number(match[1]),
      time: Number(match[2]),
      contextId: match[3] === undefined ? null : Number(match[3]),
      targetId: Number(match[4]),
      start: BigInt(match[5]!),
      end: BigInt(match[6]!),
      nrAccesses: Number(match[7]),
    });
  }
  return lines;
}

/** Byte-weighted mean nr_accesses of the parts of `lines` inside, and outside, the given ranges. */
export function accessesInsideAndOutside(
  lines: AggregatedLine[],
  ranges: { start: bigint; end: bigint }[],
): { inside: number; outside: number } {
  let inWeight = 0;
  let inSum = 0;
  let outWeight = 0;
  let outSum = 0;
  for (const line of lines) {
    const size = Number(line.end - line.start);
    let covered = 0;
    for (const range of ranges) {
      const lo = line.start > range.start ? line.start : range.start;
      const hi = line.end < range.end ? line.end : range.end;
      if (hi > lo) covered += Number(hi - lo);
    }
    inWeight += covered;
    inSum += covered * line.nrAccesses;
    outWeight += size - covered;
    outSum += (size - covered) * line.nrAccesses;
  }
  return { inside: inWeight ? inSum / inWeight : 0, outside: outWeight ? outSum / outWeight : 0 };
}
