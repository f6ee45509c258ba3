import { HttpError } from '../upload/errors';
import type { RecordingsApi } from '../upload/recordings-api';
import { isEntryFree } from './entry-lock';
import type { Journal, JournalEntry } from './journal';

/** A recording left in the journal that can be uploaded now. */
export interface RecoverableRecording {
  readonly entry: JournalEntry;
  readonly bytes: number;
  /** As recorded, or up to the last journaled chunk when the tab was closed mid-recording. */
  readonly durationMs: number;
}

/**
 * The journal's unfinished recordings that no page is recording or uploading right now: what a
 * closed tab, a crash or a failed upload left behind. Entries that never got a chunk hold nothing
 * to recover and are deleted.
 */
export async function findRecoverable(journal: Journal): Promise<RecoverableRecording[]> {
  const found: RecoverableRecording[] = [];
  for (const entry of await journal.entries()) {
    if (!(await isEntryFree(entry.id))) {
      continue;
    }
    const chunks = await journal.chunks(entry.id);
    if (chunks.length === 0) {
      await journal.remove(entry.id);
      continue;
    }
    found.push({
      entry,
      bytes: chunks.reduce((sum, chunk) => sum + chunk.size, 0),
      durationMs: entry.durationMs ?? chunks.at(-1)?.elapsedMs ?? 0,
    });
  }
  return found;
}

/**
 * Throws a journaled recording away: aborts its multipart upload on the server, if one was
 * started, then deletes its chunks.
 */
export async function discardRecording(journal: Journal, api: RecordingsApi, entry: JournalEntry): Promise<void> {
  if (entry.upload !== undefined) {
    try {
      await api.abortUpload(entry.upload.recordingId);
    } catch (error) {
      // Already gone on the server (swept after its upload window): only the journal is left to clear.
      if (!(error instanceof HttpError && error.status === 404)) throw error;
    }
  }
  await journal.remove(entry.id);
}
