// results/<name>/sweep.json: which runs the sweep's manifest has now (their ids, in its order), with
// the manifest it was read from. Written whole at each `run`; the index shows these runs, and
// leaves out the results of runs the manifest no longer has (they stay on disk) unless asked.
// A sweep directory without one (written before it existed, or by hand) is all its runs.
import { join } from 'node:path';
import { InputFileError, MAX_RUN_FILE_BYTES, readInputFile } from '../util/input-file.js';
import { writeWhole } from '../util/write-whole.js';

export const SWEEP_FILE = 'sweep.json';
export const SWEEP_FORMAT = 'damon-exp.sweep/1';

export interface SweepRecord {
  format: typeof SWEEP_FORMAT;
  manifest: { name: string; file: string; sha256: string };
  /** The run ids of the manifest as it is now, in its order. */
  runs: string[];
}

export async function writeSweepRecord(
  sweepDir: string,
  manifest: SweepRecord['manifest'],
  runIds: readonly string[],
): Promise<void> {
  const record: SweepRecord = { format: SWEEP_FORMAT, manifest, runs: [...runIds] };
  await writeWhole(join(sweepDir, SWEEP_FILE), `${JSON.stringify(record, null, 1)}\n`);
}

/**
 * The sweep's record, or null when there is none; one that cannot be read is a problem (said, and
 * every run shown), not a failure.
 */
export function readSweepRecord(sweepDir: string, problems: string[]): SweepRecord | null {
  const path = join(sweepDir, SWEEP_FILE);
  const unread = (why: string) => {
    problems.push(`${path} cannot be read (${why}): the index shows every run under ${sweepDir}`);
    return null;
  };
  let text: string;
  try {
    text = readInputFile(path, 'a sweep record', MAX_RUN_FILE_BYTES);
  } catch (error) {
    if (error instanceof InputFileError && error.errno === 'ENOENT') return null;
    if (error instanceof InputFileError) return unread(error.message);
    throw error;
  }
  let value: Partial<SweepRecord> | null;
  try {
    value = JSON.parse(text) as Partial<SweepRecord> | null;
  } catch (error) {
    return unread((error as Error).message);
  }
  if (value?.format !== SWEEP_FORMAT || !Array.isArray(value.runs) || !value.runs.every((id) => typeof id === 'string'))
    return unread(`not a ${SWEEP_FORMAT} record`);
  return value as SweepRecord;
}
