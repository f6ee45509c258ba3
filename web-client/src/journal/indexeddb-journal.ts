import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { JOURNAL_WRITE_DEADLINE_MS, withDeadline } from './deadline';
import type { ChunkInfo, Journal, JournalChunk, JournalEntry, SeqRange } from './journal';

interface StoredInfo extends ChunkInfo {
  readonly recordingId: string;
}

interface StoredBytes {
  readonly recordingId: string;
  readonly seq: number;
  /** A Blob where the engine stores Blobs (disk-backed on read), else an ArrayBuffer. */
  readonly data: Blob | ArrayBuffer;
}

interface JournalSchema extends DBSchema {
  recordings: { key: string; value: JournalEntry };
  chunks: { key: [string, number]; value: StoredInfo };
  bytes: { key: [string, number]; value: StoredBytes };
}

/** Prefix of the database names; each signed-in user has a database of their own. */
export const DEFAULT_JOURNAL_DATABASE = 'call-recordings-journal';

/** Options of {@link IndexedDbJournal.open}. */
export interface IndexedDbJournalOptions {
  /**
   * The signed-in user (e.g. the token's `email` or `sub`): the journal is theirs alone, so on a
   * shared browser another user never recovers this user's call into their own account.
   */
  readonly user: string;
  /** Database name prefix; default {@link DEFAULT_JOURNAL_DATABASE}. */
  readonly name?: string;
}

/**
 * The {@link Journal} in IndexedDB (through `idb`). Chunk metadata and chunk bytes are two stores
 * keyed `[recordingId, seq]`, so a recording's chunks are one key range and pruning a confirmed
 * part drops its bytes but keeps the sizes that plan the parts.
 *
 * Bytes are stored as a Blob where the engine accepts it (Chromium and Firefox hand a stored Blob
 * back disk-backed, so reading a recording does not load it into memory). WebKit in a private
 * session refuses Blob values ("Error preparing Blob/File data to be stored in object store",
 * WebKit bug 156347), and there a transaction that wrote a chunk's metadata and then had its
 * Blob refused left the next transaction on those stores waiting for good (WebKitGTK 2.50). So
 * {@link IndexedDbJournal.open} asks the engine first, with a one-byte Blob in a transaction of its
 * own: where it is refused, every chunk is stored as an ArrayBuffer from the start. An engine that
 * refuses a Blob later anyway is still caught: the write is repeated as an ArrayBuffer, and every
 * later write of this journal is an ArrayBuffer.
 *
 * @example const journal = await IndexedDbJournal.open({ user: 'a@example.com' });
 */
export class IndexedDbJournal implements Journal {
  private blobsRefused = false;

  private constructor(private readonly db: IDBPDatabase<JournalSchema>) {}

  /** Opens (and on first use creates) the journal database of `options.user`. */
  static async open(options: IndexedDbJournalOptions): Promise<IndexedDbJournal> {
    if (options.user.trim() === '') {
      throw new RangeError('The journal belongs to a signed-in user: give a non-empty user');
    }
    const db = await openDB<JournalSchema>(`${options.name ?? DEFAULT_JOURNAL_DATABASE}:${options.user}`, 1, {
      upgrade(database) {
        database.createObjectStore('recordings', { keyPath: 'id' });
        database.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
        database.createObjectStore('bytes', { keyPath: ['recordingId', 'seq'] });
      },
    });
    const journal = new IndexedDbJournal(db);
    journal.blobsRefused = !(await storesBlobs(db));
    return journal;
  }

  /** Whether this engine refused a Blob value, so chunks are stored as ArrayBuffers. */
  get storesArrayBuffers(): boolean {
    return this.blobsRefused;
  }

  async create(entry: JournalEntry): Promise<void> {
    await this.db.add('recordings', entry);
  }

  async append(id: string, chunk: JournalChunk): Promise<void> {
    if (this.blobsRefused) {
      await this.put(id, chunk, await chunk.blob.arrayBuffer());
      return;
    }
    try {
      await this.put(id, chunk, chunk.blob);
    } catch {
      // Either the engine refuses Blobs (then the ArrayBuffer goes in) or storage failed (quota,
      // I/O): then the ArrayBuffer fails too, and that is the error the caller sees.
      await this.put(id, chunk, await chunk.blob.arrayBuffer());
      this.blobsRefused = true;
    }
  }

