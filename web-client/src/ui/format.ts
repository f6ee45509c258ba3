import { formatDuration } from '../recording/duration';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Describes when a recording expires, relative to `now`.
 *
 * @example formatExpiry('2025-01-31T00:00:00Z', new Date('2025-01-01T00:00:00Z')) // 'expires in 30 days'
 * @throws RangeError when `expiresAt` is not a date
 */
export function formatExpiry(expiresAt: string, now: Date): string {
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) {
    throw new RangeError(`Not a date: ${JSON.stringify(expiresAt)}`);
  }
  const left = at - now.getTime();
  if (left <= 0) {
    return 'expired';
  }
  // Rounded: a recording listed a second after upload expires "in 30 days", not "in 29 days".
  return left >= DAY_MS
    ? `expires ${relative.format(Math.round(left / DAY_MS), 'day')}`
    : `expires ${relative.format(Math.max(1, Math.round(left / HOUR_MS)), 'hour')}`;
}

/** Bytes as a short human size, e.g. `1.5 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A recording's length as a list shows it: `m:ss`, or `h:mm:ss` from an hour on.
 *
 * @example formatLength(3_725_000) // '1:02:05'
 * @throws RangeError for a negative or non-finite duration
 */
export function formatLength(ms: number): string {
  if (ms < HOUR_MS) {
    return formatDuration(ms);
  }
  const hours = Math.floor(ms / HOUR_MS);
  // The rest is under an hour: `m:ss` with at most two minute digits.
  return `${hours}:${formatDuration(ms - hours * HOUR_MS).padStart(5, '0')}`;
}
