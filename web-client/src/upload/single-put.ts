import type { JournalEntry } from '../journal/journal';
import type { RecordingLog } from '../recording-log';
import type { RecordingView } from './api-types';
import type { PutTransport } from './put-transport';
import { RecordingUploader } from './recording-uploader';
import type { RecordingsApi } from './recordings-api';
import type { RetryPolicy } from './retry-policy';

/**
 * The single PUT of the seed contract for a journaled recording: a recording of less than two
 * parts, or one whose multipart upload the server swept. `blob` is the whole file, Duration written.
 */
export function uploadInOnePut(
  entry: JournalEntry,
  blob: Blob,
  durationMs: number,
  options: { readonly api: RecordingsApi; readonly retry: RetryPolicy; readonly put: PutTransport; readonly log: RecordingLog },
  onProgress: (sent: number, total: number) => void,
): Promise<RecordingView> {
  const uploader = new RecordingUploader(options.api, { retry: options.retry, put: options.put, log: options.log });
  return uploader.upload(
    { blob, filename: entry.filename, mimeType: entry.mimeType, durationMs },
    {
      roomId: entry.roomId,
      ...(entry.participants === undefined ? {} : { participants: entry.participants }),
      ...(entry.audioLayout === undefined ? {} : { audioLayout: entry.audioLayout }),
    },
    onProgress,
  );
}
