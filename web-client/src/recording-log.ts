import { formatDuration } from './recording/duration';
import type { RecordedAudio } from './recording/recorder-warning';

/** Where log lines go; `console` by default. */
export type LogOutput = Pick<Console, 'log' | 'warn' | 'error'>;

/** The console messages of a recording's life, in the seed's style (`🎥 Starting recording...`). */
export class RecordingLog {
  constructor(private readonly out: LogOutput = console) {}

  starting(): void {
    this.out.log('🎥 Starting recording...');
  }

  started(mimeType: string, width: number, height: number): void {
    this.out.log(`✅ Recording started (${mimeType}, ${width}x${height})`);
  }

  remoteJoined(): void {
    this.out.log('👥 Remote participant added to the recording');
  }

  paused(recordedMs: number): void {
    this.out.log(`⏸️ Recording paused at ${formatDuration(recordedMs)}`);
  }

  resumed(recordedMs: number): void {
    this.out.log(`▶️ Recording resumed at ${formatDuration(recordedMs)}`);
  }

  audioSource(audio: RecordedAudio): void {
    if (audio.source === 'mix') {
      this.out.log('🎚️ Recording both parties\' audio (mixed)');
    } else if (audio.source === 'microphone') {
      this.out.warn(`🎙️ The audio mix is not running (audio ${audio.contextState}): recording ${audio.party === 'local' ? 'your' : 'the other party\'s'} microphone only`);
    } else {
      this.out.warn(`🔇 The audio mix is not running (audio ${audio.contextState}): the recording has no sound`);
    }
  }

  stopping(): void {
    this.out.log('⏹️ Stopping recording...');
  }

  stopped(bytes: number, durationMs: number): void {
    this.out.log(`📦 Recording stopped: ${megabytes(bytes)} MB, ${formatDuration(durationMs)}`);
  }

  requestingUploadUrl(): void {
    this.out.log('🔗 Requesting upload URL...');
  }

  uploading(bytes: number): void {
    this.out.log(`📤 Uploading recording (${megabytes(bytes)} MB)...`);
  }

  completing(): void {
    this.out.log('📝 Completing upload...');
  }

  retrying(step: string, attempt: number, error: unknown): void {
    this.out.warn(`🔁 ${step} failed (attempt ${attempt}), retrying:`, error);
  }

  journaling(id: string): void {
    this.out.log(`📒 Journaling chunks of ${id} to IndexedDB`);
  }

  multipartStarted(recordingId: string, partSize: number): void {
    this.out.log(`🧩 Progressive upload of ${recordingId} started (parts of ${megabytes(partSize)} MB)`);
  }

  partUploaded(partNumber: number, bytes: number): void {
    this.out.log(`📤 Part ${partNumber} uploaded (${megabytes(bytes)} MB)`);
  }

  uploadDeferred(error: unknown): void {
    this.out.warn('⏳ Upload paused, will try again with the next chunk or at stop:', error);
  }

  storageFailed(error: unknown): void {
    this.out.error('💥 The browser could not store the recording; it continues in memory:', error);
  }

  offline(): void {
    this.out.warn('📴 Offline: the upload waits for the network');
  }

  notSeekable(): void {
    this.out.warn('⚠️ Could not write the WebM duration; the file plays but may not seek');
  }

  replacingPartial(recordingId: string, storedParts: number): void {
    this.out.log(`🧩 The server kept the start of recording ${recordingId} (${storedParts} parts) as a partial recording; sending the rest to replace it with the whole call`);
  }

  replacementRefused(recordingId: string, error: unknown): void {
    this.out.warn(`⚠️ Recording ${recordingId} stays partial: the server could not take the rest of the call`, error);
  }

  recovering(filename: string): void {
    this.out.log(`♻️ Recovering ${filename} from the journal...`);
  }

  uploaded(): void {
    this.out.log('✅ Recording uploaded successfully!');
  }

  uploadFailed(error: unknown): void {
    this.out.error('❌ Failed to upload recording', error);
  }

  savedLocally(filename: string): void {
    this.out.log(`💾 Recording saved locally as ${filename}`);
  }
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(2);
}
