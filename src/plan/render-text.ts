// A plan as a person reads it: the layout, then every step numbered.
import { ULONG_MAX, type MonitoringAttrs, type RunScheme, type SysfsRange } from '../manifest/run.js';
import type { Plan, PlanWorkload, Step } from './plan.js';
import { admin } from './sysfs-tree.js';
import { formatBytes, formatDuration } from '../util/format.js';

export function renderPlanText(plan: Plan): string {
  const lines: string[] = [];
  const { layout } = plan;
  const nContexts = layout.kdamonds.reduce((n, k) => n + k.contexts.length, 0);
  lines.push(`plan for run '${plan.run.id}' of ${plan.run.manifest}`);
  lines.push(`kernel: ${plan.caps.kind}, ${plan.caps.source}`);
  lines.push(
    `layout: ${count(layout.kdamonds.length, 'kdamond')}, ${count(nContexts, 'context')}, ${count(plan.workloads.length, 'workload process', 'workload processes')}`,
  );
  lines.push(`  ${layout.reason}`);
  for (const k of layout.kdamonds) {
    lines.push(`  kdamond ${k.index}`);
    for (const c of k.contexts) {
      lines.push(`    context ${c.index}: ${c.operations}, ${describeAttrs(c.attrs)}`);
      for (const t of c.targets) {
        const what = t.ref ? `${t.workload} (${t.ref})` : 'physical memory';
        const regions = t.regions.length ? `, ${count(t.regions.length, 'initial region')}` : '';
        lines.push(`      target ${t.index}: ${what}${regions}`);
      }
      (c.schemes ?? []).forEach((s, i) => lines.push(`      scheme ${i}: ${describeScheme(s, c.attrs)}`));
    }
  }
  lines.push(
    plan.monitoring === 'off'
      ? `duration: ${formatDuration(plan.durationUs)}; DAMON off: nothing recorded but the workloads' memory and progress`
      : `duration: ${formatDuration(plan.durationUs)}; records ${plan.events.join(', ')}`,
  );
  lines.push('');
  let n = 0;
  const section = (title: string, steps: Step[]) => {
    lines.push(title);
    for (const step of steps) lines.push(`${String(++n).padStart(4)}  ${describeStep(step, plan)}`);
    lines.push('');
  };
  section('steps:', plan.steps);
  section('teardown (always, for what was started):', plan.teardown);
  section('finalize (when the recorder ran):', plan.finalize);
  return lines.join('\n');
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function describeAttrs(attrs: MonitoringAttrs): string {
  const parts = [
    `sample ${formatDuration(attrs.sampleUs)}`,
    `aggr ${formatDuration(attrs.aggrUs)}`,
    `update ${formatDuration(attrs.updateUs)}`,
    `regions ${attrs.minNrRegions}..${attrs.maxNrRegions}`,
  ];
  const goal = attrs.intervalsGoal;
  if (goal) {
    parts.push(
      `intervals goal ${goal.accessBp} bp in ${goal.aggrs} aggregations, sample ${formatDuration(goal.minSampleUs)}..${formatDuration(goal.maxSampleUs)}`,
    );
  }
  return parts.join(', ');
}

/** A scheme in one line: its action, the access pattern it matches, its limits. */
export function describeScheme(s: RunScheme, attrs: Pick<MonitoringAttrs, 'aggrUs' | 'sampleUs'>): string {
  const bound = (range: SysfsRange, unit: (v: string) => string) => {
    const [min, max] = range;
    if (min === '0' && max === ULONG_MAX) return null;
    if (max === ULONG_MAX) return `≥ ${unit(min)}`;
    if (min === '0') return `≤ ${unit(max)}`;
    return min === max ? `= ${unit(min)}` : `${unit(min)}..${unit(max)}`;
  };
  const bytes = (v: string) => formatBytes(Number(v), 'exact-binary');
  const age = (v: string) => `${v} aggr (${formatDuration(Number(v) * attrs.aggrUs)})`;
  const maxAccesses = Math.floor(attrs.aggrUs / Math.max(1, attrs.sampleUs));
  const accesses = (v: string) => `${v}/${maxAccesses}`;
  const pattern = [
    ['size', bound(s.accessPattern.size, bytes)],
    ['nr_accesses', bound(s.accessPattern.nrAccesses, accesses)],
    ['age', bound(s.accessPattern.age, age)],
  ]
    .filter(([, text]) => text !== null)
    .map(([name, text]) => `${name} ${text}`);
  const parts = [
    `${s.action}${s.set ? ` (set ${s.set})` : ''}: regions with ${pattern.length ? pattern.join(', ') : 'any access pattern'}`,
  ];
  if (s.applyIntervalUs !== null) parts.push(`applied every ${formatDuration(s.applyIntervalUs)}`);
  const q = s.quotas;
  if (q && (q.ms || q.bytes)) {
    const limits = [q.ms ? `${q.ms} ms` : '', q.bytes ? formatBytes(q.bytes, 'exact-binary') : '']
      .filter(Boolean)
      .join(' and ');
    parts.push(`quota ${limits} per ${formatDuration(q.resetIntervalMs * 1000)}`);
  }
  if (q?.goals.length) parts.push(`goals ${q.goals.map((g) => `${g.metric}=${g.targetValue}`).join(', ')}`);
  if (s.watermarks && s.watermarks.metric !== 'none')
    parts.push(`watermarks ${s.watermarks.metric} ${s.watermarks.high}/${s.watermarks.mid}/${s.watermarks.low}‰`);
  if (s.filters.length)
    parts.push(
      `filters ${s.filters.map((f) => `${f.allow ? 'allow' : 'reject'} ${f.matching ? '' : 'non-'}${f.type}`).join(', ')}`,
    );
  return parts.join('; ');
}

export function commandLine(workload: PlanWorkload): string {
  switch (workload.kind) {
    case 'masim':
      return [workload.binary ?? 'masim', ...workload.args, workload.config].join(' ');
    case 'command':
      return workload.argv.join(' ');
    case 'pid':
      return `process ${workload.pid}`;
  }
}

function describeStep(step: Step, plan: Plan): string {
  switch (step.op) {
    case 'write':
      return `write   ${step.path} ← ${step.value}`;
    case 'write-pid':
      return `write   ${step.path} ← pid of ${step.ref}`;
    case 'attach-workload':
      return `attach  ${step.ref}: process ${step.pid}, which runs already (never stopped by this run)`;
    case 'start-workload': {
      const workload = plan.workloads.find((w) => w.ref === step.ref)!;
      return `start   ${step.ref}: ${commandLine(workload)}  (${workload.workload})`;
    }
    case 'start-recorder':
      return `record  perf record -a --no-buildid --no-buildid-cache -k ${step.clock} ${step.events.map((e) => `-e ${e}`).join(' ')} -o - > ${step.output}`;
    case 'await-state':
      return `await   ${admin.kdamonds.kdamond(step.kdamond).state} = ${step.state}`;
    case 'read-kdamond-pid':
      return `read    ${admin.kdamonds.kdamond(step.kdamond).pid} (kdamond thread id, to tell its trace lines apart)`;
    case 'sleep':
      return `sleep   ${formatDuration(step.us)}`;
    case 'stop-recorder':
      return 'stop    perf (SIGINT), if it runs';
    case 'stop-kdamond':
      return `stop    kdamond ${step.kdamond}: if ${admin.kdamonds.kdamond(step.kdamond).state} is on, write off and await off`;
    case 'stop-workload':
      return `stop    ${step.ref} by its pid (SIGTERM, then SIGKILL), if it runs`;
    case 'convert-trace':
      return `convert perf script --force -i ${step.input} > ${step.output}`;
  }
}
