// The form of each JSON file a run directory holds, as its readers rely on it (the report, the
// index, compare, figures, status, --resume): a file that parses but differs (a number where a
// string belongs, a workload the plan never names) is corrupt, said with the path of what is
// wrong, and left out like a file that does not parse; the other runs of a sweep are unaffected.
import {
  bool,
  checked,
  list,
  nullable,
  num,
  object,
  oneOf,
  optional,
  record,
  str,
  tuple,
  unknown,
  type Shape,
} from '../util/shape.js';

const numbers = record(num);
const strings = list(str);

const attrs = object({
  sampleUs: num,
  aggrUs: num,
  updateUs: num,
  minNrRegions: num,
  maxNrRegions: num,
});

const runShape = object({
  id: str,
  manifest: object({ name: str, description: optional(str), file: optional(str), sha256: optional(str) }),
  params: optional(record(unknown)),
  repetition: optional(num),
  repetitions: optional(num),
  durationUs: optional(num),
  monitoring: optional(oneOf('on', 'off')),
  workloads: optional(record(object({ kind: str }))),
  layout: optional(
    object({
      kdamonds: list(
        object({
          contexts: list(
            object({ attrs: optional(attrs), targets: optional(list(object({}))), schemes: optional(list(unknown)) }),
          ),
        }),
      ),
    }),
  ),
  backend: optional(object({ kind: optional(str), accel: optional(str), cpus: optional(num) })),
});

const planWorkload = object({ ref: str, workload: str, kind: oneOf('masim', 'command', 'pid') });
const planTarget = object({ index: num, workload: nullable(str), ref: nullable(str) });

const planShape = checked(
  object({
    monitoring: optional(oneOf('on', 'off')),
    durationUs: optional(num),
    workloads: list(planWorkload),
    layout: object({
      reason: optional(str),
      kdamonds: list(
        object({
          index: num,
          contexts: list(
            object({
              index: num,
              operations: optional(str),
              attrs,
              targets: list(planTarget),
              schemes: optional(list(unknown)),
            }),
          ),
        }),
      ),
    }),
    caps: optional(object({ source: optional(str) })),
    files: optional(record(str)),
  }),
  (plan: {
    workloads: { ref: string }[];
    layout: { kdamonds: { contexts: { targets: { ref: string | null }[] }[] }[] };
  }) => {
    const refs = new Set(plan.workloads.map((w) => w.ref));
    for (const [k, kdamond] of plan.layout.kdamonds.entries())
      for (const [c, context] of kdamond.contexts.entries())
        for (const [t, target] of context.targets.entries())
          if (target.ref !== null && !refs.has(target.ref))
            return `layout.kdamonds[${k}].contexts[${c}].targets[${t}].ref '${target.ref}' names no workload of the plan`;
    return null;
  },
);

const processShape = object({
  ref: str,
  program: optional(str),
  args: optional(strings),
  pid: nullable(num),
  exitCode: nullable(num),
  signal: nullable(str),
  endedOnItsOwn: nullable(bool),
  wallMs: optional(nullable(num)),
  endedNs: optional(num),
});

const statusShape = object({
  state: oneOf('running', 'complete', 'failed', 'interrupted'),
  runId: optional(str),
  backend: optional(str),
  startedAt: optional(str),
  endedAt: optional(str),
  timings: optional(numbers),
  clock: optional(numbers),
  kdamondPids: optional(numbers),
  processes: optional(list(processShape)),
  errors: optional(strings),
  warnings: optional(strings),
  vm: optional(object({ accel: optional(str), bootMs: optional(nullable(num)), wallMs: optional(num) })),
  validity: optional(object({ verdict: oneOf('ok', 'suspect'), headline: optional(nullable(str)), problems: strings })),
  location: optional(str),
  slurm: optional(object({ jobId: str, taskId: num, node: nullable(str) })),
});

const machine = object({ hostname: optional(str), cpuModel: str, cpus: num, memoryBytes: optional(num) });
const envShape = object({
  kernel: optional(
    object({
      release: str,
      cmdline: optional(nullable(str)),
      damonConfig: optional(nullable(record(str))),
      identity: optional(
        object({
          name: optional(str),
          imageSha256: optional(str),
          configSha256: optional(str),
          sourceCommit: optional(nullable(str)),
          sourceDirty: optional(nullable(bool)),
        }),
      ),
    }),
  ),
  host: optional(object({ cpuModel: str, cpus: num, qemu: optional(nullable(str)) })),
  machine: optional(machine),
  memoryManagement: optional(object({ thpEnabled: optional(nullable(str)), swaps: optional(strings) })),
  tools: optional(
    object({
      node: optional(str),
      perf: optional(nullable(str)),
      perfMonotonicClock: optional(bool),
      masim: optional(list(object({ program: str, sha256: nullable(str) }))),
    }),
  ),
  damonExp: optional(object({ version: str, gitCommit: optional(nullable(str)), gitDirty: optional(nullable(bool)) })),
  manifest: optional(object({ file: str, sha256: str })),
  backend: optional(
    object({ kind: oneOf('local', 'qemu'), accel: optional(str), tlbRefresh: optional(object({ state: str })) }),
  ),
});

