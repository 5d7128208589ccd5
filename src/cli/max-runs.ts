// --max-runs N, for the commands that load manifests: how many runs a manifest may make.
import { DEFAULT_MAX_RUNS } from '../manifest/load.js';
import { wholeNumber } from './option-values.js';

export const maxRunsOption = {
  'max-runs': {
    type: 'string',
    default: String(DEFAULT_MAX_RUNS),
    value: 'N',
    description: 'the most runs a manifest may make (matrix points × repetitions)',
    parse: wholeNumber({
      min: 1,
      max: 999_999_999_999_999,
      says: 'needs a whole number of runs above 0, such as 50000',
    }),
  },
} as const;

/** The --max-runs value (checked as the arguments were parsed). */
export function maxRunsOf(values: { 'max-runs'?: number | undefined }, _command: string): number | undefined {
  return values['max-runs'];
}
