/** About an hour of 720p (2.5 Mbit/s video and the audio): less free storage than this is warned about before a recording. */
export const HOUR_OF_720P_BYTES = 1.2e9;

/** What the browser said about its storage when a recording began. */
export interface StorageCheck {
  /** Whether the browser promised not to evict the journal under storage pressure. */
  readonly persisted: boolean;
  /** Bytes this origin may still store, when the browser tells (`quota - usage`). */
  readonly availableBytes?: number;
}

/**
 * Asks the browser to keep this origin's storage (`navigator.storage.persist()`: without it a
 * browser may evict the journal when the disk fills, even mid-call) and how much is free
 * (`estimate()`). Never throws: a browser without the Storage API gives `persisted: false`.
 *
 * The request is not waited for: Firefox answers it only when the user answers its permission
 * prompt, and a recording must not wait for that. `persisted` says what the browser had granted
 * before.
 */
export async function checkStorage(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageCheck> {
  if (storage === undefined) {
    return { persisted: false };
  }
  const [persisted, estimate] = await Promise.all([
    storage.persisted().catch(() => false),
    storage.estimate().catch(() => undefined),
  ]);
  if (!persisted) {
    storage.persist().catch(() => false);
  }
  const available = estimate?.quota === undefined ? undefined : estimate.quota - (estimate.usage ?? 0);
  return available === undefined ? { persisted } : { persisted, availableBytes: available };
}

/** Whether `check` leaves room for about `bytes` more (unknown counts as room). */
export function hasRoomFor(check: StorageCheck, bytes: number): boolean {
  return check.availableBytes === undefined || check.availableBytes >= bytes;
}
