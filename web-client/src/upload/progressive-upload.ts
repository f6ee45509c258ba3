import { holdEntry } from '../journal/entry-lock';
import { discardRecording } from '../journal/recovery';
import type { Journal, JournalChunk, JournalEntry } from '../journal/journal';
import type { ChunkSink } from '../recording/chunk-sink';
import { recordingFilename } from '../recording/filename';
import { RecordingLog } from '../recording-log';
import type { CompletedPart, PartUpload, RecordingView } from './api-types';
import { ExpiredUrlError, HttpError, UnexpectedResponseError, UploadFailedError, type UploadStep } from './errors';
import { planParts, type ChunkSize, type PlannedPart } from './part-plan';
import { xhrPut, type PutTransport } from './put-transport';
import { MAX_PARTS_PER_REQUEST, type RecordingsApi } from './recordings-api';
import { RecordingUploader, type UploadTarget } from './recording-uploader';
import { PART_RETRY_POLICY, withRetry, type RetryPolicy } from './retry-policy';
import { isWebm, withWebmDuration } from './webm-duration';

/** The smallest part S3 accepts (all but the last); also what the server asks for. */
export const DEFAULT_PART_SIZE = 5 * 1024 * 1024;
/** A part URL this close to its expiry is signed again before use. */
const URL_EXPIRY_MARGIN_MS = 60_000;

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
  /** Bytes the server has confirmed so far, of all bytes journaled. */
  readonly onProgress?: (sent: number, total: number) => void;
}

type Resolved = Required<Omit<ProgressiveUploadOptions, 'partSize'>> & { readonly partSize: number };

/** A part the storage holds, with its size to match against the plan. */
interface DonePart extends CompletedPart {
  readonly size: number;
}

/**
 * Never loses a recording: every chunk goes to the {@link Journal} first, then whole parts go up
 * while the call goes on (multipart, parts of at least 5 MiB), and only the journal is kept in the
 * page (no chunk arrays). Part 1 is held back until stop, when the WebM Duration is written into
 * its header. At stop only the tail and part 1 go up; a short recording (less than two parts) goes
 * up with the single PUT instead. Chunks are deleted only after the server confirmed completion.
 *
 * It is the recorder's {@link ChunkSink}:
 *
 * @example
 * const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: recorder.mimeType }, { journal, api });
 * const recorder = new CallRecorder({ createSink: () => upload });
 * recorder.start(local, remote);
 * const file = await recorder.stop();
 * const recording = await upload.complete(file.durationMs);   // on failure the journal keeps it
 */
export class ProgressiveUpload implements ChunkSink {
  private readonly sizes: ChunkSize[];
  private readonly done = new Map<number, DonePart>();
  private readonly urls = new Map<number, { readonly part: PartUpload; readonly expiresAt: number }>();
  private background: Promise<void> = Promise.resolve();
  private stopping = false;
  private settled = false;

  private constructor(
    private entry: JournalEntry,
    chunks: readonly JournalChunk[],
    private readonly options: Resolved,
    private readonly release: () => void,
    private lastElapsedMs: number,
  ) {
    this.sizes = chunks.map(({ seq, size }) => ({ seq, size }));
  }

  /** Registers a new recording in the journal; nothing reaches the server before the first full part. */
  static async begin(target: UploadTarget & { readonly mimeType: string }, options: ProgressiveUploadOptions): Promise<ProgressiveUpload> {
    const resolved = resolve(options);
    const createdAt = resolved.clock();
    const entry: JournalEntry = {
      id: crypto.randomUUID(),
      roomId: target.roomId,
      ...(target.participants === undefined ? {} : { participants: target.participants }),
      filename: recordingFilename(new Date(createdAt), target.mimeType),
      mimeType: target.mimeType,
      createdAt,
      state: 'recording',
    };
    await resolved.journal.create(entry);
    resolved.log.journaling(entry.id);
    return new ProgressiveUpload(entry, [], resolved, await holdEntry(entry.id), 0);
  }

