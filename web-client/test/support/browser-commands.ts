import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserCommand } from 'vitest/node';
import { pixelsAt, probeMedia, type MediaProbe, type Point } from './media-probe.ts';

/** Pixels to read from the frame shown at `seconds`. */
export interface FrameSample {
  readonly seconds: number;
  readonly points: readonly Point[];
}

/** A probe plus the colours sampled, one list per {@link FrameSample}. */
export interface RecordingProbe extends MediaProbe {
  readonly samples: [number, number, number][][];
}

/** Writes a recording sent from the page (base64) to a temp file and probes it with ffprobe/ffmpeg. */
export const probeRecording: BrowserCommand<[base64: string, extension: string, samples?: readonly FrameSample[]], RecordingProbe> = async (
  _context,
  base64,
  extension,
  samples = [],
) => {
  const dir = await mkdtemp(join(tmpdir(), 'call-recordings-probe-'));
  try {
    const file = join(dir, `recording.${extension}`);
    await writeFile(file, Buffer.from(base64, 'base64'));
    const media = await probeMedia(file);
    const width = media.videoStreams[0]?.width ?? 0;
    const colours = [];
    for (const sample of samples) {
      colours.push(await pixelsAt(file, sample.seconds, width, sample.points));
    }
    return { ...media, samples: colours };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    probeRecording: (base64: string, extension: string, samples?: readonly FrameSample[]) => Promise<RecordingProbe>;
  }
}
