// The analysis as files: analysis.json and heatmaps.bin.gz beside the trace, the boundary between
// analysing (which reads the trace) and rendering (report.html, figures, which read only these).
// Both files are written whole; analysis.json says which inputs it came from (a digest), so a run
// whose trace and files have not changed is not analysed again.
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { gzipSync } from 'fflate';
import { InputFileError, readInputBytes } from '../util/input-file.js';
import { readRunFile, RUN_FILES } from '../record/run-files.js';
import { SourceError, TraceError } from '../trace/errors.js';
import { openTrace, type TraceSource } from '../trace/source.js';
import { writeWhole } from '../util/write-whole.js';
import {
  analyze,
  analyzeWithoutTrace,
  ANALYSIS_FORMAT,
  DEFAULT_ANALYSIS_OPTIONS,
  HEATMAP_BUDGET_PIXELS,
  type Analysis,
  type AnalysisOptions,
  type HeatmapGrid,
} from './analyze.js';
import { readRunInputs, type RunInputs } from './run-inputs.js';
import { formatBytes } from '../util/format.js';

export const HEATMAPS_FORMAT = 'damon-exp.heatmaps/1';
/**
 * Bumped whenever the analysis of the same inputs gives other numbers: a stored analysis of
 * another revision is made again.
 */
export const ANALYSIS_REVISION = 8;
/** Bytes of the trace's start and end that its digest reads (with its size): constant time whatever its size. */
const TRACE_SAMPLE_BYTES = 1 << 20;

export interface StoredAnalysis {
  analysis: Analysis;
  heatmaps: HeatmapGrid[];
}

/** A stored analysis that cannot be used: named, with the command that makes it again. */
export class StoredAnalysisError extends Error {}

/**
 * The digest of what an analysis is made from: the trace (its name, size, first and last MiB),
 * the run's files it reads, the options and the analysis's revision.
 */
export function inputsDigest(source: TraceSource, inputs: RunInputs, options: AnalysisOptions): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ revision: ANALYSIS_REVISION, options, file: basename(source.file) }));
  hash.update(JSON.stringify({ identity: source.identity, plan: inputs.plan, cpu: inputs.cpu }));
  hash.update(JSON.stringify({ phaseLogs: [...inputs.phaseLogs], problems: inputs.problems }));
  hash.update(
    JSON.stringify({
      memory: inputs.memory,
      schemeStats: inputs.schemeStats,
      processes: inputs.status?.processes,
      clock: inputs.status?.clock,
      durationUs: inputs.run?.durationUs,
      // What the validity reads of env.json: the trace's clock, the accelerator and the TLB refresher.
      perfMonotonicClock: inputs.env?.tools?.perfMonotonicClock,
      backend: inputs.env?.backend,
    }),
  );
  const fd = openSync(source.file, 'r');
  try {
    const size = statSync(source.file).size;
    hash.update(`size ${size}\n`);
    const buffer = Buffer.alloc(Math.min(TRACE_SAMPLE_BYTES, size));
    hash.update(buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)));
    if (size > TRACE_SAMPLE_BYTES)
      hash.update(buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, size - buffer.length)));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * The heatmap grids as stored: a JSON header line, then each grid's rows × cols heats as float32,
 * little-endian, gzipped.
 */
export function encodeHeatmaps(grids: HeatmapGrid[]): Buffer {
  const header = {
    format: HEATMAPS_FORMAT,
    grids: grids.map((g) => ({ key: g.key, spec: g.spec })),
  };
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify(header)}\n`)];
  for (const grid of grids) {
    parts.push(float32LE(grid.heat));
  }
  // fflate, not node:zlib: the same grids give the same bytes whatever zlib Node has (as PNGs).
  return Buffer.from(gzipSync(Buffer.concat(parts), { level: 6, mtime: 0 }));
}

/**
 * The most bytes a heatmaps file may inflate to: its grids as the analysis declares them (float32
 * each pixel) and a header line, or, without a usable analysis, what any analysis can make
 * (HEATMAP_BUDGET_PIXELS in all). A few MB of gzip can hold gigabytes of zeros.
 */
export function heatmapsBound(analysis: Analysis | null): number {
  const header = (grids: number) => 64 * 1024 + 1024 * grids;
  const targets: unknown = analysis?.targets;
  if (Array.isArray(targets)) {
    let pixels = 0;
    for (const t of targets) {
      const rows = (t as { heatmap?: { rows?: unknown } })?.heatmap?.rows;
      const cols = (t as { heatmap?: { cols?: unknown } })?.heatmap?.cols;
      if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols))
        return 4 * HEATMAP_BUDGET_PIXELS + header(1 << 14);
      pixels += (rows as number) * (cols as number);
    }
    return 4 * Math.min(pixels, 2 * HEATMAP_BUDGET_PIXELS) + header(targets.length);
  }
  return 4 * HEATMAP_BUDGET_PIXELS + header(1 << 14);
}

export function decodeHeatmaps(bytes: Buffer, file: string, maxBytes = heatmapsBound(null)): HeatmapGrid[] {
  let raw: Buffer;
  try {
    // any inflater reads any deflate stream the same: node's is the fast one
    raw = gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
      throw new StoredAnalysisError(
        `${file} inflates to more than the ${formatBytes(maxBytes)} its analysis declares: it is not the analysis's heatmaps`,
      );
    throw new StoredAnalysisError(`${file} is not gzip data (${(error as Error).message})`);
  }
  const newline = raw.indexOf(10);
  let header: { format?: unknown; grids?: { key: string; spec: HeatmapGrid['spec'] }[] };
  try {
    header = JSON.parse(raw.subarray(0, newline < 0 ? raw.length : newline).toString('utf8'));
  } catch {
    throw new StoredAnalysisError(`${file} has no ${HEATMAPS_FORMAT} header`);
  }
  if (header.format !== HEATMAPS_FORMAT || !Array.isArray(header.grids))
    throw new StoredAnalysisError(`${file} is not of format ${HEATMAPS_FORMAT}`);
  let at = newline + 1;
  return header.grids.map(({ key, spec }) => {
    const count = spec.rows * spec.cols;
    if (!Number.isSafeInteger(count) || count < 0 || at + count * 4 > raw.length)
      throw new StoredAnalysisError(`${file} is cut short (grid ${key})`);
    const heat = fromFloat32LE(raw.subarray(at, at + count * 4));
    at += count * 4;
    return { key, spec, heat };
  });
}

