import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IndexedDbJournal } from '../../src/journal/indexeddb-journal';
import { HttpError, InvalidMimeTypeError, InvalidRoomIdError, NetworkError, UploadExpiredError, UploadFailedError } from '../../src/upload/errors';
import type { NetworkStatus } from '../../src/upload/network-status';
import { ProgressiveUpload, type ProgressiveUploadOptions } from '../../src/upload/progressive-upload';
import { uploadPending } from '../../src/upload/pending-uploads';
import { findRecoverable } from '../../src/journal/recovery';
import { RecordingsApi } from '../../src/upload/recordings-api';
import { parseHeader, withWebmDuration } from '../../src/upload/webm-duration';
import { concat, FakeStorageServer } from '../support/fake-storage-server';
import { CHUNK, MIME, PART, quiet, recordedChunks } from '../support/webm-chunks';

let recording: Uint8Array<ArrayBuffer>;
let chunks: Blob[];
const fast = { retries: 3, minDelayMs: 1, maxDelayMs: 1, factor: 1 };

let journal: IndexedDbJournal;
let server: FakeStorageServer;
let now: number;
let dbCount = 0;

beforeAll(async () => {
  ({ recording, chunks } = await recordedChunks());
});

beforeEach(async () => {
  dbCount += 1;
  journal = await IndexedDbJournal.open({ user: `user-${dbCount}`, name: 'journal-test' });
  now = 1_000_000;
  server = new FakeStorageServer(PART, () => now);
});

afterEach(() => journal.close());

function options(overrides: Partial<ProgressiveUploadOptions> = {}): ProgressiveUploadOptions {
  const api = new RecordingsApi({ baseUrl: 'http://api.test', token: () => 't', fetch: server.fetch });
  return { journal, api, partSize: PART, retry: fast, put: server.put, log: quiet, clock: () => now, ...overrides };
}

async function record(upload: ProgressiveUpload, blobs: readonly Blob[]): Promise<void> {
  for (const chunk of blobs) {
    now += 250;
    await upload.write(chunk);
  }
}

/** Lets the background part uploads run (they are chained promises on fake I/O). */
async function settle(upload: ProgressiveUpload, parts: number): Promise<void> {
  await expect.poll(() => upload.uploadedParts.length, { timeout: 2_000, interval: 5 }).toBe(parts);
}

/**
 * Records the whole fixture while part 3 fails, until `confirmed` parts are up; then the tab
 * "closes": its PUTs never answer. Part 3 was never confirmed, so its bytes stay journaled.
 */
async function closeTabWhilePart3GoesUp(confirmed: number): Promise<void> {
  server.failPut = ({ partNumber }) => (partNumber === 3 ? new NetworkError('tab closing') : undefined);
  let closed = false;
  const put: typeof server.put = (...args) => (closed ? new Promise(() => undefined) : server.put(...args));
  const first = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ retry: { ...fast, retries: 0 }, put }));
  await record(first, chunks);
  await settle(first, confirmed);
  closed = true;
  server.failPut = () => undefined;
}

async function patched(bytes: Uint8Array<ArrayBuffer>, durationMs: number): Promise<Uint8Array> {
  return new Uint8Array(await (await withWebmDuration(new Blob([bytes]), durationMs))!.arrayBuffer());
}

