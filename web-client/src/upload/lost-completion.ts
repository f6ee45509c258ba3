import type { RecordingView } from './api-types';
import type { RecordingsApi } from './recordings-api';
import { isUploadGone } from './upload-gone';

/**
 * The recording, when the server already has it COMPLETED: a completion whose answer was lost
 * (the tab closed before the journal was cleared) also ends an upload, and uploading it again
 * would duplicate it. `undefined` when the server does not know it or it is not complete.
 */
export async function completedEarlier(api: RecordingsApi, recordingId: string): Promise<RecordingView | undefined> {
  try {
    const recording = await api.get(recordingId);
    return recording.status === 'COMPLETED' ? recording : undefined;
  } catch (error) {
    if (isUploadGone(error)) {
      return undefined;
    }
    throw error;
  }
}
