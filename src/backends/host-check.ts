// What this host can do for damon-exp, read without changing anything: the checks behind
// `damon-exp doctor`, each with a hint that fixes it, and which backend can serve runs here.
import { admin } from '../plan/sysfs-tree.js';
import { access, constants, readFile } from 'node:fs/promises';
import { release } from 'node:os';
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { BUSYBOX } from './qemu/initramfs.js';
import { findKernel, KernelImageError } from '../kernel-images/resolve.js';
import { QEMU } from './qemu/vm.js';
import { damonTracepoints, existingKdamonds } from '../damon-sysfs/probe.js';
import type { Sysfs } from '../damon-sysfs/sysfs.js';
import { checkProgram, NATIVE_MASIM, supportsPhaseLog } from '../record/masim-program.js';
import { NATIVE_TLB_REFRESH } from '../record/tlb-refresh.js';
import { probePerf } from '../record/perf.js';
import { kvmFailedSinceBoot } from './qemu/kvm-memo.js';
import {
  accelOf,
  localOnly,
  QEMU_SETUP,
  qemuProblems,
  verdictOf,
  type QemuReadiness,
  type Verdict,
} from './host-verdict.js';
import { setupCommand } from '../util/places.js';

export type CheckState = 'ok' | 'warn' | 'fail' | 'info';

export interface Check {
  check: string;
  state: CheckState;
  detail: string;
  hint?: string;
}

export interface HostCheckOptions {
  sysfs: Sysfs;
  tracefsRoot: string;
  perf: string;
  env: NodeJS.ProcessEnv;
  /** Whether to try a short perf recording (needs root and DAMON tracepoints). */
  probeRecording: boolean;
  /** What the qemu backend has here; default: probeQemu. */
  qemu?: () => Promise<QemuReadiness>;
}

export interface HostReport {
  /** Failures that stop only this host's DAMON are told as info when QEMU serves. */
  checks: Check[];
  verdict: Verdict;
}