const distribution = object({ count: num, mean: num, stddev: num, min: num, p50: num, p99: num, max: num });
const phaseAccuracy = object({
  name: str,
  round: num,
  startNs: num,
  endNs: num,
  snapshots: num,
  truthBytes: num,
  reportedBytes: num,
  hitBytes: num,
  recall: nullable(num),
  precision: nullable(num),
});
const series = list(list(num));
const targetAnalysis = object({
  kdamond: num,
  context: num,
  target: num,
  workload: nullable(str),
  ref: nullable(str),
  aggrUs: nullable(num),
  guide: object({
    firstNs: num,
    lastNs: num,
    snapshots: num,
    ranges: list(object({ start: num, end: num })),
    rangeHeat: list(num),
  }),
  heatmap: object({
    time: tuple(num, num),
    address: tuple(num, num),
    range: str,
    rows: num,
    cols: num,
    maxHeat: num,
  }),
  wss: object({ snapshots: num, skipped: num, percentiles: numbers, averageBytes: nullable(num), series }),
  nrRegions: object({ mean: num, min: num, max: num, series }),
  snapshotIntervalUs: nullable(distribution),
  accuracy: nullable(
    object({
      phases: list(phaseAccuracy),
      recall: nullable(num),
      precision: nullable(num),
      snapshots: num,
      unclassified: num,
    }),
  ),
});

const analysisShape = object({
  format: str,
  trace: object({
    file: str,
    format: optional(str),
    counts: object({ lines: num, snapshots: num, aggregatedLines: num }),
  }),
  originNs: nullable(num),
  targets: list(targetAnalysis),
  kdamonds: list(object({ kdamond: num, pid: num, cpuSeconds: num, share: nullable(num), series })),
  monitoring: optional(oneOf('on', 'off')),
  workloads: optional(
    list(
      object({
        ref: str,
        workload: str,
        memory: nullable(
          object({
            rssMeanBytes: num,
            rssMaxBytes: num,
            rssLastBytes: num,
            swapMaxBytes: num,
            swapLastBytes: num,
            rssEndBytes: optional(num),
            rssIntegralByteSeconds: optional(num),
            windowSeconds: optional(num),
            samples: num,
            series,
          }),
        ),
        throughput: nullable(
          object({
            accessesPerSecond: num,
            phases: list(object({ name: str, round: num, accessesPerSecond: num, seconds: num, interrupted: bool })),
          }),
        ),
        wallMs: nullable(num),
      }),
    ),
  ),
  schemes: optional(
    list(
      object({
        kdamond: num,
        context: num,
        scheme: num,
        action: str,
        set: nullable(str),
        totals: nullable(numbers),
        series,
      }),
    ),
  ),
  problems: strings,
  window: optional(object({ startNs: num, endNs: num, onNs: nullable(num) })),
  validity: optional(
    object({
      verdict: oneOf('ok', 'suspect'),
      headline: nullable(str),
      problems: list(object({ code: str, severity: oneOf('suspect', 'note'), message: str })),
    }),
  ),
});

const cpuShape = object({
  clockTicksPerSecond: num,
  startedNs: optional(num),
  intervalMs: optional(num),
  samples: list(object({ tMs: num, kdamond: num, pid: num, utime: nullable(num), stime: nullable(num) })),
});

const memoryShape = object({
  format: str,
  intervalMs: num,
  clockTicksPerSecond: optional(num),
  samples: list(
    object({
      tNs: num,
      ref: str,
      rssBytes: nullable(num),
      swapBytes: nullable(num),
      cpuTicks: optional(nullable(num)),
    }),
  ),
});

const schemeStatsShape = object({
  format: str,
  intervalMs: num,
  schemes: list(object({ kdamond: num, context: num, scheme: num, action: str, set: nullable(str) })),
  samples: list(object({ tNs: num, kdamond: num, context: num, scheme: num })),
  problems: strings,
});

/** By file name: what its readers rely on (run-files.ts's RUN_FILES). */
export const FILE_SHAPES: Record<string, Shape> = {
  'run.json': runShape,
  'plan.json': planShape,
  'status.json': statusShape,
  'env.json': envShape,
  'analysis.json': analysisShape,
  'kdamond-cpu.json': cpuShape,
  'memory.json': memoryShape,
  'scheme-stats.json': schemeStatsShape,
};
