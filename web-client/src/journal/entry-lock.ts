/**
 * Marks a journal entry as owned by this page (Web Locks), so that another tab of the same origin
 * does not offer it for recovery while it is still being recorded or uploaded. The browser drops
 * the lock when the page closes or crashes, which is exactly when recovery is wanted. Where Web
 * Locks are missing (Node tests, old browsers) every entry counts as free.
 */
const PREFIX = 'call-recordings-journal:';

/** Holds the lock of entry `id` until the returned function is called. */
export async function holdEntry(id: string): Promise<() => void> {
  const locks = globalThis.navigator?.locks;
  if (locks === undefined) {
    return () => undefined;
  }
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((acquired) => {
    void locks.request(`${PREFIX}${id}`, () => {
      acquired();
      return held;
    });
  });
  return release;
}

/** Whether no page holds entry `id` right now. */
export async function isEntryFree(id: string): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (locks === undefined) {
    return true;
  }
  return locks.request(`${PREFIX}${id}`, { ifAvailable: true }, (lock) => lock !== null);
}
