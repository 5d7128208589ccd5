// One QEMU virtual machine: boots a kernel with our initramfs, shares the host root read-only
// and a directory read-write over 9p (and attaches a disk for swap when asked), runs the guest
// script, and powers off. The guest's exit status comes back in a file of the shared directory,
// never from console text; a panic, a hang or a QEMU failure ends the VM with the reason.
import { execFile, spawn, type SpawnOptionsWithStdioTuple, type StdioNull, type StdioPipe } from 'node:child_process';
import { constants, createWriteStream, existsSync } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BOOTED_MARK, EXIT_STATUS_FILE, STOP_FILE } from './initramfs.js';
import { readPart } from '../../util/input-file.js';

export type Accel = 'kvm' | 'tcg';

export interface VmOptions {
  image: string;
  initrd: string;
  memoryBytes: number;
  cpus: number;
  accel: Accel;
  /**
   * TCG's threads: one per vCPU (multi), or one for the whole VM (single), so that VMs run side
   * by side do not oversubscribe the host's cores (a vCPU preempted while holding a guest lock
   * stalls the others; two 2-vCPU VMs on 2 cores ran slower together than one after the other).
   */
  tcgThreads?: 'multi' | 'single';
  /** The directory shared read-write (the guest sees it as /tmp/out). */
  shared: string;
  /** A raw file attached as a virtio disk, which the guest makes its swap (backend.swap); none when unset. */
  swapDisk?: string;
  append?: string;
  /** The console's output goes there as it comes, so that it survives whatever ends the VM. */
  consoleLog: string;
  /** How long the kernel may take to reach the guest command. */
  bootTimeoutMs: number;
  /** How long the guest command may take once started. */
  commandTimeoutMs: number;
  /**
   * Aborting, or the command's timeout, first asks the guest to stop (a file in the share that
   * the guest command watches), so that it tears down and writes what it has; the VM is killed
   * when it has not powered off after this grace. Before the guest command starts, it is killed
   * at once: nothing runs there yet.
   */
  stopGraceMs?: number;
  abort?: AbortSignal;
}

export const DEFAULT_STOP_GRACE_MS = 60_000;

export interface VmResult {
  /** The guest command's exit status; null when it did not end. */
  exitStatus: number | null;
  /**
   * What ended the VM when the guest command did not end by itself (a stopped command may still
   * have an exit status).
   */
  failure?: {
    kind: 'panic' | 'boot-timeout' | 'command-timeout' | 'qemu' | 'killed' | 'aborted' | 'signalled';
    message: string;
  };
  /** The guest was asked to stop, and whether it did so within the grace. */
  stop?: { reason: string; graceful: boolean };
  bootMs: number | null;
  wallMs: number;
  accel: Accel;
}

export const QEMU = 'qemu-system-x86_64';

let qemuVersionText: Promise<string | null> | undefined;
/** The first line of `qemu-system-x86_64 --version` ("QEMU emulator version 7.2.x ..."), once per process. */
export function qemuVersion(): Promise<string | null> {
  qemuVersionText ??= new Promise((resolve) => {
    execFile(QEMU, ['--version'], { timeout: 10_000 }, (error, stdout) =>
      resolve(error ? null : (stdout.split('\n')[0]?.trim() ?? null)),
    );
  });
  return qemuVersionText;
}
const SETPRIV = '/usr/bin/setpriv';

