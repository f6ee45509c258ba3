import { StorageFailedError } from './journal/errors';
import { IndexedDbJournal } from './journal/indexeddb-journal';
import type { Journal } from './journal/journal';
import { MemoryJournal } from './journal/memory-journal';
import { hasRoomFor, HOUR_OF_720P_BYTES } from './journal/storage-check';
import { CallRecorder, type CallRecorderOptions } from './recording/call-recorder';
import type { Layout } from './recording/layout';
import type { RecorderState } from './recording/recorder-state';
import type { RecordedAudio } from './recording/recorder-warning';
import { RecordingLog } from './recording-log';
import type { RecordingView } from './upload/api-types';
import { retryInBackground } from './upload/background-retry';
import { ProgressiveUpload, type ProgressiveUploadOptions } from './upload/progressive-upload';
import type { UploadableFile } from './upload/recording-uploader';
import { checkRoomId, type RecordingsApi } from './upload/recordings-api';

/** Options of {@link startCallRecording}. */
export interface CallRecordingOptions {
  readonly api: RecordingsApi;
  /** The signed-in user (the token's `email` or `sub`): the journal is theirs alone. */
  readonly user: string;
  readonly roomId: string;
  /** User ids who may also see the recording. */
  readonly participants?: readonly string[];
  readonly local: MediaStream;
  /** The other party; may come later through {@link CallRecording.setRemoteStream}. */
  readonly remote?: MediaStream;
  /** Default the user's {@link IndexedDbJournal} (page memory where IndexedDB cannot even open). */
  readonly journal?: Journal;
  /** Quality, layout, bit rate…; the sink is always the progressive upload. */
  readonly recorder?: Omit<CallRecorderOptions, 'createSink' | 'log'>;
  /** Part size, retry policy, transport, clock, network status. */
  readonly upload?: Omit<ProgressiveUploadOptions, 'journal' | 'api' | 'log' | 'onProgress'>;
  /** Free storage below this (bytes) is warned about before recording; default about an hour of 720p. */
  readonly expectedBytes?: number;
  /** Default logs to the console. */
  readonly log?: RecordingLog;
}

/** Something the user should know while the recording goes on. */
export interface CallRecordingWarning {
  /**
   * `storage-failed`: the browser refused to store the recording; it goes on in memory, so keep the
   * page open (see {@link CallRecording.localCopy}). `storage-low`: less free storage than a long
   * call needs. `upload-retrying`: the upload failed at stop and is tried again in the background.
   * `audio-not-running`: the audio mix does not run; the message says what the file records
   * instead (one party's microphone, or silence), see {@link CallRecording.retryAudioMix}.
   */
  readonly kind: 'storage-failed' | 'storage-low' | 'upload-retrying' | 'audio-not-running';
  readonly message: string;
  readonly error?: Error;
}

/**
 * Events: `state` ({@link RecorderState}), `duration` (ms, twice a second), `progress` (bytes the
 * server confirmed, of all recorded), `warning` ({@link CallRecordingWarning}), `audio`
 * ({@link RecordedAudio}: what the file's audio carries, once decided), `error` (the
 * recorder failed, or the upload failed at stop; the journal keeps it), `uploaded` (the COMPLETED
 * recording, also when a background retry got it there).
 */
export type CallRecordingEventMap = {
  state: CustomEvent<RecorderState>;
  duration: CustomEvent<number>;
  progress: CustomEvent<{ readonly sent: number; readonly total: number }>;
  warning: CustomEvent<CallRecordingWarning>;
  audio: CustomEvent<RecordedAudio>;
  error: CustomEvent<Error>;
  uploaded: CustomEvent<RecordingView>;
};

/**
 * A call being recorded into the journal and uploaded as it goes: what {@link startCallRecording}
 * returns. The pieces stay reachable (`recorder`, `upload`) for what this does not cover.
 */
export class CallRecording extends EventTarget {
  private stopRetry: () => void = () => undefined;

  /** Use {@link startCallRecording}. */
  constructor(
    readonly recorder: CallRecorder,
    readonly upload: ProgressiveUpload,
  ) {
    super();
    recorder.addEventListener('statechange', (event) => this.emit('state', (event as CustomEvent<RecorderState>).detail));
    recorder.addEventListener('duration', (event) => this.emit('duration', (event as CustomEvent<number>).detail));
    recorder.addEventListener('error', (event) => this.emit('error', (event as CustomEvent<Error>).detail));
    recorder.on('audiosource', (event) => this.emit('audio', event.detail));
    recorder.on('warning', (event) => this.emit('warning', { kind: event.detail.kind, message: event.detail.message }));
    upload.on('progress', (event) => this.emit('progress', event.detail));
    upload.on('error', (event) => this.emit('warning', { kind: 'storage-failed', message: event.detail.message, error: event.detail }));
  }

  /** The other party joined, rejoined (a new stream) or left (`null`). */
  setRemoteStream(remote: MediaStream | null): void {
    this.recorder.setRemoteStream(remote);
  }

  setLayout(layout: Layout): void {
    this.recorder.setLayout(layout);
  }

  /** Pauses: nothing is recorded until {@link CallRecording.resume}; chunks, journal and upload simply wait. */
  pause(): void {
    this.recorder.pause();
  }

  resume(): void {
    this.recorder.resume();
  }

  /** From a "retry audio" click: see {@link CallRecorder.retryAudioMix}. */
  retryAudioMix(): Promise<boolean> {
    return this.recorder.retryAudioMix();
  }

