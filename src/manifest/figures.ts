// A manifest's paper figures: what they may speak of (the runs' parameters) and what each needs.
import { shorten } from '../util/errors.js';
import type { Figures } from './manifest.types.js';
import type { Problem } from './resolve.js';
import { RUN_FACTS, type Run } from './run.js';

export type Figure = Figures[number];

/** A figure may only speak of the runs' parameters; a line or bar figure needs a metric. */
export function figureProblems(figures: Figure[], runs: Run[]): Problem[] {
  const params = [...new Set(runs.flatMap((run) => Object.keys(run.params))), ...RUN_FACTS];
  const hint = `the runs' parameters: ${shorten(params.join(', '), 400)}`;
  const problems: Problem[] = [];
  figures.forEach((figure, i) => {
    const check = (value: string | undefined, path: (string | number)[], at: 'value' | 'key' = 'value') => {
      if (value !== undefined && !params.includes(value))
        problems.push({
          path: ['figures', i, ...path],
          at,
          message: `'${shorten(value)}' is not a parameter of the runs`,
          hint,
        });
    };
    check(figure.x, ['x']);
    check(figure.series, ['series']);
    for (const key of Object.keys(figure.where ?? {})) check(key, ['where', key], 'key');
    if (figure.type === 'tradeoff' && figure.baseline !== undefined) {
      const seen = runs.map((run) => run.params[figure.x]);
      if (!seen.some((v) => v === figure.baseline || String(v) === String(figure.baseline)))
        problems.push({
          path: ['figures', i, 'baseline'],
          message: `no run has ${figure.x} = ${JSON.stringify(figure.baseline)}`,
          hint: `the values of ${figure.x}: ${shorten([...new Set(seen.map((v) => JSON.stringify(v)))].join(', '), 200)}`,
        });
    }
    if (!['heatmaps', 'tradeoff'].includes(figure.type ?? 'line') && figure.y === undefined)
      problems.push({
        path: ['figures', i],
        subject: ['figures', i, 'y'],
        message: `figure '${figure.name}' needs y: the metric it plots`,
        hint: 'such as kdamond_cpu, recall or wss_p50',
      });
  });
  const names = figures.map((f) => f.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i)
      problems.push({
        path: ['figures', i, 'name'],
        message: `a second figure named '${name}'`,
        hint: 'each figure writes figures/<name>.svg: give each a name of its own',
      });
  });
  return problems;
}
