import type { UploadableFile } from './recording-uploader';

/**
 * Saves a recording that could not be uploaded as a download, the seed's fallback; the CLI can
 * upload the file later. Returns the object URL so a page can offer the file again; revoke it
 * with `URL.revokeObjectURL` when it is no longer shown.
 */
export function saveRecordingLocally(file: UploadableFile): string {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  return url;
}
