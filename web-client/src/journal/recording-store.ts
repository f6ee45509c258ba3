import { JOURNAL_WRITE_DEADLINE_MS, withDeadline } from './deadline';
import { StorageFailedError } from './errors';
import type { Journal, JournalChunk, JournalEntry, SeqRange } from './journal';
import { MemoryJournal } from './memory-journal';

/**
 * One recording's storage: the {@link Journal} while it works, page memory from its first failed
 * write on. A failed write is never dropped and never rejected to the recorder: the chunk goes to
 * memory, `onFailure` hears about it once, and reads join both stores, so every chunk stays
 * available to the upload (and to a local download) however the journal fails.
 *
 * A write that does not finish within {@link JOURNAL_WRITE_DEADLINE_MS} counts as failed: an
 * engine that neither stores nor refuses (WebKit's private sessions, see `IndexedDbJournal`) must
 * not hold the recording and its upload back. After a failure the journal is read only for the
 * chunks it did store, so a journal that stopped answering is never waited for again.
 */
export class RecordingStore {
  private readonly memory = new MemoryJournal();
  private failure: StorageFailedError | undefined;
  /** Chunks the journal confirmed storing, since this page holds the recording (`undefined`: all of them, a resumed recording). */
  private readonly journaled: Set<number> | undefined;

  private constructor(
    private readonly journal: Journal,
    private current: JournalEntry,
    private readonly onFailure: (error: StorageFailedError) => void,
    resumed: boolean,
  ) {
    this.journaled = resumed ? undefined : new Set();
  }

  /** Registers a new recording. */
  static async create(journal: Journal, entry: JournalEntry, onFailure: (error: StorageFailedError) => void): Promise<RecordingStore> {
    const store = new RecordingStore(journal, entry, onFailure, false);
    await store.memory.create(entry);
    await store.write(() => journal.create(entry));
    return store;
  }

  /** A recording already in the journal (resumed). */
  static async existing(journal: Journal, entry: JournalEntry, onFailure: (error: StorageFailedError) => void): Promise<RecordingStore> {
    const store = new RecordingStore(journal, entry, onFailure, true);
    await store.memory.create(entry);
    return store;
  }

  get entry(): JournalEntry {
    return this.current;
  }

  /** The first failure of the journal, once it failed; chunks are in memory from then on. */
  get storageFailure(): StorageFailedError | undefined {
    return this.failure;
  }

  async append(chunk: JournalChunk): Promise<void> {
    if (this.failure === undefined) {
      await this.write(() => this.journal.append(this.current.id, chunk));
      if (this.failure === undefined) this.journaled?.add(chunk.seq);
    }
    if (this.failure !== undefined) {
      await this.memory.append(this.current.id, chunk);
    }
  }

  /** Changes the entry; kept in memory if the journal cannot store it. */
  async update(changes: Partial<Omit<JournalEntry, 'id'>>): Promise<JournalEntry> {
    this.current = await this.memory.update(this.current.id, changes);
    if (this.failure === undefined) {
      await this.write(() => this.journal.update(this.current.id, changes));
    }
    return this.current;
  }

  /** The chunks that still have their bytes, from the journal and from memory, in order. */
  async chunks(range?: SeqRange): Promise<JournalChunk[]> {
    const inMemory = await this.memory.chunks(this.current.id, range);
    if (this.failure !== undefined && this.journaled?.size === 0) {
      return inMemory;
    }
    const reading = this.journal.chunks(this.current.id, range);
    const stored = this.failure === undefined ? await reading : await withDeadline(reading, JOURNAL_WRITE_DEADLINE_MS, 'Reading the journal');
    if (inMemory.length === 0) {
      return stored;
    }
    // A write that timed out may still have landed in the journal: each chunk once, from memory.
    const held = new Set(inMemory.map((chunk) => chunk.seq));
    return [...stored.filter((chunk) => !held.has(chunk.seq)), ...inMemory].sort((a, b) => a.seq - b.seq);
  }

  /** Drops the bytes of chunks the server confirmed. A failed delete keeps more than needed, never less, so it is not reported or waited for. */
  async prune(range: SeqRange): Promise<void> {
    const pruned = this.journal.prune(this.current.id, range).catch(() => undefined);
    await this.memory.prune(this.current.id, range);
    if (this.failure === undefined) await pruned;
  }

  /** Deletes the recording everywhere, after the server confirmed it complete (or it was discarded); a journal that failed is not waited for. */
  async remove(): Promise<void> {
    await this.memory.remove(this.current.id);
    const removed = this.journal.remove(this.current.id);
    if (this.failure === undefined) {
      await removed;
    } else {
      await withDeadline(removed, JOURNAL_WRITE_DEADLINE_MS, 'Removing the recording from the journal').catch(() => undefined);
    }
  }

  private async write(task: () => Promise<void> | Promise<unknown>): Promise<void> {
    try {
      await withDeadline(Promise.resolve().then(task), JOURNAL_WRITE_DEADLINE_MS, 'A journal write');
    } catch (error) {
      this.failure = new StorageFailedError({ cause: error });
      this.onFailure(this.failure);
    }
  }
}