const LITTLE_ENDIAN = endianness() === 'LE';

function float32LE(values: Float64Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(Float32Array.from(values).buffer);
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return bytes;
}

function fromFloat32LE(bytes: Buffer): Float64Array {
  if (LITTLE_ENDIAN)
    return Float64Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
  return Float64Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
}

/** The run directory's stored analysis, or null when it has none; StoredAnalysisError when its files cannot be used. */
export function readStoredAnalysis(dir: string): StoredAnalysis | null {
  const problems: string[] = [];
  const analysis = readRunFile<Analysis>(dir, RUN_FILES.analysis, problems);
  if (problems.length) throw new StoredAnalysisError(problems[0]!);
  if (!analysis) return null;
  if (analysis.format !== ANALYSIS_FORMAT)
    throw new StoredAnalysisError(`${join(dir, RUN_FILES.analysis)} is not of format ${ANALYSIS_FORMAT}`);
  const file = join(dir, RUN_FILES.heatmaps);
  let bytes: Buffer;
  try {
    // Compressed, never larger than what it may inflate to (and a little more).
    bytes = readInputBytes(file, 'the heatmaps of an analysis', heatmapsBound(analysis) + (1 << 20));
  } catch (error) {
    if (error instanceof InputFileError && error.errno === 'ENOENT') return null;
    if (error instanceof InputFileError) throw new StoredAnalysisError(error.message);
    throw error;
  }
  return { analysis, heatmaps: decodeHeatmaps(bytes, file, heatmapsBound(analysis)) };
}

export type RunAnalysis =
  (StoredAnalysis & { reused: boolean; inputs: RunInputs }) | { error: string; inputs: RunInputs };

/**
 * The run's analysis: the stored one when it was made from the same inputs (and `reanalyse` is
 * not asked for), else the trace analysed and stored. `error` says why there is none (no trace,
 * no DAMON events).
 */
export async function analyseRun(
  dir: string,
  { reanalyse = false, trace }: { reanalyse?: boolean; trace?: string } = {},
): Promise<RunAnalysis> {
  const inputs = await readRunInputs(dir);
  if (inputs.plan?.monitoring === 'off' && trace === undefined) return analyseBaseline(dir, inputs);
  let source: TraceSource;
  try {
    source = openTrace(trace ?? dir, { status: inputs.status });
  } catch (error) {
    if (error instanceof SourceError) return { error: error.message, inputs };
    throw error;
  }
  // The analysis names the trace relative to the run directory: the same bytes wherever it lies.
  source = { ...source, label: relative(dir, source.file) };
  const digest = inputsDigest(source, inputs, DEFAULT_ANALYSIS_OPTIONS);
  if (!reanalyse) {
    let stored: StoredAnalysis | null = null;
    try {
      stored = readStoredAnalysis(dir);
    } catch (error) {
      if (!(error instanceof StoredAnalysisError)) throw error; // made again below
    }
    if (stored && stored.analysis.inputsDigest === digest) return { ...stored, reused: true, inputs };
  }
  let analysed: StoredAnalysis;
  try {
    analysed = await analyze(source, inputs, DEFAULT_ANALYSIS_OPTIONS);
  } catch (error) {
    if (error instanceof SourceError || error instanceof TraceError) return { error: error.message, inputs };
    throw error;
  }
  const analysis = { ...analysed.analysis, inputsDigest: digest };
  // The heatmaps first: an analysis.json is never there without the grids it describes.
  const file = join(dir, RUN_FILES.heatmaps);
  const heatmaps = encodeHeatmaps(analysed.heatmaps);
  await writeWhole(file, heatmaps);
  await writeWhole(join(dir, RUN_FILES.analysis), `${JSON.stringify(analysis, null, 1)}\n`);
  // The grids as stored: what is rendered is the same whether just analysed or read back.
  return { analysis, heatmaps: decodeHeatmaps(heatmaps, file), reused: false, inputs };
}

/** A run with monitoring off has no trace: its analysis is what its workloads did, always made anew (it is small). */
async function analyseBaseline(dir: string, inputs: RunInputs): Promise<RunAnalysis> {
  const analysis = analyzeWithoutTrace(inputs);
  const heatmaps = encodeHeatmaps([]);
  await writeWhole(join(dir, RUN_FILES.heatmaps), heatmaps);
  await writeWhole(join(dir, RUN_FILES.analysis), `${JSON.stringify(analysis, null, 1)}\n`);
  return { analysis, heatmaps: [], reused: false, inputs };
}
