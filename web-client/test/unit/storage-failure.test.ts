import 'fake-indexeddb/auto';
import { IDBObjectStore as FakeObjectStore } from 'fake-indexeddb';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { JOURNAL_WRITE_DEADLINE_MS } from '../../src/journal/deadline';
import { StorageFailedError } from '../../src/journal/errors';
import { IndexedDbJournal } from '../../src/journal/indexeddb-journal';
import type { Journal } from '../../src/journal/journal';
import { NetworkError } from '../../src/upload/errors';
import { ProgressiveUpload, type ProgressiveUploadOptions } from '../../src/upload/progressive-upload';
import { RecordingsApi } from '../../src/upload/recordings-api';
import { withWebmDuration } from '../../src/upload/webm-duration';
import { FakeStorageServer } from '../support/fake-storage-server';
import { MIME, PART, quiet, recordedChunks } from '../support/webm-chunks';

let recording: Uint8Array<ArrayBuffer>;
let chunks: Blob[];
const fast = { retries: 2, minDelayMs: 1, maxDelayMs: 1, factor: 1 };

let journal: IndexedDbJournal;
let server: FakeStorageServer;
let now: number;
let count = 0;

beforeAll(async () => {
  ({ recording, chunks } = await recordedChunks());
});

beforeEach(async () => {
  count += 1;
  journal = await IndexedDbJournal.open({ user: `user-${count}`, name: 'storage-failure' });
  now = 1_000_000;
  server = new FakeStorageServer(PART, () => now);
});

afterEach(() => {
  vi.restoreAllMocks();
  journal.close();
});

function options(overrides: Partial<ProgressiveUploadOptions> = {}): ProgressiveUploadOptions {
  const api = new RecordingsApi({ baseUrl: 'http://api.test', token: () => 't', fetch: server.fetch });
  return { journal, api, partSize: PART, retry: fast, put: server.put, log: quiet, clock: () => now, ...overrides };
}

/** The journal, but every write after the first `n` chunks fails the way a full disk does. */
function quotaAfter(n: number): Journal {
  let appended = 0;
  const full = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
  return Object.assign(Object.create(journal) as IndexedDbJournal, {
    append: (id: string, chunk: Parameters<Journal['append']>[1]) => (++appended > n ? full() : journal.append(id, chunk)),
    update: (id: string, changes: Parameters<Journal['update']>[1]) => (appended >= n ? full() : journal.update(id, changes)),
  });
}

async function record(upload: ProgressiveUpload): Promise<void> {
  for (const chunk of chunks) {
    now += 250;
    await upload.write(chunk);
  }
}

async function patched(durationMs: number): Promise<Uint8Array> {
  return new Uint8Array(await (await withWebmDuration(new Blob([recording]), durationMs))!.arrayBuffer());
}

describe('when the journal fails', () => {
  it('QuotaExceededError after 6 chunks: says so once, records on in memory, and uploads every byte', async () => {
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ journal: quotaAfter(6) }));
    const errors: Error[] = [];
    upload.on('error', (event) => errors.push(event.detail));

    await record(upload);
    const result = await upload.complete(3000);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(StorageFailedError);
    expect(errors[0]?.message).toMatch(/QuotaExceededError.*continues in memory/);
    expect(upload.storageFailure).toBe(errors[0]);
    expect(result.status).toBe('COMPLETED');
    expect(server.object).toEqual(await patched(3000));
  });

  it('QuotaExceededError and no network: nothing is dropped, the whole file is there for a local download', async () => {
    server.failPut = () => new NetworkError('offline');
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ journal: quotaAfter(6) }));
    const errors: Error[] = [];
    upload.on('error', (event) => errors.push(event.detail));

    await record(upload);
    await expect(upload.complete(3000)).rejects.toThrow(/Failed to upload recording/);

    expect(errors).toHaveLength(1);
    expect(upload.holdsWholeFile).toBe(true);
    expect(new Uint8Array(await (await upload.finish()).arrayBuffer())).toEqual(recording);
    // The first 6 chunks are durable; a reopened page can still find them.
    expect(await journal.chunks(upload.id)).toHaveLength(6);
  });

  it('a journal that refuses every write from the first one (a private window): told after begin, nothing lost', async () => {
    const refusing = quotaAfter(0);
    Object.assign(refusing, { create: () => Promise.reject(new DOMException('private browsing', 'InvalidStateError')) });
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ journal: refusing }));
    const errors: Error[] = [];
    upload.on('error', (event) => errors.push(event.detail));

    await record(upload);
    await upload.complete(3000);

    expect(upload.storageFailure).toBeInstanceOf(StorageFailedError);
    expect(errors).toHaveLength(1);
    expect(server.object).toEqual(await patched(3000));
  });
});

