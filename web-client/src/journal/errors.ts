/**
 * The browser refused to store the recording (storage full, private window, disk error). Nothing
 * is dropped: the recording continues in page memory, so it survives only while the page stays
 * open, and the page should offer the file for download if it cannot be uploaded.
 */
export class StorageFailedError extends Error {
  override readonly name = 'StorageFailedError';

  constructor(options: { cause: unknown }) {
    const reason = options.cause instanceof Error ? `${options.cause.name}: ${options.cause.message}` : String(options.cause);
    super(`The browser could not store the recording (${reason}); it continues in memory: keep this page open until it is uploaded`, options);
  }
}
