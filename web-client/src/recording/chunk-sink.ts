/**
 * Where a recorder's chunks go. Chunks arrive in recording order and `write` is never called
 * before the previous write settled, so a sink may persist them (e.g. an IndexedDB journal) or
 * pack them into upload parts.
 */
export interface ChunkSink {
  /**
   * Stores one chunk. `recordedMs` is how much the recording held when it came (pauses excluded),
   * e.g. for a journal to know a cut-off recording's duration.
   */
  write(chunk: Blob, recordedMs?: number): Promise<void>;
  /** Called once after the last chunk; returns the whole file. */
  finish(): Promise<Blob>;
}

/** Keeps the chunks in memory and joins them into one Blob at the end. */
export class MemoryChunkSink implements ChunkSink {
  private readonly chunks: Blob[] = [];

  constructor(private readonly mimeType: string) {}

  async write(chunk: Blob): Promise<void> {
    this.chunks.push(chunk);
  }

  async finish(): Promise<Blob> {
    return new Blob(this.chunks, { type: this.mimeType });
  }
}
