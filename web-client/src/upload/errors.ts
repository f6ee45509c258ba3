import type { ProblemDetails } from './api-types';

/** The server (API or object storage) answered with an error status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly problem?: ProblemDetails,
  ) {
    super(`HTTP ${status}${problem?.title ? ` ${problem.title}` : ''}${problem?.detail ? `: ${problem.detail}` : ''}`);
  }
}

/** A request got no answer (offline, connection reset, CORS refusal). */
export class NetworkError extends Error {
  override readonly name: string = 'NetworkError';
}

/** A request got no answer in time (a stalled connection); retryable like any {@link NetworkError}. */
export class TimeoutError extends NetworkError {
  override readonly name = 'TimeoutError';
}

/** Storage refused a presigned URL (403) or it is about to expire: sign a fresh one and try again. */
export class ExpiredUrlError extends Error {
  override readonly name = 'ExpiredUrlError';
}

/**
 * The server swept an unfinished multipart upload (its window closed) after the journal had
 * pruned the parts it confirmed, so the recording can no longer be put together.
 */
export class UploadExpiredError extends Error {
  override readonly name = 'UploadExpiredError';
}

/** A recording's content type that is no MIME type (`type/subtype`, parameters allowed). */
export class InvalidMimeTypeError extends Error {
  override readonly name = 'InvalidMimeTypeError';

  constructor(readonly mimeType: string) {
    super(`A recording's type must be a MIME type such as video/webm;codecs=vp8,opus, got ${JSON.stringify(mimeType)}`);
  }
}

/** The API answered with a body that breaks the contract. */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError';
}

/** A room id the API would reject: it must match `[A-Za-z0-9_-]{1,128}`. */
export class InvalidRoomIdError extends Error {
  override readonly name = 'InvalidRoomIdError';

  constructor(readonly roomId: string) {
    super(`Room id must be 1-128 letters, digits, '_' or '-', got ${JSON.stringify(roomId)}`);
  }
}

/** The steps of an upload: single PUT (`request-url`, `put`, `complete`) or multipart (`start`, `part`, `complete`). */
export type UploadStep = 'request-url' | 'put' | 'start' | 'part' | 'complete';

/** An upload failed for good, after its retries; `cause` is the last error. */
export class UploadFailedError extends Error {
  override readonly name = 'UploadFailedError';

  constructor(
    readonly step: UploadStep,
    options: { cause: unknown },
  ) {
    super(`Failed to upload recording (${step}): ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
  }
}
