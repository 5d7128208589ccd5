// What this host can do for damon-exp, read without changing anything: the checks behind
// `damon-exp doctor`, each with a hint that fixes it.
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
}

export async function checkHost(options: HostCheckOptions): Promise<Check[]> {
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

  if (options.probeRecording && root && tracepoints?.includes('damon:damon_aggregated')) {
    const perf = await probePerf(options.perf, ['damon:damon_aggregated'], options.env);
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
    masimProblem ? 'make setup builds native/masim; or set MASIM=/path/to/masim' : undefined,
  );

  add(...(await qemuBackendCheck()));
  const kvm = await access('/dev/kvm', constants.R_OK | constants.W_OK).then(
    () => true,
    () => false,
  );
  add(
    'KVM',
    'info',
    kvm
      ? '/dev/kvm is accessible (whether it works shows when QEMU starts)'
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
  return checks;
}

/** What the qemu backend needs: QEMU, busybox for the guest's init, and a DAMON kernel. */
async function qemuBackendCheck(): Promise<[string, CheckState, string, string?]> {
  const qemu = await execa(QEMU, ['--version'], { reject: false });
  const problems: string[] = [];
  if (qemu.exitCode !== 0) problems.push(`${QEMU} is not installed`);
  if (!existsSync(BUSYBOX)) problems.push(`${BUSYBOX} is missing (busybox-static)`);
  // Under TCG a guest needs it, or DAMON goes blind to a process alone on a vCPU.
  if (!existsSync(NATIVE_TLB_REFRESH)) problems.push(`${NATIVE_TLB_REFRESH} is not built (TCG guests run it)`);
  let kernel: string | null = null;
  try {
    kernel = findKernel(null).release;
  } catch (error) {
    if (!(error instanceof KernelImageError)) throw error;
    problems.push(error.message);
  }
  if (problems.length)
    return [
      'qemu backend',
      'warn',
      `cannot boot a DAMON kernel: ${problems.join('; ')}`,
      "make setup installs QEMU and busybox-static, builds native/ (make native) and fetches Debian's DAMON kernel (make kernel)",
    ];
  return ['qemu backend', 'ok', `${String(qemu.stdout).split('\n')[0]}, Debian's DAMON kernel ${kernel}`];
}