export async function kvmUsable(): Promise<boolean> {
  return access('/dev/kvm', constants.R_OK | constants.W_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Under TCG with a thread per vCPU the guest's CPU-vulnerability mitigations are pure cost:
 * page-table isolation switches page tables, and TCG flushes its software TLB, at every system
 * call and interrupt, which made Node's start-up and the run's set-up seconds slower. With one
 * thread for all vCPUs (VMs side by side) they stay on: without them the busy vCPU kept the
 * thread longer and the kdamond's, which sleeps between samples, fell behind (14-19 snapshots in
 * 5 s of aggr 100 ms against 30 and more with them). The guest is the run's own throwaway VM;
 * its command line is in env.json.
 */
export const TCG_KERNEL_ARGS = ['mitigations=off'];

export function qemuArgs(options: VmOptions): string[] {
  const accel =
    options.accel === 'kvm'
      ? ['-accel', 'kvm', '-cpu', 'host']
      : ['-accel', `tcg,thread=${options.tcgThreads ?? 'multi'}`, '-cpu', 'max'];
  return [
    ...accel,
    '-m',
    `${Math.round(options.memoryBytes / 2 ** 20)}M`,
    '-smp',
    String(options.cpus),
    '-nographic',
    '-no-reboot',
    '-nic',
    'none',
    '-kernel',
    options.image,
    '-initrd',
    options.initrd,
    '-append',
    [
      'console=ttyS0',
      'quiet',
      'panic=-1',
      ...(options.accel === 'tcg' && (options.tcgThreads ?? 'multi') === 'multi' ? TCG_KERNEL_ARGS : []),
      options.append ?? '',
    ]
      .join(' ')
      .trim(),
    '-virtfs',
    'local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap',
    '-virtfs',
    `local,path=${qemuOptionValue(options.shared)},mount_tag=outdir,security_model=none`,
    ...(options.swapDisk
      ? [
          // Its content is scratch: no flushes (cache=unsafe), and what the guest frees stays sparse.
          '-drive',
          `file=${qemuOptionValue(options.swapDisk)},if=none,id=swap,format=raw,cache=unsafe,discard=unmap`,
          '-device',
          'virtio-blk-pci,drive=swap',
        ]
      : []),
  ];
}

/**
 * A value inside a QEMU option string (`-virtfs local,path=…`, `-drive file=…`): a comma would end
 * it and start another parameter (`--out 'out,readonly=on'`), so it is doubled, as QEMU reads it.
 */
export function qemuOptionValue(value: string): string {
  return value.replace(/,/g, ',,');
}

export async function runVm(options: VmOptions): Promise<VmResult> {
  if (options.abort?.aborted) {
    return {
      exitStatus: null,
      failure: { kind: 'aborted', message: `stopped: ${String(options.abort.reason)}` },
      bootMs: null,
      wallMs: 0,
      accel: options.accel,
    };
  }
  const started = performance.now();
  // The console's recent text, for the patterns below; all of it goes to the log file.
  let consoleText = '';
  const log = createWriteStream(options.consoleLog, { flags: 'a' });
  let bootMs: number | null = null;
  let failure: VmResult['failure'];
  let stop: VmResult['stop'];
  let graceTimer: NodeJS.Timeout | undefined;
  // With a parent-death signal, QEMU ends with damon-exp even when damon-exp is killed outright.
  // In a process group of its own: a terminal's Ctrl-C reaches the whole foreground group, and
  // QEMU quits at once on SIGINT, before the guest could tear down and write what it recorded.
  const spawnOptions: SpawnOptionsWithStdioTuple<StdioNull, StdioPipe, StdioPipe> = {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  };
  const child = existsSync(SETPRIV)
    ? spawn(SETPRIV, ['--pdeathsig', 'KILL', '--', QEMU, ...qemuArgs(options)], spawnOptions)
    : spawn(QEMU, qemuArgs(options), spawnOptions);
  const kill = (kind: NonNullable<VmResult['failure']>['kind'], message: string) => {
    failure ??= { kind, message };
    child.kill('SIGKILL');
  };
  /** Asks the guest command to stop, and kills the VM if it has not powered off within the grace. */
  const requestStop = (kind: 'aborted' | 'command-timeout', message: string, reason: string) => {
    if (stop || failure) return;
    if (bootMs === null) return kill(kind, message);
    failure = { kind, message };
    stop = { reason, graceful: true };
    const grace = options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
    void writeFile(join(options.shared, STOP_FILE), `${reason}\n`).catch(() => child.kill('SIGKILL'));
    graceTimer = setTimeout(() => {
      stop!.graceful = false;
      failure = {
        kind,
        message: `${message}; the guest did not stop within ${grace / 1000} s of being asked, so the VM was killed`,
      };
      child.kill('SIGKILL');
    }, grace);
  };
  const bootTimer = setTimeout(
    () => kill('boot-timeout', `the kernel did not boot within ${options.bootTimeoutMs / 1000} s`),
    options.bootTimeoutMs,
  );
  let commandTimer: NodeJS.Timeout | undefined;
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    consoleText = (consoleText + chunk.toString('utf8')).slice(-65_536);
    if (bootMs === null && consoleText.includes(BOOTED_MARK)) {
      bootMs = Math.round(performance.now() - started);
      clearTimeout(bootTimer);
      commandTimer = setTimeout(
        () =>
          requestStop(
            'command-timeout',
            `the guest command did not end within ${options.commandTimeoutMs / 1000} s`,
            'timeout',
          ),
        options.commandTimeoutMs,
      );
    }
    if (/KVM internal error|emulation failure/.test(consoleText))
      kill('qemu', 'KVM does not work here (KVM internal error: emulation failure)');
    if (/Kernel panic - not syncing/.test(consoleText))
      kill(
        'panic',
        `the kernel panicked${bootMs === null ? ' while booting' : ''}: ${/Kernel panic - not syncing:?([^\n]*)/.exec(consoleText)?.[1]?.trim() ?? ''}`,
      );
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const onAbort = () =>
    requestStop(
      'aborted',
      `stopped: ${String(options.abort?.reason ?? 'aborted')}`,
      String(options.abort?.reason ?? 'aborted'),
    );
  options.abort?.addEventListener('abort', onAbort, { once: true });
  const exit = await new Promise<{ code: number | null; signal?: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(bootTimer);
  clearTimeout(commandTimer);
  clearTimeout(graceTimer);
  options.abort?.removeEventListener('abort', onAbort);
  await new Promise((resolve) => log.end(resolve));
  if (exit.error) failure ??= { kind: 'qemu', message: `${QEMU} could not start: ${exit.error.message}` };
  // A number written by the guest: 64 bytes are more than enough.
  const statusText = readPart(join(options.shared, EXIT_STATUS_FILE), 64, 'head');
  const exitStatus = statusText !== null && /^[0-9]+\s*$/.test(statusText) ? Number(statusText) : null;
  if (exitStatus === null && !failure) {
    const signalled = qemuSignalled(consoleText);
    failure = signalled
      ? { kind: 'signalled', message: signalled }
      : exit.code === null
        ? // SIGKILL (the OOM killer, kill -9): the run failed, but nothing says KVM did.
          { kind: 'killed', message: `${QEMU} was killed by ${exit.signal ?? 'a signal'}: ${lastLines(consoleText)}` }
        : exit.code !== 0
          ? {
              kind: 'qemu',
              message: `${QEMU} exited with status ${exit.code}: ${lastLines(consoleText)}`,
            }
          : {
              kind: 'qemu',
              message: `the VM powered off without the guest command's exit status: ${lastLines(consoleText)}`,
            };
  }
  // A guest that stopped when asked ended its command: its failure is the stop, not the VM's.
  const kept = failure && (exitStatus === null || stop !== undefined) ? { failure } : {};
  return {
    exitStatus,
    ...kept,
    ...(stop ? { stop } : {}),
    bootMs,
    wallMs: Math.round(performance.now() - started),
    accel: options.accel,
  };
}

/**
 * QEMU's own line when a signal (SIGTERM, SIGINT, SIGHUP) ended it, as someone's stop: Slurm's
 * scancel, a kill, a closed terminal. Null when it says none.
 */
export function qemuSignalled(consoleText: string): string | null {
  // QEMU's own line (on its stderr, which the console log shares), never a guest's words.
  const said = /qemu-system-[\w-]+: terminating on signal (\d+)(?: from pid (\d+)(?: \(([^)\n]*)\))?)?/.exec(
    consoleText,
  );
  if (!said) return null;
  const from = said[2] ? ` from pid ${said[2]}${said[3] ? ` (${said[3]})` : ''}` : '';
  return `${QEMU} was stopped by signal ${said[1]}${from}`;
}

/** The console's last lines, for an error: without the terminal's sequences and carriage returns. */
export function lastLines(text: string): string {
  return (
    text
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .trim()
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line)
      .slice(-3)
      .join(' / ')
  );
}
