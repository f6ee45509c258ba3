import { fixParsedWebmDuration } from '@fix-webm-duration/fix';
import { WebmContainer, WebmFile } from '@fix-webm-duration/parser';
import type { RecordingLog } from '../recording-log';

const SEGMENT = 0x8538067;
const INFO = 0x549a966;
const CLUSTER = 0xf43b675;
const TIMECODE_SCALE = 0xad7b1;
/** Chromium and Firefox write 1 ms; the library assumes it (it sets the scale to 1 ms). */
const MILLISECOND_SCALE = 1_000_000;
/** The header (EBML, Segment start, Info, Tracks) is a few hundred bytes; this bounds what is read. */
const HEADER_SCAN_BYTES = 256 * 1024;

/** The header of a WebM file: where the Info element and the first Cluster are. */
interface WebmHeader {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly infoStart: number;
  readonly infoEnd: number;
  readonly clusterStart: number;
  readonly info: WebmContainer;
}

/** Whether {@link withWebmDuration} can write a duration into files of this type. */
export function isWebm(mimeType: string): boolean {
  return /^(video|audio)\/webm\b/i.test(mimeType);
}

/** `file` with its Duration written when it is a WebM this can patch, else `file` as it is (logged: it plays but may not seek). */
export async function seekable(file: Blob, mimeType: string, durationMs: number, log: RecordingLog): Promise<Blob> {
  if (!isWebm(mimeType)) {
    return file;
  }
  const patched = await withWebmDuration(file, durationMs);
  if (patched === undefined) {
    log.notSeekable();
  }
  return patched ?? file;
}

/**
 * Returns `first` (the start of a MediaRecorder WebM file, at least its header) with a Duration
 * element written into the Segment Info, so that players can seek. Only the Info element is
 * rewritten (by `@fix-webm-duration`); every other byte, from the first Cluster on, is kept as
 * it was and stays on disk (a Blob slice). Returns `undefined` when `first` is no WebM this
 * can patch (no Info or Cluster in its first 256 KiB, a time scale other than 1 ms, a Duration
 * already set).
 */
export async function withWebmDuration(first: Blob, durationMs: number): Promise<Blob | undefined> {
  const head = new Uint8Array(await first.slice(0, HEADER_SCAN_BYTES).arrayBuffer());
  const header = parseHeader(head);
  if (header === undefined) {
    return undefined;
  }
  const scale = header.info.getSectionById(TIMECODE_SCALE);
  if (scale === null || scale.getValue() !== MILLISECOND_SCALE) {
    return undefined;
  }
  // The library patches a parsed file; a file that holds only Segment > Info is enough for it.
  const segment = new WebmContainer('Segment', true);
  segment.setData([{ id: INFO, data: header.info }]);
  const file = new WebmFile(new Uint8Array(0));
  file.setData([{ id: SEGMENT, data: segment }]);
  if (!fixParsedWebmDuration(file, Math.max(1, Math.round(durationMs)), { logger: false })) {
    return undefined;
  }
  const patchedInfo = element(INFO, header.info);
  return new Blob([header.bytes.subarray(0, header.infoStart), patchedInfo, header.bytes.subarray(header.infoEnd, header.clusterStart), first.slice(header.clusterStart)], {
    type: first.type,
  });
}

/**
 * Finds Info and the first Cluster. MediaRecorder writes the Segment and its Clusters with an
 * unknown size, so the parser sees the first Cluster as one opaque element up to the end of
 * `bytes` and never walks into (possibly cut) blocks.
 */
export function parseHeader(bytes: Uint8Array<ArrayBuffer>): WebmHeader | undefined {
  let file: WebmFile;
  try {
    file = new WebmFile(bytes);
  } catch {
    return undefined;
  }
  const segment = file.getSectionById(SEGMENT);
  if (segment === null || segment.source === undefined || !segment.isInfinite) {
    return undefined;
  }
  // An unknown-size Segment runs to the end of the bytes, so its payload starts here.
  const segmentDataStart = bytes.length - segment.source.length;
  const children = segment.data ?? [];
  const infoIndex = children.findIndex((child) => child.id === INFO);
  // The library leaves Cluster out of its table of known ids (it is large), hence the widening.
  const cluster = children.find((child) => (child.id as number) === CLUSTER);
  const info = children[infoIndex];
  const afterInfo = children[infoIndex + 1];
  if (info === undefined || afterInfo === undefined || cluster === undefined || !(info.data instanceof WebmContainer)) {
    return undefined;
  }
  return {
    bytes,
    infoStart: segmentDataStart + info.data.start,
    infoEnd: segmentDataStart + afterInfo.data.start,
    clusterStart: segmentDataStart + cluster.data.start,
    info: info.data,
  };
}

/** Serialises one element (id, size, payload) the way the library writes its children. */
function element(id: typeof INFO, data: WebmContainer): Uint8Array<ArrayBuffer> {
  const wrapper = new WebmContainer('Element');
  wrapper.setData([{ id, data }]);
  return new Uint8Array(wrapper.source ?? []);
}
