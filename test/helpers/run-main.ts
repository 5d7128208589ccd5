// A command run in-process, as `damon-exp ARGV` would run it, with what it printed kept.
import type { Deps } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { captureOutput } from './capture.js';

export async function runMain(
  argv: string[],
  deps: Deps = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { output, result } = captureOutput();
  const status = await main(argv, output, deps);
  return { status, ...result() };
}