  /** Picks up a journal entry that a closed tab, a crash or a failed upload left behind. */
  static async resume(entry: JournalEntry, options: ProgressiveUploadOptions): Promise<ProgressiveUpload> {
    const resolved = resolve(options);
    const release = await holdEntry(entry.id);
    const chunks = await resolved.journal.chunks(entry.id);
    resolved.log.recovering(entry.filename);
    return new ProgressiveUpload(entry, chunks, resolved, release, chunks.at(-1)?.elapsedMs ?? 0);
  }

  /** The journal entry's id. */
  get id(): string {
    return this.entry.id;
  }

  /** The journal entry as it stands. */
  get journalEntry(): JournalEntry {
    return this.entry;
  }

  /** Bytes journaled so far. */
  get bytes(): number {
    return this.sizes.reduce((sum, chunk) => sum + chunk.size, 0);
  }

  /** Multipart part numbers the server confirmed so far. */
  get uploadedParts(): readonly number[] {
    return [...this.done.keys()].sort((a, b) => a - b);
  }

  /** Journals the chunk (durably, before anything else) and then lets full parts go up in the background. */
  async write(chunk: Blob): Promise<void> {
    const seq = (this.sizes.at(-1)?.seq ?? -1) + 1;
    const elapsedMs = this.options.clock() - this.entry.createdAt;
    await this.options.journal.append(this.entry.id, { seq, size: chunk.size, elapsedMs, blob: chunk });
    this.sizes.push({ seq, size: chunk.size });
    this.lastElapsedMs = elapsedMs;
    this.inBackground(() => this.uploadFullParts());
  }

  /** The whole recording as journaled (a Blob backed by the journal, not by page memory). */
  async finish(): Promise<Blob> {
    const chunks = await this.options.journal.chunks(this.entry.id);
    return new Blob(
      chunks.map((chunk) => chunk.blob),
      { type: this.entry.mimeType },
    );
  }

  /**
   * Uploads what is left and completes the recording; then deletes it from the journal. Without
   * `durationMs` (a recovered recording) the duration is the last chunk's recording time.
   *
   * @throws UploadFailedError when it failed for good; the journal keeps everything for a later try
   */
  async complete(durationMs?: number): Promise<RecordingView> {
    this.stopping = true;
    const duration = Math.round(durationMs ?? this.entry.durationMs ?? this.lastElapsedMs);
    try {
      this.entry = await this.options.journal.update(this.entry.id, { state: 'stopped', durationMs: duration });
      await this.background;
      const recording = this.entry.upload === undefined ? await this.uploadWhole(duration) : await this.completeMultipart(duration);
      await this.options.journal.remove(this.entry.id);
      this.settled = true;
      return recording;
    } finally {
      // Free the entry either way: after a failure another page (or this one) may recover it.
      this.release();
    }
  }

  /** Throws the recording away (e.g. the recorder could not start): aborts the upload, deletes the chunks. */
  async discard(): Promise<void> {
    this.stopping = true;
    try {
      await this.background;
      await discardRecording(this.options.journal, this.options.api, this.entry);
      this.settled = true;
    } finally {
      this.release();
    }
  }

  /** Whether some of the recording has not reached the server yet. */
  get unsent(): boolean {
    return !this.settled;
  }

  private inBackground(task: () => Promise<void>): void {
    this.background = this.background.then(task).catch((error: unknown) => this.options.log.uploadDeferred(error));
  }

  /** While recording: uploads every full part but the first. */
  private async uploadFullParts(): Promise<void> {
    if (this.stopping) {
      return;
    }
    const waiting = (partSize: number) => planParts(this.sizes, partSize, false).filter((part) => part.partNumber > 1 && !this.done.has(part.partNumber));
    if (this.entry.upload === undefined) {
      if (waiting(this.options.partSize).length === 0) {
        return;
      }
      await this.startMultipart();
    }
    for (const part of waiting(this.partSize())) {
      if (this.stopping) {
        return;
      }
      await this.uploadPart(part, await this.partBody(part));
    }
  }

