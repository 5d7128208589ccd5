// --max-runs N, for the commands that load manifests: how many runs a manifest may make.
import { DEFAULT_MAX_RUNS } from '../manifest/load.js';
import { UsageError } from './output.js';

export const maxRunsOption = {
  'max-runs': {
    type: 'string',
    default: String(DEFAULT_MAX_RUNS),
    value: 'N',
    description: 'the most runs a manifest may make (matrix points × repetitions)',
  },
} as const;

/** The --max-runs value, checked; undefined when the option was not given. */
export function maxRunsOf(values: { 'max-runs'?: string | undefined }, command: string): number | undefined {
  const text = values['max-runs'];
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,14}$/.test(text))
    throw new UsageError(
      `--max-runs needs a whole number of runs above 0, such as 50000, not '${text.slice(0, 40)}'`,
      command,
    );
  return Number(text);
}
