import { describe, expect, it } from 'vitest';
import { formatBytes, formatExpiry, formatLength } from '../../src/ui/format';

const now = new Date('2025-01-01T00:00:00Z');

describe('formatExpiry', () => {
  it('counts days, rounded, when a day or more is left', () => {
    expect(formatExpiry('2025-01-31T00:00:00Z', now)).toBe('expires in 30 days');
    expect(formatExpiry('2025-01-30T23:59:00Z', now)).toBe('expires in 30 days');
    expect(formatExpiry('2025-01-02T05:00:00Z', now)).toBe('expires in 1 day');
  });

  it('counts hours, rounded and at least one, on the last day', () => {
    expect(formatExpiry('2025-01-01T05:20:00Z', now)).toBe('expires in 5 hours');
    expect(formatExpiry('2025-01-01T00:10:00Z', now)).toBe('expires in 1 hour');
  });

  it('says expired once the time has passed', () => {
    expect(formatExpiry('2024-12-31T23:59:59Z', now)).toBe('expired');
  });

  it('rejects a value that is not a date', () => {
    expect(() => formatExpiry('soon', now)).toThrow('Not a date: "soon"');
  });
});

describe('formatBytes', () => {
  it('uses B, KB and MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('formatLength', () => {
  it.each([
    [0, '0:00'],
    [65_400, '1:05'],
    [3_599_999, '59:59'],
    [3_600_000, '1:00:00'],
    [3_725_000, '1:02:05'],
    [10 * 3_600_000 + 59_000, '10:00:59'],
  ])('shows %i ms as %s', (ms, shown) => {
    expect(formatLength(ms)).toBe(shown);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d with a RangeError', (ms) => {
    expect(() => formatLength(ms)).toThrow(RangeError);
  });
});
