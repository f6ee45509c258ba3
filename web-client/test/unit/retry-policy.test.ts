import { describe, expect, it } from 'vitest';
import { HttpError, NetworkError, UnexpectedResponseError } from '../../src/upload/errors';
import { isRetryable, withRetry, type RetryPolicy } from '../../src/upload/retry-policy';

const fast: RetryPolicy = { retries: 3, minDelayMs: 1, maxDelayMs: 2, factor: 2 };

describe('isRetryable', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(isRetryable(new HttpError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 413])('gives up at once on HTTP %i', (status) => {
    expect(isRetryable(new HttpError(status))).toBe(false);
  });

  it('retries a request that got no answer, not a contract violation or a bug', () => {
    expect(isRetryable(new NetworkError('offline'))).toBe(true);
    expect(isRetryable(new UnexpectedResponseError('no recording_id'))).toBe(false);
    expect(isRetryable(new TypeError('x is undefined'))).toBe(false);
  });
});

describe('withRetry', () => {
  it('tries again after retryable failures and returns the first success', async () => {
    const outcomes = [new HttpError(503), new NetworkError('reset'), 'done'];
    const retried: number[] = [];
    const result = await withRetry(
      fast,
      async () => {
        const outcome = outcomes.shift();
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
      (_error, attempt) => retried.push(attempt),
    );
    expect(result).toBe('done');
    expect(retried).toEqual([1, 2]);
  });

  it('makes retries + 1 attempts and then rethrows the last error', async () => {
    let attempts = 0;
    const failing = withRetry(fast, async () => {
      attempts += 1;
      throw new HttpError(500 + attempts);
    });
    await expect(failing).rejects.toThrow('HTTP 504');
    expect(attempts).toBe(4);
  });

  it('does not retry a client error', async () => {
    let attempts = 0;
    const failing = withRetry(fast, async () => {
      attempts += 1;
      throw new HttpError(403);
    });
    await expect(failing).rejects.toBeInstanceOf(HttpError);
    expect(attempts).toBe(1);
  });
});
