// perf: whether it can record DAMON's tracepoints here (a short probe recording), with which
// clock, and its version.
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, rename, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PerfProbe {
  ok: boolean;
  version: string | null;
  /** Records with -k CLOCK_MONOTONIC, so trace times match the workload's phase log. */
  monotonicClock: boolean;
  /** Takes --control=fd:N (perf 5.10+), by which it is asked to write out what it recorded. */
  control: boolean;
  /** Why it cannot record, when it cannot. */
  problem?: string;
  hint?: string;
}

/**
 * perf's version, assuming it records with -k CLOCK_MONOTONIC (no probe recording). With
 * `startedEarly`, the output of a `perf --version` started before this process (a QEMU guest's
 * script starts it beside Node's start-up): read when it ended well, else perf is asked again.
 */
export async function perfVersionOnly(
  perf: string,
  env: NodeJS.ProcessEnv = process.env,
  startedEarly?: EarlyPerfVersion,
): Promise<PerfProbe> {
  const early = startedEarly ? await earlyVersion(startedEarly) : null;
  if (early) return { ok: true, version: early, monotonicClock: true, control: takesControl(early) };
  const version = await execa(perf, ['--version'], { reject: false, timeout: 30_000, env, extendEnv: false });
  if (version.exitCode !== 0)
    return {
      ok: false,
      version: null,
      monotonicClock: false,
      control: false,
      problem: `perf not found (${perf})`,
      hint: 'install linux-perf, or set PERF',
    };
  const text = String(version.stdout).trim();
  return { ok: true, version: text, monotonicClock: true, control: takesControl(text) };
}

/** Where a `perf --version` started early writes its output, then its exit status. */
export interface EarlyPerfVersion {
  output: string;
  status: string;
  /** How long to wait for its status (it started seconds before). */
  waitMs?: number;
}

async function earlyVersion({ output, status, waitMs = 10_000 }: EarlyPerfVersion): Promise<string | null> {
  const deadline = performance.now() + waitMs;
  for (;;) {
    const code = await readFile(status, 'utf8').catch(() => null);
    if (code !== null && code.trim() !== '') {
      if (code.trim() !== '0') return null;
      const text = (await readFile(output, 'utf8').catch(() => '')).trim();
      return /^perf version \S/.test(text) && text.length < 200 ? text : null;
    }
    if (performance.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function probePerf(
  perf: string,
  events: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<PerfProbe> {
  const version = await execa(perf, ['--version'], { reject: false, timeout: 10_000, env, extendEnv: false });
  if (version.failed && (version.exitCode === undefined || version.code === 'ENOENT')) {
    return {
      ok: false,
      version: null,
      monotonicClock: false,
      control: false,
      problem: `perf not found (${perf})`,
      hint: 'install it (Debian: linux-perf), or point PERF or --perf at it',
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-perf-probe-'));
  try {
    const attempt = (clock: boolean) =>
      execa(
        perf,
        [
          'record',
          '-a',
          ...(clock ? ['-k', 'CLOCK_MONOTONIC'] : []),
          ...events.flatMap((e) => ['-e', e]),
          '-o',
          join(dir, 'probe.data'),
          '--',
          'sleep',
          '0',
        ],
        {
          reject: false,
          timeout: 30_000,
          all: true,
          env,
          extendEnv: false,
        },
      );
    const withClock = await attempt(true);
    const versionText = String(version.stdout ?? '').trim() || null;
    const control = takesControl(versionText);
    if (withClock.exitCode === 0) return { ok: true, version: versionText, monotonicClock: true, control };
    const plain = await attempt(false);
    if (plain.exitCode === 0) return { ok: true, version: versionText, monotonicClock: false, control };
    const output = String(plain.all ?? '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' / ');
    return {
      ok: false,
      version: versionText,
      monotonicClock: false,
      control: false,
      problem: `perf cannot record ${events.join(', ')}: ${output || `exit status ${plain.exitCode}`}`,
      hint: /event syntax error|unknown tracepoint/i.test(output)
        ? 'the kernel lacks the tracepoint, or perf was built without libtraceevent (it then lists events it cannot record)'
        : 'run as root, and check that tracefs is mounted (/sys/kernel/tracing)',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** perf record --control=fd:N came with perf 5.10. */
export function takesControl(version: string | null): boolean {
  const match = /perf version ([0-9]+)\.([0-9]+)/.exec(version ?? '');
  return match !== null && (Number(match[1]) > 5 || (Number(match[1]) === 5 && Number(match[2]) >= 10));
}

/**
 * `perf script` of a recording (`command args`: perf and its arguments, as the caller starts it)
 * into `output`, written beside it first (a conversion cut short leaves no half file); perf's
 * stderr goes into `log`.
 */
export async function perfScript(
  command: string,
  args: string[],
  output: string,
  log: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const result = await execa(command, args, {
    env,
    extendEnv: false,
    stdout: { file: `${output}.new` },
    stderr: { file: log },
    reject: false,
  });
  if (result.exitCode !== 0) {
    await unlink(`${output}.new`).catch(() => undefined);
    throw new Error(`perf script failed with status ${result.exitCode} (see logs/perf-script.log)`);
  }
  await rename(`${output}.new`, output);
}
