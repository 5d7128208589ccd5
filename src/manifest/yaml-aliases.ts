// What the yaml package would only find out while turning a document into data, found beforehand
// with a position: aliases that multiply the document ("billion laughs"), aliases of unknown or
// enclosing anchors, merge keys (<<) that merge something other than mappings, and keys that are
// lists or mappings. The package's own alias limit throws without saying where.
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Node } from 'yaml';
import { shorten } from '../util/errors.js';

/**
 * How many values aliases may add to a manifest when expanded. A manifest shares a few settings
 * through anchors; anchors of anchors multiply, and every later step (validation, expansion, each
 * run.json) would walk the expanded tree.
 */
export const MAX_ALIASED_VALUES = 100_000;

/** Ends the walk at the first alias beyond the limit: the rest would only repeat it. */
class TooLarge extends Error {}

export interface AliasProblem {
  node: Node;
  message: string;
  hint?: string;
}

/** The problems of the document below `root`, in document order; none when it can become data. */
export function aliasProblems(root: Node | null): AliasProblem[] {
  const problems: AliasProblem[] = [];
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  /** Expanded size of every finished node. */
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  let aliased = 0;

  const visit = (node: unknown): number => {
    if (!node || typeof node !== 'object') return 1;
    if (isPair(node)) return visit(node.key) + visit(node.value);
    const n = node as Node;
    if (isAlias(n)) return visitAlias(n);
    if (n.anchor) anchors.set(n.anchor, n);
    if (!isMap(n) && !isSeq(n)) {
      sizes.set(n, 1);
      return 1;
    }
    open.add(n);
    let size = 1;
    for (const item of n.items) {
      size += visit(item);
      if (isMap(n) && isPair(item)) checkPair(item);
    }
    open.delete(n);
    sizes.set(n, size);
    return size;
  };

  const visitAlias = (alias: Alias): number => {
    const target = anchors.get(alias.source);
    if (!target) {
      problems.push({
        node: alias,
        message: `alias *${shorten(alias.source, 40)} refers to no anchor before it`,
        hint: `define it first: &${shorten(alias.source, 40)} before the value it names`,
      });
      return 1;
    }
    targets.set(alias, target);
    if (open.has(target)) {
      problems.push({
        node: alias,
        message: `alias *${shorten(alias.source, 40)} is inside the value it names: it would never end`,
        hint: 'an anchor cannot contain an alias of itself',
      });
      return 1;
    }
    const size = sizes.get(target) ?? 1;
    aliased += size;
    if (aliased > MAX_ALIASED_VALUES) {
      problems.push({
        node: alias,
        message: `aliases expand the manifest by more than ${MAX_ALIASED_VALUES} values here (alias *${shorten(alias.source, 40)} alone stands for ${size})`,
        hint: 'anchors that alias anchors multiply; a manifest shares a few settings, never this many: write the values out, or alias less',
      });
      throw new TooLarge();
    }
    return size;
  };

  const resolved = (node: unknown): unknown => (isAlias(node) ? (targets.get(node) ?? node) : node);

  const checkPair = (pair: { key: unknown; value: unknown }): void => {
    const key = resolved(pair.key);
    if (isMap(key) || isSeq(key)) {
      problems.push({ node: pair.key as Node, message: 'a key must be a name or a number, not a list or a mapping' });
      return;
    }
    if (!isScalar(pair.key) || typeof pair.key.value !== 'symbol' || pair.key.value.description !== '<<') return;
    const value = resolved(pair.value);
    const sources = isSeq(value) ? value.items : [pair.value];
    for (const source of sources) {
      if (isAlias(source) && !targets.has(source)) continue; // reported as an alias of nothing
      if (!isMap(resolved(source))) {
        // `<<:` with nothing after it: its empty value has no place of its own
        const empty = !source || (isScalar(source) && source.range?.[0] === source.range?.[1]);
        problems.push({
          node: (empty ? pair.key : source) as Node,
          message: `a merge key (<<) takes a mapping, an alias of one, or a list of them, not ${describe(resolved(source))}`,
          hint: 'such as <<: *defaults, where &defaults names a mapping',
        });
      }
    }
  };

  try {
    visit(root);
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
  }
  return problems;
}

function describe(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : shorten(String(node.source ?? node.value), 40);
  return 'this';
}
