import type { AudioLayout } from '../recording/audio-mixer';
import { RecordingLog } from '../recording-log';
import type { RecordingView } from './api-types';
import { HttpError, UploadFailedError, type UploadStep } from './errors';
import { xhrPut, type PutTransport } from './put-transport';
import type { RecordingsApi } from './recordings-api';
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry-policy';

/** A finished file to upload (a `RecordedFile` fits). */
export interface UploadableFile {
  readonly blob: Blob;
  readonly filename: string;
  readonly mimeType: string;
  /** Sent with the completion when known (the server keeps it). */
  readonly durationMs?: number;
}

/** Where the recording belongs. */
export interface UploadTarget {
  readonly roomId: string;
  /** User ids who may also see the recording. */
  readonly participants?: readonly string[];
  /** How the file's audio holds the parties (`RecordedFile.audioLayout`); the server assumes `mixed` without it. */
  readonly audioLayout?: AudioLayout;
}

/** Options of {@link RecordingUploader}. */
export interface RecordingUploaderOptions {
  /** Default {@link DEFAULT_RETRY_POLICY}, for each step separately. */
  readonly retry?: RetryPolicy;
  /** Default {@link xhrPut}. */
  readonly put?: PutTransport;
  /** Default logs to the console. */
  readonly log?: RecordingLog;
}

/**
 * Uploads a finished recording with the seed contract: request an upload URL, PUT the bytes with
 * progress, then complete. Each step is retried on its own.
 *
 * @example
 * const uploader = new RecordingUploader(api);
 * const recording = await uploader.upload(file, { roomId: 'room-1' }, (sent, total) => bar.value = sent / total);
 */
export class RecordingUploader {
  private readonly retry: RetryPolicy;
  private readonly put: PutTransport;
  private readonly log: RecordingLog;

  constructor(
    private readonly api: RecordingsApi,
    options: RecordingUploaderOptions = {},
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.put = options.put ?? xhrPut;
    this.log = options.log ?? new RecordingLog();
  }

  /**
   * Uploads `file` and returns the COMPLETED recording.
   *
   * @throws UploadFailedError naming the step that failed for good; the caller keeps the file
   * (e.g. `saveRecordingLocally`)
   */
  async upload(
    file: UploadableFile,
    target: UploadTarget,
    onProgress: (sent: number, total: number) => void = () => undefined,
  ): Promise<RecordingView> {
    try {
      this.log.requestingUploadUrl();
      const ticket = await this.step('request-url', () =>
        this.api.requestUploadUrl({
          room_id: target.roomId,
          filename: file.filename,
          contentType: file.mimeType,
          size: file.blob.size,
          ...(target.participants === undefined ? {} : { participants: target.participants }),
          ...(target.audioLayout === undefined ? {} : { audio_layout: target.audioLayout }),
        }),
      );
      this.log.uploading(file.blob.size);
      await this.step('put', async (attempt) => {
        try {
          await this.put(ticket.upload_url, file.blob, ticket.upload_headers, onProgress);
        } catch (error) {
          if (attempt > 1 && storedByAnEarlierTry(error)) return;
          throw error;
        }
      });
      this.log.completing();
      const recording = await this.step('complete', () => this.api.complete(ticket.recording_id, file.durationMs === undefined ? {} : { duration_ms: Math.round(file.durationMs) }));
      this.log.uploaded();
      return recording;
    } catch (error) {
      this.log.uploadFailed(error);
      throw error;
    }
  }

  private async step<T>(step: UploadStep, task: (attempt: number) => Promise<T>): Promise<T> {
    try {
      return await withRetry(this.retry, task, (error, attempt) => this.log.retrying(step, attempt, error));
    } catch (error) {
      throw new UploadFailedError(step, { cause: error });
    }
  }
}

/**
 * Upload URLs are single-use (S3 signs `If-None-Match: *` and answers 412, the local store takes
 * an object once and answers 409), so a retried PUT whose earlier try reached the store although
 * its answer was lost is refused. The bytes are there: completing checks them on the server.
 */
function storedByAnEarlierTry(error: unknown): boolean {
  return error instanceof HttpError && (error.status === 412 || error.status === 409);
}
