// A Plan: the exact DAMON sysfs operations of one run, in order, as data. Paths are relative to
// the DAMON admin root; workload pids are symbolic references filled in by whoever executes it.
import type { AddressRange, MonitoringAttrs, OperationsSet, Run, RunScheme } from '../manifest/run.js';
import type { KernelCaps } from './caps.js';

export type Step =
  /** Write `value` to the sysfs file at `path`. */
  | { op: 'write'; path: string; value: string }
  /** Write the pid of workload `ref` to the sysfs file at `path`. */
  | { op: 'write-pid'; path: string; ref: string }
  /** Start workload `ref` (masim on its config, or its command); stdout/stderr to logs/<ref>.log. */
  | { op: 'start-workload'; ref: string }
  /** Workload `ref` is a process that runs already: use its pid; never stop it. */
  | { op: 'attach-workload'; ref: string; pid: number }
  /** Start perf recording the events system-wide into `output`, timestamps on `clock` (perf -k). */
  | { op: 'start-recorder'; events: string[]; output: string; clock: 'CLOCK_MONOTONIC' }
  /** Wait until kdamond `kdamond`'s state file reads `state`. */
  | { op: 'await-state'; kdamond: number; state: 'on' | 'off' }
  /** Read the kdamond's thread id (maps trace lines to kdamonds). */
  | { op: 'read-kdamond-pid'; kdamond: number }
  | { op: 'sleep'; us: number }
  /** Teardown: stop perf with SIGINT, if it runs. */
  | { op: 'stop-recorder' }
  /** Teardown: read the kdamond's state; if on, write off and wait for off. */
  | { op: 'stop-kdamond'; kdamond: number }
  /** Teardown: end workload `ref` by its pid (SIGTERM, then SIGKILL), if it runs. */
  | { op: 'stop-workload'; ref: string }
  /** `perf script --force -i input > output`. */
  | { op: 'convert-trace'; input: string; output: string };

export interface PlanTarget {
  index: number;
  workload: string | null;
  /** The workload process's reference; null for paddr targets. */
  ref: string | null;
  regions: AddressRange[];
}

export interface PlanContext {
  index: number;
  /** Where the manifest's layout put this context before the plan fitted it to the kernel. */
  from: { kdamond: number; context: number };
  operations: OperationsSet;
  attrs: MonitoringAttrs;
  targets: PlanTarget[];
  /** DAMOS schemes, by index in the context's schemes directory (absent in plans made before schemes). */
  schemes: RunScheme[];
}

export interface PlanKdamond {
  index: number;
  contexts: PlanContext[];
}

export type PlanWorkload =
  | {
      ref: string;
      workload: string;
      kind: 'masim';
      /** The config file, relative to the run directory. */
      config: string;
      binary: string | null;
      args: string[];
    }
  | { ref: string; workload: string; kind: 'command'; argv: string[]; cwd?: string }
  | { ref: string; workload: string; kind: 'pid'; pid: number };

export interface Plan {
  format: 'damon-exp.plan/1';
  run: { id: string; manifest: string; description: string };
  caps: KernelCaps;
  /** off: DAMON is not started (a baseline): no kdamonds, no recorder; the workloads run for the duration. */
  monitoring: 'on' | 'off';
  layout: {
    /** shared: a kdamond serves several contexts; separate: one context per kdamond. */
    contexts: 'shared' | 'separate';
    reason: string;
    kdamonds: PlanKdamond[];
  };
  workloads: PlanWorkload[];
  /** Files the run needs besides the plan (masim configs), by path relative to the run directory. */
  files: Record<string, string>;
  durationUs: number;
  events: string[];
  /** Set up, switch on, measure. */
  steps: Step[];
  /** Always runs afterwards, whatever happened; each step acts only on what was started. */
  teardown: Step[];
  /** After teardown, when the recorder ran. */
  finalize: Step[];
}

export const TRACE_DATA = 'masim.data';
export const TRACE_SCRIPT = 'masim.script';

export type { Run };
