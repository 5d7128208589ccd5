import { describe, expect, it } from 'vitest';
import { parseDuration, parseSize, UnitError } from '../../src/util/units.js';
import { formatBytes, formatDuration } from '../../src/util/format.js';

describe('durations', () => {
  it.each([
    ['5000us', 5000],
    ['5000µs', 5000],
    ['100ms', 100_000],
    ['30s', 30_000_000],
    ['2.5s', 2_500_000],
    ['1m', 60_000_000],
    ['1h', 3_600_000_000],
    ['0s', 0],
    ['10 ms', 10_000],
  ])('%s is %d µs', (text, us) => expect(parseDuration(text)).toBe(us));

  it.each(['30', '5 sec', 's', '-1s', '1.5us', '1e3ms'])('rejects %s', (text) => {
    expect(() => parseDuration(text)).toThrow(UnitError);
  });

  it('formats for people', () => {
    expect([5000, 100_000, 1_000_000, 2_500_000, 60_000_000, 90_000_000, 750].map(formatDuration)).toEqual([
      '5 ms',
      '100 ms',
      '1 s',
      '2.5 s',
      '1 m',
      '1.5 m',
      '750 µs',
    ]);
  });
});

describe('sizes', () => {
  it.each([
    [4096, 4096],
    ['4096', 4096],
    ['100MB', 100_000_000],
    ['64MiB', 67_108_864],
    ['1GiB', 1_073_741_824],
    ['1.5KiB', 1536],
    ['10 GB', 10_000_000_000],
  ])('%s is %d bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(['100 mb', '1.5B', 'MB', '-5', '1e6'])('rejects %s', (text) => {
    expect(() => parseSize(text)).toThrow(UnitError);
  });

  it('formats exactly when it can', () => {
    expect([100_000_000, 67_108_864, 4096, 1000, 123, 1_500_000_000].map((b) => formatBytes(b, 'exact'))).toEqual([
      '100 MB',
      '64 MiB',
      '4 KiB',
      '1 KB',
      '123 B',
      '1.5 GB',
    ]);
  });
});
