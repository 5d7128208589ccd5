// Applies a plan's sysfs steps to the emulator, with pretend workload processes: enough to prove
// that a plan is valid under the kernel's rules. (The real executor arrives with the runner.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan, Step } from '../../src/plan/plan.js';
import { admin } from '../../src/plan/sysfs-tree.js';
import { SysfsEmulator } from './sysfs-emulator.js';

export interface PretendProcesses {
  live: Set<number>;
  pids: Map<string, number>;
}

export function pretendProcesses(): PretendProcesses & { exists: (pid: number) => boolean } {
  const live = new Set<number>();
  return { live, pids: new Map(), exists: (pid) => live.has(pid) };
}

export function applySteps(steps: Step[], emulator: SysfsEmulator, processes: PretendProcesses): void {
  let nextPid = 1000;
  for (const step of steps) {
    switch (step.op) {
      case 'write':
        emulator.write(step.path, step.value);
        break;
      case 'write-pid':
        emulator.write(step.path, String(processes.pids.get(step.ref)));
        break;
      case 'start-workload': {
        const pid = nextPid++;
        processes.pids.set(step.ref, pid);
        processes.live.add(pid);
        break;
      }
      case 'attach-workload':
        processes.pids.set(step.ref, step.pid);
        processes.live.add(step.pid);
        break;
      case 'await-state': {
        const state = emulator.read(admin.kdamonds.kdamond(step.kdamond).state).trim();
        if (state !== step.state) throw new Error(`kdamond ${step.kdamond} is ${state}, not ${step.state}`);
        break;
      }
      case 'read-kdamond-pid':
        if (Number(emulator.read(admin.kdamonds.kdamond(step.kdamond).pid)) <= 0)
          throw new Error(`kdamond ${step.kdamond} has no pid`);
        break;
      case 'stop-kdamond': {
        const { state } = admin.kdamonds.kdamond(step.kdamond);
        if (emulator.read(state).trim() === 'on') emulator.write(state, 'off');
        break;
      }
      case 'stop-workload':
        processes.live.delete(processes.pids.get(step.ref)!);
        break;
      case 'start-recorder':
      case 'sleep':
      case 'stop-recorder':
      case 'convert-trace':
        break;
    }
  }
}

export function applyPlan(plan: Plan, emulator: SysfsEmulator, processes: PretendProcesses): void {
  try {
    applySteps(plan.steps, emulator, processes);
  } finally {
    applySteps(plan.teardown, emulator, processes);
  }
}

/** A sysfs tree shaped as the plan needs it (files only: writes do not recreate anything). */
export function sysfsTreeFor(plan: Plan): string {
  const processes = pretendProcesses();
  const root = mkdtempSync(join(tmpdir(), 'damon-exp-admin-'));
  const emulator = new SysfsEmulator(root, { kernel: plan.caps.kind, pidExists: processes.exists });
  applySteps(
    plan.steps.slice(
      0,
      plan.steps.findIndex((s) => s.op === 'start-workload'),
    ),
    emulator,
    processes,
  );
  // As DAMON was before the script: no kdamond set up (the files below stay, for the plain writes).
  writeFileSync(join(root, 'kdamonds/nr_kdamonds'), '0\n');
  return root;
}