  /**
   * Stops recording and uploads what is left. When that fails the journal keeps the recording,
   * it is tried again in the background (an `uploaded` event tells when it got there), and this
   * rejects with the `UploadFailedError`.
   */
  async stop(): Promise<RecordingView> {
    const { durationMs } = await this.recorder.stop();
    try {
      return this.uploaded(await this.upload.complete(durationMs));
    } catch (error) {
      this.emit('warning', { kind: 'upload-retrying', message: 'The upload failed; it stays in this browser and is tried again', error: error as Error });
      this.stopRetry = retryInBackground(async () => {
        this.uploaded(await this.upload.complete(durationMs));
        return true;
      });
      throw error;
    }
  }

  /**
   * The whole file for a local download while this page holds it (nothing pruned yet), e.g. when
   * the upload failed after the browser refused to store the recording; `undefined` once parts
   * that the server confirmed were dropped here.
   */
  async localCopy(): Promise<UploadableFile | undefined> {
    if (!this.upload.holdsWholeFile) {
      return undefined;
    }
    const { filename, mimeType } = this.upload.journalEntry;
    return { blob: await this.upload.finish(), filename, mimeType };
  }

  /** Stops the background retries (the journal keeps the recording for the next visit). */
  dispose(): void {
    this.stopRetry();
  }

  /** Typed `addEventListener` for {@link CallRecordingEventMap}. */
  on<K extends keyof CallRecordingEventMap>(type: K, listener: (event: CallRecordingEventMap[K]) => void): void {
    this.addEventListener(type, listener as EventListener);
  }

  /** Typed `removeEventListener`. */
  off<K extends keyof CallRecordingEventMap>(type: K, listener: (event: CallRecordingEventMap[K]) => void): void {
    this.removeEventListener(type, listener as EventListener);
  }

  private uploaded(recording: RecordingView): RecordingView {
    this.stopRetry();
    this.emit('uploaded', recording);
    return recording;
  }

  /** Tells what was found before the app could listen: no journal at all, or little free storage. */
  announce(expectedBytes: number, journalFailure: StorageFailedError | undefined): void {
    if (journalFailure !== undefined) {
      this.emit('warning', { kind: 'storage-failed', message: journalFailure.message, error: journalFailure });
    } else if (this.upload.storage !== undefined && !hasRoomFor(this.upload.storage, expectedBytes)) {
      this.emit('warning', { kind: 'storage-low', message: 'Little storage is free: a long recording may not fit in the browser; it goes on in memory if it does not' });
    }
  }

  private emit<K extends keyof CallRecordingEventMap>(type: K, detail: CallRecordingEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/**
 * Records a 1:1 call and never loses it: the recorder, the user's journal, the progressive
 * upload (the sink: chunks go to IndexedDB and up in parts during the call, not into page
 * memory), storage checks, and background retries, wired together. Call it from the user's click:
 * the recorder starts before the first await, so audio starts in browsers that need a gesture. Warnings found before it returned (little
 * storage, storage refused) are dispatched on the next task, so listeners attached right away hear
 * them. On the next visit, `uploadPending` sends what failed and `findRecoverable` lists what a
 * closed tab cut off.
 *
 * @example
 * const recording = await startCallRecording({ api, user: 'a@example.com', roomId: 'room-1', local, remote });
 * recording.on('duration', (e) => (rec.textContent = formatDuration(e.detail)));
 * recording.on('warning', (e) => banner.show(e.detail.message));
 * const view = await recording.stop();
 *
 * @throws InvalidRoomIdError, UnsupportedRecordingTypeError, InvalidStreamError, RecordingFailedError
 */
export async function startCallRecording(options: CallRecordingOptions): Promise<CallRecording> {
  checkRoomId(options.roomId);
  const log = options.log ?? new RecordingLog();
  let ready: (upload: ProgressiveUpload) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const uploadReady = new Promise<ProgressiveUpload>((resolve, reject) => ((ready = resolve), (failed = reject)));
  uploadReady.catch(() => undefined); // a failed begin is thrown below; chunks waiting for it only end the recorder
  // The recorder starts before the first await, inside the user's click, so its audio starts in
  // browsers that suspend audio outside a gesture; chunks wait for the journal (a second at most).
  const recorder = new CallRecorder({
    ...options.recorder,
    log,
    createSink: () => ({
      write: async (chunk, recordedMs) => (await uploadReady).write(chunk, recordedMs),
      finish: async () => (await uploadReady).finish(),
    }),
  });
  recorder.start(options.local, options.remote);
  let journalFailure: StorageFailedError | undefined;
  let upload: ProgressiveUpload;
  try {
    let journal = options.journal;
    if (journal === undefined) {
      try {
        journal = await IndexedDbJournal.open({ user: options.user });
      } catch (error) {
        // Some private modes refuse IndexedDB altogether: record into memory, and say so.
        journalFailure = new StorageFailedError({ cause: error });
        journal = new MemoryJournal();
      }
    }
    upload = await ProgressiveUpload.begin(
      {
        roomId: options.roomId,
        mimeType: recorder.mimeType,
        audioLayout: recorder.audioLayout,
        ...(options.participants === undefined ? {} : { participants: options.participants }),
      },
      { ...options.upload, journal, api: options.api, log },
    );
  } catch (error) {
    failed(error);
    await recorder.stop().catch(() => undefined);
    throw error;
  }
  ready(upload);
  const recording = new CallRecording(recorder, upload);
  setTimeout(() => recording.announce(options.expectedBytes ?? HOUR_OF_720P_BYTES, journalFailure));
  return recording;
}
