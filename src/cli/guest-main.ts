// The entry of the bundle a QEMU guest runs (dist/damon-exp-guest.mjs): only `guest-run`, so
// that the guest reads and compiles as little as possible (every file costs over 9p and TCG).
import { guestRunCommand } from './guest-run.js';
import { parseCommandArgs } from './command.js';
import { processOutput, reportError, UsageError } from './output.js';

const output = processOutput();
const [name, ...rest] = process.argv.slice(2);
try {
  if (name === '--version') {
    const { VERSION } = await import('../util/version.js');
    output.out(VERSION);
  } else {
    if (name !== 'guest-run') throw new UsageError(`this bundle runs only guest-run, not '${name}'`);
    process.exitCode = await guestRunCommand.run(parseCommandArgs(guestRunCommand, rest), output, {});
  }
} catch (error) {
  process.exitCode = reportError(error, output);
}
