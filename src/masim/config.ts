// The masim access-pattern config: regions, then phases of weighted access patterns.

export type AccessMode = 'ro' | 'wo' | 'rw';

export interface MasimRegion {
  name: string;
  sizeBytes: number;
  /** Optional third field: a file to fill the region from, or `none`. */
  init?: string;
  /** `#` lines written directly before this region. */
  comments?: string[];
}

export interface MasimPattern {
  region: string;
  random: boolean;
  strideBytes: number;
  weight: number;
  /** Absent: masim's default mode (wo unless `--default_rw_mode` says otherwise). */
  mode?: AccessMode;
  comments?: string[];
}

export interface MasimPhase {
  name: string;
  durationMs: number;
  patterns: MasimPattern[];
  /** `#` lines before the phase's name. */
  comments?: string[];
  /** `#` lines between the name and the duration. */
  durationComments?: string[];
  /** `#` lines after the last pattern (before the blank line, or the end of the file). */
  trailingComments?: string[];
}

export interface MasimConfig {
  regions: MasimRegion[];
  /** `#` lines after the last region, before the blank line. */
  regionTrailingComments?: string[];
  phases: MasimPhase[];
}

export function totalDurationMs(config: MasimConfig): number {
  return config.phases.reduce((sum, phase) => sum + phase.durationMs, 0);
}

export function totalSizeBytes(config: MasimConfig): number {
  return config.regions.reduce((sum, region) => sum + region.sizeBytes, 0);
}

/**
 * The largest numbers a config may hold. The original masim keeps a phase's duration in an
 * unsigned int and strides and weights (and their sum in a phase) in ints, so it would misread
 * larger ones; sizes are held here as numbers, exact up to 2^53-1.
 */
export const MASIM_LIMITS = {
  sizeBytes: Number.MAX_SAFE_INTEGER,
  durationMs: 4_294_967_295,
  strideBytes: 2_147_483_647,
  weight: 2_147_483_647,
  phaseWeight: 2_147_483_647,
} as const;