  private partSize(): number {
    return this.entry.upload?.partSize ?? this.options.partSize;
  }

  private async startMultipart(): Promise<void> {
    const ticket = await this.step('start', () =>
      this.options.api.startMultipart({
        room_id: this.entry.roomId,
        filename: this.entry.filename,
        contentType: this.entry.mimeType,
        ...(this.entry.participants === undefined ? {} : { participants: this.entry.participants }),
      }),
    );
    const partSize = Math.max(this.options.partSize, ticket.min_part_size);
    this.entry = await this.options.journal.update(this.entry.id, {
      upload: { recordingId: ticket.recording_id, uploadId: ticket.upload_id, partSize },
    });
    this.options.log.multipartStarted(ticket.recording_id, partSize);
  }

  /** A short recording: one PUT of the whole file, Duration written, through the seed contract. */
  private async uploadWhole(durationMs: number): Promise<RecordingView> {
    const blob = await this.seekable(await this.finish(), durationMs);
    const uploader = new RecordingUploader(this.options.api, { retry: this.options.retry, put: this.options.put, log: this.options.log });
    return uploader.upload(
      { blob, filename: this.entry.filename, mimeType: this.entry.mimeType, durationMs },
      { roomId: this.entry.roomId, ...(this.entry.participants === undefined ? {} : { participants: this.entry.participants }) },
      this.options.onProgress,
    );
  }

  /** At stop: the parts the server lacks (the tail, anything a closed tab left), part 1 with the Duration, then complete. */
  private async completeMultipart(durationMs: number): Promise<RecordingView> {
    const upload = this.entry.upload;
    if (upload === undefined) {
      throw new Error('No multipart upload to complete');
    }
    let stored: readonly DonePart[];
    try {
      stored = await this.step('part', () => this.options.api.storedParts(upload.recordingId));
    } catch (error) {
      if (isGone(error)) {
        // A completion whose answer was lost (the tab closed before the journal was cleared) also
        // ends the upload: then the recording is there, and uploading it again would duplicate it.
        const completed = await this.completedEarlier(upload.recordingId);
        if (completed !== undefined) {
          return completed;
        }
        // The server swept the unfinished upload (its window closed): start over with the whole file.
        this.entry = await this.options.journal.update(this.entry.id, { upload: undefined });
        this.done.clear();
        return this.uploadWhole(durationMs);
      }
      throw error;
    }
    const plan = planParts(this.sizes, upload.partSize, true);
    for (const part of stored) {
      if (plan.some((planned) => planned.partNumber === part.part_number && planned.partNumber > 1 && planned.size === part.size)) {
        this.done.set(part.part_number, { part_number: part.part_number, etag: part.etag, size: part.size });
      }
    }
    const [first, ...rest] = plan;
    if (first === undefined) {
      throw new Error('A multipart upload without chunks');
    }
    const missing = rest.filter((part) => !this.done.has(part.partNumber));
    await this.step('part', () => this.signUrls([...missing.map((part) => part.partNumber), first.partNumber]));
    for (const part of missing) {
      await this.uploadPart(part, await this.partBody(part));
    }
    // Part 1 always goes up last, with the Duration this stop knows.
    await this.uploadPart(first, await this.seekable(await this.partBody(first), durationMs));
    this.options.log.completing();
    const parts = [...this.done.values()].sort((a, b) => a.part_number - b.part_number).map(({ part_number, etag }) => ({ part_number, etag }));
    const recording = await this.step('complete', () => this.options.api.complete(upload.recordingId, { parts, duration_ms: durationMs }));
    this.options.log.uploaded();
    return recording;
  }

