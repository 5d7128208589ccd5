// A child process of ours: started with execa, output to a log file, its end observed, and
// stopped by its pid with a signal, then SIGKILL after a grace period.
import { execa, type ResultPromise } from 'execa';

export interface ChildExit {
  exitCode: number | null;
  signal: string | null;
  /** Whether it ended before we asked it to. */
  unexpected: boolean;
}

export class Child {
  private exitInfo: ChildExit | undefined;
  private stopping = false;
  readonly exited: Promise<ChildExit>;

  private constructor(
    readonly name: string,
    private readonly process: ResultPromise,
    readonly pid: number,
    onUnexpectedExit: (exit: ChildExit) => void,
    private readonly group = false,
  ) {
    this.exited = process.then((result) => {
      const signal = (result as { signal?: string }).signal ?? null;
      const exitCode = (result as { exitCode?: number }).exitCode ?? null;
      this.exitInfo = { exitCode, signal, unexpected: !this.stopping };
      if (!this.stopping) onUnexpectedExit(this.exitInfo);
      return this.exitInfo;
    });
  }

  /** Starts `program args`, output to `logFile`; resolves once it runs, rejects if it cannot start. */
  static async start(
    name: string,
    program: string,
    args: string[],
    logFile: string,
    env: NodeJS.ProcessEnv,
    onUnexpectedExit: (exit: ChildExit) => void,
    group = false,
  ): Promise<Child> {
    const subprocess = execa(program, args, {
      env,
      extendEnv: false,
      // A group of its own, so that stopping it reaches the processes it started too.
      detached: group,
      stdin: 'ignore',
      stdout: { file: logFile, append: true },
      stderr: { file: logFile, append: true },
      reject: false,
      cleanup: true, // should damon-exp itself die, its children go with it
      forceKillAfterDelay: false,
    });
    await new Promise<void>((resolve, reject) => {
      subprocess.once('spawn', () => resolve());
      subprocess.once('error', reject);
    });
    return new Child(name, subprocess, subprocess.pid!, onUnexpectedExit, group);
  }

  get exit(): ChildExit | undefined {
    return this.exitInfo;
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
