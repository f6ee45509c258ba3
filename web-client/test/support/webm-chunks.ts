import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordingLog } from '../../src/recording-log';

/** Bytes per chunk of {@link recordedChunks}, as if a recorder delivered them. */
export const CHUNK = 5_000;
/** The part size the upload tests use, so the 3 s fixture goes up in five parts. */
export const PART = 20_000;
export const MIME = 'video/webm;codecs=vp8,opus';
/** A log that prints nothing. */
export const quiet = new RecordingLog({ log: () => undefined, warn: () => undefined, error: () => undefined });

/** A real MediaRecorder WebM (3 s, Chromium), whole and cut into {@link CHUNK}-byte Blobs. */
export async function recordedChunks(): Promise<{ recording: Uint8Array<ArrayBuffer>; chunks: Blob[] }> {
  const recording = new Uint8Array(await readFile(join(import.meta.dirname, '../fixtures/chromium-mediarecorder-3s.webm'))) as Uint8Array<ArrayBuffer>;
  const chunks: Blob[] = [];
  for (let offset = 0; offset < recording.length; offset += CHUNK) chunks.push(new Blob([recording.subarray(offset, offset + CHUNK)]));
  return { recording, chunks };
}
