import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserCommand } from 'vitest/node';
import { probeMedia, type MediaProbe } from './media-probe.ts';

/** Writes a recording sent from the page (base64) to a temp file and probes it with ffprobe/ffmpeg. */
export const probeRecording: BrowserCommand<[base64: string, extension: string], MediaProbe> = async (_context, base64, extension) => {
  const dir = await mkdtemp(join(tmpdir(), 'call-recordings-probe-'));
  try {
    const file = join(dir, `recording.${extension}`);
    await writeFile(file, Buffer.from(base64, 'base64'));
    return await probeMedia(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    probeRecording: (base64: string, extension: string) => Promise<MediaProbe>;
  }
}
