// damo 3.3.0's text outputs of `report heatmap`, line for line: its --guide and its
// 'time<TAB>addr<TAB>heat' lines (--output raw), from what analysis/heatmap-damo3.ts computed.
import type { Damo3Guide, Damo3Heatmap } from '../analysis/heatmap-damo3.js';
import { pythonFloat } from './damo-text.js';

/**
 * Each guide's span and ranges as raw numbers (Python's '%d', which truncates the estimated
 * start); `several` (kdamonds or contexts in the trace) adds the kdamond_idx and context_idx lines
 * damo 3.3.0 prints for records that know them.
 */
export function damo3GuideText(guides: readonly Damo3Guide[], several: boolean): string[] {
  return guides.flatMap((g) => {
    const start = g.startNs ?? g.endNs;
    return [
      ...(several ? [`kdamond_idx: ${g.kdamond}`, `context_idx: ${g.context}`] : []),
      `target_id: ${g.target}`,
      `time: [${Math.trunc(start)}, ${g.endNs}) (${Math.trunc(g.endNs - start)})`,
      ...g.ranges.map((r, i) => `region\t${String(i).padStart(2)}: [${r.start}, ${r.end}) (${r.end - r.start})`),
    ];
  });
}

/**
 * damo 3.3.0's raw lines, one string per row: times relative to the range's start (a float when
 * Python holds it as one) and addresses relative to the range's start, unless absolute; a pixel
 * nothing touched is 'NaN'.
 */
export function damo3RawLines(map: Damo3Heatmap, absolute: { time: boolean; address: boolean }): string[] {
  const { cols, time, address, floatTime } = map.ranges;
  const addresses = Array.from({ length: cols }, (_, col) => map.colAddress(col) - (absolute.address ? 0 : address[0]));
  return map.result().map((row, r) => {
    const t = absolute.time ? String(map.rowTime(r)) : relativeTime(map.rowTime(r) - time[0], floatTime);
    return row
      .map((heat, col) => `${t}\t${addresses[col]}\t${Number.isNaN(heat) ? 'NaN' : pythonFloat(heat)}`)
      .join('\n');
  });
}

function relativeTime(ns: number, float: boolean): string {
  return float ? pythonFloat(ns) : String(ns);
}
