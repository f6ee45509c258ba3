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

/**
 * How part 1 goes up: `held` until stop, when the WebM Duration is written into its header (a
 * server that does not process recordings); `eager` as soon as it is full, like every other part
 * (the server remuxes the completed recording, Duration and Cues included).
 */
export type FirstPart = 'held' | 'eager';

/** The mode a multipart upload runs in, from its journaled ticket (see `JournalUpload.processing`). */
export function firstPartMode(processing: boolean | undefined): FirstPart {
  return processing === true ? 'eager' : 'held';
}

/** While recording: the full parts that may go up now (all of them, or all but a `held` part 1). */
export function partsWhileRecording(chunks: readonly ChunkSize[], partSize: number, firstPart: FirstPart): PlannedPart[] {
  return planParts(chunks, partSize, false).filter((part) => firstPart === 'eager' || part.partNumber > 1);
}

/**
 * At stop: every part in the order it goes up. A `held` part 1 goes last, so it carries the
 * Duration this stop knows; `eager` parts go in order.
 */
export function partsAtStop(chunks: readonly ChunkSize[], partSize: number, firstPart: FirstPart): PlannedPart[] {
  const plan = planParts(chunks, partSize, true);
  const [first, ...rest] = plan;
  return firstPart === 'held' && first !== undefined ? [...rest, first] : plan;
}
