// A run's identity: what it runs. `--resume` keeps a complete result whose stored run.json has the
// identity of the run resolved now, whatever else changed in the manifest; `--dry-run` and the
// progress lines say what changed when it does not. The one definition of "the same run".
//
// In: the repetition, the duration, monitoring on or off, the recorded events (as a set), the
// workloads (a masim config's text, its program, args, duration and size; a command's argv; a
// pid), the layout (kdamonds, contexts, operations, attrs, targets, schemes) and the backend's
// settings that change results (kind, kernel, THP; and for a VM, memory, CPUs, accel, swap and the
// TLB refresher's interval).
// Out: the run's id (it is its place already), the manifest's name, description, file path and
// sha256 (one manifest holds many runs; its text changes with any of them), the matrix point's
// params (the point's name: what it sets is in the fields above), the number of repetitions, where
// a masim config came from (a file or inline: its text is in), the why of the TLB refresher's
// setting, and allow_physical_actions (a permission, not part of what ran).
// A field that a newer version added and an older run.json lacks counts as what runs did before
// it existed (LEGACY); an absent field not listed there counts as a change.
import { formatBytes, formatDuration } from '../util/format.js';
import { shorten } from '../util/errors.js';
import { stableJson } from '../util/stable-json.js';

type Json = Record<string, unknown>;

/** What a run.json written before each field existed meant by its absence. */
const LEGACY = {
  monitoring: 'on',
  schemes: [] as unknown[],
  swapBytes: 0,
  thp: null,
  /** Runs before the TLB refresher ran without it. */
  tlbRefreshUs: null,
} as const;

const asRecord = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

const orLegacy = <T>(value: unknown, legacy: T): unknown => (value === undefined ? legacy : value);

/**
 * What a run runs, from a resolved Run or a stored run.json (parsed, of any age): equal identities
 * are the same run.
 */
export function runIdentity(run: unknown): Json {
  const r = asRecord(run);
  const workloads = asRecord(r.workloads);
  return {
    repetition: r.repetition,
    durationUs: r.durationUs,
    monitoring: orLegacy(r.monitoring, LEGACY.monitoring),
    events: Array.isArray(r.events) ? [...(r.events as unknown[])].map(String).sort() : r.events,
    workloads: Object.fromEntries(Object.entries(workloads).map(([name, w]) => [name, workloadIdentity(w)])),
    layout: layoutIdentity(r.layout),
    backend: backendIdentity(r.backend),
  };
}

function workloadIdentity(workload: unknown): unknown {
  const w = asRecord(workload);
  if (w.kind !== 'masim') return workload;
  const { source: _whereItCameFrom, ...runs } = w;
  return runs;
}

function layoutIdentity(layout: unknown): unknown {
  const l = asRecord(layout);
  if (!Array.isArray(l.kdamonds)) return layout;
  return {
    ...l,
    kdamonds: (l.kdamonds as unknown[]).map((kdamond) => {
      const k = asRecord(kdamond);
      if (!Array.isArray(k.contexts)) return kdamond;
      return {
        ...k,
        contexts: (k.contexts as unknown[]).map((context) => {
          const c = asRecord(context);
          return { ...c, schemes: orLegacy(c.schemes, LEGACY.schemes) };
        }),
      };
    }),
  };
}

function backendIdentity(backend: unknown): unknown {
  const b = asRecord(backend);
  const tlb = asRecord(b.tlbRefresh);
  // This host's DAMON: the VM's memory, CPUs, accelerator, swap and TLB refresher do not apply.
  if (b.kind === 'local') return { kind: b.kind, kernel: kernelIdentity(b.kernel), thp: orLegacy(b.thp, LEGACY.thp) };
  return {
    kind: b.kind,
    kernel: kernelIdentity(b.kernel),
    ...(typeof b.kernelBuild === 'string' ? { kernelBuild: b.kernelBuild } : {}),
    memoryBytes: b.memoryBytes,
    cpus: b.cpus,
    accel: b.accel,
    swapBytes: orLegacy(b.swapBytes, LEGACY.swapBytes),
    thp: orLegacy(b.thp, LEGACY.thp),
    // What runs is the interval (or none): `auto` and a fixed duration that come to the same run the same.
    tlbRefreshUs:
      b.tlbRefresh === undefined ? LEGACY.tlbRefreshUs : tlb.mode === 'off' ? null : (tlb.intervalUs ?? null),
  };
}

/** A kernel image's path as the manifest spells it: `./k/bzImage` and `k/bzImage` are one kernel. */
function kernelIdentity(kernel: unknown): unknown {
  if (typeof kernel !== 'string' || !kernel.includes('/')) return kernel;
  const parts = kernel.split('/').filter((part, i) => part !== '.' && (part !== '' || i === 0));
  return parts.join('/');
}

/** One difference between two identities: where (the identity's field path), and both values. */
export interface IdentityChange {
  path: (string | number)[];
  before: unknown;
  after: unknown;
}

/** What differs between the run a stored run.json records and the run resolved now; empty: the same run. */
export function identityChanges(stored: unknown, now: unknown): IdentityChange[] {
  const changes: IdentityChange[] = [];
  const [before, after] = comparable(stored, now);
  diff(before, after, [], changes);
  return changes;
}

export function sameIdentity(stored: unknown, now: unknown): boolean {
  const [before, after] = comparable(stored, now);
  return stableJson(before) === stableJson(after);
}

