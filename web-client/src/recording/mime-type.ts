import { FILE_EXTENSIONS } from './content-types';
import { UnsupportedRecordingTypeError } from './errors';

/**
 * Recording types in order of preference: VP8/Opus WebM plays everywhere and is cheapest to
 * encode; MP4 comes last because only Safari needs it.
 */
export const PREFERRED_MIME_TYPES: readonly string[] = [
  'video/webm;codecs=vp8,opus',
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=h264,opus',
  'video/webm',
  'video/mp4;codecs=avc1,mp4a.40.2',
  'video/mp4',
];

/**
 * Picks the first candidate the browser can record.
 *
 * @example pickMimeType((t) => MediaRecorder.isTypeSupported(t)) // 'video/webm;codecs=vp8,opus' in Chromium
 * @throws UnsupportedRecordingTypeError when none is supported
 */
export function pickMimeType(
  isSupported: (mimeType: string) => boolean,
  candidates: readonly string[] = PREFERRED_MIME_TYPES,
): string {
  const supported = candidates.find((candidate) => isSupported(candidate));
  if (supported === undefined) {
    throw new UnsupportedRecordingTypeError(candidates);
  }
  return supported;
}

/** A recording's file extension, as the server's table has it (content-types.ts is generated from it). */
export type FileExtension = (typeof FILE_EXTENSIONS)[keyof typeof FILE_EXTENSIONS];

/**
 * The file extension for a recording type, the one the server gives the same type.
 *
 * @example fileExtension('audio/mp4;codecs=mp4a.40.2') // 'm4a'
 */
export function fileExtension(mimeType: string): FileExtension {
  const mediaType = (mimeType.split(';')[0] ?? '').trim().toLowerCase();
  return Object.hasOwn(FILE_EXTENSIONS, mediaType)
    ? FILE_EXTENSIONS[mediaType as keyof typeof FILE_EXTENSIONS]
    : FILE_EXTENSIONS['video/webm'];
}
