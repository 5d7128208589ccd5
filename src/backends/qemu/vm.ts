// One QEMU virtual machine: boots a kernel with our initramfs, shares the host root read-only
// and a directory read-write over 9p, runs the guest script, and powers off. The guest's exit
// status comes back in a file of the shared directory, never from console text; a panic, a hang
// or a QEMU failure ends the VM with the reason.
import { spawn } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BOOTED_MARK, EXIT_STATUS_FILE } from './initramfs.js';

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
  append?: string;
  consoleLog: string;
  /** How long the kernel may take to reach the guest command. */
  bootTimeoutMs: number;
  /** How long the guest command may take once started. */
  commandTimeoutMs: number;
  abort?: AbortSignal;
}

export interface VmResult {
  /** The guest command's exit status; null when it did not end (see `failure`). */
  exitStatus: number | null;
  failure?: { kind: 'panic' | 'boot-timeout' | 'command-timeout' | 'qemu' | 'aborted'; message: string };
  bootMs: number | null;
  wallMs: number;
  accel: Accel;
}

export const QEMU = 'qemu-system-x86_64';
const SETPRIV = '/usr/bin/setpriv';

export async function kvmUsable(): Promise<boolean> {
  return access('/dev/kvm', constants.R_OK | constants.W_OK).then(
    () => true,
    () => false,
  );
}

export function qemuArgs(options: VmOptions): string[] {
  const accel = options.accel === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', `tcg,thread=${options.tcgThreads ?? 'multi'}`, '-cpu', 'max'];
  return [
    ...accel,
    '-m', `${Math.round(options.memoryBytes / 2 ** 20)}M`,
    '-smp', String(options.cpus),
    '-nographic', '-no-reboot', '-nic', 'none',
    '-kernel', options.image,
    '-initrd', options.initrd,
    '-append', ['console=ttyS0', 'quiet', 'panic=-1', options.append ?? ''].join(' ').trim(),
    '-virtfs', 'local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap',
    '-virtfs', `local,path=${options.shared},mount_tag=outdir,security_model=none`,
  ];
}

export async function runVm(options: VmOptions): Promise<VmResult> {
  if (options.abort?.aborted) {
    return { exitStatus: null, failure: { kind: 'aborted', message: `stopped: ${String(options.abort.reason)}` }, bootMs: null, wallMs: 0, accel: options.accel };
  }
  const started = performance.now();
  let consoleText = '';
  let bootMs: number | null = null;
  let failure: VmResult['failure'];
  // With a parent-death signal, QEMU ends with damon-exp even when damon-exp is killed outright.
  const child = existsSync(SETPRIV)
    ? spawn(SETPRIV, ['--pdeathsig', 'KILL', '--', QEMU, ...qemuArgs(options)], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(QEMU, qemuArgs(options), { stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = (kind: NonNullable<VmResult['failure']>['kind'], message: string) => {
    failure ??= { kind, message };
    child.kill('SIGKILL');
  };
  const bootTimer = setTimeout(() => kill('boot-timeout', `the kernel did not boot within ${options.bootTimeoutMs / 1000} s`), options.bootTimeoutMs);
  let commandTimer: NodeJS.Timeout | undefined;
  const onData = (chunk: Buffer) => {
    consoleText += chunk.toString('utf8');
    if (bootMs === null && consoleText.includes(BOOTED_MARK)) {
      bootMs = Math.round(performance.now() - started);
      clearTimeout(bootTimer);
      commandTimer = setTimeout(() => kill('command-timeout', `the guest command did not end within ${options.commandTimeoutMs / 1000} s`), options.commandTimeoutMs);
    }
    if (/KVM internal error|emulation failure/.test(consoleText)) kill('qemu', 'KVM does not work here (KVM internal error: emulation failure)');
    if (/Kernel panic - not syncing/.test(consoleText)) kill('panic', `the kernel panicked${bootMs === null ? ' while booting' : ''}: ${/Kernel panic - not syncing:?([^\n]*)/.exec(consoleText)?.[1]?.trim() ?? ''}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const onAbort = () => kill('aborted', `stopped: ${String(options.abort?.reason ?? 'aborted')}`);
  options.abort?.addEventListener('abort', onAbort, { once: true });
  const exit = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  });
  clearTimeout(bootTimer);
  clearTimeout(commandTimer);
  options.abort?.removeEventListener('abort', onAbort);
  await writeFile(options.consoleLog, consoleText);
  if (exit.error) failure ??= { kind: 'qemu', message: `${QEMU} could not start: ${exit.error.message}` };
  const statusText = await readFile(join(options.shared, EXIT_STATUS_FILE), 'utf8').catch(() => null);
  const exitStatus = statusText !== null && /^[0-9]+\s*$/.test(statusText) ? Number(statusText) : null;
  if (exitStatus === null && !failure) {
    failure = exit.code !== 0
      ? { kind: 'qemu', message: `${QEMU} exited with status ${exit.code}: ${lastLines(consoleText)}` }
      : { kind: 'qemu', message: `the VM powered off without the guest command's exit status: ${lastLines(consoleText)}` };
  }
  return { exitStatus, ...(failure && exitStatus === null ? { failure } : {}), bootMs, wallMs: Math.round(performance.now() - started), accel: options.accel };
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' / ').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
