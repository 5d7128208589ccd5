import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadExperiment } from '../manifest/load.js';
import { FIGURES_FILE, readFiguresFile, writeFigures } from '../sweep/figures.js';
import { defineCommand } from './command.js';
import { UsageError, UserError } from './output.js';

export const figuresCommand = defineCommand({
  name: 'figures',
  usage: 'damon-exp figures DIR [--manifest FILE] [--no-png] [--include-suspect] [--json]',
  help: `Draws each figure of the manifest's figures: section from the run directories under DIR
(results/<manifest name>/) into DIR/figures/: NAME.svg, NAME.csv (exactly the numbers plotted:
per series and x, the number of complete repetitions, mean, standard deviation, min, max and,
from three repetitions, the 95 % confidence interval clipped to where the metric can lie; error
bars span it, or min–max with fewer repetitions) and NAME.png (drawn by Chromium, when found: $CHROMIUM or Debian's). A sweep
keeps its figures in DIR/figures.json and draws them when it ends; --manifest takes them from a
manifest instead, for figures added or changed since. The same results give the same SVG and CSV
bytes. Runs whose own data say their numbers are not DAMON's (suspect: see their reports) are
left out, and a warning says how many; --include-suspect draws them.

Figures (in the manifest):
  figures:
    - name: cpu_by_targets
      title: kdamond CPU as targets grow
      x: layout.targets          # a parameter of the runs
      y: kdamond_cpu             # a metric (see damon-exp index's columns)
      series: layout.kind        # optional: a line per value
      type: line                 # line (default), bar, or heatmaps (a grid, no y)
      where: {monitoring.sample: 5ms}
      x_label: monitored processes
      y_label: kdamond CPU (% of one CPU)

Examples:
  damon-exp figures results/sweep_layouts
  damon-exp figures results/sweep_layouts --manifest experiments/sweep_layouts.yaml --no-png`,
  options: {
    manifest: {
      type: 'string',
      value: 'FILE',
      description: "take the figures from this manifest instead of the sweep's figures.json",
    },
    'no-png': { type: 'boolean', description: 'draw SVG and CSV only, without starting Chromium' },
    'include-suspect': {
      type: 'boolean',
      description: "count suspect runs too (runs whose own data say their numbers are not DAMON's)",
    },
    json: { type: 'boolean', description: 'print the files written as JSON' },
  },
  async run({ values, positionals }, output, deps) {
    if (positionals.length !== 1) throw new UsageError('name one sweep directory (results/<manifest name>)', 'figures');
    const dir = positionals[0]!;
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new UserError(`not a directory: ${dir}`, 'give results/<manifest name>, where damon-exp run put the runs');
    const figures =
      values.manifest !== undefined
        ? loadExperiment(values.manifest).figures
        : ((await readFiguresFile(join(dir, FIGURES_FILE)))?.figures ?? null);
    if (figures === null)
      throw new UserError(
        `${dir} has no ${FIGURES_FILE}`,
        'a sweep writes it when its manifest has figures:; or give --manifest FILE',
      );
    if (figures.length === 0)
      throw new UserError(`${values.manifest} has no figures: section`, "see 'damon-exp figures --help' for its form");
    const { files, warnings } = await writeFigures(dir, figures, {
      png: !values['no-png'],
      env: deps.env ?? process.env,
      includeSuspect: values['include-suspect'] === true,
    });
    for (const warning of warnings) output.err(`damon-exp: warning: ${warning}`);
    output.out(values.json ? JSON.stringify(files, null, 1) : files.join('\n'));
    // A figure without data is a failure of the command, after the others are drawn.
    return warnings.some((w) => w.startsWith('figure ')) ? 1 : 0;
  },
});
