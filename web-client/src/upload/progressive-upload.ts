import { holdEntry } from '../journal/entry-lock';
import type { StorageFailedError } from '../journal/errors';
import type { Journal, JournalEntry } from '../journal/journal';
import { RecordingStore } from '../journal/recording-store';
import { discardRecording } from '../journal/recovery';
import { checkStorage, type StorageCheck } from '../journal/storage-check';
import type { ChunkSink } from '../recording/chunk-sink';
import { recordingFilename } from '../recording/filename';
import { RecordingLog } from '../recording-log';
import type { RecordingView, StoredPart } from './api-types';
import { UploadExpiredError, UploadFailedError, type UploadStep } from './errors';
import { completedEarlier } from './lost-completion';
import { MultipartSession } from './multipart-session';
import { browserNetworkStatus, whenOnline, type NetworkStatus } from './network-status';
import { firstPartMode, partsAtStop, partsWhileRecording, planParts, type ChunkSize, type PlannedPart } from './part-plan';
import { xhrPut, type PutTransport } from './put-transport';
import { checkRoomId, type RecordingsApi } from './recordings-api';
import { uploadInOnePut } from './single-put';
import type { UploadTarget } from './recording-uploader';
import { PART_RETRY_POLICY, withRetry, type RetryPolicy } from './retry-policy';
import { seekable } from './webm-duration';
import { checkMimeType } from './content-type';
import { isUploadGone } from './upload-gone';

/** The smallest part S3 accepts (all but the last); also what the server asks for. */
export const DEFAULT_PART_SIZE = 5 * 1024 * 1024;

/** Options of {@link ProgressiveUpload}. */
export interface ProgressiveUploadOptions {
  readonly journal: Journal;
  readonly api: RecordingsApi;
  /** Bytes per part; default {@link DEFAULT_PART_SIZE}. The server's `min_part_size` raises it. */
  readonly partSize?: number;
  /** For each part and the multipart calls; default {@link PART_RETRY_POLICY}. */
  readonly retry?: RetryPolicy;
  /** Default {@link xhrPut}. */
  readonly put?: PutTransport;
  /** Default logs to the console. */
  readonly log?: RecordingLog;
  /** Epoch ms; default `Date.now`. */
  readonly clock?: () => number;
  /** Bytes the server has confirmed so far, of all bytes recorded. */
  readonly onProgress?: (sent: number, total: number) => void;
  /** Default `navigator.onLine` and the window's `online`/`offline` events. */
  readonly network?: NetworkStatus;
}

/** Events: `progress` (detail: bytes confirmed and recorded), `error` (detail: {@link StorageFailedError}, once, when the journal fails). */
export type ProgressiveUploadEventMap = {
  progress: CustomEvent<{ readonly sent: number; readonly total: number }>;
  error: CustomEvent<StorageFailedError>;
};

type Resolved = Required<Omit<ProgressiveUploadOptions, 'partSize'>> & { readonly partSize: number };

/**
 * Never loses a recording: every chunk goes to the {@link Journal} first (to page memory if the
 * journal fails: see {@link RecordingStore}), then whole parts go up while the call goes on
 * (multipart, parts of at least 5 MiB), and their bytes are pruned from the journal once the
 * server confirmed them, so a long call does not fill the disk. The multipart upload starts once
 * part 1 is full, because its ticket says whether the server processes recordings: if it does
 * (`processing`), part 1 goes up at once like every other part and at stop only the tail is left;
 * if not, part 1 is held back until stop, when the WebM Duration is written into its header, and
 * at stop the tail and part 1 go up. A short recording (less than one part) goes up with the
 * single PUT instead. While the browser is offline nothing is tried; uploads go on at the
 * `online` event.
 *
 * It is the recorder's {@link ChunkSink}:
 *
 * @example
 * let upload: ProgressiveUpload;
 * const recorder = new CallRecorder({ createSink: () => upload });
 * upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: recorder.mimeType }, { journal, api });
 * recorder.start(local, remote);
 * const file = await recorder.stop();
 * const recording = await upload.complete(file.durationMs);   // on failure the journal keeps it
 */
