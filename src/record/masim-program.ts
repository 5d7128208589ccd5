// Which program runs a masim workload: the manifest's `binary`, else $MASIM, else our
// native/masim. Whether it writes a phase log and waits to be told to start (ours does; the
// original does neither).
import { access, constants } from 'node:fs/promises';
import { execa } from 'execa';
import { onPath } from '../util/child.js';
import { nativeProgram, setupCommand } from '../util/places.js';

export const NATIVE_MASIM = nativeProgram('masim').path;

export function masimProgram(binary: string | null, env: NodeJS.ProcessEnv = process.env): string {
  return binary ?? (env.MASIM || NATIVE_MASIM);
}

const helpTexts = new Map<string, Promise<string>>();

/** The program's --help (asked once per program). */
function helpText(program: string): Promise<string> {
  let known = helpTexts.get(program);
  if (!known) {
    known = execa(program, ['--help'], { reject: false, timeout: 5000 }).then(
      (r) => `${String(r.stdout)}${String(r.stderr)}`,
    );
    helpTexts.set(program, known);
  }
  return known;
}

/** Whether the program knows --phase-log. */
export async function supportsPhaseLog(program: string): Promise<boolean> {
  return (await helpText(program)).includes('--phase-log');
}

/** Whether the program knows --wait-start: it maps its regions, then waits for SIGUSR1 to run its phases. */
export async function supportsWaitStart(program: string): Promise<boolean> {
  return (await helpText(program)).includes('--wait-start');
}

/** A problem with the program, or null when it can be run. */
export async function checkProgram(program: string): Promise<string | null> {
  if (!program.includes('/')) {
    return (await onPath(program)) ? null : `${program} is not in PATH`;
  }
  try {
    await access(program, constants.X_OK);
    return null;
  } catch {
    return program === NATIVE_MASIM
      ? `${program} is not built (run ${setupCommand('native')})`
      : `${program} is not an executable file`;
  }
}
