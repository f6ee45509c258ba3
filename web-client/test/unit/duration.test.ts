import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/recording/duration';

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [1000, '0:01'],
    [59_999, '0:59'],
    [60_000, '1:00'],
    [65_400, '1:05'],
    [3_600_000, '60:00'],
  ])('shows %i ms as %s', (ms, shown) => {
    expect(formatDuration(ms)).toBe(shown);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d with a RangeError', (ms) => {
    expect(() => formatDuration(ms)).toThrow(RangeError);
  });
});
