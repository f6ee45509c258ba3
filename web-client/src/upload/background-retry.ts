/** How long a failed upload waits before it is tried again by itself (an `online` event tries at once). */
export const BACKGROUND_RETRY_MS = 60_000;

/**
 * Runs `attempt` again after `delayMs` and at every `online` event, until it succeeds (resolves
 * `true`) or the returned function is called. For uploads that failed for good in the foreground:
 * the journal keeps them, so trying again later costs nothing and needs no user.
 */
export function retryInBackground(attempt: () => Promise<boolean>, delayMs: number = BACKGROUND_RETRY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running = false;
  const target = globalThis.window as Window | undefined;
  const run = () => {
    if (stopped || running) return;
    clearTimeout(timer);
    running = true;
    attempt()
      .catch(() => false)
      .then((done) => {
        running = false;
        if (done) stop();
        else if (!stopped) timer = setTimeout(run, delayMs);
      });
  };
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    target?.removeEventListener('online', run);
  };
  target?.addEventListener('online', run);
  timer = setTimeout(run, delayMs);
  return stop;
}
