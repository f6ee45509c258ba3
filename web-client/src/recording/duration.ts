/**
 * Formats a duration as the REC indicator shows it: `m:ss`, minutes unbounded.
 *
 * @example formatDuration(65_400) // '1:05'
 * @throws RangeError for a negative or non-finite duration
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Duration must be a finite number of ms >= 0, got ${ms}`);
  }
  const totalSeconds = Math.floor(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}
