// The host's side of a guest's recording: the guest leaves masim.data (guest-run --no-convert), and
// the host converts it once the VM has ended.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TRACE_DATA, TRACE_SCRIPT } from '../../plan/plan.js';
import { perfScript } from '../../record/perf.js';
import { describeError } from '../../util/errors.js';
import { LOGS_DIR, type RunStatus } from '../../record/run-files.js';
import { makeDirs } from '../../util/make-dirs.js';

/**
 * The guest's recording converted here (its guest leaves it: perf script of the 9p file under TCG
 * takes seconds, the host's perf a tenth of one). The same perf binary reads the same file, and
 * the tracepoint's format travels in the file's header: the text is what the guest would have
 * written. A conversion that fails fails the run, as it would in the guest.
 */
export async function convertOnHost(dir: string, status: RunStatus, env: NodeJS.ProcessEnv | undefined): Promise<void> {
  const input = join(dir, TRACE_DATA);
  if (!existsSync(input) || existsSync(join(dir, TRACE_SCRIPT))) return;
  const hostEnv = env ?? process.env;
  try {
    makeDirs(join(dir, LOGS_DIR));
    await perfScript(
      hostEnv.PERF ?? 'perf',
      ['script', '--force', '-i', input],
      join(dir, TRACE_SCRIPT),
      join(dir, LOGS_DIR, 'perf-script.log'),
      hostEnv,
    );
  } catch (error) {
    status.errors.push(`converting the trace on the host: ${describeError(error)}`);
    if (status.state === 'complete') status.state = 'failed';
  }
}
