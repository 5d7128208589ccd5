// Which program runs a masim workload: the manifest's `binary`, else $MASIM, else our
// native/masim. Whether it writes a phase log (ours does; the original does not).
import { access, constants } from 'node:fs/promises';
import { execa } from 'execa';
import { packagePath } from '../util/version.js';

export const NATIVE_MASIM = packagePath('native/masim/masim');

export function masimProgram(binary: string | null, env: NodeJS.ProcessEnv = process.env): string {
  return binary ?? (env.MASIM || NATIVE_MASIM);
}

const phaseLogSupport = new Map<string, Promise<boolean>>();

/** Whether the program knows --phase-log (asked once per program). */
export function supportsPhaseLog(program: string): Promise<boolean> {
  let known = phaseLogSupport.get(program);
  if (!known) {
    known = execa(program, ['--help'], { reject: false, timeout: 5000 }).then((r) =>
      `${String(r.stdout)}${String(r.stderr)}`.includes('--phase-log'),
    );
    phaseLogSupport.set(program, known);
  }
  return known;
}

/** A problem with the program, or null when it can be run. */
export async function checkProgram(program: string): Promise<string | null> {
  if (!program.includes('/')) {
    const found = await execa('sh', ['-c', 'command -v "$1"', 'sh', program], { reject: false });
    return found.exitCode === 0 ? null : `${program} is not in PATH`;
  }
  try {
    await access(program, constants.X_OK);
    return null;
  } catch {
    return program === NATIVE_MASIM
      ? `${program} is not built (run make native)`
      : `${program} is not an executable file`;
  }
}
