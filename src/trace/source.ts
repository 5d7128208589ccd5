// Where a trace comes from: a run directory (masim.script, or masim.data through perf script; the
// kdamond pids from status.json), a .script file, or a .data file.
import { DamonExpError } from '../errors.js';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshots, type KdamondIdentity, type Snapshot, type TraceCounts } from './snapshots.js';

export interface TraceSource {
  /** The perf script text file read on every pass. */
  script: string;
  identity: KdamondIdentity;
  /** What was asked for, for messages. */
  given: string;
  /** The file the trace came from: the .script, or the .data that perf script converted. */
  file: string;
}

export class SourceError extends DamonExpError {}

export function openTrace(path: string, perf = process.env.PERF || 'perf'): TraceSource {
  if (!existsSync(path)) throw new SourceError(`no such file or directory: ${path}`);
  if (statSync(path).isDirectory()) {
    const identity: KdamondIdentity = {};
    const status = join(path, 'status.json');
    if (existsSync(status)) {
      const pids = (JSON.parse(readFileSync(status, 'utf8')) as { kdamondPids?: Record<string, number> }).kdamondPids ?? {};
      identity.byTid = new Map(Object.entries(pids).map(([k, pid]) => [pid, Number(k)]));
    }
    if (existsSync(join(path, 'masim.script'))) return { script: join(path, 'masim.script'), identity, given: path, file: join(path, 'masim.script') };
    if (existsSync(join(path, 'masim.data'))) return { script: convert(join(path, 'masim.data'), perf), identity, given: path, file: join(path, 'masim.data') };
    throw new SourceError(`${path} holds neither masim.script nor masim.data`, 'give a run directory, a perf script output, or a perf.data file');
  }
  if (path.endsWith('.data')) return { script: convert(path, perf), identity: {}, given: path, file: path };
  return { script: path, identity: {}, given: path, file: path };
}

const converted = new Set<string>();

function convert(data: string, perf: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'damon-exp-trace-'));
  // The text is read on every pass while the command runs, and is of no use after it.
  if (converted.size === 0) process.once('exit', () => converted.forEach((d) => rmSync(d, { recursive: true, force: true })));
  converted.add(dir);
  const out = join(dir, 'trace.script');
  try {
    writeFileSync(out, execFileSync(perf, ['script', '--force', '-i', data], { maxBuffer: 1 << 31, stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (error) {
    throw new SourceError(`perf script could not read ${data}: ${(error as Error).message.split('\n')[0]}`, 'is it a perf.data file, and is perf installed?');
  }
  return out;
}

/** One pass over the trace. */
export function pass(source: TraceSource, onSnapshot: (snapshot: Snapshot) => void): Promise<TraceCounts> {
  return readSnapshots(createReadStream(source.script, { highWaterMark: 1 << 20 }), onSnapshot, source.identity);
}
