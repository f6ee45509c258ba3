import pRetry from 'p-retry';
import { ExpiredUrlError, HttpError, NetworkError } from './errors';

/** How often and how patiently a failed request is tried again (exponential backoff with jitter). */
export interface RetryPolicy {
  /** Tries after the first one. */
  readonly retries: number;
  /** Delay before the first retry, ms. */
  readonly minDelayMs: number;
  /** Upper bound of one delay, ms. */
  readonly maxDelayMs: number;
  /** Each delay is this many times the previous one. */
  readonly factor: number;
}

/** Four tries in about 3.5 s: enough for a blip, short enough that a user is not kept waiting. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, minDelayMs: 500, maxDelayMs: 8000, factor: 2 };

/**
 * Patient enough to ride out a flaky network during a call (six tries in about 15 s); a part that
 * still fails is tried again with the next chunk or at stop, since the journal keeps its bytes.
 */
export const PART_RETRY_POLICY: RetryPolicy = { retries: 5, minDelayMs: 500, maxDelayMs: 8000, factor: 2 };

/**
 * Whether trying again may help: no answer at all, a timeout (408), throttling (429), a server
 * error (5xx), or an expired presigned URL (a fresh one is signed). Other client errors (400, 401,
 * 403 from the API, 404, 409) fail the same way every time.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof ExpiredUrlError) {
    return true;
  }
  if (error instanceof HttpError) {
    return error.status === 408 || error.status === 429 || error.status >= 500;
  }
  return false;
}

/**
 * Runs `task` until it succeeds, a non-retryable error occurs or the retries are spent, and then
 * rethrows the last error. `onRetry` hears about each failure that will be retried.
 *
 * @example await withRetry(DEFAULT_RETRY_POLICY, () => api.complete(id))
 */
export function withRetry<T>(
  policy: RetryPolicy,
  task: (attempt: number) => Promise<T>,
  onRetry: (error: unknown, attempt: number) => void = () => undefined,
): Promise<T> {
  return pRetry(task, {
    retries: policy.retries,
    minTimeout: policy.minDelayMs,
    maxTimeout: policy.maxDelayMs,
    factor: policy.factor,
    randomize: true,
    shouldRetry: ({ error }) => isRetryable(error),
    onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft > 0 && isRetryable(error)) {
        onRetry(error, attemptNumber);
      }
    },
  });
}