describe('an IndexedDB that refuses Blob values (WebKit private sessions, bug 156347)', () => {
  it('stores every chunk as an ArrayBuffer from the first refused write on, and the upload is byte-identical', async () => {
    const put = FakeObjectStore.prototype.put;
    let refused = 0;
    vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (typeof value === 'object' && value !== null && (value as { data?: unknown }).data instanceof Blob) {
        refused += 1;
        throw new DOMException('Error preparing Blob/File data to be stored in object store', 'UnknownError');
      }
      return put.call(this, value, key);
    });
    const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options());
    const errors: Error[] = [];
    upload.on('error', (event) => errors.push(event.detail));

    await record(upload);
    expect(journal.storesArrayBuffers).toBe(true);
    expect(refused).toBe(1);
    expect((await journal.chunkInfo(upload.id)).map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
    await upload.complete(3000);

    expect(errors).toEqual([]);
    expect(server.object).toEqual(await patched(3000));
  });
});

describe('a journal that stops answering (seen in WebKit private sessions after a refused Blob)', () => {
  /** The journal, but from the first chunk on nothing it is asked ever settles: neither stored nor refused. */
  function wedged(): Journal {
    const never = () => new Promise<never>(() => undefined);
    return Object.assign(Object.create(journal) as IndexedDbJournal, { append: never, update: never, chunks: never, prune: never, remove: never });
  }

  it('counts a write that does not finish in 5 s as failed: the recording goes on in memory, says so once, and still uploads progressively, byte-identical', async () => {
    // A server that processes recordings: part 1 goes up as soon as it is full, like every part.
    server.processing = true;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ journal: wedged() }));
      const errors: Error[] = [];
      upload.on('error', (event) => errors.push(event.detail));
      const confirmedWhileRecording: number[] = [];
      for (const chunk of chunks) {
        now += 250;
        const writing = upload.write(chunk);
        await vi.advanceTimersByTimeAsync(JOURNAL_WRITE_DEADLINE_MS);
        await writing;
        confirmedWhileRecording.push(server.parts.size);
      }
      const completing = upload.complete(3000);
      await vi.advanceTimersByTimeAsync(JOURNAL_WRITE_DEADLINE_MS);
      expect((await completing).status).toBe('COMPLETED');

      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(/TimeoutError: A journal write did not finish in 5 s.*continues in memory/);
      // Parts went up while recording, not only at stop.
      expect(confirmedWhileRecording.at(-1)).toBeGreaterThan(0);
      expect(server.object).toEqual(recording);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('an engine that refuses Blob values from the start', () => {
  it('is asked at open, with a Blob of its own: every chunk goes in as an ArrayBuffer, no chunk is ever offered as a Blob', async () => {
    const put = FakeObjectStore.prototype.put;
    let refused = 0;
    vi.spyOn(FakeObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (typeof value === 'object' && value !== null && (value as { data?: unknown }).data instanceof Blob) {
        refused += 1;
        throw new DOMException('Error preparing Blob/File data to be stored in object store', 'UnknownError');
      }
      return put.call(this, value, key);
    });
    const refusing = await IndexedDbJournal.open({ user: `refusing-${count}`, name: 'storage-failure' });
    try {
      expect(refusing.storesArrayBuffers).toBe(true);
      expect(refused).toBe(1);
      const upload = await ProgressiveUpload.begin({ roomId: 'room-1', mimeType: MIME }, options({ journal: refusing }));
      const errors: Error[] = [];
      upload.on('error', (event) => errors.push(event.detail));
      await record(upload);
      expect(refused).toBe(1);
      expect((await refusing.chunkInfo(upload.id)).map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
      await upload.complete(3000);
      expect(errors).toEqual([]);
      expect(server.object).toEqual(await patched(3000));
    } finally {
      refusing.close();
    }
  });

  it('an engine that stores Blobs keeps storing Blobs, and the probe leaves nothing behind', async () => {
    expect(journal.storesArrayBuffers).toBe(false);
    expect(await journal.entries()).toEqual([]);
    expect(await journal.chunks('')).toEqual([]);
  });
});
