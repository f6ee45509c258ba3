import { HttpError, UploadFailedError } from './errors';

/**
 * Whether the server no longer knows an upload (swept after its window closed, or aborted): 404,
 * 409 or 410, also as the cause of an {@link UploadFailedError}.
 */
export function isUploadGone(error: unknown): boolean {
  const cause = error instanceof UploadFailedError ? error.cause : error;
  return cause instanceof HttpError && (cause.status === 404 || cause.status === 409 || cause.status === 410);
}
