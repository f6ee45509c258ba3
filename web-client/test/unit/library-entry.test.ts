import { describe, expect, it } from 'vitest';

describe('the library entry point', () => {
  it('imports where there is no DOM (server-side rendering) and exports what an app uses, not the elements or internals', async () => {
    expect(typeof globalThis.HTMLElement).toBe('undefined');
    const library = await import('../../src/index');

    for (const name of ['startCallRecording', 'CallRecorder', 'ProgressiveUpload', 'IndexedDbJournal', 'MemoryJournal', 'findRecoverable', 'uploadPending', 'RecordingsApi', 'UploadFailedError', 'StorageFailedError']) {
      expect(library, name).toHaveProperty(name);
    }
    for (const name of ['defineRecordingElements', 'RecordButtonElement', 'planParts', 'withWebmDuration', 'holdEntry', 'withRetry', 'layoutTiles', 'nextRecorderState']) {
      expect(library, name).not.toHaveProperty(name);
    }
  });
});
