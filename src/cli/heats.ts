import { chooseRange, GuideBuilder } from '../analysis/guide.js';
import { HeatmapBuilder } from '../analysis/heatmap.js';
import { formatBytes, formatDuration, parseDuration } from '../manifest/units.js';
import { writeFile, rename } from 'node:fs/promises';
import { heatmapSvg } from '../report/svg.js';
import { asciiHeatmap, type ColorSet } from '../report/ascii-heatmap.js';
import { TraceError } from '../trace/snapshots.js';
import { openTrace, pass, SourceError } from '../trace/source.js';
import { oneOf, type Command } from './command.js';
import { UsageError, UserError } from './output.js';

export const heatsCommand: Command = {
  name: 'heats',
  summary: "access heatmaps of a recorded run, with damo's options and numbers",
  usage: 'damon-exp heats DIR|FILE [--guide] [--kdamond N] [--cid N] [--tid N] [--resol ROWSxCOLS] [--time-range A,B] [--address-range A,B] [--range hottest|largest] [--abs-time] [--abs-addr] [--plot-ascii [--colorset gray|flame|emotion]] [--image FILE.svg]',
  help: `Heatmaps of how often DAMON saw each address accessed over time, with damo's semantics
(a pixel's heat is the time- and space-weighted average nr_accesses; the first snapshot is
skipped). Without --plot-ascii it prints 'time addr heat' lines as damo's report heats does
(time in ns and address in bytes relative to the range's start unless --abs-time/--abs-addr),
so gnuplot scripts keep working. --image writes an SVG with time (s) and address-offset axes
and a colour scale instead (500×500 by default). --guide prints, per (kdamond, context, target), the time span
and the address ranges that hold data. The address range defaults to the hottest of them
(--range largest for the largest); --time-range takes durations from the trace's start.

Examples:
  damon-exp heats results/one_target/run --guide
  damon-exp heats results/many_contexts/run --kdamond 2 --plot-ascii
  damon-exp heats masim.data --resol 500x500 > heats.txt
  damon-exp heats results/many_contexts/run --kdamond 1 --image heatmap.svg`,
  options: {
    guide: { type: 'boolean' },
    kdamond: { type: 'string' },
    cid: { type: 'string' },
    tid: { type: 'string' },
    resol: { type: 'string' },
    'time-range': { type: 'string' },
    'address-range': { type: 'string' },
    range: { type: 'string', default: 'hottest' },
    'abs-time': { type: 'boolean' },
    'abs-addr': { type: 'boolean' },
    'plot-ascii': { type: 'boolean' },
    image: { type: 'string' },
    colorset: { type: 'string', default: 'gray' },
  },
  async run({ values, positionals }, output) {
    if (positionals.length !== 1) throw new UsageError('name one run directory or trace file', 'heats');
    const range = oneOf(values.range, ['hottest', 'largest'] as const, '--range', 'heats')!;
    const colorset = oneOf(values.colorset, ['gray', 'flame', 'emotion'] as const, '--colorset', 'heats')! as ColorSet;
    const [rows, cols] = resolution(values.resol, values['plot-ascii'] === true);
    if (values.image !== undefined && !String(values.image).endsWith('.svg')) throw new UsageError(`--image writes SVG: name a .svg file, not '${String(values.image)}'`, 'heats');
    try {
      const source = openTrace(positionals[0]!);
      const guide = new GuideBuilder();
      await pass(source, (s) => guide.add(s));
      const entries = guide.result();
      if (values.guide) {
        for (const e of entries) {
          output.out(`kdamond:${e.kdamond} context_id:${e.context} target_id:${e.target}`);
          output.out(`time: ${e.firstNs}-${e.lastNs} (${formatDuration(Math.round((e.lastNs - e.firstNs) / 1000))})`);
          e.ranges.forEach((r, i) => output.out(`region ${String(i).padStart(3)}: ${String(r.start).padStart(20, '0')}-${String(r.end).padStart(20, '0')} (${formatBytes(r.end - r.start)})`));
        }
        return 0;
      }
      const want = (name: string) => (values[name] === undefined ? undefined : Number(values[name]));
      const [k, c, t] = [want('kdamond'), want('cid'), want('tid')];
      const matching = entries.filter((e) => (k === undefined || e.kdamond === k) && (c === undefined || e.context === c) && (t === undefined || e.target === t));
      const entry = matching[0];
      if (!entry) throw new UserError('no (kdamond, context, target) in the trace matches', `it has: ${entries.map((e) => `--kdamond ${e.kdamond} --cid ${e.context} --tid ${e.target}`).join('; ')}`);
      const same = (s: { kdamond: number; context: number; target: number }) => s.kdamond === entry.kdamond && s.context === entry.context && s.target === entry.target;

      let address: [number, number];
      if (values['address-range'] !== undefined) address = pair(String(values['address-range']), (x) => Number(BigInt(x)), '--address-range');
      else address = chooseRange(entry, range);
      const time: [number, number] =
        values['time-range'] !== undefined
          ? (pair(String(values['time-range']), (x) => parseDuration(x) * 1000, '--time-range').map((ns) => entry.firstNs + ns) as [number, number])
          : [entry.firstNs, entry.lastNs];
      const map = new HeatmapBuilder({ rows, cols, time, address });
      await pass(source, (s) => same(s) && map.add(s));
      if (values.image !== undefined) {
        const file = String(values.image);
        const svg = heatmapSvg({
          title: `access heatmap, kdamond ${entry.kdamond} · context ${entry.context} · target ${entry.target}`,
          subtitle: `addresses from ${address[0]} (0x${address[0].toString(16)}), ${formatBytes(address[1] - address[0])}; ${positionals[0]}`,
          heat: map.averages(),
          rows,
          cols,
          timeSeconds: [(time[0] - entry.firstNs) / 1e9, (time[1] - entry.firstNs) / 1e9],
          addressBytes: address[1] - address[0],
        });
        await writeFile(`${file}.new`, svg);
        await rename(`${file}.new`, file);
        output.err(`wrote ${file} (${rows}×${cols})`);
        return 0;
      }
      const grid = map.result();
      if (values['plot-ascii']) {
        output.out(asciiHeatmap(grid, { colors: output.color ? colorset : null, time, address }));
        return 0;
      }
      const pixelNs = (time[1] - time[0]) / rows;
      const pixelBytes = (address[1] - address[0]) / cols;
      const lines: string[] = [];
      grid.forEach((row, r) =>
        row.forEach((heat, col) => {
          const tNs = Math.round((values['abs-time'] ? time[0] : 0) + r * pixelNs);
          const addr = Math.round((values['abs-addr'] ? address[0] : 0) + col * pixelBytes);
          lines.push(`${tNs} ${addr} ${Number(heat.toFixed(3))}`);
        }),
      );
      output.out(lines.join('\n'));
      return 0;
    } catch (error) {
      if (error instanceof SourceError) throw new UserError(error.message, error.hint);
      if (error instanceof TraceError) throw new UserError(`${positionals[0]}: ${error.message}`);
      throw error;
    }
  },
};

function resolution(text: unknown, ascii: boolean): [number, number] {
  if (text === undefined) return ascii ? [40, 80] : [500, 500];
  const match = /^([1-9][0-9]*)[x,]([1-9][0-9]*)$/.exec(String(text));
  if (!match) throw new UsageError(`--resol takes ROWSxCOLS, such as 40x80, not '${String(text)}'`, 'heats');
  return [Number(match[1]), Number(match[2])];
}

function pair(text: string, parse: (x: string) => number, option: string): [number, number] {
  const parts = text.split(',');
  try {
    if (parts.length !== 2) throw new Error();
    const [a, b] = parts.map((p) => parse(p.trim())) as [number, number];
    if (!(b > a)) throw new Error();
    return [a, b];
  } catch {
    throw new UsageError(`${option} takes START,END with START < END, not '${text}'`, 'heats');
  }
}