  async update(id: string, changes: Partial<Omit<JournalEntry, 'id'>>): Promise<JournalEntry> {
    const tx = this.db.transaction('recordings', 'readwrite');
    const current = await tx.store.get(id);
    if (current === undefined) {
      throw new Error(`No recording ${id} in the journal`);
    }
    const next: JournalEntry = { ...current, ...changes, id };
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  get(id: string): Promise<JournalEntry | undefined> {
    return this.db.get('recordings', id);
  }

  async entries(): Promise<JournalEntry[]> {
    const all = await this.db.getAll('recordings');
    return all.sort((a, b) => a.createdAt - b.createdAt);
  }

  async chunks(id: string, range?: SeqRange): Promise<JournalChunk[]> {
    const tx = this.db.transaction(['chunks', 'bytes']);
    const keys = chunkRange(id, range?.from, range?.to);
    const [infos, bytes] = await Promise.all([tx.objectStore('chunks').getAll(keys), tx.objectStore('bytes').getAll(keys), tx.done]);
    const bySeq = new Map(infos.map((info) => [info.seq, info]));
    return bytes.flatMap(({ seq, data }) => {
      const info = bySeq.get(seq);
      return info === undefined ? [] : [{ seq, size: info.size, elapsedMs: info.elapsedMs, blob: data instanceof Blob ? data : new Blob([data]) }];
    });
  }

  async chunkInfo(id: string): Promise<ChunkInfo[]> {
    const infos = await this.db.getAll('chunks', chunkRange(id));
    return infos.map(({ seq, size, elapsedMs }) => ({ seq, size, elapsedMs }));
  }

  async prune(id: string, range: SeqRange): Promise<void> {
    await this.db.delete('bytes', chunkRange(id, range.from, range.to));
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction(['recordings', 'chunks', 'bytes'], 'readwrite');
    await Promise.all([
      tx.objectStore('bytes').delete(chunkRange(id)),
      tx.objectStore('chunks').delete(chunkRange(id)),
      tx.objectStore('recordings').delete(id),
      tx.done,
    ]);
  }

  /** Closes the connection (tests delete the database afterwards). */
  close(): void {
    this.db.close();
  }

  private async put(id: string, chunk: JournalChunk, data: Blob | ArrayBuffer): Promise<void> {
    const tx = this.db.transaction(['chunks', 'bytes'], 'readwrite');
    await Promise.all([
      tx.objectStore('chunks').put({ recordingId: id, seq: chunk.seq, size: chunk.size, elapsedMs: chunk.elapsedMs }),
      tx.objectStore('bytes').put({ recordingId: id, seq: chunk.seq, data }),
      tx.done,
    ]);
  }
}

/** The key of the probe {@link storesBlobs} writes (no recording id is empty). */
const PROBE_KEY: [string, number] = ['', 0];

/**
 * Whether the engine stores a Blob value: one byte, in a transaction of its own, deleted again.
 * An engine that does not answer in time counts as refusing.
 */
async function storesBlobs(db: IDBPDatabase<JournalSchema>): Promise<boolean> {
  try {
    const tx = db.transaction('bytes', 'readwrite');
    const stored = tx.store.put({ recordingId: PROBE_KEY[0], seq: PROBE_KEY[1], data: new Blob([new Uint8Array(1)]) }).then(
      () => true,
      () => false,
    );
    const committed = tx.done.then(
      () => true,
      () => false,
    );
    if (!(await withDeadline(Promise.all([stored, committed]), JOURNAL_WRITE_DEADLINE_MS, 'The Blob storage check')).every(Boolean)) {
      return false;
    }
    await db.delete('bytes', PROBE_KEY);
    return true;
  } catch {
    return false;
  }
}

function chunkRange(id: string, from = -Infinity, to = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([id, from], [id, to]);
}
