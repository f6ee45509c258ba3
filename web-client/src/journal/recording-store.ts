import { StorageFailedError } from './errors';
import type { Journal, JournalChunk, JournalEntry, SeqRange } from './journal';
import { MemoryJournal } from './memory-journal';

/**
 * One recording's storage: the {@link Journal} while it works, page memory from its first failed
 * write on. A failed write is never dropped and never rejected to the recorder: the chunk goes to
 * memory, `onFailure` hears about it once, and reads join both stores, so every chunk stays
 * available to the upload (and to a local download) however the journal fails.
 */
export class RecordingStore {
  private readonly memory = new MemoryJournal();
  private failure: StorageFailedError | undefined;

  private constructor(
    private readonly journal: Journal,
    private current: JournalEntry,
    private readonly onFailure: (error: StorageFailedError) => void,
  ) {}

  /** Registers a new recording. */
  static async create(journal: Journal, entry: JournalEntry, onFailure: (error: StorageFailedError) => void): Promise<RecordingStore> {
    const store = new RecordingStore(journal, entry, onFailure);
    await store.memory.create(entry);
    await store.write(() => journal.create(entry));
    return store;
  }

  /** A recording already in the journal (resumed). */
  static async existing(journal: Journal, entry: JournalEntry, onFailure: (error: StorageFailedError) => void): Promise<RecordingStore> {
    const store = new RecordingStore(journal, entry, onFailure);
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
    const [stored, inMemory] = await Promise.all([this.journal.chunks(this.current.id, range), this.memory.chunks(this.current.id, range)]);
    return inMemory.length === 0 ? stored : [...stored, ...inMemory].sort((a, b) => a.seq - b.seq);
  }

  /** Drops the bytes of chunks the server confirmed. A failed delete keeps more than needed, never less, so it is not reported. */
  async prune(range: SeqRange): Promise<void> {
    await Promise.all([this.journal.prune(this.current.id, range).catch(() => undefined), this.memory.prune(this.current.id, range)]);
  }

  /** Deletes the recording everywhere, after the server confirmed it complete (or it was discarded). */
  async remove(): Promise<void> {
    await this.memory.remove(this.current.id);
    await this.journal.remove(this.current.id);
  }

  private async write(task: () => Promise<void> | Promise<unknown>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.failure = new StorageFailedError({ cause: error });
      this.onFailure(this.failure);
    }
  }
}
