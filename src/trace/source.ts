// Where a trace comes from: a run directory (masim.script, or masim.data through perf script; the
// kdamond pids from status.json), a perf script output, or a perf.data file (known by its magic,
// whatever its name). Every pass reads the file again: a perf.data file through a perf script
// child streamed into the parser, never converted to a file.
import { closeSync, createReadStream, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileError, isOsError } from '../util/errors.js';
import { InputFileError, openRegularFile } from '../util/input-file.js';
import { readRunJsonOrNote, RUN_FILES, type RunStatus } from '../record/run-files.js';
import { SourceError, TraceError } from './errors.js';
import { damoRecordFormat, readDamoRecord, type DamoRecordFormat } from './damo-record.js';
import { perfScriptText } from './perf-script.js';
import { readSnapshots, type KdamondIdentity, type Snapshot, type TraceCounts } from './snapshots.js';

export { SourceError };

export interface TraceSource {
  /** The file read on every pass. */
  file: string;
  /**
   * perf script text, perf.data, or damo's own record formats (its perf_script is perf script text
   * without threads).
   */
  format: 'script' | 'perf.data' | DamoRecordFormat | 'perf_script';
  /** How messages and analysis.json name the trace. */
  label: string;
  identity: KdamondIdentity;
  /** The perf that turns a perf.data file into text. */
  perf: string;
  /** What the user should hear about the run directory (a corrupt status.json read as absent). */
  warnings: string[];
}

/** What `damo record` writes by default, read in a directory without a trace of ours. */
export const DAMO_RECORD = 'damon.data';

/** The format of a source, in words: what `heats`, `wss` and the report say they read. */
export function formatName(format: TraceSource['format']): string {
  return format === 'script'
    ? 'perf script text'
    : format === 'perf.data'
      ? 'perf.data (through perf script)'
      : `damo's record format ${format}`;
}

/** How the lines of damo's perf_script record format begin (trace/lines.ts reads them). */
const DAMO_PERF_SCRIPT_START = 'kdamond.x xxxx xxxx ';

/** perf.data's first bytes, in either byte order. */
const PERF_MAGICS = ['PERFILE2', '2ELIFREP'];

/** Checks `path` is a regular file (a FIFO or a device would hang or never end) and tells perf.data from text. */
function formatOf(path: string): TraceSource['format'] {
  let opened: { fd: number };
  try {
    opened = openRegularFile(path, 'a trace');
  } catch (error) {
    if (error instanceof InputFileError) throw new SourceError(error.message, error.hint);
    throw error;
  }
  try {
    const head = Buffer.alloc(64);
    const read = readSync(opened.fd, head, 0, head.length, 0);
    if (PERF_MAGICS.includes(head.toString('latin1', 0, Math.min(read, 8)))) return 'perf.data';
    if (head.toString('latin1', 0, read).startsWith(DAMO_PERF_SCRIPT_START)) return 'perf_script';
    return damoRecordFormat(head.subarray(0, read)) ?? 'script';
  } catch (error) {
    if (isOsError(error)) throw fileError(error, `cannot read the trace ${path}`);
    throw error;
  } finally {
    closeSync(opened.fd);
  }
}

/** Thread id → sysfs kdamond index from status.json's kdamondPids; absent or odd entries are left out. */
export function identityOf(status: Pick<RunStatus, 'kdamondPids'> | null): KdamondIdentity {
  const pids: unknown = status?.kdamondPids;
  if (typeof pids !== 'object' || pids === null) return {};
  const byTid = new Map<number, number>();
  for (const [index, pid] of Object.entries(pids)) {
    if (/^[0-9]{1,5}$/.test(index) && Number.isSafeInteger(pid) && (pid as number) > 0)
      byTid.set(pid as number, Number(index));
  }
  return { byTid };
}

function kindOfPath(path: string): 'directory' | 'other' | 'missing' {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats === undefined ? 'missing' : stats.isDirectory() ? 'directory' : 'other';
  } catch (error) {
    if (isOsError(error)) throw fileError(error, `cannot read ${path}`);
    throw error;
  }
}

/** Said of a run whose status.json cannot be read: the trace alone cannot tell sysfs kdamond indices. */
export const THREAD_NUMBERING_NOTE =
  '; kdamonds are numbered by thread in the order they appear in the trace, which may not be their sysfs index';

export interface OpenOptions {
  /** perf, for perf.data files: $PERF, else perf on the PATH. */
  perf?: string;
  /** The run directory's status, when the caller has read it already (its problems are the caller's to tell). */
  status?: RunStatus | null;
}

export function openTrace(path: string, options: OpenOptions = {}): TraceSource {
  const perf = options.perf ?? (process.env.PERF || 'perf');
  const kind = kindOfPath(path);
  if (kind === 'missing')
    throw new SourceError(
      `no such file or directory: ${path}`,
      'give a run directory, a perf script output, or a perf.data file',
    );
  if (kind === 'other') return { file: path, format: formatOf(path), label: path, identity: {}, perf, warnings: [] };
  const warnings: string[] = [];
  const status =
    options.status !== undefined ? options.status : readRunJsonOrNote<RunStatus>(path, RUN_FILES.status, warnings);
  if (warnings.length) warnings[0] += THREAD_NUMBERING_NOTE;
  const identity = identityOf(status);
  for (const name of [RUN_FILES.traceScript, RUN_FILES.traceData, DAMO_RECORD]) {
    const file = join(path, name);
    if (kindOfPath(file) !== 'missing') return { file, format: formatOf(file), label: file, identity, perf, warnings };
  }
  throw new SourceError(
    `${path} holds neither ${RUN_FILES.traceScript} nor ${RUN_FILES.traceData} (nor damo's ${DAMO_RECORD})`,
    'give a run directory, a perf script output, or a perf.data file',
  );
}

/** One pass over the trace; a TraceError names the trace. */
export async function pass(source: TraceSource, onSnapshot: (snapshot: Snapshot) => void): Promise<TraceCounts> {
  if (source.format === 'json_compressed' || source.format === 'json')
    return readDamoRecord(source.file, source.format, onSnapshot);
  const text =
    source.format === 'perf.data'
      ? perfScriptText(source.perf, source.file, source.label)
      : createReadStream(source.file, { highWaterMark: 1 << 20 });
  try {
    return await readSnapshots(text, onSnapshot, source.identity);
  } catch (error) {
    if (error instanceof TraceError) throw new TraceError(`${source.label}: ${error.message}`, error.hint);
    throw error;
  }
}
