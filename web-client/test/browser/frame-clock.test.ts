import { describe, expect, it } from 'vitest';
import { workerFrameClock } from '../../src/recording/frame-clock';

describe('workerFrameClock', () => {
  it('ticks at about the requested rate and stops when told', async () => {
    let ticks = 0;
    const stop = workerFrameClock.every(50, () => (ticks += 1));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stop();
    const atStop = ticks;
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(atStop).toBeGreaterThanOrEqual(10);
    expect(atStop).toBeLessThanOrEqual(22);
    expect(ticks).toBe(atStop);
  });
});
