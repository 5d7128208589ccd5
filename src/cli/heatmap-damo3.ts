// `damon-exp heatmap`: damo 3.3.0's report heatmap (its numbers: analysis/heatmap-damo3.ts), with
// heats' options (heats-options.ts); `damon-exp heats` keeps damo 2.4.9's.
import { damo3HeatmapOf } from '../analysis/heatmap-damo3.js';
import { asciiHeatmap } from '../report/ascii-heatmap.js';
import { damo3GuideText, damo3RawLines } from '../report/damo3-layouts.js';
import { heatmapPng, heatmapSvg } from '../report/svg/heatmap.js';
import { traceWarnings } from '../trace/problems.js';
import { formatName, openTrace } from '../trace/source.js';
import { formatBytes } from '../util/format.js';
import { writeWhole } from '../util/write-whole.js';
import type { Args } from './command.js';
import { HEATS_OPTIONS, heatsRequest } from './heats-options.js';
import { UserError, type Output } from './output.js';
import { oneInput } from './trace-input.js';
import { layoutSelection } from './layout-cid.js';

export async function runHeatmap(
  { values, positionals, spelled = (option) => option }: Args<typeof HEATS_OPTIONS>,
  output: Output,
): Promise<number> {
  const input = oneInput(positionals, 'heatmap');
  const request = heatsRequest(values, spelled, 'stdout');
  const { spec, drawing, colorset } = request;
  // On a run directory --cid counts the layout's contexts; say which of the trace's that is.
  const { selection, note, warnings } = layoutSelection(input, request.selection, spelled('--cid'));
  for (const warning of warnings) output.err(`damon-exp: warning: ${warning}`);
  if (note) output.err(note);
  const source = openTrace(input);
  for (const warning of source.warnings) output.err(`damon-exp: warning: ${warning}`);
  if (source.format !== 'script') output.err(`damon-exp: ${source.label}: ${formatName(source.format)}`);
  const { counts, guides, matching, map } = await damo3HeatmapOf(source, selection, values.guide ? null : spec);
  for (const warning of traceWarnings(source.label, counts)) output.err(`damon-exp: warning: ${warning}`);
  const noMatch = () =>
    new UserError(
      'no (kdamond, context, target) in the trace matches',
      `it has: ${guides.map((g) => `--kdamond ${g.kdamond} --cid ${g.context} --tid ${g.target}`).join('; ')}`,
    );
  if (values.guide) {
    const shown = guides.filter((g) => matching.includes(g));
    if (guides.length && !shown.length) throw noMatch();
    const several = new Set(guides.map((g) => `${g.kdamond}/${g.context}`)).size > 1;
    for (const line of damo3GuideText(shown, several)) output.out(line);
    return 0;
  }
  const guide = matching[0];
  if (!guide)
    throw guides.length
      ? noMatch()
      : new UserError(
          `${source.label} holds no complete snapshot: nothing to draw`,
          'a recording cut short keeps whole snapshots only; record for at least a few aggregation intervals',
        );
  if (!map)
    throw new UserError(
      `kdamond ${guide.kdamond} context ${guide.context} target ${guide.target} has one snapshot: damo 3.3.0 estimates the first snapshot's start from the others, so it needs two`,
      "record for longer, or draw it with 'damon-exp heats' (damo 2.4.9's numbers)",
    );
  if (matching.length > 1) {
    // damo picks the first one silently; say which, and how to pick another.
    output.err(
      `damon-exp: heatmap of kdamond ${guide.kdamond} context ${guide.context} target ${guide.target}, the first of ${matching.length} in the trace (--kdamond, --cid and --tid pick another; --guide lists them)`,
    );
  }
  const { rows, cols, time, address } = map.ranges;
  const drawnTime: [number, number] = [time[0], time[0] + map.timeUnit * rows];
  const drawnAddress: [number, number] = [address[0], address[0] + map.addressUnit * cols];
  // The drawings show a pixel nothing touched as no access.
  const heat = map.heat.map((h) => (Number.isNaN(h) ? 0 : h));
  if (drawing.kind === 'image' && drawing.format === 'png') {
    // The pixels the SVG embeds, alone: time left to right, addresses bottom to top.
    await writeWhole(drawing.file, heatmapPng({ heat, rows, cols }).png);
    output.err(`wrote ${drawing.file} (${rows}×${cols}: ${rows} pixels wide, ${cols} high)`);
    return 0;
  }
  if (drawing.kind === 'image') {
    const svg = heatmapSvg({
      title: `access heatmap, kdamond ${guide.kdamond} · context ${guide.context} · target ${guide.target}`,
      subtitle: `addresses from ${address[0]} (0x${address[0].toString(16)}), ${formatBytes(drawnAddress[1] - address[0])}; ${input}`,
      heat,
      rows,
      cols,
      timeSeconds: [(drawnTime[0] - guide.startNs!) / 1e9, (drawnTime[1] - guide.startNs!) / 1e9],
      addressBytes: drawnAddress[1] - address[0],
    });
    await writeWhole(drawing.file, svg);
    output.err(`wrote ${drawing.file} (${rows}×${cols})`);
    return 0;
  }
  if (drawing.kind === 'stdout') {
    const grid = Array.from({ length: rows }, (_, row) => Array.from(heat.subarray(row * cols, (row + 1) * cols)));
    output.out(
      asciiHeatmap(grid, {
        colors: output.color ? colorset : null,
        time: [Math.trunc(drawnTime[0]), Math.trunc(drawnTime[1])],
        address: drawnAddress,
        colorExample: values['skip-color-example'] !== true,
      }),
    );
    return 0;
  }
  for (const line of damo3RawLines(map, { time: values['abs-time'] === true, address: values['abs-addr'] === true }))
    output.out(line);
  return 0;
}
