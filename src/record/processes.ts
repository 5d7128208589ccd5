// The processes of a local run: masim workloads and perf, as the executor's hooks. Each is ours,
// ended by its pid; an unexpected end (a workload that died, perf that died) aborts the run.
import { join } from 'node:path';
import { open } from 'node:fs/promises';
import { makeDirs } from '../util/make-dirs.js';
import type { ProcessHooks } from '../damon-sysfs/executor.js';
import type { Plan, Step } from '../plan/plan.js';
import { Child, diesWithParent, type ChildExit } from '../util/child.js';
import { masimProgram, supportsPhaseLog, supportsWaitStart } from './masim-program.js';
import { readProcessMemory } from './memory.js';
import { totalSizeBytes } from '../masim/config.js';
import { parseMasimConfig } from '../masim/parse.js';
import { TLB_REFRESH_REF } from './tlb-refresh.js';
import { perfScript } from './perf.js';
import { readPart } from '../util/input-file.js';

export interface ProcessRecord {
  ref: string;
  program: string;
  args: string[];
  pid: number | null;
  exit: ChildExit | null;
  /** performance.now() at its start and its end. */
  startedMs: number | null;
  endedMs: number | null;
  /** CLOCK_MONOTONIC (ns) at its end: the clock of the measurement's window. */
  endedNs: number | null;
}

export interface LocalProcessesOptions {
  plan: Plan;
  /** The run directory being written (the temporary one). */
  dir: string;
  perf: string;
  perfMonotonicClock: boolean;
  /** perf takes --control (5.10+): pinged, it writes out what it recorded every second. */
  perfControl: boolean;
  env?: NodeJS.ProcessEnv;
  /** Called once when a process of ours ends on its own while the run goes on. */
  onUnexpectedExit(reason: string): void;
  /** A command workload ended with status 0: the recording ends early, complete. */
  onWorkloadFinished?(reason: string): void;
  /** How long perf may take to start writing its file. */
  recorderStartTimeoutMs?: number;
  /** How long a masim workload may take to map and fill its regions. */
  workloadStartTimeoutMs?: number;
  /**
   * The TLB refresher a QEMU TCG guest runs (record/tlb-refresh.ts): started with the first
   * process of the measurement (perf, or a workload when DAMON is off), stopped when it ends.
   */
  tlbRefresh?: { program: string; intervalUs: number };
}

const PERF_FLUSH_MS = 1000;

