// The run's status once the VM has ended: the guest's status.json (if it wrote one), read from the
// share, and what the VM's ending (its failure, the guest command's exit status) adds to it.
import { readPart } from '../../util/input-file.js';
import { CorruptFileError, readRunJson, RUN_FILES, type RunStatus, type VmStatus } from '../../record/run-files.js';
import { BOOTED_MARK } from './initramfs.js';
import { lastLines, type VmResult } from './vm.js';

/** The guest's status.json, null when the guest wrote none (a corrupt one: the host's, saying so). */
export function readGuestStatus(shared: string, hostStatus: RunStatus): RunStatus | null {
  try {
    const status = readRunJson<RunStatus>(shared, RUN_FILES.status);
    // The host's own status (written when the directory was made) means the guest wrote none.
    return status && status.startedAt !== hostStatus.startedAt ? status : null;
  } catch (error) {
    if (error instanceof CorruptFileError) return { ...hostStatus, errors: [...hostStatus.errors, error.message] };
    throw error;
  }
}

/**
 * What the guest's command said last on the console (its error and hint, as damon-exp prints
 * them), without the kernel's and the init's lines; null when it said nothing.
 */
export function guestConsoleMessage(consoleLog: string): string | null {
  const text = readPart(consoleLog, 64 * 1024, 'tail');
  if (text === null) return null;
  const mark = text.lastIndexOf(BOOTED_MARK);
  const command = mark < 0 ? text : text.slice(mark + BOOTED_MARK.length);
  const own = command
    .split('\n')
    .filter((line) => !/^\s*\[\s*\d+\.\d+\]/.test(line) && !line.includes('damon-exp-init:'));
  return lastLines(own.join('\n')) || null;
}

/**
 * The run's status from the guest's and from how the VM went; `guestSaid` is what the guest's
 * command said on the console (guestConsoleMessage), for a guest that left no status of its own.
 */
export function guestOutcome(
  hostStatus: RunStatus,
  guest: RunStatus | null,
  result: VmResult,
  vm: VmStatus,
  guestSaid: string | null = null,
): RunStatus {
  const status: RunStatus = { ...(guest ?? hostStatus), backend: 'qemu', vm };
  status.warnings = [
    ...hostStatus.warnings.filter((w) => !status.warnings.includes(w)),
    ...status.warnings,
    ...vm.retries,
  ];
  const failure = result.failure;
  const failed = (error: string) => {
    status.state = failure?.kind === 'aborted' || failure?.kind === 'signalled' ? 'interrupted' : 'failed';
    status.errors = [...status.errors, error];
  };
  // The guest's own words when it left no status saying why; the console log has the rest.
  const said =
    guestSaid && !failure
      ? `: the guest said: ${guestSaid} (logs/console.log has the rest)`
      : ' (see logs/console.log)';
  if (!guest)
    failed(
      failure
        ? `the VM: ${failure.message} (see logs/console.log)`
        : `the guest command ended with status ${result.exitStatus} without a result${said}`,
    );
  else if (status.state === 'running') {
    // The VM ended while the guest's run went on: what it recorded up to then is here.
    failed(
      failure
        ? `the VM: ${failure.message} (see logs/console.log); the data recorded until then is kept`
        : `the guest command ended with status ${result.exitStatus} before its run did${said}; the data recorded until then is kept`,
    );
  } else if (failure && status.state === 'complete' && result.stop?.graceful) {
    status.warnings.push(`the guest was asked to stop (${failure.message}) as its run ended`);
  } else if (failure?.kind === 'signalled' && status.state === 'complete') {
    // The guest had written its complete result: a stop after it takes nothing from it.
    status.warnings.push(`${failure.message} after its run completed`);
  } else if (failure) failed(`the VM: ${failure.message} (see logs/console.log)`);
  else if (result.exitStatus !== 0 && status.state === 'complete') {
    status.state = 'failed';
    status.errors = [
      ...status.errors,
      `the guest command ended with status ${result.exitStatus} although its run completed: the result may be incomplete (see logs/console.log)`,
    ];
  }
  status.endedAt ??= new Date().toISOString();
  return status;
}
