import type { AudioLayout } from '../recording/audio-mixer';
/** What a progressive upload has started on the server, kept so that another page can resume it. */
export interface JournalUpload {
  readonly recordingId: string;
  readonly uploadId: string;
  /** Bytes per part (the last part may be smaller). */
  readonly partSize: number;
  /**
   * The ticket's `processing`: the server makes the completed recording seekable itself, so part 1
   * went up as soon as it was full, without the Duration. Absent (an older server, or an entry an
   * older page wrote): part 1 is held back until stop and goes up with the Duration written.
   */
  readonly processing?: boolean;
}

/** One recording in the journal: its metadata, not its chunks. */
export interface JournalEntry {
  /** Local id, chosen by the page before the server knows the recording. */
  readonly id: string;
  readonly roomId: string;
  /** User ids who may also see the recording. */
  readonly participants?: readonly string[];
  /** How the audio holds the parties, as the server is told; absent (older entries): mixed. */
  readonly audioLayout?: AudioLayout;
  readonly filename: string;
  readonly mimeType: string;
  /** Epoch ms when recording started. */
  readonly createdAt: number;
  /** `recording` until the recorder stopped; a `recording` entry nobody holds was cut off by a closed tab or a crash. */
  readonly state: 'recording' | 'stopped';
  /** Set at stop; a cut-off recording's duration is its last chunk's `elapsedMs`. */
  readonly durationMs?: number;
  /** Set once a multipart upload was started. */
  readonly upload?: JournalUpload;
  /**
   * Set before the bytes of a confirmed part are first pruned: from then on the journal alone no
   * longer holds the whole file, and only the multipart upload that has those parts can finish it.
   */
  readonly pruned?: boolean;

}

/** What the journal knows of a chunk, also after its bytes were pruned. */
export interface ChunkInfo {
  readonly seq: number;
  readonly size: number;
  /** Recording time when the chunk arrived, ms. */
  readonly elapsedMs: number;
}

/** A stored chunk with its bytes. */
export interface JournalChunk extends ChunkInfo {
  readonly blob: Blob;
}

/**
 * Durable storage of recordings in progress: every chunk is written here before anything else
 * happens to it; its bytes are dropped once the server confirmed the part that holds them, and the
 * entry is deleted after the server confirmed the recording complete.
 */
export interface Journal {
  /** Registers a new recording. */
  create(entry: JournalEntry): Promise<void>;
  /** Stores chunk `seq` of recording `id`; resolves once the write is durable. */
  append(id: string, chunk: JournalChunk): Promise<void>;
  /** Changes an entry's metadata. */
  update(id: string, changes: Partial<Omit<JournalEntry, 'id'>>): Promise<JournalEntry>;
  /** One entry, or `undefined`. */
  get(id: string): Promise<JournalEntry | undefined>;
  /** Every entry still in the journal, oldest first. */
  entries(): Promise<JournalEntry[]>;
  /** The chunks of recording `id` that still have their bytes, in sequence order, all or those with `from <= seq <= to`. */
  chunks(id: string, range?: SeqRange): Promise<JournalChunk[]>;
  /** Every chunk of recording `id` in sequence order, pruned ones included (their sizes plan the parts). */
  chunkInfo(id: string): Promise<ChunkInfo[]>;
  /**
   * Drops the bytes of chunks `from <= seq <= to` of recording `id`, once the server confirmed the
   * part that holds them, so a long call does not fill the disk; their {@link ChunkInfo} stays.
   */
  prune(id: string, range: SeqRange): Promise<void>;
  /** Deletes the entry and all its chunks (after the server confirmed the recording complete). */
  remove(id: string): Promise<void>;
}

/** Chunk sequence numbers `from <= seq <= to`. */
export interface SeqRange {
  readonly from: number;
  readonly to: number;
}
