// Parser of masim config text. Accepts exactly what the original masim reads the same way, and
// rejects, with FILE:LINE, what it would misread (a missing final newline, doubled blank lines,
// unknown regions, phases whose weights are all zero).
import { DamonExpError, shorten } from '../util/errors.js';
import {
  MASIM_LIMITS,
  type AccessMode,
  type MasimConfig,
  type MasimPattern,
  type MasimPhase,
  type MasimRegion,
} from './config.js';

export class MasimConfigError extends DamonExpError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
  }
}

interface Line {
  number: number;
  text: string;
  comments: string[];
}

const UINT_RE = /^[0-9]+$/;

/** Whether decimal digits stand for a number above `max`, compared as text: they may be many. */
function above(digits: string, max: number): boolean {
  const significant = digits.replace(/^0+(?=.)/, '');
  const limit = String(max);
  return significant.length === limit.length ? significant > limit : significant.length > limit.length;
}

export function parseMasimConfig(text: string, file = '<masim config>'): MasimConfig {
  const fail = (line: number, message: string): never => {
    throw new MasimConfigError(file, line, message);
  };
  if (text.length === 0) fail(1, 'empty config: it needs a regions paragraph and at least one phase');
  const raw = text.split('\n');
  if (raw[raw.length - 1] !== '') {
    fail(raw.length, 'the last line has no newline at its end; masim ignores such a line (add a newline)');
  }
  raw.pop();

  // Comment lines go with the next line of their paragraph, or trail it when none follows; blank
  // lines separate paragraphs.
  const paragraphs: Paragraph[] = [{ lines: [], trailing: [] }];
  let pending: string[] = [];
  let blankLine = 0; // the number of the blank line just passed, 0 after any other line
  raw.forEach((textLine, index) => {
    const number = index + 1;
    if (textLine.includes('\r'))
      fail(number, 'carriage return (\\r) in the line: save the file with Unix line endings');
    if (textLine.includes('\0')) fail(number, 'a NUL byte in the line: a config is text');
    if (textLine.startsWith('#')) {
      pending.push(textLine);
      return;
    }
    if (textLine === '') {
      if (number === 1 || blankLine) {
        fail(number, 'blank line where a paragraph should start: paragraphs are separated by exactly one blank line');
      }
      blankLine = number;
      paragraphs[paragraphs.length - 1]!.trailing = pending;
      pending = [];
      paragraphs.push({ lines: [], trailing: [] });
      return;
    }
    if (textLine.trim() === '') fail(number, 'a line of only spaces: a paragraph separator must be an empty line');
    blankLine = 0;
    paragraphs[paragraphs.length - 1]!.lines.push({ number, text: textLine, comments: pending });
    pending = [];
  });
  if (blankLine) fail(blankLine, 'blank line at the end of the file: masim would read an empty phase after it');
  paragraphs[paragraphs.length - 1]!.trailing = pending;

  const [regionParagraph, ...phaseParagraphs] = paragraphs;
  const regionLines = regionParagraph!.lines;
  if (regionLines.length === 0) fail(1, 'the first paragraph must list the regions');
  if (phaseParagraphs.length === 0) {
    fail(
      raw.length,
      'no phase: after the regions, add a blank line and at least one phase (name, duration in ms, patterns)',
    );
  }

  const regions = regionLines.map((line) => parseRegion(line, fail));
  const names = new Set<string>();
  for (const [i, region] of regions.entries()) {
    if (names.has(region.name)) fail(regionLines[i]!.number, `region '${shorten(region.name)}' is defined twice`);
    names.add(region.name);
  }
  const phases = phaseParagraphs.map((paragraph) => parsePhase(paragraph, names, fail));
  const config: MasimConfig = { regions, phases };
  if (regionParagraph!.trailing.length) config.regionTrailingComments = regionParagraph!.trailing;
  return config;
}

interface Paragraph {
  lines: Line[];
  /** `#` lines after its last line. */
  trailing: string[];
}

type Fail = (line: number, message: string) => never;

function withComments<T extends object>(item: T, comments: string[]): T & { comments?: string[] } {
  return comments.length ? { ...item, comments } : item;
}

function parseRegion(line: Line, fail: Fail): MasimRegion {
  const fields = line.text.split(',');
  if (fields.length !== 2 && fields.length !== 3) {
    fail(line.number, `a region is 'name, size_in_bytes[, init_file|none]', not '${shorten(line.text)}'`);
  }
  const name = fields[0]!;
  checkName(name, line.number, fail);
  const size = fields[1]!.trim();
  if (!UINT_RE.test(size)) fail(line.number, `region size must be a whole number of bytes, not '${shorten(size)}'`);
  if (above(size, MASIM_LIMITS.sizeBytes))
    fail(line.number, `region size ${shorten(size)} is too large: at most ${MASIM_LIMITS.sizeBytes} bytes (2^53-1)`);
  const sizeBytes = Number(size);
  if (sizeBytes === 0) fail(line.number, `region '${shorten(name)}' has size 0`);
  const region: MasimRegion = { name, sizeBytes };
  if (fields.length === 3) {
    const init = fields[2]!.trim();
    if (init === '')
      fail(line.number, "the third region field is empty: give a file to fill the region from, or 'none'");
    region.init = init;
  }
  return withComments(region, line.comments);
}

