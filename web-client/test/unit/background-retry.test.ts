import { afterEach, describe, expect, it, vi } from 'vitest';
import { retryInBackground } from '../../src/upload/background-retry';

afterEach(() => {
  vi.useRealTimers();
});

describe('retryInBackground', () => {
  it('tries again after each delay until an attempt succeeds, then stops; a failing attempt (or a throw) does not end it', async () => {
    vi.useFakeTimers();
    const outcomes = [false, 'throw', true];
    let attempts = 0;
    retryInBackground(async () => {
      const outcome = outcomes[attempts++];
      if (outcome === 'throw') throw new Error('offline');
      return outcome === true;
    }, 1_000);

    expect(attempts).toBe(0);
    for (let i = 0; i < 5; i += 1) await vi.advanceTimersByTimeAsync(1_000);

    expect(attempts).toBe(3);
  });

  it('stops when told to', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    const stop = retryInBackground(async () => (attempts++, false), 1_000);
    await vi.advanceTimersByTimeAsync(2_500);
    stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(attempts).toBe(2);
  });
});
