import { describe, expect, it } from 'vitest';
import { printCheckRows } from '../../src/cli/check-rows.js';
import { captureOutput } from '../helpers/capture.js';

describe('printCheckRows', () => {
  it('aligns the words, the details and the hints under them, with or without a word', () => {
    const { output, result } = captureOutput();
    printCheckRows(
      output,
      [
        { name: 'perf', mark: ['ok', 'green'], detail: 'perf 6.12' },
        { name: 'masim', mark: ['MISSING', 'yellow'], detail: 'not built', hint: 'damon-exp setup' },
        { name: 'cache', mark: null, detail: '/root/.cache/damon-exp' },
      ],
      7,
    );
    expect(result().stdout).toBe(
      [
        'perf   ok       perf 6.12',
        'masim  MISSING  not built',
        '                → damon-exp setup',
        'cache           /root/.cache/damon-exp',
        '',
      ].join('\n'),
    );
  });
});
