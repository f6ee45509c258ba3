/**
 * How long a journal write may take before it counts as failed. A write of a chunk takes
 * milliseconds; WebKit in a private session was seen leaving a transaction open for good (after it
 * refused a Blob in an earlier one), neither succeeding nor failing, which would hold every later
 * chunk back.
 */
export const JOURNAL_WRITE_DEADLINE_MS = 5_000;

/** The storage did not answer in time: treated like a refusal. */
export class StorageTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** `task`'s result, or a {@link StorageTimeoutError} once `ms` passed without one. */
export function withDeadline<T>(task: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageTimeoutError(`${what} did not finish in ${ms / 1000} s`)), ms);
  });
  return Promise.race([task, late]).finally(() => clearTimeout(timer));
}
