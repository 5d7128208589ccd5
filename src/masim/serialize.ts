// Writes a masim config as a hand-written one would look: `name, value` fields, one blank line
// between paragraphs, a newline at the end.
import type { MasimConfig, MasimPattern, MasimPhase, MasimRegion } from './config.js';

export function serializeMasimConfig(config: MasimConfig): string {
  const regions = [...config.regions.flatMap(regionLines), ...(config.regionTrailingComments ?? [])];
  const lines = [regions, ...config.phases.map(phaseLines)].flatMap((paragraph, i) =>
    i === 0 ? paragraph : ['', ...paragraph],
  );
  return `${lines.join('\n')}\n`;
}

function regionLines(region: MasimRegion): string[] {
  const fields = [region.name, String(region.sizeBytes)];
  if (region.init !== undefined) fields.push(region.init);
  return [...(region.comments ?? []), fields.join(', ')];
}

function phaseLines(phase: MasimPhase): string[] {
  return [
    ...(phase.comments ?? []),
    phase.name,
    ...(phase.durationComments ?? []),
    String(phase.durationMs),
    ...phase.patterns.flatMap(patternLines),
    ...(phase.trailingComments ?? []),
  ];
}

function patternLines(pattern: MasimPattern): string[] {
  const fields = [pattern.region, pattern.random ? '1' : '0', String(pattern.strideBytes), String(pattern.weight)];
  if (pattern.mode) fields.push(pattern.mode);
  return [...(pattern.comments ?? []), fields.join(', ')];
}
