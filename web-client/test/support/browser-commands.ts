import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserCommand } from 'vitest/node';
import { frameColours, frozenStretches, pixelsAt, probeMedia, toneLevels, type MediaProbe, type Point } from './media-probe.ts';

/** Pixels to read from the frame shown at `seconds`. */
export interface FrameSample {
  readonly seconds: number;
  readonly points: readonly Point[];
}

/** What to measure besides the streams. */
export interface ProbeRequest {
  /** Pixels to read. */
  readonly samples?: readonly FrameSample[];
  /** Tone frequencies (Hz) whose level to measure, see `toneLevels`. */
  readonly frequencies?: readonly number[];
  /** Report frozen stretches longer than this many seconds. */
  readonly freezeSeconds?: number;
  /** Also measure the `frequencies` on each of the first two channels alone (left, right). */
  readonly perChannel?: boolean;
  /** Also give the mean colour of every frame. */
  readonly frameColours?: boolean;
}

/** A probe plus what {@link ProbeRequest} asked for. */
export interface RecordingProbe extends MediaProbe {
  /** The colours sampled, one list per {@link FrameSample}. */
  readonly samples: [number, number, number][][];
  /** dBFS per requested frequency. */
  readonly toneDb: number[];
  readonly frozen: { start: number; end: number }[];
  /** dBFS per requested frequency on the left and on the right channel, when `perChannel`. */
  readonly channelToneDb: number[][];
  /** The mean colour of each frame, in order, when `frameColours`. */
  readonly frameColours: [number, number, number][];
}

/** Writes a recording sent from the page (base64) to a temp file and probes it with ffprobe/ffmpeg. */
export const probeRecording: BrowserCommand<[base64: string, extension: string, request?: ProbeRequest], RecordingProbe> = async (
  _context,
  base64,
  extension,
  { samples = [], frequencies = [], freezeSeconds, perChannel = false, frameColours: colourEachFrame = false } = {},
) => {
  const dir = await mkdtemp(join(tmpdir(), 'call-recordings-probe-'));
  try {
    const file = join(dir, `recording.${extension}`);
    await writeFile(file, Buffer.from(base64, 'base64'));
    const media = await probeMedia(file);
    const width = media.videoStreams[0]?.width ?? 0;
    const colours = [];
    for (const sample of samples) {
      // A loaded machine may end the video a little early: then the last frame is the one shown.
      colours.push(await pixelsAt(file, Math.min(sample.seconds, media.lastVideoPacketSeconds), width, sample.points));
    }
    const toneDb = await toneLevels(file, frequencies);
    const frozen = freezeSeconds === undefined ? [] : await frozenStretches(file, freezeSeconds);
    const channelToneDb = perChannel ? [await toneLevels(file, frequencies, 0), await toneLevels(file, frequencies, 1)] : [];
    return { ...media, samples: colours, toneDb, frozen, channelToneDb, frameColours: colourEachFrame ? await frameColours(file) : [] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

declare module 'vitest/browser' {
  interface BrowserCommands {
    probeRecording: (base64: string, extension: string, request?: ProbeRequest) => Promise<RecordingProbe>;
  }
}
