/** A chunk as the planner sees it: its place and size. */
export interface ChunkSize {
  readonly seq: number;
  readonly size: number;
}

/** Consecutive chunks `firstSeq..lastSeq` (inclusive) that go up as multipart part `partNumber`. */
export interface PlannedPart {
  readonly partNumber: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly size: number;
}

/**
 * Packs chunks, in order, into parts of at least `partSize` bytes: part 1 is the first run of
 * chunks that reaches `partSize`, part 2 the next, and so on. While recording (`final` false) only
 * such full parts are returned; at the end (`final` true) the rest becomes the last part, which may
 * be smaller. The packing depends only on the chunk sizes, so a page that resumes an upload from
 * the journal plans the very parts the first page uploaded.
 *
 * @example planParts([{ seq: 0, size: 3 }, { seq: 1, size: 3 }, { seq: 2, size: 1 }], 5, true)
 * // [{ partNumber: 1, firstSeq: 0, lastSeq: 1, size: 6 }, { partNumber: 2, firstSeq: 2, lastSeq: 2, size: 1 }]
 */
export function planParts(chunks: readonly ChunkSize[], partSize: number, final: boolean): PlannedPart[] {
  if (!(partSize > 0)) {
    throw new RangeError(`Part size must be positive, got ${partSize}`);
  }
  const parts: PlannedPart[] = [];
  let first: number | undefined;
  let size = 0;
  for (const chunk of chunks) {
    first ??= chunk.seq;
    size += chunk.size;
    if (size >= partSize) {
      parts.push({ partNumber: parts.length + 1, firstSeq: first, lastSeq: chunk.seq, size });
      first = undefined;
      size = 0;
    }
  }
  const last = chunks.at(-1);
  if (final && first !== undefined && last !== undefined) {
    parts.push({ partNumber: parts.length + 1, firstSeq: first, lastSeq: last.seq, size });
  }
  return parts;
}
