import { InvalidMimeTypeError } from './errors';

/** `type/subtype` with optional `;parameters`, as MediaRecorder reports it (e.g. `video/mp4;codecs=avc1,mp4a.40.2`). */
const MIME_TYPE = /^[a-z]+\/[a-z0-9.+-]+(\s*;\s*[a-z0-9-]+=("[^"]*"|[a-z0-9.,+-]+))*$/i;

/**
 * Checks a recording's content type before anything is journaled: it becomes the object's
 * Content-Type and picks the file's extension.
 *
 * @throws InvalidMimeTypeError
 */
export function checkMimeType(mimeType: string): string {
  if (mimeType.length > 255 || !MIME_TYPE.test(mimeType)) {
    throw new InvalidMimeTypeError(mimeType);
  }
  return mimeType;
}
