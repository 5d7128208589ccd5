// A place in a resolved Run (a context, a scheme, an event) that something outside the manifest
// layer refuses (the planner, given a kernel's caps), and where the manifest wrote what put it
// there, so that the refusal is reported at file:line:col like any other problem.
import type { Manifest } from './manifest.types.js';
import type { Problem } from './resolve/context.js';
import type { DataPath } from './yaml-source.js';

export type RunPlace =
  | { at: 'contexts_per_kdamond' }
  | { at: 'operations'; kdamond: number; context: number }
  | { at: 'intervals_goal'; kdamond: number; context: number }
  /** `key`: where in the scheme, such as ['action'] or ['filters', 1, 'type']. */
  | { at: 'scheme'; kdamond: number; context: number; scheme: number; key: DataPath }
  | { at: 'event'; index: number };

/** What a run asks that something it is to run on cannot do, and where in the run. */
export interface RunRefusal {
  place: RunPlace;
  message: string;
  hint?: string;
}

/** Where the manifest (matrix values and --set applied) wrote what `place` is. */
export function manifestPlace(manifest: Manifest, place: RunPlace): { path: DataPath; at: 'key' | 'value' } {
  const layout = manifest.layout;
  if (place.at === 'contexts_per_kdamond')
    return layout.contexts_per_kdamond === undefined
      ? { path: ['layout'], at: 'key' }
      : { path: ['layout', 'contexts_per_kdamond'], at: 'value' };
  if (place.at === 'event')
    return manifest.record?.events
      ? { path: ['record', 'events', place.index], at: 'value' }
      : { path: ['name'], at: 'key' };
  const contextPath = ['layout', 'kdamonds', place.kdamond, 'contexts', place.context];
  const context = layout.kdamonds?.[place.kdamond]?.contexts[place.context];
  if (place.at === 'operations')
    return context?.operations === undefined
      ? { path: context ? contextPath : ['layout'], at: 'key' }
      : { path: [...contextPath, 'operations'], at: 'value' };
  if (place.at === 'intervals_goal') {
    if (context?.monitoring?.intervals_goal)
      return { path: [...contextPath, 'monitoring', 'intervals_goal'], at: 'key' };
    const top = typeof manifest.monitoring === 'object' ? manifest.monitoring : undefined;
    return top?.intervals_goal
      ? { path: ['monitoring', 'intervals_goal'], at: 'key' }
      : { path: ['monitoring'], at: 'key' };
  }
  // The context's own schemes, else the top level's (resolve/schemes.ts), a set's name looked up.
  const layer =
    context?.schemes !== undefined
      ? { schemes: context.schemes, path: [...contextPath, 'schemes'] }
      : { schemes: manifest.schemes, path: ['schemes'] };
  const list = typeof layer.schemes === 'string' ? ['scheme_sets', layer.schemes] : layer.path;
  return { path: [...list, place.scheme, ...place.key], at: 'value' };
}

/** A refusal as a problem of the manifest, at the place it names. */
export function refusalProblem(manifest: Manifest, refusal: RunRefusal): Problem {
  const { path, at } = manifestPlace(manifest, refusal.place);
  return { path, at, message: refusal.message, ...(refusal.hint ? { hint: refusal.hint } : {}) };
}
