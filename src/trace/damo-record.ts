// damo's own record files (`damo record`'s damon.data) in its JSON formats: json_compressed
// (zlib-compressed JSON, damo's default) and json. Both hold a list of records, one per
// (kdamond, context, target), each with its snapshots (start_time, end_time, regions with
// start, end, nr_accesses.samples); numbers may be strings with thousands separators. damo's
// other formats, perf_script (perf script text with `kdamond.x xxxx xxxx` for the thread) and
// perf_data, are perf traces: trace/lines.ts reads them.
import { inflateSync } from 'node:zlib';
import { InputFileError, readInputBytes } from '../util/input-file.js';
import { SourceError, TraceError } from './errors.js';
import { emptyCounts, type Region, type Snapshot, type TraceCounts } from './snapshots.js';

export type DamoRecordFormat = 'json_compressed' | 'json';

/** The most a record file may hold, read whole (compressed and as JSON text): damo records are far smaller. */
const MAX_RECORD_BYTES = 256 << 20;

/** damo's format of a file from its first bytes, or null: a zlib header, or JSON's '['. */
export function damoRecordFormat(head: Buffer): DamoRecordFormat | null {
  if (head.length >= 2 && head[0] === 0x78 && (head[0] * 256 + head[1]!) % 31 === 0) return 'json_compressed';
  // A list of objects (or none): perf script text never starts so.
  return /^\s*\[\s*(\{|\]|$)/.test(head.toString('latin1')) ? 'json' : null;
}

/**
 * A number of a record: a whole number, or a string of digits with thousands separators. Ids may
 * be beyond 2^53 (old kernels' target ids were pointers); addresses, times and counts may not.
 */
function recordNumber(value: unknown, what: string, file: string, exact = true): number {
  const n = typeof value === 'string' && /^[\d,]+$/.test(value) ? Number(value.replace(/,/g, '')) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || (exact && !Number.isSafeInteger(n)))
    throw new SourceError(
      `${file}: ${what} is not a whole number${exact ? ' below 2^53' : ''} (${JSON.stringify(value)?.slice(0, 40)})`,
      'a damo record holds what damo record wrote; was it edited or cut?',
    );
  return n;
}

/** Every snapshot of the record file, record by record, the first of each with an unknown start (as a trace's). */
export function readDamoRecord(
  file: string,
  format: DamoRecordFormat,
  onSnapshot: (snapshot: Snapshot) => void,
): TraceCounts {
  let bytes: Buffer;
  try {
    bytes = readInputBytes(file, 'a damo record file', MAX_RECORD_BYTES);
    if (format === 'json_compressed') bytes = inflateSync(bytes, { maxOutputLength: MAX_RECORD_BYTES });
  } catch (error) {
    if (error instanceof InputFileError) throw new SourceError(error.message, error.hint);
    throw new SourceError(
      `${file} is not a damo ${format} record (${(error as Error).message})`,
      'damo convert_record_format --format perf_script turns a record into text that damon-exp reads in a stream',
    );
  }
  let records: unknown;
  try {
    records = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new SourceError(`${file} is not a damo ${format} record: ${(error as Error).message}`);
  }
  if (!Array.isArray(records)) throw new SourceError(`${file} is not a damo ${format} record: not a list of records`);
  const counts = emptyCounts();
  for (const [r, record] of records.entries()) {
    const at = `record ${r}`;
    if (typeof record !== 'object' || record === null) throw new SourceError(`${file}: ${at} is not an object`);
    const { kdamond_idx, context_idx, target_id, snapshots } = record as Record<string, unknown>;
    if (!Array.isArray(snapshots)) throw new SourceError(`${file}: ${at} has no snapshots`);
    const kdamond =
      kdamond_idx === null || kdamond_idx === undefined ? 0 : recordNumber(kdamond_idx, `${at} kdamond_idx`, file);
    const context =
      context_idx === null || context_idx === undefined ? 0 : recordNumber(context_idx, `${at} context_idx`, file);
    const target = recordNumber(target_id, `${at} target_id`, file, false);
    let previousEnd: number | null = null;
    for (const [s, snapshot] of snapshots.entries()) {
      const where = `${at} snapshot ${s}`;
      const { start_time, end_time, regions } = (snapshot ?? {}) as Record<string, unknown>;
      if (!Array.isArray(regions)) throw new SourceError(`${file}: ${where} has no regions`);
      const endNs = recordNumber(end_time, `${where} end_time`, file);
      // Not used (a snapshot starts where the one before it ended, as in a trace), but checked: a
      // record whose times are not times was not written by damo.
      if (start_time !== undefined && start_time !== null) {
        const startNs = recordNumber(start_time, `${where} start_time`, file);
        if (startNs > endNs)
          throw new SourceError(
            `${file}: ${where} starts (${startNs}) after it ends (${endNs})`,
            'a damo record holds what damo record wrote; was it edited or cut?',
          );
      }
      const parsed: Region[] = regions.map((region, i) => {
        const { start, end, nr_accesses, age } = (region ?? {}) as Record<string, unknown>;
        const samples = (nr_accesses as { samples?: unknown } | null)?.samples;
        const aggr = (age as { aggr_intervals?: unknown } | null)?.aggr_intervals;
        const parsed = {
          start: recordNumber(start, `${where} region ${i} start`, file),
          end: recordNumber(end, `${where} region ${i} end`, file),
          nrAccesses: recordNumber(samples, `${where} region ${i} nr_accesses`, file),
          age: aggr === null || aggr === undefined ? null : recordNumber(aggr, `${where} region ${i} age`, file),
        };
        if (parsed.start >= parsed.end)
          throw new SourceError(
            `${file}: ${where} region ${i} ends (${parsed.end}) where it starts or before (${parsed.start})`,
            'DAMON regions are never empty; was the record edited?',
          );
        return parsed;
      });
      counts.snapshots++;
      counts.aggregatedLines += parsed.length;
      onSnapshot({ kdamond, context, target, startNs: previousEnd, endNs, regions: parsed });
      previousEnd = endNs;
    }
  }
  if (counts.snapshots === 0)
    throw new TraceError(
      `no snapshot in the damo record ${file} (${records.length} record${records.length === 1 ? '' : 's'})`,
      'record with damo record while DAMON runs, or give a trace that holds DAMON events',
    );
  return counts;
}