describe('ProgressiveUpload', () => {
  it('journals every chunk before anything else, uploads full parts while recording, holding part 1 back, and prunes the confirmed ones', async () => {
    const written: number[] = [];
    const watched = Object.assign(Object.create(journal) as IndexedDbJournal, {
      append: async (id: string, chunk: Parameters<IndexedDbJournal['append']>[1]) => {
        await journal.append(id, chunk);
        written.push(chunk.seq);
      },
    });
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ journal: watched }));
    await record(upload, chunks);

    expect(written).toEqual(chunks.map((_, i) => i));
    expect((await journal.chunkInfo(upload.id)).map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    await settle(upload, 3);
    // 91,653 bytes in parts of 20,000+: parts 2, 3, 4 full; part 1 waits for the Duration; the tail waits for stop.
    expect(server.storedPuts()).toEqual([2, 3, 4]);
    expect(server.multipartStarts).toBe(1);
    expect((await journal.get(upload.id))?.upload).toEqual({ recordingId: 'r1', uploadId: 'u1', partSize: PART });
    // Parts 2-4 (chunks 4-15) are on the server: the journal keeps only part 1 and the tail, and every size.
    const held = await journal.chunks(upload.id);
    expect(held.map((c) => c.seq)).toEqual([0, 1, 2, 3, 16, 17, 18]);
    expect(new Uint8Array(await new Blob(held.slice(0, 4).map((c) => c.blob)).arrayBuffer())).toEqual(recording.subarray(0, 4 * CHUNK));
    expect(upload.holdsWholeFile).toBe(false);
  });

  it('at stop uploads only the tail and part 1, completes with every part, and the object is the journal with the Duration written', async () => {
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    await record(upload, chunks);
    await settle(upload, 3);

    const result = await upload.complete(3000);

    expect(result.status).toBe('COMPLETED');
    expect(server.storedPuts()).toEqual([2, 3, 4, 5, 1]);
    expect(server.completion).toEqual({ parts: [1, 2, 3, 4, 5].map((n) => ({ part_number: n, etag: server.parts.get(n)?.etag })), duration_ms: 3000 });
    expect(server.object).toEqual(await patched(recording, 3000));
    expect(parseHeader(server.object as Uint8Array<ArrayBuffer>)?.info.getSectionById(0x489)?.getValue()).toBe(3000);
    expect(await journal.entries()).toEqual([]);
    expect(await journal.chunks(upload.id)).toEqual([]);
    expect(upload.unsent).toBe(false);
  });

  it('uploads a recording shorter than one part with the single PUT, Duration written', async () => {
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ partSize: 1_000_000 }));
    await record(upload, chunks);

    await upload.complete(3000);

    expect(server.multipartStarts).toBe(0);
    expect(server.puts.map((p) => p.kind)).toEqual(['single']);
    expect(server.object).toEqual(await patched(recording, 3000));
    expect(server.completion).toEqual({ duration_ms: 3000 });
    expect(await journal.entries()).toEqual([]);
  });

  it('retries failed PUTs with backoff and still joins a byte-identical file', async () => {
    server.failPut = ({ attempt }) => (attempt % 3 === 1 ? new NetworkError('connection reset') : attempt % 3 === 2 ? new HttpError(503) : undefined);
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    await record(upload, chunks);

    await upload.complete(3000);

    expect(server.puts.filter((p) => p.outcome === 'failed').length).toBeGreaterThanOrEqual(10);
    expect(server.object).toEqual(await patched(recording, 3000));
  });

  it('signs a fresh URL after a 403 and before a URL expires', async () => {
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    await record(upload, chunks.slice(0, 10));
    await settle(upload, 1);
    server.expireUrls();
    server.urlLifetimeSeconds = 90;

    await record(upload, chunks.slice(10));
    await settle(upload, 3);
    now += 31_000;
    await upload.complete(3000);

    expect(server.puts.filter((p) => p.outcome === 'failed')).toEqual([]);
    expect(server.object).toEqual(await patched(recording, 3000));
    // Part 5 and 1 were signed with 90 s URLs; 31 s later, with under 60 s left, they were signed again,
    // and part 1 once more at its size with the Duration written (a part URL binds its size).
    expect(server.signRequests.at(-2)).toEqual([5, 1]);
    expect(server.signRequests.at(-1)).toEqual([1]);
    expect(server.signRequests.length).toBeGreaterThanOrEqual(4);
  });

  it('re-signs and retries a part whose URL storage refused with 403', async () => {
    server.failPut = ({ partNumber, attempt }) => (partNumber === 2 && attempt === 1 ? new HttpError(403, { title: 'Request has expired' }) : undefined);
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    await record(upload, chunks);

    await upload.complete(3000);

    expect(server.signRequests.filter((numbers) => numbers.includes(2))).toHaveLength(2);
    expect(server.object).toEqual(await patched(recording, 3000));
  });

  it('resumes a cut-off recording from the journal: uploads only the parts the server lacks, Duration from the last chunk', async () => {
    await closeTabWhilePart3GoesUp(1); // part 2; part 3 keeps failing, so part 4 waits behind it
    const entry = (await journal.entries())[0]!;
    expect(entry.state).toBe('recording');

    const resumed = await ProgressiveUpload.resume(entry, options());
    const before = server.storedPuts().length;
    await resumed.complete();

    expect(server.storedPuts().slice(before)).toEqual([3, 4, 5, 1]);
    const lastElapsed = chunks.length * 250;
    expect(server.completion?.duration_ms).toBe(lastElapsed);
    expect(server.object).toEqual(await patched(recording, lastElapsed));
    expect(await journal.entries()).toEqual([]);
  });

  it('journals the recorded time the recorder gives with each chunk, so a recording paused for a minute and cut off recovers without the pause', async () => {
    // The tab is gone before any PUT answers.
    const first = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ put: () => new Promise(() => undefined) }));
    let recordedMs = 0;
    for (const [index, chunk] of chunks.entries()) {
      // A minute of pause after the third chunk: the wall clock runs on, the recorded time does not.
      now += index === 3 ? 60_000 : 1_000;
      recordedMs += 1_000;
      await first.write(chunk, recordedMs);
    }
    const entry = (await journal.entries())[0]!;
    expect((await journal.chunks(entry.id)).at(-1)?.elapsedMs).toBe(chunks.length * 1_000);
    expect((await findRecoverable(journal))[0]?.durationMs).toBe(chunks.length * 1_000);

    await (await ProgressiveUpload.resume(entry, options())).complete();
    expect(server.completion?.duration_ms).toBe(chunks.length * 1_000);
    expect(server.object).toEqual(await patched(recording, chunks.length * 1_000));
  });

  it('starts over with the whole file when the server forgot an upload none of whose parts were pruned', async () => {
    server.failPut = () => new HttpError(503);
    const first = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ retry: { ...fast, retries: 0 } }));
    await record(first, chunks);
    await expect.poll(() => server.multipartStarts).toBe(1);
    server.failPut = () => undefined;
    server.forgetUpload();

    await first.complete(3000);

    expect(server.puts.at(-1)?.kind).toBe('single');
    expect(server.object).toEqual(await patched(recording, 3000));
    expect(await journal.entries()).toEqual([]);
  });

  it('says so, and keeps the rest for a discard, when the server swept an upload whose confirmed parts were pruned', async () => {
    const first = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    await record(first, chunks);
    await settle(first, 3);
    server.forgetUpload();

    const failure = await first.complete(3000).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(UploadFailedError);
    expect((failure as UploadFailedError).cause).toBeInstanceOf(UploadExpiredError);
    expect(await journal.get(first.id)).toMatchObject({ state: 'stopped', pruned: true });
  });

  it('does not upload again when an earlier completion went through but the journal was not cleared', async () => {
    const first = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    await record(first, chunks);
    await settle(first, 3);
    // The tab closes right after the server completed the recording, before the journal is cleared.
    const keepEntry = Object.assign(Object.create(journal) as IndexedDbJournal, { remove: async () => { throw new Error('tab closed'); } });
    await expect(ProgressiveUpload.resume((await journal.entries())[0]!, options({ journal: keepEntry })).then((u) => u.complete(3000))).rejects.toThrow('tab closed');
    const object = server.object;
    const putsBefore = server.puts.length;

    const recovered = await ProgressiveUpload.resume((await journal.entries())[0]!, options());
    const recording = await recovered.complete();

    expect(recording).toMatchObject({ recording_id: 'r1', status: 'COMPLETED' });
    expect(server.puts.length).toBe(putsBefore);
    expect(server.multipartStarts).toBe(1);
    expect(server.object).toBe(object);
    expect(await journal.entries()).toEqual([]);
  });

  it('keeps every chunk in the journal when completion fails for good', async () => {
    server.failPut = () => new NetworkError('offline');
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    await record(upload, chunks);

    const failure = await upload.complete(3000).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(UploadFailedError);
    expect(await journal.chunks(upload.id)).toHaveLength(chunks.length);
    expect(await journal.get(upload.id)).toMatchObject({ state: 'stopped', durationMs: 3000 });
    expect(upload.unsent).toBe(true);
    expect(concat([new Uint8Array(await (await upload.finish()).arrayBuffer())])).toEqual(recording);
  });

  it('refuses a room id or a type the server would refuse, before journaling anything', async () => {
    await expect(ProgressiveUpload.begin({ roomId: 'room 1/..', mimeType: MIME }, options())).rejects.toBeInstanceOf(InvalidRoomIdError);
    await expect(ProgressiveUpload.begin({ roomId: 'r'.repeat(129), mimeType: MIME }, options())).rejects.toBeInstanceOf(InvalidRoomIdError);
    await expect(ProgressiveUpload.begin({ roomId: 'room-1', mimeType: '' }, options())).rejects.toBeInstanceOf(InvalidMimeTypeError);
    await expect(ProgressiveUpload.begin({ roomId: 'room-1', mimeType: 'webm' }, options())).rejects.toBeInstanceOf(InvalidMimeTypeError);
    expect(await journal.entries()).toEqual([]);
  });

  it("takes the recorder's negotiated type (Safari's MP4) into the file name, the journal and the upload", async () => {
    const requests: Record<string, unknown>[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      if (typeof init?.body === 'string') requests.push(JSON.parse(init.body) as Record<string, unknown>);
      return server.fetch(input, init);
    };
    const mp4 = 'video/mp4;codecs=avc1,mp4a.40.2';
    const api = new RecordingsApi({ baseUrl: 'http://api.test', token: () => 't', fetch });
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: mp4 }, options({ api }));
    expect(upload.journalEntry).toMatchObject({ mimeType: mp4, filename: expect.stringMatching(/^recording-\d{8}-\d{6}\.mp4$/) });
    await record(upload, chunks);

    await upload.complete(3000);

    expect(requests[0]).toMatchObject({ room_id: 'room-1', contentType: mp4, filename: expect.stringMatching(/\.mp4$/) });
    // Not WebM: no Duration is written, the object is the recording as recorded.
    expect(server.object).toEqual(recording);
  });

  it('tries nothing while offline, and goes on by itself at the online event, also with a completion waiting', async () => {
    const listeners = new Set<(online: boolean) => void>();
    const network = {
      online: false as boolean,
      subscribe(listener: (online: boolean) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    } satisfies NetworkStatus;
    const setOnline = (online: boolean) => {
      network.online = online;
      for (const listener of [...listeners]) listener(online);
    };
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ network }));
    await record(upload, chunks.slice(0, 14));
    expect(server.multipartStarts).toBe(0);

    setOnline(true);
    // No new chunk needed: the online event alone sends the full parts (2 and 3 of chunks 0-13).
    await settle(upload, 2);
    setOnline(false);
    await record(upload, chunks.slice(14));
    const completed = upload.complete(3000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.storedPuts()).toEqual([2, 3]);
    expect(server.completion).toBeUndefined();

    setOnline(true);
    await completed;
    expect(server.puts.filter((p) => p.outcome === 'failed')).toEqual([]);
    expect(server.object).toEqual(await patched(recording, 3000));
  });

  it('uploadPending sends, without asking, what failed after a stop, and leaves a cut-off recording for a choice', async () => {
    server.failPut = () => new NetworkError('offline');
    const failed = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ retry: { ...fast, retries: 0 } }));
    await record(failed, chunks);
    await expect(failed.complete(3000)).rejects.toThrow(UploadFailedError);
    const cutOff = await ProgressiveUpload.begin({ roomId: 'room-2', mimeType: MIME }, options());
    await record(cutOff, chunks.slice(0, 2));
    server.failPut = () => undefined;

    const { uploaded, failed: stillFailing } = await uploadPending(options());

    expect(uploaded.map((r) => r.status)).toEqual(['COMPLETED']);
    expect(stillFailing).toEqual([]);
    expect(server.object).toEqual(await patched(recording, 3000));
    expect((await journal.entries()).map((e) => e.id)).toEqual([cutOff.id]);
  });
});

