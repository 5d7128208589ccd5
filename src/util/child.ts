// A child process of ours: started with execa, output to a log file, its end observed, and
// stopped by its pid with a signal, then SIGKILL after a grace period.
import { closeSync, existsSync, openSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { execa } from 'execa';

/**
 * util-linux's setpriv: started through it with a parent-death signal, a child ends with
 * damon-exp even when damon-exp is killed outright (SIGKILL), instead of running on unowned.
 */
const SETPRIV = '/usr/bin/setpriv';

/** `program args`, with a parent-death signal where setpriv is there (it execs: the pid stays the child's). */
export function diesWithParent(program: string, args: string[], signal: 'TERM' | 'KILL' = 'TERM'): [string, string[]] {
  return existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', signal, '--', program, ...args]] : [program, args];
}

export interface ChildExit {
  exitCode: number | null;
  signal: string | null;
  /** Whether it ended before we asked it to. */
  unexpected: boolean;
}

export interface ChildOptions {
  /** Where its standard error goes, and its standard output unless `stdoutFile`. */
  logFile: string;
  stdoutFile?: string;
  env: NodeJS.ProcessEnv;
  onUnexpectedExit: (exit: ChildExit) => void;
  /** A process group of its own (stopping it reaches what it started). */
  group?: boolean;
  /** Give it a pipe from us as descriptor 3 (perf's --control=fd:3). */
  controlPipe?: boolean;
  /** And a pipe to us as descriptor 4 (perf's acks: --control=fd:3,4). */
  ackPipe?: boolean;
  /** The folder it starts in (default: ours). */
  cwd?: string;
}

export class Child {
  private exitInfo: ChildExit | undefined;
  private stopping = false;
  readonly exited: Promise<ChildExit>;

  private constructor(
    readonly name: string,
    private readonly process: { kill(signal: NodeJS.Signals): unknown },
    ended: Promise<{ signal?: string; exitCode?: number }>,
    readonly pid: number,
    onUnexpectedExit: (exit: ChildExit) => void,
    private readonly group = false,
  ) {
    this.exited = ended.then((result) => {
      const signal = result.signal ?? null;
      const exitCode = result.exitCode ?? null;
      this.exitInfo = { exitCode, signal, unexpected: !this.stopping };
      if (!this.stopping) onUnexpectedExit(this.exitInfo);
      return this.exitInfo;
    });
  }

  /**
   * Starts `program args`; resolves once it runs, rejects if it cannot start. It gets SIGTERM
   * should damon-exp die.
   */
  static async start(name: string, program: string, args: string[], options: ChildOptions): Promise<Child> {
    const [command, commandArgs] = diesWithParent(program, args);
    // Descriptors of its own rather than pipes through damon-exp: its output reaches the files
    // whatever becomes of damon-exp.
    const logFd = openSync(options.logFile, 'a');
    const stdoutFd = options.stdoutFile === undefined ? logFd : openSync(options.stdoutFile, 'w');
    const subprocess = execa(command, commandArgs, {
      env: options.env,
      extendEnv: false,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      // A group of its own, so that stopping it reaches the processes it started too.
      detached: options.group ?? false,
      // execa passes descriptors through to the child (its types list only some numbers).
      stdio: [
        'ignore',
        stdoutFd as 1,
        logFd as 2,
        options.controlPipe ? 'pipe' : 'ignore',
        ...(options.ackPipe ? ['pipe' as const] : []),
      ],
      reject: false,
      cleanup: true, // should damon-exp itself die, its children go with it
      forceKillAfterDelay: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        subprocess.once('spawn', () => resolve());
        subprocess.once('error', reject);
      });
    } finally {
      // The child has its own copies.
      closeSync(logFd);
      if (stdoutFd !== logFd) closeSync(stdoutFd);
    }
    const child = new Child(
      name,
      subprocess,
      subprocess.then((result) => result),
      subprocess.pid!,
      options.onUnexpectedExit,
      options.group ?? false,
    );
    if (options.controlPipe) {
      child.control = subprocess.stdio[3] as unknown as Writable;
      child.control.on('error', () => undefined); // it has ended: its end is told by `exited`
    }
    if (options.ackPipe) {
      child.ack = subprocess.stdio[4] as unknown as Readable;
      child.ack.on('error', () => undefined);
    }
    return child;
  }

  /** Its descriptor 3, a pipe from us, when started with `controlPipe`. */
  control: Writable | null = null;
  /** Its descriptor 4, a pipe to us, when started with `ackPipe`. */
  ack: Readable | null = null;

  get exit(): ChildExit | undefined {
    return this.exitInfo;
  }

  /** Sends `signal` to the process (not its group), unless it has ended. */
  signal(signal: NodeJS.Signals): void {
    if (this.exitInfo) return;
    try {
      this.process.kill(signal);
    } catch {
      // gone already
    }
  }

  /** Sends `signal`, waits up to `graceMs` for the end, then SIGKILL. Safe after it has ended. */
  async stop(signal: NodeJS.Signals, graceMs: number): Promise<ChildExit> {
    this.stopping = true;
    if (this.exitInfo && !this.group) return this.exitInfo;
    const send = (s: NodeJS.Signals) => {
      try {
        // The group's id is the leader's pid, which stays reserved while the group has members.
        if (this.group) process.kill(-this.pid, s);
        else this.process.kill(s);
      } catch {
        // gone already
      }
    };
    send(signal);
    const timer = setTimeout(() => send('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Whether `command` is found on PATH (the shell's `command -v`; `env` gives another PATH). */
export async function onPath(command: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const found = await execa('/bin/sh', ['-c', 'command -v "$1"', 'sh', command], { reject: false, env });
  return found.exitCode === 0;
}