export class LocalProcesses implements ProcessHooks {
  private readonly children = new Map<string, Child>();
  /** Workloads still mapping their regions. */
  private readonly settingUp: Promise<void>[] = [];
  /** perf writing its file's header: awaited before DAMON is on, and before a workload that cannot wait. */
  private recorderStarting: Promise<void> | null = null;
  /** Workloads that wait, their regions mapped, for the measured time to begin (masim --wait-start). */
  private readonly waiting: Child[] = [];
  readonly records: ProcessRecord[] = [];
  private stopped = false;
  private flushTimer: NodeJS.Timeout | undefined;

  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: LocalProcessesOptions) {
    this.env = options.env ?? process.env;
  }

  private unexpected(name: string, exit: ChildExit, what: string): void {
    if (this.stopped) return;
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with status ${exit.exitCode}`;
    const log = readPart(join(this.options.dir, 'logs', `${name}.log`), 8192, 'tail');
    this.options.onUnexpectedExit(
      `${what} ${how} before the recording ended (see logs/${name}.log)${whyItFailed(log)}`,
    );
  }

  private refresher: Promise<Child> | null = null;

  /** Starts the TLB refresher, once, when the run has one. */
  private async startTlbRefresh(): Promise<void> {
    const refresh = this.options.tlbRefresh;
    if (!refresh) return;
    this.refresher ??= this.launch(TLB_REFRESH_REF, refresh.program, [String(refresh.intervalUs)], (exit) =>
      this.unexpected(TLB_REFRESH_REF, exit, 'the TLB refresher'),
    );
    await this.refresher;
  }

  /** Stops the TLB refresher (it prints what it did into its log as it ends). */
  async stopTlbRefresh(): Promise<void> {
    const refresher = await this.refresher?.catch(() => null);
    await refresher?.stop('SIGTERM', 5000);
  }

  async startWorkload(ref: string): Promise<number> {
    await this.startTlbRefresh();
    const workload = this.options.plan.workloads.find((w) => w.ref === ref)!;
    let program: string;
    let args: string[];
    let phaseLogFile: string | null = null;
    let waits = false;
    if (workload.kind === 'masim') {
      program = masimProgram(workload.binary, this.options.env);
      if (await supportsPhaseLog(program)) phaseLogFile = join(this.options.dir, 'logs', `${ref}.phase.jsonl`);
      // A masim that maps its regions and then waits can do so while perf starts (seconds under TCG).
      waits = phaseLogFile !== null && (await supportsWaitStart(program));
      const phaseLog = phaseLogFile ? ['--phase-log', phaseLogFile, ...(waits ? ['--wait-start'] : [])] : [];
      args = [...workload.args, ...phaseLog, join(this.options.dir, workload.config)];
    } else if (workload.kind === 'command') {
      [program, ...args] = workload.argv as [string, ...string[]];
    } else {
      throw new Error(`plan bug: ${ref} is an attached process, not one to start`);
    }
    // A workload that runs from its start begins once perf records, so that none of it goes unrecorded.
    if (!waits) await this.recorderStarting;
    const child = await this.launch(
      ref,
      program,
      args,
      (exit) => {
        if (workload.kind === 'command' && exit.exitCode === 0) {
          if (!this.stopped) this.options.onWorkloadFinished?.(`workload ${ref} (${workload.workload}) finished`);
          return;
        }
        this.unexpected(ref, exit, `workload ${ref} (${workload.workload})`);
      },
      workload.kind === 'command'
        ? {
            group: true,
            ...(workload.cwd ? { cwd: workload.cwd } : {}),
            // What it writes there is kept with the result (in a VM, the one host folder it may write).
            env: { ...this.env, DAMON_EXP_OUTPUT_DIR: this.outputDir(ref) },
          }
        : {},
    );
    if (waits) this.waiting.push(child);
    if (phaseLogFile) {
      const mapped = this.regionsMapped(ref, child, phaseLogFile, mappedBytes(this.options.plan, workload));
      mapped.catch(() => undefined); // awaited by workloadsReady; a run stopped before then does not care
      this.settingUp.push(mapped);
    }
    return child.pid;
  }

  /** perf records, and the workloads started so far have mapped their regions (side by side). */
  async workloadsReady(): Promise<void> {
    const pending = this.settingUp.splice(0);
    await Promise.all([this.recorderStarting, ...pending]);
  }

  /** The workloads that wait for it run their phases from now. */
  releaseWorkloads(): void {
    for (const child of this.waiting.splice(0)) child.signal('SIGUSR1');
  }

  /**
   * Waits until masim has mapped (and filled) its regions: its phase log's first line says so.
   * DAMON sets a vaddr target's initial regions from its mappings when switched on; mappings made
   * later join only at the next update interval (60 s by default), so a workload that is still
   * mapping as DAMON starts would go unmonitored. A phase log that cannot be written (a full
   * disk) says nothing: then its resident memory reaching its regions' size says they are mapped.
   */
  private async regionsMapped(ref: string, child: Child, file: string, bytes: number | null): Promise<void> {
    const deadline = performance.now() + (this.options.workloadStartTimeoutMs ?? 120_000);
    for (let poll = 0; ; poll++) {
      if ((await firstLine(file)) !== null) return;
      if (child.exit) return; // its end is reported as such
      if (bytes !== null && poll % 10 === 9 && ((await readProcessMemory('/proc', child.pid))?.rssBytes ?? 0) >= bytes)
        return;
      if (performance.now() > deadline)
        throw new Error(
          `workload ${ref} did not map its regions within ${Math.round((this.options.workloadStartTimeoutMs ?? 120_000) / 1000)} s (see logs/${ref}.log)`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Starts a process of ours, output to logs/<ref>.log, kept in the records and for stopping. */
  private async launch(
    ref: string,
    program: string,
    args: string[],
    onUnexpectedExit: (exit: ChildExit) => void,
    options: {
      group?: boolean;
      stdoutFile?: string;
      controlPipe?: boolean;
      ackPipe?: boolean;
      cwd?: string;
      env?: NodeJS.ProcessEnv;
    } = {},
  ): Promise<Child> {
    const record: ProcessRecord = {
      ref,
      program,
      args,
      pid: null,
      exit: null,
      startedMs: performance.now(),
      endedMs: null,
      endedNs: null,
    };
    this.records.push(record);
    const child = await Child.start(ref, program, args, {
      logFile: join(this.options.dir, 'logs', `${ref}.log`),
      env: this.env,
      onUnexpectedExit,
      ...options,
    });
    record.pid = child.pid;
    void child.exited.then((exit) => {
      record.exit = exit;
      record.endedMs = performance.now();
      record.endedNs = Number(process.hrtime.bigint());
    });
    this.children.set(ref, child);
    return child;
  }

  /** output/<ref>/ of the run directory: a command's own, beside (never over) damon-exp's files. */
  private outputDir(ref: string): string {
    const dir = join(this.options.dir, 'output', ref);
    makeDirs(dir);
    return dir;
  }

  async attachWorkload(ref: string, pid: number): Promise<void> {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM')
        throw new Error(`there is no process ${pid} to monitor (${ref})`);
    }
  }

  async stopWorkload(ref: string): Promise<void> {
    await this.children.get(ref)?.stop('SIGTERM', 3000);
  }

  /**
   * perf writes its recording as a stream (`-o -`, perf's pipe mode) into the file: what it
   * recorded is readable however it ends (killed, a full disk, a VM that stopped), and a file
   * system that cannot mmap (a QEMU guest's 9p share) takes it.
   */
  async startRecorder(step: Extract<Step, { op: 'start-recorder' }>): Promise<void> {
    await this.startTlbRefresh();
    const output = join(this.options.dir, step.output);
    const clock = this.options.perfMonotonicClock ? ['-k', step.clock] : [];
    // With control (perf 5.10+), perf starts with its events off and turns them on when told,
    // saying so on descriptor 4: its file's header comes before it records (in pipe mode perf
    // writes the header, then synthesizes every task's comm and maps, then enables its events:
    // seconds under TCG, when DAMON's first snapshots went unrecorded).
    const control = this.options.perfControl ? ['--delay=-1', '--control=fd:3,4'] : [];
    const args = [
      'record',
      '-a',
      '--no-buildid',
      '--no-buildid-cache',
      ...clock,
      ...control,
      ...step.events.flatMap((e) => ['-e', e]),
      '-o',
      '-',
    ];
    const child = await this.launch('perf', this.options.perf, args, (exit) => this.unexpected('perf', exit, 'perf'), {
      stdoutFile: output,
      controlPipe: control.length > 0,
      ackPipe: control.length > 0,
    });
    const timeoutMs = this.options.recorderStartTimeoutMs ?? 60_000;
    // Awaited before DAMON is on (workloadsReady) and before a workload that runs from its start.
    this.recorderStarting = child.control ? this.enabled(child, timeoutMs) : recording(child, output, timeoutMs);
    this.recorderStarting.catch(() => undefined); // its failure is told where it is awaited
  }

  /** Tells perf to record and resolves once it says it does; then pings it every second. */
  private async enabled(perf: Child, timeoutMs: number): Promise<void> {
    const acked = firstAck(perf, timeoutMs);
    perf.control!.write('enable\n');
    await acked;
    // perf writes what its ring buffers hold when they are half full, or when it wakes: a ping a
    // second wakes it, so that the file holds the recording up to the last second whatever ends
    // the run (a VM killed outright takes perf's buffers with it).
    if (!this.stopped) this.flushTimer = setInterval(() => perf.control?.write('ping\n'), PERF_FLUSH_MS);
  }

  async stopRecorder(): Promise<void> {
    this.stopped = true; // from here on, processes ending is teardown, not news
    clearInterval(this.flushTimer);
    await this.children.get('perf')?.stop('SIGINT', 30_000);
  }

  /**
   * The text goes beside its place first: a conversion cut short leaves no half masim.script to be
   * read as the whole.
   */
  async convertTrace(step: Extract<Step, { op: 'convert-trace' }>): Promise<void> {
    const [command, args] = diesWithParent(this.options.perf, [
      'script',
      '--force',
      '-i',
      join(this.options.dir, step.input),
    ]);
    await perfScript(
      command,
      args,
      join(this.options.dir, step.output),
      join(this.options.dir, 'logs', 'perf-script.log'),
      this.env,
    );
  }

  /** Marks the end of the measurement: later exits are expected. */
  quiet(): void {
    this.stopped = true;
  }
}

/** The bytes a masim workload's regions take, from its config in the plan; null when it cannot be read. */
function mappedBytes(plan: Plan, workload: Plan['workloads'][number]): number | null {
  if (workload.kind !== 'masim') return null;
  const text = plan.files[workload.config];
  if (text === undefined) return null;
  try {
    return totalSizeBytes(parseMasimConfig(text, workload.config));
  } catch {
    return null;
  }
}

/** The first whole line of a file, or null when it has none yet. */
async function firstLine(path: string): Promise<string | null> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(65536);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const end = buffer.subarray(0, bytesRead).indexOf(10);
      return end < 0 ? null : buffer.subarray(0, end).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/** Resolves at perf's first ack on descriptor 4 (the later ones, of pings, are read and dropped). */
function firstAck(perf: Child, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () =>
        settle(
          new Error(`perf record did not start recording within ${Math.round(timeoutMs / 1000)} s (see logs/perf.log)`),
        ),
      timeoutMs,
    );
    perf.ack!.on('data', (chunk: Buffer) => {
      if (chunk.includes(10)) settle();
    });
    void perf.exited.then(() => settle(new Error('perf record ended before recording (see logs/perf.log)')));
  });
}

/** Resolves once perf has written its file's header (a perf without control: it is about to record). */
async function recording(perf: Child, output: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await fileSize(output)) === 0) {
    if (perf.exit) throw new Error(`perf record ended before recording (see logs/perf.log)`);
    if (performance.now() > deadline)
      throw new Error(`perf record did not start writing within ${Math.round(timeoutMs / 1000)} s (see logs/perf.log)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    const handle = await open(path, 'r');
    try {
      return (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  } catch {
    return 0;
  }
}

/** What a workload's log tells of a failure users meet often, with what to do about it. */
export function whyItFailed(log: string | null): string {
  if (log && /Read-only file system/.test(log))
    return (
      ": its log says 'Read-only file system'. In a VM (--backend qemu) the host's files are read-only:" +
      " write under /tmp (the guest's own) or into $DAMON_EXP_OUTPUT_DIR (kept with the result)"
    );
  return '';
}