function checkName(name: string, lineNumber: number, fail: Fail): void {
  if (name === '') fail(lineNumber, 'the region name is empty');
  if (name.trim() !== name) {
    fail(lineNumber, `region name '${shorten(name)}' has spaces around it; masim would keep them as part of the name`);
  }
}

function parsePhase(paragraph: Paragraph, regionNames: Set<string>, fail: Fail): MasimPhase {
  const [nameLine, durationLine, ...patternLines] = paragraph.lines;
  const name = shorten(nameLine!.text);
  if (!durationLine || patternLines.length === 0) {
    fail(nameLine!.number, `phase '${name}' needs a name line, a duration line (ms) and at least one access pattern`);
  }
  const duration = durationLine!.text.trim();
  if (!UINT_RE.test(duration)) {
    fail(
      durationLine!.number,
      `the line after the phase name is its duration in ms, not '${shorten(durationLine!.text)}'`,
    );
  }
  if (above(duration, MASIM_LIMITS.durationMs)) {
    fail(
      durationLine!.number,
      `phase '${name}' lasts ${shorten(duration)} ms, more than masim can time (at most ${MASIM_LIMITS.durationMs} ms, about 49 days)`,
    );
  }
  if (Number(duration) === 0) fail(durationLine!.number, `phase '${name}' lasts 0 ms: give it a duration above 0`);
  const patterns = patternLines.map((line) => parsePattern(line, regionNames, fail));
  const totalWeight = patterns.reduce((sum, pattern) => sum + pattern.weight, 0);
  if (totalWeight === 0) fail(nameLine!.number, `phase '${name}' has only zero weights; masim would divide by zero`);
  if (totalWeight > MASIM_LIMITS.phaseWeight) {
    fail(
      nameLine!.number,
      `the weights of phase '${name}' add up to ${totalWeight}, more than masim can sum (at most ${MASIM_LIMITS.phaseWeight})`,
    );
  }
  const phase: MasimPhase = withComments(
    { name: nameLine!.text, durationMs: Number(duration), patterns },
    nameLine!.comments,
  );
  if (durationLine!.comments.length) phase.durationComments = durationLine!.comments;
  if (paragraph.trailing.length) phase.trailingComments = paragraph.trailing;
  return phase;
}

function parsePattern(line: Line, regionNames: Set<string>, fail: Fail): MasimPattern {
  const fields = line.text.split(',');
  if (fields.length !== 4 && fields.length !== 5) {
    fail(
      line.number,
      `an access pattern is 'region, random(0|1), stride, weight[, ro|wo|rw]', not '${shorten(line.text)}'`,
    );
  }
  const [region, random, stride, weight, mode] = fields.map((field, i) => (i === 0 ? field : field.trim()));
  checkName(region!, line.number, fail);
  if (!regionNames.has(region!)) {
    fail(line.number, `unknown region '${shorten(region!)}' (regions: ${shorten([...regionNames].join(', '))})`);
  }
  if (random !== '0' && random !== '1') fail(line.number, `random must be 0 or 1, not '${shorten(random!)}'`);
  if (!UINT_RE.test(stride!)) fail(line.number, `stride must be a whole number of bytes, not '${shorten(stride!)}'`);
  if (above(stride!, MASIM_LIMITS.strideBytes))
    fail(line.number, `stride ${shorten(stride!)} is too large: masim takes at most ${MASIM_LIMITS.strideBytes} bytes`);
  if (!UINT_RE.test(weight!)) fail(line.number, `weight must be a whole number, not '${shorten(weight!)}'`);
  if (above(weight!, MASIM_LIMITS.weight))
    fail(line.number, `weight ${shorten(weight!)} is too large: masim takes at most ${MASIM_LIMITS.weight}`);
  if (mode !== undefined && mode !== 'ro' && mode !== 'wo' && mode !== 'rw') {
    fail(line.number, `access mode must be ro, wo or rw, not '${shorten(mode)}'`);
  }
  const pattern: MasimPattern = {
    region: region!,
    random: random === '1',
    strideBytes: Number(stride),
    weight: Number(weight),
  };
  if (mode !== undefined) pattern.mode = mode as AccessMode;
  return withComments(pattern, line.comments);
}
