// A plan as a person reads it: the layout, then every step numbered.
import { formatDuration } from '../manifest/units.js';
import type { MonitoringAttrs } from '../manifest/run.js';
import type { Plan, PlanWorkload, Step } from './plan.js';
import { admin } from './sysfs-tree.js';

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
    }
  }
  lines.push(`duration: ${formatDuration(plan.durationUs)}; records ${plan.events.join(', ')}`);
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