export class ProgressiveUpload extends EventTarget implements ChunkSink {
  private session: MultipartSession | undefined;
  private background: Promise<void> = Promise.resolve();
  private stopping = false;
  private settled = false;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly store: RecordingStore,
    private readonly sizes: ChunkSize[],
    private readonly options: Resolved,
    private readonly release: () => void,
    private lastElapsedMs: number,
    /** What `navigator.storage` said when the recording began (`undefined` on resume). */
    readonly storage: StorageCheck | undefined,
  ) {
    super();
    const upload = store.entry.upload;
    this.session = upload === undefined ? undefined : new MultipartSession(options.api, upload, options.put, options.clock);
    this.unsubscribe = options.network.subscribe((online) => {
      if (online && !this.stopping) this.inBackground(() => this.uploadFullParts());
    });
  }

  /**
   * Registers a new recording in the journal; nothing reaches the server before the first full
   * part. Asks the browser to keep its storage (`navigator.storage.persist()`) and checks how much
   * is free (`storage`).
   *
   * @throws InvalidRoomIdError when the server would refuse the room id
   * @throws InvalidMimeTypeError when `mimeType` is no MIME type (pass the recorder's `mimeType`)
   */
  static async begin(target: UploadTarget & { readonly mimeType: string }, options: ProgressiveUploadOptions): Promise<ProgressiveUpload> {
    checkRoomId(target.roomId);
    checkMimeType(target.mimeType);
    const resolved = resolve(options);
    const createdAt = resolved.clock();
    const entry: JournalEntry = {
      id: crypto.randomUUID(),
      roomId: target.roomId,
      ...(target.participants === undefined ? {} : { participants: target.participants }),
      ...(target.audioLayout === undefined ? {} : { audioLayout: target.audioLayout }),
      filename: recordingFilename(new Date(createdAt), target.mimeType),
      mimeType: target.mimeType,
      createdAt,
      state: 'recording',
    };
    const storage = await checkStorage();
    const failures: StorageFailedError[] = [];
    let upload: ProgressiveUpload | undefined;
    const store = await RecordingStore.create(resolved.journal, entry, (error) => (upload === undefined ? failures.push(error) : upload.storageFailed(error)));
    resolved.log.journaling(entry.id);
    upload = new ProgressiveUpload(store, [], resolved, await holdEntry(entry.id), 0, storage);
    for (const failure of failures) {
      // The journal failed already when the entry was created: tell the listeners attached right after `begin` (and see `storageFailure`).
      setTimeout(() => upload?.storageFailed(failure));
    }
    return upload;
  }

  /** Picks up a journal entry that a closed tab, a crash or a failed upload left behind. */
  static async resume(entry: JournalEntry, options: ProgressiveUploadOptions): Promise<ProgressiveUpload> {
    const resolved = resolve(options);
    const release = await holdEntry(entry.id);
    const chunks = await resolved.journal.chunkInfo(entry.id);
    resolved.log.recovering(entry.filename);
    let upload: ProgressiveUpload | undefined;
    const store = await RecordingStore.existing(resolved.journal, entry, (error) => upload?.storageFailed(error));
    upload = new ProgressiveUpload(store, chunks.map(({ seq, size }) => ({ seq, size })), resolved, release, chunks.at(-1)?.elapsedMs ?? 0, undefined);
    return upload;
  }

  /** The journal entry's id. */
  get id(): string {
    return this.store.entry.id;
  }

  /** The journal entry as it stands. */
  get journalEntry(): JournalEntry {
    return this.store.entry;
  }

  /** Bytes recorded so far. */
  get bytes(): number {
    return this.sizes.reduce((sum, chunk) => sum + chunk.size, 0);
  }

  /** Multipart part numbers the server confirmed so far. */
  get uploadedParts(): readonly number[] {
    return this.session?.partNumbers ?? [];
  }

  /** The journal's failure, once it failed: the recording then lives in page memory. */
  get storageFailure(): StorageFailedError | undefined {
    return this.store.storageFailure;
  }

  /** Whether {@link finish} gives the whole file: no confirmed part has been pruned yet. */
  get holdsWholeFile(): boolean {
    return this.store.entry.pruned !== true;
  }

  /**
   * Journals the chunk (durably if the journal works, else in memory) and lets full parts go up in
   * the background. `recordedMs` (the recorder's time, pauses excluded) is journaled as the chunk's
   * recording time; without it, the time since {@link ProgressiveUpload.begin}.
   */
  async write(chunk: Blob, recordedMs?: number): Promise<void> {
    const seq = (this.sizes.at(-1)?.seq ?? -1) + 1;
    const elapsedMs = recordedMs ?? this.options.clock() - this.store.entry.createdAt;
    await this.store.append({ seq, size: chunk.size, elapsedMs, blob: chunk });
    this.sizes.push({ seq, size: chunk.size });
    this.lastElapsedMs = elapsedMs;
    this.inBackground(() => this.uploadFullParts());
  }

  /**
   * The recording as it is held here (a Blob backed by the journal where the engine allows): the
   * whole file until confirmed parts were pruned ({@link holdsWholeFile}), then what the server
   * does not have yet.
   */
  async finish(): Promise<Blob> {
    const chunks = await this.store.chunks();
    return new Blob(
      chunks.map((chunk) => chunk.blob),
      { type: this.store.entry.mimeType },
    );
  }

  /**
   * Uploads what is left and completes the recording; then deletes it from the journal. Without
   * `durationMs` (a recovered recording) the duration is the last chunk's recording time. While
   * the browser is offline it waits for the network.
   *
   * @throws UploadFailedError when it failed for good; the journal keeps everything for a later try
   */
  async complete(durationMs?: number): Promise<RecordingView> {
    this.stopping = true;
    const duration = Math.round(durationMs ?? this.store.entry.durationMs ?? this.lastElapsedMs);
    try {
      await this.store.update({ state: 'stopped', durationMs: duration });
      await this.background;
      const recording = this.session === undefined ? await this.uploadWhole(duration) : await this.completeMultipart(this.session, duration);
      await this.store.remove();
      this.settled = true;
      this.unsubscribe();
      return recording;
    } finally {
      // After a failure another page (or this one) may recover the entry from the journal, unless
      // part of it is only in this page's memory: then only this object can finish it.
      if (this.settled || this.store.storageFailure === undefined) this.release();
    }
  }

  /** Throws the recording away (e.g. the recorder could not start): aborts the upload, deletes the chunks. */
  async discard(): Promise<void> {
    this.stopping = true;
    try {
      await this.background;
      await discardRecording(this.options.journal, this.options.api, this.store.entry);
      await this.store.remove();
      this.settled = true;
      this.unsubscribe();
    } finally {
      this.release();
    }
  }

  /** Whether some of the recording has not reached the server yet. */
  get unsent(): boolean {
    return !this.settled;
  }

  /** Typed `addEventListener` for {@link ProgressiveUploadEventMap}. */
  on<K extends keyof ProgressiveUploadEventMap>(type: K, listener: (event: ProgressiveUploadEventMap[K]) => void): void {
    this.addEventListener(type, listener as EventListener);
  }

  /** Typed `removeEventListener`. */
  off<K extends keyof ProgressiveUploadEventMap>(type: K, listener: (event: ProgressiveUploadEventMap[K]) => void): void {
    this.removeEventListener(type, listener as EventListener);
  }

  private storageFailed(error: StorageFailedError): void {
    this.options.log.storageFailed(error);
    this.dispatchEvent(new CustomEvent('error', { detail: error }));
  }

  private inBackground(task: () => Promise<void>): void {
    this.background = this.background.then(task).catch((error: unknown) => this.options.log.uploadDeferred(error));
  }

  /** While recording and online: uploads every full part (but a held part 1). */
  private async uploadFullParts(): Promise<void> {
    if (this.stopping || !this.options.network.online) {
      return;
    }
    let session = this.session;
    if (session === undefined) {
      // Only the ticket tells whether part 1 may go up now, so the upload starts with the first full part.
      if (planParts(this.sizes, this.options.partSize, false).length === 0) {
        return;
      }
      session = await this.startMultipart();
    }
    const mode = firstPartMode(session.upload.processing);
    for (const part of partsWhileRecording(this.sizes, session.upload.partSize, mode).filter((planned) => !session.has(planned.partNumber))) {
      if (this.stopping || !this.options.network.online) {
        return;
      }
      await this.uploadPart(session, part, await this.partBody(part));
    }
  }

  private async startMultipart(): Promise<MultipartSession> {
    const entry = this.store.entry;
    const ticket = await this.step('start', () =>
      this.options.api.startMultipart({
        room_id: entry.roomId,
        filename: entry.filename,
        contentType: entry.mimeType,
        ...(entry.participants === undefined ? {} : { participants: entry.participants }),
        ...(entry.audioLayout === undefined ? {} : { audio_layout: entry.audioLayout }),
      }),
    );
    const upload = {
      recordingId: ticket.recording_id,
      uploadId: ticket.upload_id,
      partSize: Math.max(this.options.partSize, ticket.min_part_size),
      // An older server sends no `processing`: part 1 then waits for the Duration, as it always did.
      ...(ticket.processing === true ? { processing: true } : {}),
    };
    await this.store.update({ upload });
    this.session = new MultipartSession(this.options.api, upload, this.options.put, this.options.clock);
    this.options.log.multipartStarted(upload.recordingId, upload.partSize);
    return this.session;
  }

  /** A short recording, or one whose multipart upload the server swept: one PUT of the whole file, Duration written. */
  private async uploadWhole(durationMs: number): Promise<RecordingView> {
    const entry = this.store.entry;
    const blob = await seekable(await this.finish(), entry.mimeType, durationMs, this.options.log);
    return uploadInOnePut(entry, blob, durationMs, this.options, (sent, total) => this.progress(sent, total));
  }

  /** At stop: the parts the server lacks (the tail, anything a closed tab left), a held part 1 last with the Duration, then complete. */
  private async completeMultipart(session: MultipartSession, durationMs: number): Promise<RecordingView> {
    let stored;
    try {
      stored = await this.step('part', () => session.stored());
    } catch (error) {
      if (!isUploadGone(error)) {
        throw error;
      }
      const completed = await this.step('complete', () => completedEarlier(this.options.api, session.upload.recordingId));
      if (completed?.partial === true) {
        // The server salvaged the start of the call while this browser was gone: send it the rest.
        const replacement = await this.replacement(session, completed);
        if (replacement === undefined) {
          return completed;
        }
        [session, stored] = replacement;
      } else if (completed !== undefined) {
        return completed;
      } else {
        return this.restart(durationMs);
      }
    }
    return this.sendRest(session, stored, durationMs);
  }

  /**
   * The upload that replaces a partial recording with the whole call, and the parts it holds (what
   * the server had, copied); `undefined` when the server refuses (the replacement upload is gone):
   * the partial recording is then what there is.
   */
  private async replacement(session: MultipartSession, partial: RecordingView): Promise<[MultipartSession, readonly StoredPart[]] | undefined> {
    const recordingId = session.upload.recordingId;
    let ticket;
    try {
      ticket = await this.step('part', () => this.options.api.startReplacement(recordingId));
    } catch (error) {
      if (!isUploadGone(error)) {
        throw error;
      }
      this.options.log.replacementRefused(partial.recording_id, error);
      return undefined;
    }
    const upload = { ...session.upload, uploadId: ticket.upload_id };
    await this.store.update({ upload });
    this.session = new MultipartSession(this.options.api, upload, this.options.put, this.options.clock);
    this.options.log.replacingPartial(recordingId, ticket.parts.length);
    return [this.session, ticket.parts];
  }

  /** The server swept the unfinished upload without keeping anything: start over with the whole file, if it is still here. */
  private async restart(durationMs: number): Promise<RecordingView> {
    if (!this.holdsWholeFile) {
      throw new UploadFailedError('part', {
        cause: new UploadExpiredError('The server swept the unfinished upload, and the parts it had confirmed are no longer in the journal'),
      });
    }
    await this.store.update({ upload: undefined });
    this.session = undefined;
    return this.uploadWhole(durationMs);
  }

  /** The parts the server lacks (`stored` is what it has), a held part 1 last with the Duration, then complete. */
  private async sendRest(session: MultipartSession, stored: readonly StoredPart[], durationMs: number): Promise<RecordingView> {
    const mode = firstPartMode(session.upload.processing);
    const order = partsAtStop(this.sizes, session.upload.partSize, mode);
    if (order.length === 0) {
      throw new Error('A multipart upload without chunks');
    }
    session.adopt(stored, order, mode);
    const missing = order.filter((part) => !session.has(part.partNumber));
    // A held part 1 is signed again at its size once its Duration is written (see PartUrlCache).
    await this.step('part', () => session.sign(missing.map((part) => ({ partNumber: part.partNumber, size: part.size }))));
    for (const part of missing) {
      const body = await this.partBody(part);
      // A held part 1 comes last (see partsAtStop), with the Duration this stop knows.
      await this.uploadPart(session, part, mode === 'held' && part.partNumber === 1 ? await seekable(body, this.store.entry.mimeType, durationMs, this.options.log) : body);
    }
    this.options.log.completing();
    const recording = await this.step('complete', () => session.complete(durationMs));
    this.options.log.uploaded();
    return recording;
  }

  private async partBody(part: PlannedPart): Promise<Blob> {
    const chunks = await this.store.chunks({ from: part.firstSeq, to: part.lastSeq });
    const body = new Blob(
      chunks.map((chunk) => chunk.blob),
      { type: this.store.entry.mimeType },
    );
    if (body.size !== part.size) {
      throw new UploadExpiredError(`Part ${part.partNumber} is no longer complete in the journal (${body.size} of ${part.size} bytes)`);
    }
    return body;
  }

  private async uploadPart(session: MultipartSession, part: PlannedPart, body: Blob): Promise<void> {
    await this.step('part', () => session.putPart(part, body));
    this.options.log.partUploaded(part.partNumber, body.size);
    if ((part.partNumber > 1 || firstPartMode(session.upload.processing) === 'eager') && !this.stopping) {
      // Confirmed by the server: the journal need not keep these bytes (a held part 1 waits for the Duration).
      if (this.store.entry.pruned !== true) await this.store.update({ pruned: true });
      await this.store.prune({ from: part.firstSeq, to: part.lastSeq });
    }
    this.progress(Math.min(session.confirmedBytes, this.bytes), this.bytes);
  }

  private progress(sent: number, total: number): void {
    this.options.onProgress(sent, total);
    this.dispatchEvent(new CustomEvent('progress', { detail: { sent, total } }));
  }

  private async step<T>(step: UploadStep, task: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(
        this.options.retry,
        async () => {
          if (!this.options.network.online) {
            this.options.log.offline();
            await whenOnline(this.options.network);
          }
          return task();
        },
        (error, attempt) => this.options.log.retrying(step, attempt, error),
      );
    } catch (error) {
      throw error instanceof UploadFailedError ? error : new UploadFailedError(step, { cause: error });
    }
  }
}

function resolve(options: ProgressiveUploadOptions): Resolved {
  return {
    journal: options.journal,
    api: options.api,
    partSize: options.partSize ?? DEFAULT_PART_SIZE,
    retry: options.retry ?? PART_RETRY_POLICY,
    put: options.put ?? xhrPut,
    log: options.log ?? new RecordingLog(),
    clock: options.clock ?? Date.now,
    onProgress: options.onProgress ?? (() => undefined),
    network: options.network ?? browserNetworkStatus,
  };
}
