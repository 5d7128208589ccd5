import type { Output } from '../../src/cli/output.js';

/** An Output that keeps what a command prints, without colour. */
export function captureOutput(): { output: Output; result: () => { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  const output: Output = {
    out: (t) => (stdout += `${t.replace(/\n$/, '')}\n`),
    err: (t) => (stderr += `${t.replace(/\n$/, '')}\n`),
    color: false,
  };
  return { output, result: () => ({ stdout, stderr }) };
}