export async function checkHost(options: HostCheckOptions): Promise<HostReport> {
  const checks: Check[] = [];
  const add = (check: string, state: CheckState, detail: string, hint?: string) =>
    checks.push({ check, state, detail, ...(hint ? { hint } : {}) });
  const root = process.getuid?.() === 0;
  add(
    'root',
    root ? 'ok' : 'fail',
    root ? 'running as root' : `running as uid ${process.getuid?.()}`,
    root ? undefined : 'DAMON sysfs and perf -a need root: use sudo',
  );
  add('kernel', 'info', release());

  const sysfsThere = await options.sysfs.exists(admin.kdamonds.nr_kdamonds);
  add(
    'DAMON sysfs',
    sysfsThere ? 'ok' : 'fail',
    sysfsThere ? options.sysfs.root : `no ${options.sysfs.root}`,
    sysfsThere ? undefined : 'needs a kernel with CONFIG_DAMON_SYSFS (5.18+); or use the qemu backend',
  );
  let kdamonds: Awaited<ReturnType<typeof existingKdamonds>> | null = null;
  if (sysfsThere) {
    try {
      kdamonds = await existingKdamonds(options.sysfs);
    } catch (error) {
      add(
        'DAMON in use',
        'fail',
        `cannot read ${options.sysfs.root}/${admin.kdamonds.path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        'run as root',
      );
    }
  }
  if (kdamonds) {
    const running = kdamonds.filter((k) => k.state === 'on');
    if (kdamonds.length === 0) add('DAMON in use', 'ok', 'no kdamond set up: free for damon-exp');
    else {
      add(
        'DAMON in use',
        'fail',
        `${kdamonds.length} kdamond${kdamonds.length === 1 ? '' : 's'} set up by someone else${running.length ? `, running: ${running.map((k) => `kdamond ${k.index} (thread ${k.pid})`).join(', ')}` : ' (stopped)'}`,
        running.length
          ? 'damon-exp never touches them; their owner must stop them, or use the qemu backend'
          : `if they are yours: echo 0 > ${options.sysfs.root}/${admin.kdamonds.nr_kdamonds}`,
      );
      const ops = admin.kdamonds.kdamond(0).contexts.context(0).avail_operations;
      if (await options.sysfs.exists(ops)) add('DAMON operations', 'info', (await options.sysfs.read(ops)).trim());
    }
  }

  const tracepoints = await damonTracepoints(options.tracefsRoot);
  add(
    'DAMON tracepoints',
    tracepoints?.includes('damon:damon_aggregated') ? 'ok' : 'fail',
    tracepoints === null ? `cannot read ${options.tracefsRoot}/events/damon` : tracepoints.join(', ') || 'none',
    tracepoints === null ? 'mount tracefs (mount -t tracefs nodev /sys/kernel/tracing), as root' : undefined,
  );

  // The guest runs this host's perf too: missing, it stops every backend.
  let perfFound: boolean;
  if (options.probeRecording && root && tracepoints?.includes('damon:damon_aggregated')) {
    const perf = await probePerf(options.perf, ['damon:damon_aggregated'], options.env);
    perfFound = perf.ok || perf.version !== null;
    add(
      'perf',
      perf.ok ? 'ok' : 'fail',
      perf.ok
        ? `${perf.version}: records damon:damon_aggregated${perf.monotonicClock ? ' with -k CLOCK_MONOTONIC' : ' (not with -k CLOCK_MONOTONIC)'}`
        : perf.problem!,
      perf.hint,
    );
  } else {
    const version = await execa(options.perf, ['--version'], { reject: false, env: options.env, extendEnv: false });
    perfFound = version.exitCode === 0;
    add(
      'perf',
      version.exitCode === 0 ? 'warn' : 'fail',
      version.exitCode === 0
        ? `${String(version.stdout).trim()} (recording not tried: needs root and the DAMON tracepoints)`
        : `${options.perf} not found`,
      version.exitCode === 0 ? undefined : 'install linux-perf, or set PERF',
    );
  }

  const masim = options.env.MASIM || NATIVE_MASIM;
  const masimProblem = await checkProgram(masim);
  add(
    'masim',
    masimProblem ? 'fail' : 'ok',
    masimProblem ??
      `${masim}${(await supportsPhaseLog(masim)) ? ' (writes phase logs)' : ' (the original: no phase logs)'}`,
    masimProblem ? `${setupCommand('native')} builds masim; or set MASIM=/path/to/masim` : undefined,
  );

  const readiness = await (options.qemu ?? probeQemu)();
  add(...qemuBackendCheck(readiness));
  add(
    'KVM',
    'info',
    readiness.kvm
      ? `/dev/kvm is accessible${readiness.kvmFailed ? `, but KVM failed since this host booted (${readiness.kvmFailed}): QEMU emulates, slowly` : ' (whether it works shows when QEMU starts)'}`
      : '/dev/kvm is not accessible (QEMU would emulate, slowly)',
  );
  const thp = await readFile('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8').catch(() => null);
  if (thp) add('THP', 'info', thp.trim());

  const blocking = checks.filter((c) => c.state === 'fail');
  add(
    'local backend',
    blocking.length ? 'fail' : 'ok',
    blocking.length ? `cannot serve runs: ${blocking.map((c) => c.check).join(', ')}` : 'can serve runs',
  );
  const verdict = verdictOf(checks, readiness, perfFound);
  // Where QEMU serves, what stops this host's DAMON is worth knowing, not a failure.
  const told =
    verdict.serves === 'qemu'
      ? checks.map((c) => (c.state === 'fail' && localOnly(c, perfFound) ? { ...c, state: 'info' as const } : c))
      : checks;
  return { checks: told, verdict };
}

/** What the qemu backend has here: QEMU, busybox for the guest's init, the TLB refresher, a DAMON kernel, KVM. */
export async function probeQemu(): Promise<QemuReadiness> {
  const qemu = await execa(QEMU, ['--version'], { reject: false });
  let kernel: QemuReadiness['kernel'];
  try {
    kernel = { release: findKernel(null).release };
  } catch (error) {
    if (!(error instanceof KernelImageError)) throw error;
    kernel = { problem: error.message };
  }
  return {
    qemu: qemu.exitCode === 0 ? (String(qemu.stdout).split('\n')[0] ?? '') : null,
    busybox: existsSync(BUSYBOX),
    tlbRefresh: existsSync(NATIVE_TLB_REFRESH),
    kernel,
    kvm: await access('/dev/kvm', constants.R_OK | constants.W_OK).then(
      () => true,
      () => false,
    ),
    kvmFailed: await kvmFailedSinceBoot(),
  };
}

function qemuBackendCheck(readiness: QemuReadiness): [string, CheckState, string, string?] {
  const problems = qemuProblems(readiness, accelOf(readiness));
  if (problems.length)
    return ['qemu backend', 'warn', `cannot boot a DAMON kernel: ${problems.join('; ')}`, QEMU_SETUP];
  const release = 'release' in readiness.kernel ? readiness.kernel.release : '';
  return ['qemu backend', 'ok', `${readiness.qemu}, Debian's DAMON kernel ${release}`];
}
