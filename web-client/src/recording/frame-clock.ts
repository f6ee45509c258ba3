import { clearInterval, setInterval } from 'worker-timers';

/** Calls back at a steady interval; returns a function that stops it. */
export interface FrameClock {
  every(intervalMs: number, callback: () => void): () => void;
}

/**
 * A clock driven by a Web Worker (through `worker-timers`). Browsers throttle `setInterval` and
 * pause `requestAnimationFrame` in a hidden tab, which would freeze the recorded video; timers in
 * a worker keep their pace.
 */
export const workerFrameClock: FrameClock = {
  every(intervalMs, callback) {
    const id = setInterval(callback, intervalMs);
    return () => clearInterval(id);
  },
};
