// The schema documents the manifest (docs/manifest.md is made from it, editors show it): every key
// and every definition says what it is, and every default it states is what damon-exp does when the
// key is left out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { expandExperiment, type Experiment } from '../../src/manifest/load.js';

type Node = Record<string, unknown>;
const schema = JSON.parse(readFileSync(new URL('../../schemas/manifest.schema.json', import.meta.url), 'utf8')) as Node;

const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every subschema with its JSON pointer; `named` when it is a property's, a definition's or a pattern property's. */
function* subschemas(node: Node, pointer = ''): Generator<{ pointer: string; node: Node; named: boolean }> {
  yield { pointer, node, named: false };
  for (const [key, value] of Object.entries(node)) {
    if (['properties', '$defs', 'patternProperties'].includes(key) && isNode(value)) {
      for (const [name, child] of Object.entries(value))
        if (isNode(child))
          for (const found of subschemas(child, `${pointer}/${key}/${name}`))
            yield found.pointer === `${pointer}/${key}/${name}` ? { ...found, named: true } : found;
    } else if (isNode(value) && key !== 'default') {
      yield* subschemas(value, `${pointer}/${key}`);
    } else if (Array.isArray(value) && key !== 'default') {
      for (const [i, item] of value.entries()) if (isNode(item)) yield* subschemas(item, `${pointer}/${key}/${i}`);
    }
  }
}

const all = [...subschemas(schema)];

describe('the schema says what each key is', () => {
  it('finds the keys (a walk that found none would pass)', () => {
    expect(all.filter((s) => s.named).length).toBeGreaterThan(150);
  });

  it('gives every property, pattern property and definition a description', () => {
    const missing = all
      .filter((s) => s.named && (typeof s.node.description !== 'string' || s.node.description.trim() === ''))
      .map((s) => s.pointer);
    expect(missing).toEqual([]);
  });
});

const dir = tmpdir();
const BASE = `name: defaults
workloads:
  w:
    regions: [{name: a, size: 1MiB}]
    phases: [{name: p, duration: 60s, patterns: [{region: a, weight: 1}]}]
layout:
  kind: one-target
  workloads: [w]
schemes: [{action: stat, filters: [{type: addr, start: 0, end: 4096}]}]
`;
const EXPLICIT = `name: defaults
workloads:
  w: {command: [sleep, '60']}
layout:
  kdamonds: [{contexts: [{targets: [{workload: w}]}]}]
`;

/**
 * For each default the schema states: a manifest without the key, and the key's path for --set (or,
 * for a top-level key --set cannot change, to write into the manifest).
 */
const CASES: Record<string, { manifest: string; path: string; written?: true }> = {
  '/properties/allow_physical_actions': { manifest: BASE, path: 'allow_physical_actions' },
  '/properties/duration': { manifest: BASE, path: 'duration' },
  '/properties/repeat': { manifest: BASE, path: 'repeat', written: true },
  '/$defs/masimPattern/properties/random': { manifest: BASE, path: 'workloads.w.phases.0.patterns.0.random' },
  '/$defs/masimPattern/properties/stride': { manifest: BASE, path: 'workloads.w.phases.0.patterns.0.stride' },
  '/$defs/layout/properties/contexts_per_kdamond': { manifest: BASE, path: 'layout.contexts_per_kdamond' },
  '/$defs/context/properties/operations': { manifest: EXPLICIT, path: 'layout.kdamonds.0.contexts.0.operations' },
  '/$defs/record/properties/events': { manifest: BASE, path: 'record.events' },
  '/$defs/backend/properties/kind': { manifest: BASE, path: 'backend.kind' },
  '/$defs/backend/properties/memory': { manifest: BASE, path: 'backend.memory' },
  '/$defs/backend/properties/cpus': { manifest: BASE, path: 'backend.cpus' },
  '/$defs/backend/properties/accel': { manifest: BASE, path: 'backend.accel' },
  '/$defs/backend/properties/tlb_refresh': { manifest: BASE, path: 'backend.tlb_refresh' },
  '/$defs/executor/properties/kind': { manifest: BASE, path: 'executor.kind' },
  '/$defs/scheme/properties/filters/items/properties/matching': {
    manifest: BASE,
    path: 'schemes.0.filters.0.matching',
  },
};

/** What the runs are, whatever named them: ids and parameters come from --set too, the hash from the text. */
function substance(experiment: Experiment) {
  return {
    runs: experiment.runs.map(({ id: _id, params: _params, manifest: { sha256: _sha256, ...manifest }, ...run }) => ({
      ...run,
      manifest,
    })),
    executor: experiment.executor,
    figures: experiment.figures,
  };
}

describe("the schema's defaults", () => {
  const defaults = all.filter((s) => s.named && 'default' in s.node);

  it('are each checked here', () => {
    expect(defaults.map((s) => s.pointer).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))('%s: writing the default changes nothing', (pointer, { manifest, path, written }) => {
    const value = defaults.find((s) => s.pointer === pointer)!.node.default;
    const file = join(dir, 'defaults.yaml');
    const without = expandExperiment(file, manifest);
    const given = written
      ? expandExperiment(file, `${manifest}${path}: ${JSON.stringify(value)}\n`)
      : expandExperiment(file, manifest, { sets: [`${path}=${JSON.stringify(value)}`] });
    if (!written) expect(given.runs[0]!.params).toEqual({ [path]: value });
    expect(substance(given)).toEqual(substance(without));
  });

  it('would see a default that is not what damon-exp does', () => {
    const file = join(dir, 'defaults.yaml');
    const without = expandExperiment(file, BASE);
    const other = expandExperiment(file, BASE, { sets: ['backend.cpus=3'] });
    expect(substance(other)).not.toEqual(substance(without));
  });
});