  /** The recording, when the server already has it COMPLETED. */
  private async completedEarlier(recordingId: string): Promise<RecordingView | undefined> {
    try {
      const recording = await this.step('complete', () => this.options.api.get(recordingId));
      return recording.status === 'COMPLETED' ? recording : undefined;
    } catch (error) {
      if (isGone(error)) {
        return undefined;
      }
      throw error;
    }
  }

  private async seekable(file: Blob, durationMs: number): Promise<Blob> {
    if (!isWebm(this.entry.mimeType)) {
      return file;
    }
    const patched = await withWebmDuration(file, durationMs);
    if (patched === undefined) {
      this.options.log.notSeekable();
    }
    return patched ?? file;
  }

  private async partBody(part: PlannedPart): Promise<Blob> {
    const chunks = await this.options.journal.chunks(this.entry.id, { from: part.firstSeq, to: part.lastSeq });
    return new Blob(
      chunks.map((chunk) => chunk.blob),
      { type: this.entry.mimeType },
    );
  }

  private async uploadPart(part: PlannedPart, body: Blob): Promise<void> {
    const etag = await this.step('part', () => this.putPart(part.partNumber, body));
    this.done.set(part.partNumber, { part_number: part.partNumber, etag, size: body.size });
    this.options.log.partUploaded(part.partNumber, body.size);
    const sent = [...this.done.values()].reduce((sum, done) => sum + done.size, 0);
    this.options.onProgress(Math.min(sent, this.bytes), this.bytes);
  }

  private async putPart(partNumber: number, body: Blob): Promise<string> {
    const signed = await this.signedUrl(partNumber);
    try {
      const { etag } = await this.options.put(signed.upload_url, body, signed.upload_headers, () => undefined);
      if (etag === null) {
        throw new UnexpectedResponseError(`The PUT of part ${partNumber} answered without an ETag (does the storage's CORS expose it?)`);
      }
      return etag;
    } catch (error) {
      if (error instanceof HttpError && error.status === 403) {
        this.urls.delete(partNumber);
        throw new ExpiredUrlError(`Storage refused the URL of part ${partNumber}; signing a fresh one`, { cause: error });
      }
      throw error;
    }
  }

  private async signedUrl(partNumber: number): Promise<PartUpload> {
    const cached = this.urls.get(partNumber);
    if (cached !== undefined && cached.expiresAt - this.options.clock() > URL_EXPIRY_MARGIN_MS) {
      return cached.part;
    }
    await this.signUrls([partNumber]);
    const signed = this.urls.get(partNumber);
    if (signed === undefined) {
      throw new UnexpectedResponseError(`The server signed no URL for part ${partNumber}`);
    }
    return signed.part;
  }

  /** Signs URLs for the part numbers that have no fresh one, in requests of at most 100. */
  private async signUrls(partNumbers: readonly number[]): Promise<void> {
    const upload = this.entry.upload;
    if (upload === undefined) {
      throw new Error('No multipart upload to sign parts for');
    }
    const now = this.options.clock();
    const needed = partNumbers.filter((n) => (this.urls.get(n)?.expiresAt ?? 0) - now <= URL_EXPIRY_MARGIN_MS);
    for (let i = 0; i < needed.length; i += MAX_PARTS_PER_REQUEST) {
      const signed = await this.options.api.signParts(upload.recordingId, needed.slice(i, i + MAX_PARTS_PER_REQUEST));
      const signedAt = this.options.clock();
      for (const part of signed) {
        this.urls.set(part.part_number, { part, expiresAt: signedAt + part.expires_in * 1000 });
      }
    }
  }

  private async step<T>(step: UploadStep, task: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(this.options.retry, task, (error, attempt) => this.options.log.retrying(step, attempt, error));
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
  };
}

/** The server no longer knows the upload (swept after its window closed, or aborted). */
function isGone(error: unknown): boolean {
  const cause = error instanceof UploadFailedError ? error.cause : error;
  return cause instanceof HttpError && (cause.status === 404 || cause.status === 409 || cause.status === 410);
}

