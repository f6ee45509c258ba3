import type { ChunkInfo, Journal, JournalChunk, JournalEntry, SeqRange } from './journal';

/**
 * A {@link Journal} in page memory: what a recording falls back to when the browser's storage
 * fails (quota, private windows), so no chunk is dropped; it lasts only as long as the page.
 */
export class MemoryJournal implements Journal {
  private readonly recordings = new Map<string, JournalEntry>();
  private readonly stored = new Map<string, Map<number, { info: ChunkInfo; blob: Blob | undefined }>>();

  async create(entry: JournalEntry): Promise<void> {
    if (this.recordings.has(entry.id)) {
      throw new Error(`Recording ${entry.id} is already in the journal`);
    }
    this.recordings.set(entry.id, entry);
  }

  async append(id: string, chunk: JournalChunk): Promise<void> {
    this.chunksOf(id).set(chunk.seq, { info: { seq: chunk.seq, size: chunk.size, elapsedMs: chunk.elapsedMs }, blob: chunk.blob });
  }

  async update(id: string, changes: Partial<Omit<JournalEntry, 'id'>>): Promise<JournalEntry> {
    const current = this.recordings.get(id);
    if (current === undefined) {
      throw new Error(`No recording ${id} in the journal`);
    }
    const next: JournalEntry = { ...current, ...changes, id };
    this.recordings.set(id, next);
    return next;
  }

  async get(id: string): Promise<JournalEntry | undefined> {
    return this.recordings.get(id);
  }

  async entries(): Promise<JournalEntry[]> {
    return [...this.recordings.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  async chunks(id: string, range?: SeqRange): Promise<JournalChunk[]> {
    return this.sorted(id)
      .filter(({ info }) => range === undefined || (info.seq >= range.from && info.seq <= range.to))
      .flatMap(({ info, blob }) => (blob === undefined ? [] : [{ ...info, blob }]));
  }

  async chunkInfo(id: string): Promise<ChunkInfo[]> {
    return this.sorted(id).map(({ info }) => info);
  }

  async prune(id: string, range: SeqRange): Promise<void> {
    for (const [seq, chunk] of this.chunksOf(id)) {
      if (seq >= range.from && seq <= range.to) chunk.blob = undefined;
    }
  }

  async remove(id: string): Promise<void> {
    this.recordings.delete(id);
    this.stored.delete(id);
  }

  private chunksOf(id: string): Map<number, { info: ChunkInfo; blob: Blob | undefined }> {
    let chunks = this.stored.get(id);
    if (chunks === undefined) {
      chunks = new Map();
      this.stored.set(id, chunks);
    }
    return chunks;
  }

  private sorted(id: string): { info: ChunkInfo; blob: Blob | undefined }[] {
    return [...(this.stored.get(id)?.values() ?? [])].sort((a, b) => a.info.seq - b.info.seq);
  }
}
