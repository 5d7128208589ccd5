// A perf.data file as perf script text, streamed: `perf script --force -i FILE` runs as a child
// whose output is read as it comes (perf waits while the parser is behind), so nothing is held
// whole and nothing is written to disk. Each pass runs perf again. The child is always reaped:
// killed when the reader stops early, its failure (exit status, last words on stderr) an error.
import { spawn } from 'node:child_process';
import { SourceError } from './errors.js';

/** The end of perf's stderr kept for the error message. */
const STDERR_TAIL_BYTES = 4096;

/** perf's last stderr lines, as one short line. */
function lastWords(stderr: Buffer): string {
  const lines = stderr
    .toString('utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const text = lines.slice(-3).join(' / ');
  return text.length > 300 ? `…${text.slice(-299)}` : text;
}

/** `perf script --force -i file`'s stdout, chunk by chunk; `label` names the file in errors. */
export async function* perfScriptText(perf: string, file: string, label = file): AsyncGenerator<Buffer> {
  const child = spawn(perf, ['script', '--force', '-i', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = Buffer.alloc(0);
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = Buffer.concat([stderr, chunk]);
    if (stderr.length > STDERR_TAIL_BYTES) stderr = stderr.subarray(stderr.length - STDERR_TAIL_BYTES);
  });
  let spawnError: NodeJS.ErrnoException | null = null;
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      spawnError ??= error;
      if (child.pid === undefined) resolve({ code: null, signal: null });
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  let reaped = false;
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const { code, signal } = await closed;
    reaped = true;
    if (spawnError !== null) {
      const error: NodeJS.ErrnoException = spawnError;
      throw new SourceError(
        `cannot read ${label}: it is a perf.data file, which needs perf script, and '${perf}' could not be run (${error.code ?? error.message})`,
        'install perf (Debian: linux-perf), or set PERF to its path; or give the perf script output instead',
      );
    }
    if (code !== 0) {
      const how = signal ? `was killed by ${signal}` : `failed with exit status ${code}`;
      const words = lastWords(stderr);
      throw new SourceError(
        `perf script ${how} reading ${label}${words ? `: ${words}` : ''}`,
        `is it a whole perf.data file? 'perf script --force -i ${file}' shows perf's own messages`,
      );
    }
  } finally {
    if (!reaped) {
      child.kill('SIGKILL');
      await closed;
    }
  }
}
