// damo 2.4.9's text outputs, line for line: `report heats --guide`, `report heats`' lines and
// `report wss`, from what analysis/heats.ts and analysis/wss.ts computed.
import type { GuideEntry } from '../analysis/guide.js';
import type { HeatmapBuilder } from '../analysis/heatmap.js';
import type { WssDistribution } from '../analysis/wss.js';
import { damoSize, damoTime, pythonFloat } from './damo-text.js';

/**
 * Each entry's time span and ranges, headed as damo 2.4.9 heads them (`target_id:T`, after a
 * `# kdamond K context C` line when the trace has several), or, for a trace of the multi-context
 * fork (`contextIds`), as the seed's damo fork does (`context_id:C target_id:T`, after a
 * `# kdamond K` line when the trace has several kdamonds, which that damo mixes).
 */
export function guideText(entries: readonly GuideEntry[], several: boolean, contextIds = false): string[] {
  const kdamonds = new Set(entries.map((e) => e.kdamond)).size > 1;
  const heading = (e: GuideEntry, i: number): string[] => {
    if (!contextIds)
      return [...(several ? [`# kdamond ${e.kdamond} context ${e.context}`] : []), `target_id:${e.target}`];
    const firstOfKdamond = kdamonds && entries[i - 1]?.kdamond !== e.kdamond;
    return [...(firstOfKdamond ? [`# kdamond ${e.kdamond}`] : []), `context_id:${e.context} target_id:${e.target}`];
  };
  return entries.flatMap((e, i) => [
    ...heading(e, i),
    `time: ${e.firstNs}-${e.lastNs} (${damoTime(e.lastNs - e.firstNs)})`,
    ...e.ranges.map(
      (r, i) =>
        `region\t${String(i).padStart(2)}: ${String(r.start).padStart(20, '0')}-${String(r.end).padStart(20, '0')} (${damoSize(r.end - r.start)})`,
    ),
  ]);
}

/**
 * damo's 'time<TAB>addr<TAB>heat' lines, one string per row of the grid, heats as Python prints
 * floats; times and addresses from the drawn ranges' starts unless absolute.
 */
export function heatsLines(map: HeatmapBuilder, absolute: { time: boolean; address: boolean }): string[] {
  const timeBase = absolute.time ? 0 : map.spec.time[0];
  const addressBase = absolute.address ? 0 : map.spec.address[0];
  const addresses = Array.from({ length: map.spec.cols }, (_, col) => map.colAddress(col) - addressBase);
  return map.result().map((row, r) => {
    const t = map.rowTime(r) - timeBase;
    return row.map((heat, col) => `${t}\t${addresses[col]}\t${pythonFloat(heat)}`).join('\n');
  });
}

export interface WssTextOptions {
  /** Sizes in bytes (damo's --raw_number). */
  raw: boolean;
  /** The width of the bars beside the percentiles (0: none). */
  bar: number;
  /** Every size instead of the percentiles (damo's --all_wss). */
  all: boolean;
}

/** damo's lines for one distribution: its average, then each percentile (and a bar) or each size. */
export function wssText({ sizes, summary }: WssDistribution, { raw, bar, all }: WssTextOptions): string {
  const lines = ['# <percentile> <wss>'];
  if (summary.averageBytes === null) return [...lines, '# no snapshot'].join('\n');
  lines.push(`# avr:\t${damoSize(summary.averageBytes, raw)}`);
  if (all) return [...lines, ...sizes.map((v, i) => `${i} ${damoSize(v, raw)}`)].join('\n');
  const rows = Object.entries(summary.percentiles);
  const max = Math.max(0, ...rows.map(([, v]) => v));
  const perColumn = max > 0 ? max / bar : 1;
  for (const [p, value] of rows) {
    let line = `${p.padStart(3)} ${damoSize(value, raw).padStart(15)}`;
    if (bar > 0) {
      const columns = Math.min(bar, Math.max(0, Math.trunc(value / perColumn)));
      line += ` |${'*'.repeat(columns)}${' '.repeat(bar - columns)}|`;
    }
    lines.push(line);
  }
  return lines.join('\n');
}
