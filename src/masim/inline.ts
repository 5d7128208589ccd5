// Inline workloads (regions and phases written in the manifest) as masim configs, checked the way
// masim would read them, with problems reported against the manifest's paths.
import type { MasimPhase as ManifestPhase, MasimRegion as ManifestRegion } from '../manifest/manifest.types.js';
import { parseDuration, parseSize, UnitError } from '../manifest/units.js';
import type { MasimConfig, MasimPattern, MasimPhase, MasimRegion } from './config.js';

export interface InlineProblem {
  /** Path below the workload, e.g. ['phases', 2, 'patterns', 0, 'region']. */
  path: (string | number)[];
  message: string;
  hint?: string;
}

export const DEFAULT_STRIDE_BYTES = 4096;

export function inlineMasimConfig(
  regions: readonly ManifestRegion[],
  phases: readonly ManifestPhase[],
  problems: InlineProblem[],
): MasimConfig {
  const names = new Set<string>();
  const masimRegions: MasimRegion[] = regions.map((region, i) => {
    if (names.has(region.name)) problems.push({ path: ['regions', i, 'name'], message: `region '${region.name}' is defined twice` });
    names.add(region.name);
    const sizeBytes = unit(() => parseSize(region.size), ['regions', i, 'size'], problems) ?? 0;
    if (sizeBytes === 0) problems.push({ path: ['regions', i, 'size'], message: 'a region needs a size above 0' });
    return region.init === undefined ? { name: region.name, sizeBytes } : { name: region.name, sizeBytes, init: region.init };
  });

  const masimPhases: MasimPhase[] = phases.map((phase, p) => {
    const durationUs = unit(() => parseDuration(phase.duration), ['phases', p, 'duration'], problems) ?? 0;
    if (durationUs % 1000 !== 0) {
      problems.push({ path: ['phases', p, 'duration'], message: `masim phases last whole milliseconds, not ${phase.duration}` });
    } else if (durationUs === 0) {
      problems.push({ path: ['phases', p, 'duration'], message: 'a phase needs a duration above 0' });
    }
    const patterns: MasimPattern[] = phase.patterns.map((pattern, a) => {
      if (!names.has(pattern.region)) {
        problems.push({
          path: ['phases', p, 'patterns', a, 'region'],
          message: `unknown region '${pattern.region}'`,
          hint: `this workload's regions: ${[...names].join(', ')}`,
        });
      }
      const strideBytes =
        pattern.stride === undefined
          ? DEFAULT_STRIDE_BYTES
          : (unit(() => parseSize(pattern.stride!), ['phases', p, 'patterns', a, 'stride'], problems) ?? 0);
      const masimPattern: MasimPattern = { region: pattern.region, random: pattern.random ?? false, strideBytes, weight: pattern.weight };
      if (pattern.mode) masimPattern.mode = pattern.mode;
      return masimPattern;
    });
    if (patterns.every((pattern) => pattern.weight === 0)) {
      problems.push({
        path: ['phases', p, 'patterns'],
        message: `phase '${phase.name}' has only zero weights`,
        hint: 'masim picks patterns in proportion to their weights; give at least one a weight above 0',
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
