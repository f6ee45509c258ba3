import { fileExtension } from './mime-type';

/** The seed's file name for a recording started at `startedOn`, e.g. `recording-20250101-120000.webm` (local time). */
export function recordingFilename(startedOn: Date, mimeType: string): string {
  const pad = (n: number) => n.toString().padStart(2, '0');
  const stamp = `${startedOn.getFullYear()}${pad(startedOn.getMonth() + 1)}${pad(startedOn.getDate())}-${pad(startedOn.getHours())}${pad(startedOn.getMinutes())}${pad(startedOn.getSeconds())}`;
  return `recording-${stamp}.${fileExtension(mimeType)}`;
}
