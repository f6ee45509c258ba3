import type { JournalEntry } from '../journal/journal';
import { findRecoverable } from '../journal/recovery';
import type { RecordingView } from './api-types';
import { ProgressiveUpload, type ProgressiveUploadOptions } from './progressive-upload';

/** What {@link uploadPending} did. */
export interface PendingUploadsResult {
  readonly uploaded: readonly RecordingView[];
  readonly failed: readonly { readonly entry: JournalEntry; readonly error: unknown }[];
}

/**
 * Uploads, without asking, every journaled recording whose upload failed after its stop (the user
 * already chose to upload it) and that no page holds. A recording cut off by a closed tab
 * (`state: 'recording'`) needs a choice, Recover or Discard, so it is left to
 * {@link findRecoverable} and the page's buttons.
 *
 * @example
 * const { failed } = await uploadPending({ journal, api });
 * if (failed.length > 0) retryInBackground(async () => (await uploadPending({ journal, api })).failed.length === 0);
 */
export async function uploadPending(options: ProgressiveUploadOptions): Promise<PendingUploadsResult> {
  const uploaded: RecordingView[] = [];
  const failed: { entry: JournalEntry; error: unknown }[] = [];
  for (const { entry } of await findRecoverable(options.journal)) {
    if (entry.state !== 'stopped') {
      continue;
    }
    try {
      uploaded.push(await (await ProgressiveUpload.resume(entry, options)).complete());
    } catch (error) {
      failed.push({ entry, error });
    }
  }
  return { uploaded, failed };
}