describe('ProgressiveUpload when the server processes recordings (ticket `processing: true`)', () => {
  beforeEach(() => {
    server.processing = true;
  });

  it('uploads every full part as soon as it is full, part 1 included, prunes them all, and journals the mode', async () => {
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    await record(upload, chunks.slice(0, 4));
    // Part 1 (chunks 0-3) is full: the upload starts and part 1 goes up, before any part 2 exists.
    await settle(upload, 1);
    expect(server.storedPuts()).toEqual([1]);
    expect((await journal.get(upload.id))?.upload).toEqual({ recordingId: 'r1', uploadId: 'u1', partSize: PART, processing: true });

    await record(upload, chunks.slice(4));
    await settle(upload, 4);
    expect(server.storedPuts()).toEqual([1, 2, 3, 4]);
    // Only the tail (chunks 16-18) is left in the journal: at stop at most one part goes up.
    expect((await journal.chunks(upload.id)).map((c) => c.seq)).toEqual([16, 17, 18]);
  });

  it('at stop uploads only the tail, writes no Duration, and the object is the journal byte for byte', async () => {
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    await record(upload, chunks);
    await settle(upload, 4);
    const putsBefore = server.storedPuts().length;

    await upload.complete(3000);

    expect(server.storedPuts().slice(putsBefore)).toEqual([5]);
    expect(server.completion).toEqual({ parts: [1, 2, 3, 4, 5].map((n) => ({ part_number: n, etag: server.parts.get(n)?.etag })), duration_ms: 3000 });
    expect(server.object).toEqual(recording);
    expect(await journal.entries()).toEqual([]);
  });

  it('a resumed upload keeps its mode: it adopts the stored part 1 and sends only what the server lacks, without a Duration', async () => {
    await closeTabWhilePart3GoesUp(2); // parts 1 and 2; part 3 keeps failing, so part 4 waits behind it
    // The page reloads against a server that no longer says `processing` (as after a downgrade):
    // the journal, not the server, tells the resumed upload how part 1 went up.
    server.processing = undefined;
    const entry = (await journal.entries())[0]!;
    expect(entry.upload?.processing).toBe(true);

    const resumed = await ProgressiveUpload.resume(entry, options());
    const before = server.storedPuts().length;
    await resumed.complete();

    expect(server.storedPuts().slice(before)).toEqual([3, 4, 5]);
    expect(server.object).toEqual(recording);
    expect(await journal.entries()).toEqual([]);
  });

  it('a browser that comes back after the server salvaged its recording sends only the rest, to the replacement upload, and the recording holds the whole call', async () => {
    await closeTabWhilePart3GoesUp(2); // parts 1 and 2 reached the server; the tab is gone
    server.salvage();
    const entry = (await journal.entries())[0]!;
    expect(entry.pruned).toBe(true);

    const resumed = await ProgressiveUpload.resume(entry, options());
    const before = server.storedPuts().length;
    const whole = await resumed.complete();

    expect(server.replacementStarts).toBe(1);
    // Parts 1 and 2 are the server's own copies: not sent again, and pruned here long ago.
    expect(server.storedPuts().slice(before)).toEqual([3, 4, 5]);
    expect(server.completion?.parts?.slice(0, 2)).toEqual([{ part_number: 1, etag: '"copy-1"' }, { part_number: 2, etag: '"copy-2"' }]);
    expect(whole).toMatchObject({ recording_id: 'r1', status: 'COMPLETED', partial: false });
    expect(server.multipartStarts).toBe(1);
    expect(server.object).toEqual(recording);
    expect(await journal.entries()).toEqual([]);
  });

  it('keeps the partial recording, and uploads nothing twice, when the server no longer holds a replacement upload', async () => {
    await closeTabWhilePart3GoesUp(2);
    server.salvage(false);
    const salvaged = server.object;

    const recovered = await (await ProgressiveUpload.resume((await journal.entries())[0]!, options())).complete();

    expect(recovered).toMatchObject({ recording_id: 'r1', status: 'COMPLETED', partial: true });
    expect(server.replacementStarts).toBe(1);
    expect(server.multipartStarts).toBe(1);
    expect(server.object).toBe(salvaged);
  });

  it('an older journal entry without the mode resumes as before: part 1 again, last, with the Duration', async () => {
    server.processing = undefined;
    const first = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    await record(first, chunks);
    await settle(first, 3);
    const entry = (await journal.entries())[0]!;
    expect(entry.upload).not.toHaveProperty('processing');
    server.processing = true;

    const resumed = await ProgressiveUpload.resume(entry, options());
    await resumed.complete(3000);

    expect(server.storedPuts()).toEqual([2, 3, 4, 5, 1]);
    expect(server.object).toEqual(await patched(recording, 3000));
  });
});
