// Inline workloads (regions and phases written in the manifest) as masim configs, checked the way
// masim would read them, with problems reported against the manifest's paths.
import { parseDuration, parseSize, UnitError } from '../util/units.js';
import { shorten } from '../util/errors.js';
import { MASIM_LIMITS, type MasimConfig, type MasimPattern, type MasimPhase, type MasimRegion } from './config.js';

export interface InlineProblem {
  /** Path below the workload, e.g. ['phases', 2, 'patterns', 0, 'region']. */
  path: (string | number)[];
  message: string;
  hint?: string;
}

export const DEFAULT_STRIDE_BYTES = 4096;

/** A region as a manifest writes it (sizes as written: 100MB, 4096). */
export interface InlineRegion {
  name: string;
  size: number | string;
  init?: string;
}

/** A phase as a manifest writes it (durations as written: 10s). */
export interface InlinePhase {
  name: string;
  duration: string;
  patterns: readonly {
    region: string;
    random?: boolean;
    stride?: number | string;
    weight: number;
    mode?: 'ro' | 'wo' | 'rw';
  }[];
}

export function inlineMasimConfig(
  regions: readonly InlineRegion[],
  phases: readonly InlinePhase[],
  problems: InlineProblem[],
): MasimConfig {
  const names = new Set<string>();
  const masimRegions: MasimRegion[] = regions.map((region, i) => {
    if (names.has(region.name))
      problems.push({ path: ['regions', i, 'name'], message: `region '${shorten(region.name)}' is defined twice` });
    names.add(region.name);
    const sizeBytes = unit(() => parseSize(region.size), ['regions', i, 'size'], problems) ?? 0;
    if (sizeBytes === 0) problems.push({ path: ['regions', i, 'size'], message: 'a region needs a size above 0' });
    return region.init === undefined
      ? { name: region.name, sizeBytes }
      : { name: region.name, sizeBytes, init: region.init };
  });

  let regionList: string | undefined;
  const masimPhases: MasimPhase[] = phases.map((phase, p) => {
    const durationUs = unit(() => parseDuration(phase.duration), ['phases', p, 'duration'], problems) ?? 0;
    if (durationUs % 1000 !== 0) {
      problems.push({
        path: ['phases', p, 'duration'],
        message: `masim phases last whole milliseconds, not ${shorten(phase.duration)}`,
      });
    } else if (durationUs === 0) {
      problems.push({ path: ['phases', p, 'duration'], message: 'a phase needs a duration above 0' });
    } else if (durationUs / 1000 > MASIM_LIMITS.durationMs) {
      problems.push({
        path: ['phases', p, 'duration'],
        message: `a masim phase lasts at most ${MASIM_LIMITS.durationMs} ms (about 49 days), not ${shorten(phase.duration)}`,
        hint: "repeat the workload instead (args: ['--repeat', '0'])",
      });
    }
    const patterns: MasimPattern[] = phase.patterns.map((pattern, a) => {
      if (!names.has(pattern.region)) {
        problems.push({
          path: ['phases', p, 'patterns', a, 'region'],
          message: `unknown region '${shorten(pattern.region)}'`,
          hint: `this workload's regions: ${(regionList ??= shorten([...names].join(', ')))}`,
        });
      }
      const strideBytes =
        pattern.stride === undefined
          ? DEFAULT_STRIDE_BYTES
          : (unit(() => parseSize(pattern.stride!), ['phases', p, 'patterns', a, 'stride'], problems) ?? 0);
      if (strideBytes > MASIM_LIMITS.strideBytes) {
        problems.push({
          path: ['phases', p, 'patterns', a, 'stride'],
          message: `masim takes a stride of at most ${MASIM_LIMITS.strideBytes} bytes, not ${strideBytes}`,
        });
      }
      if (pattern.weight > MASIM_LIMITS.weight) {
        problems.push({
          path: ['phases', p, 'patterns', a, 'weight'],
          message: `masim takes a weight of at most ${MASIM_LIMITS.weight}, not ${pattern.weight}`,
        });
      }
      const masimPattern: MasimPattern = {
        region: pattern.region,
        random: pattern.random ?? false,
        strideBytes,
        weight: pattern.weight,
      };
      if (pattern.mode) masimPattern.mode = pattern.mode;
      return masimPattern;
    });
    const totalWeight = patterns.reduce((sum, pattern) => sum + pattern.weight, 0);
    if (totalWeight === 0) {
      problems.push({
        path: ['phases', p, 'patterns'],
        message: `phase '${shorten(phase.name)}' has only zero weights`,
        hint: 'masim picks patterns in proportion to their weights; give at least one a weight above 0',
      });
    } else if (
      totalWeight > MASIM_LIMITS.phaseWeight &&
      patterns.every((pattern) => pattern.weight <= MASIM_LIMITS.weight)
    ) {
      problems.push({
        path: ['phases', p, 'patterns'],
        message: `the weights of phase '${shorten(phase.name)}' add up to ${totalWeight}, more than masim can sum (at most ${MASIM_LIMITS.phaseWeight})`,
      });
    }
    return { name: phase.name, durationMs: durationUs / 1000, patterns };
  });
  return { regions: masimRegions, phases: masimPhases };
}

function unit<T>(parse: () => T, path: (string | number)[], problems: InlineProblem[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UnitError) {
      problems.push({ path, message: error.message });
      return undefined;
    }
    throw error;
  }
}
