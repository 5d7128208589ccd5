// What `damon-exp record` monitors, as damo record deduces it from its word (a pid, `paddr`, or a
// command), where it can be recorded, and the implicit one-target manifest that says so.
import { UsageError, UserError } from './output.js';

export type RecordTarget = { kind: 'pid'; pid: number } | { kind: 'paddr' } | { kind: 'command'; command: string };

export type BackendAsked = 'local' | 'qemu' | 'auto';

/** damo's deducible target: a number is a pid, `paddr` the physical address space, anything else a command. */
export function recordTargetOf(positionals: string[], cmd: string | undefined): RecordTarget {
  if (positionals.length > 1)
    throw new UsageError(
      `give one PID, paddr or one COMMAND, not ${positionals.length} words: quote the command ("${positionals.join(' ')}")`,
      'record',
    );
  const [word] = positionals;
  if ((word === undefined) === (cmd === undefined))
    throw new UsageError('give either a PID, paddr, a "COMMAND" or --cmd "COMMAND"', 'record');
  if (word === 'paddr') return { kind: 'paddr' };
  if (word !== undefined && /^[0-9]+$/.test(word)) {
    // damo reads 007 as pid 7.
    const pid = Number(word);
    if (!(pid >= 1 && Number.isSafeInteger(pid))) throw new UsageError(`'${word}' is not a pid`, 'record');
    return { kind: 'pid', pid };
  }
  const command = (word ?? cmd)!;
  if (command.trim() === '') throw new UsageError('the command is empty', 'record');
  return { kind: 'command', command };
}

/**
 * The backend the recording runs on: run's default (auto) for a command; a pid is this host's;
 * paddr monitors the whole machine, so this host's only when --allow-physical says so.
 */
export function recordBackendOf(
  target: RecordTarget,
  asked: BackendAsked | undefined,
  allowPhysical: boolean,
  say: (text: string) => void,
): BackendAsked {
  if (allowPhysical && target.kind !== 'paddr')
    throw new UsageError('--allow-physical is for record paddr: a process is monitored alone', 'record');
  if (target.kind === 'pid') {
    if (asked === 'qemu')
      throw new UsageError(
        `--backend qemu: pid ${target.pid} is this host's and means nothing inside a VM; record it here, or give --cmd to run a command in the VM`,
        'record',
      );
    if (asked === undefined || asked === 'auto')
      say(`pid ${target.pid} is this host's process: recording it here (the local backend), never in a VM`);
    return 'local';
  }
  if (target.kind === 'paddr' && !allowPhysical) {
    if (asked === 'local')
      throw new UserError(
        "--backend local: record paddr monitors this host's whole physical memory, every process's",
        "add --allow-physical if this machine is yours to watch, or record it in a VM (--backend qemu: the guest's memory)",
      );
    if (asked === undefined || asked === 'auto')
      say("record paddr: monitoring a VM's physical memory (the qemu backend); --allow-physical records this host's");
    return 'qemu';
  }
  return asked ?? 'auto';
}

/** The implicit manifest of one recording: one kdamond, one context, one target. */
export function implicitManifest(
  target: RecordTarget,
  name: string,
  monitoring: Record<string, unknown>,
  duration: string,
  cwd: string,
): Record<string, unknown> {
  const common = { monitoring, duration };
  switch (target.kind) {
    case 'pid':
      return {
        name,
        description: `damon-exp record ${target.pid}`,
        workloads: { target: { pid: target.pid } },
        layout: { kind: 'one-target', workloads: ['target'] },
        ...common,
      };
    case 'paddr':
      // Physical memory has no process: no workloads.
      return {
        name,
        description: 'damon-exp record paddr',
        workloads: {},
        layout: { kdamonds: [{ contexts: [{ operations: 'paddr', targets: [{}] }] }] },
        ...common,
      };
    case 'command':
      // It starts where record was run, as damo's does: its relative paths mean what they meant there.
      return {
        name,
        description: `damon-exp record --cmd ${JSON.stringify(target.command)}`,
        workloads: { target: { command: target.command, cwd } },
        layout: { kind: 'one-target', workloads: ['target'] },
        ...common,
      };
  }
}
