// The plans of the shipped experiments, pinned for both kernel kinds. A change to a plan shows up
// here as a diff to review; accept it with `npx vitest run -u test/plan/golden.test.ts`. A missing
// golden file fails rather than being written anew (so that deleting one cannot pass unnoticed).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import { assumedCaps } from '../../src/plan/caps.js';
import { renderPlanJson } from '../../src/plan/render-json.js';
import { renderPlanSh } from '../../src/plan/render-sh.js';
import { renderPlanText } from '../../src/plan/render-text.js';
import { shippedRuns } from './helpers.js';

describe.each(['one_target', 'many_targets', 'many_contexts'])('%s', (name) => {
  it.each(['upstream', 'multi-context'] as const)('plan on %s kernels', async (kernel) => {
    for (const ext of ['txt', 'json', 'sh'])
      expect(golden(`${name}.${kernel}.plan.${ext}`), 'run vitest -u to create it').toBe(true);
    const plan = buildPlan(shippedRuns(name)[0]!, assumedCaps(kernel));
    await expect(renderPlanText(plan)).toMatchFileSnapshot(`../golden/${name}.${kernel}.plan.txt`);
    await expect(renderPlanJson(plan)).toMatchFileSnapshot(`../golden/${name}.${kernel}.plan.json`);
    await expect(renderPlanSh(plan)).toMatchFileSnapshot(`../golden/${name}.${kernel}.plan.sh`);
  });
});

function golden(name: string): boolean {
  return (
    process.argv.includes('-u') ||
    process.argv.includes('--update') ||
    existsSync(new URL(`../golden/${name}`, import.meta.url))
  );
}

it('the sweep plans its runs as listed', async () => {
  expect(golden('sweep_layouts.upstream.kdamonds.txt')).toBe(true);
  const runs = shippedRuns('sweep_layouts');
  const summary = runs
    .map((run) => {
      const plan = buildPlan(run, assumedCaps('upstream'));
      return `${run.id}: ${plan.layout.kdamonds.map((k) => k.contexts.map((c) => c.targets.length).join('+')).join(' | ')}`;
    })
    .join('\n');
  await expect(`${summary}\n`).toMatchFileSnapshot('../golden/sweep_layouts.upstream.kdamonds.txt');
});