/**
 * The identities of two runs, compared on the kernel's build only when both tell it: a run.json
 * of before it was recorded, or a run whose build cannot be told now, is not made to run again
 * for that alone.
 */
function comparable(stored: unknown, now: unknown): [Json, Json] {
  const [before, after] = [runIdentity(stored), runIdentity(now)];
  const builds = [asRecord(before.backend), asRecord(after.backend)];
  if (builds.some((b) => b.kernelBuild === undefined)) for (const b of builds) delete b.kernelBuild;
  return [before, after];
}

function diff(before: unknown, after: unknown, path: IdentityChange['path'], changes: IdentityChange[]): void {
  if (stableJson(before) === stableJson(after)) return;
  // A masim config is text of many lines: that it changed is what to say; and a workload of
  // another kind is another workload, not a list of fields.
  const workloadKind = (w: unknown) => asRecord(w).kind;
  if (
    (path.length === 3 && path[0] === 'workloads' && path[2] === 'config') ||
    (path.length === 2 && path[0] === 'workloads' && workloadKind(before) !== workloadKind(after))
  ) {
    changes.push({ path, before, after });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item, i) => diff(item, after[i], [...path, i], changes));
    return;
  }
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before as Json), ...Object.keys(after as Json)])].sort();
    for (const key of keys) diff((before as Json)[key], (after as Json)[key], [...path, key], changes);
    return;
  }
  changes.push({ path, before, after });
}

/** Manifest spellings of the identity's fields where they differ from its own names. */
const SPELLING: Record<string, string> = {
  durationUs: 'duration',
  sampleUs: 'sample',
  aggrUs: 'aggr',
  updateUs: 'update',
  minNrRegions: 'nr_regions.min',
  maxNrRegions: 'nr_regions.max',
  intervalsGoal: 'intervals_goal',
  memoryBytes: 'memory',
  swapBytes: 'swap',
  tlbRefreshUs: 'tlb_refresh',
  events: 'record.events',
};

const spell = (segment: string | number): string =>
  typeof segment === 'number' ? `[${segment}]` : (SPELLING[segment] ?? segment);

function dotted(path: IdentityChange['path']): string {
  return path
    .map((segment, i) => (typeof segment === 'number' || i === 0 ? spell(segment) : `.${spell(segment)}`))
    .join('');
}

function valueText(value: unknown, field: string | number | undefined): string {
  if (value === undefined) return '(none)';
  if (value === null) return 'none';
  if (typeof value === 'number' && typeof field === 'string') {
    if (field.endsWith('Us')) return formatDuration(value);
    if (field.endsWith('Ms')) return formatDuration(value * 1000);
    if (field.endsWith('Bytes')) return formatBytes(value, 'exact');
  }
  if (Array.isArray(value) && !value.every((v) => typeof v !== 'object' || v === null))
    return `${value.length} item${value.length === 1 ? '' : 's'}`;
  return shorten(typeof value === 'string' ? value : stableJson(value), 40);
}

/** A change as a person reads it, with the kdamond and context it is in (null: not in one). */
function described(change: IdentityChange): { text: string; where: string | null } {
  const { path, before, after } = change;
  if (path[0] === 'workloads' && path.length >= 2) {
    const name = String(path[1]);
    if (path.length === 2)
      return {
        text:
          before === undefined
            ? `workloads.${name} added`
            : after === undefined
              ? `workloads.${name} removed`
              : `workloads.${name}: ${String(asRecord(before).kind)} -> ${String(asRecord(after).kind)}`,
        where: null,
      };
    if (path[2] === 'config') return { text: `workloads.${name}: its masim config changed`, where: null };
  }
  const inContext = path[0] === 'layout' && path[1] === 'kdamonds' && path[3] === 'contexts' && path.length > 5;
  const where = inContext ? `kdamond ${path[2]} context ${path[4]}` : null;
  const rest = inContext ? path.slice(5) : path;
  const name = inContext && rest[0] === 'attrs' ? `monitoring.${dotted(rest.slice(1))}` : dotted(rest);
  const field = path[path.length - 1];
  return { text: `${name} ${valueText(before, field)} -> ${valueText(after, field)}`, where };
}

/**
 * What changed from the stored run to the run now, in a few words (null: nothing):
 * `monitoring.sample 5 ms -> 10 ms`, a change made in every context of the run said once, the first
 * `max` changes and "and N more".
 */
export function whatChanged(stored: unknown, now: unknown, max = 3): string | null {
  const changes = identityChanges(stored, now);
  if (!changes.length) return null;
  const contexts = countContexts(now);
  const lines = new Map<string, (string | null)[]>();
  for (const change of changes) {
    const { text, where } = described(change);
    lines.set(text, [...(lines.get(text) ?? []), where]);
  }
  const texts = [...lines].map(([text, wheres]) =>
    wheres.includes(null) || wheres.length === contexts ? text : `${text} (${wheres.join(', ')})`,
  );
  const shown = texts.slice(0, max).join('; ');
  return texts.length > max ? `${shown}; and ${texts.length - max} more` : shown;
}

function countContexts(run: unknown): number {
  const kdamonds = asRecord(asRecord(run).layout).kdamonds;
  return Array.isArray(kdamonds)
    ? kdamonds.reduce(
        (n: number, k) => n + (Array.isArray(asRecord(k).contexts) ? (asRecord(k).contexts as unknown[]).length : 0),
        0,
      )
    : 0;
}
