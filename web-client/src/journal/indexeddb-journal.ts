import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Journal, JournalChunk, JournalEntry } from './journal';

interface StoredChunk extends JournalChunk {
  readonly recordingId: string;
}

interface JournalSchema extends DBSchema {
  recordings: { key: string; value: JournalEntry };
  chunks: { key: [string, number]; value: StoredChunk };
}

/** Default database name; one per origin is enough because entries carry their own ids. */
export const DEFAULT_JOURNAL_DATABASE = 'call-recordings-journal';

/**
 * The {@link Journal} in IndexedDB (through `idb`). Chunks are keyed `[recordingId, seq]`, so a
 * recording's chunks are one key range, read in order and deleted in one transaction.
 *
 * @example const journal = await IndexedDbJournal.open();
 */
export class IndexedDbJournal implements Journal {
  private constructor(private readonly db: IDBPDatabase<JournalSchema>) {}

  /** Opens (and on first use creates) the journal database. */
  static async open(name: string = DEFAULT_JOURNAL_DATABASE): Promise<IndexedDbJournal> {
    const db = await openDB<JournalSchema>(name, 1, {
      upgrade(database) {
        database.createObjectStore('recordings', { keyPath: 'id' });
        database.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
      },
    });
    return new IndexedDbJournal(db);
  }

  async create(entry: JournalEntry): Promise<void> {
    await this.db.add('recordings', entry);
  }

  async append(id: string, chunk: JournalChunk): Promise<void> {
    const stored: StoredChunk = { recordingId: id, seq: chunk.seq, size: chunk.size, elapsedMs: chunk.elapsedMs, blob: chunk.blob };
    await this.db.put('chunks', stored);
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

  async chunks(id: string, range?: { readonly from: number; readonly to: number }): Promise<JournalChunk[]> {
    const stored = await this.db.getAll('chunks', chunkRange(id, range?.from, range?.to));
    return stored.map(({ seq, size, elapsedMs, blob }) => ({ seq, size, elapsedMs, blob }));
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction(['recordings', 'chunks'], 'readwrite');
    await Promise.all([tx.objectStore('chunks').delete(chunkRange(id)), tx.objectStore('recordings').delete(id), tx.done]);
  }

  /** Closes the connection (tests delete the database afterwards). */
  close(): void {
    this.db.close();
  }
}

function chunkRange(id: string, from = -Infinity, to = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([id, from], [id, to]);
}
