// The entry of the bundle a QEMU guest runs (dist/damon-exp-guest.mjs): only `guest-run`, so
// that the guest reads and compiles as little as possible (every file costs over 9p and TCG).
import { guestRunCommand } from './guest-run.js';
import { parseCommandArgs } from './command.js';
import { processOutput, UsageError, UserError } from './output.js';

const output = processOutput();
const [name, ...rest] = process.argv.slice(2);
try {
  if (name === '--version') {
    const { VERSION } = await import('../version.js');
    output.out(VERSION);
  } else {
    if (name !== 'guest-run') throw new UsageError(`this bundle runs only guest-run, not '${name}'`);
    process.exitCode = await guestRunCommand.run(parseCommandArgs(guestRunCommand, rest), output, {});
  }
} catch (error) {
  output.err(`damon-exp (guest): ${error instanceof UserError || error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (error instanceof UserError && error.hint) output.err(`  hint: ${error.hint}`);
  process.exitCode = error instanceof UsageError ? 2 : error instanceof UserError ? 1 : 70;
}
