import { playMuted, release } from './media-element';

/** The latest frame of one party's video, for the compositor to draw. */
export interface FrameSource {
  /** The video track the frames come from. */
  readonly track: MediaStreamTrack;
  /** The latest frame, `undefined` before the first. */
  readonly image: CanvasImageSource | undefined;
  readonly width: number;
  readonly height: number;
  /** Stops reading frames. */
  close(): void;
}

/** Not in TypeScript's DOM types yet (Chromium only). */
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack }) => { readonly readable: ReadableStream<VideoFrame> };

/**
 * Frames of `track`, read from a `MediaStreamTrackProcessor` where the browser has one
 * (Chromium): its frames keep coming in a hidden tab, where a `<video>` element may stop
 * painting. Elsewhere (Firefox, Safari) from a muted detached `<video>`.
 */
export function frameSource(track: MediaStreamTrack): FrameSource {
  const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor }).MediaStreamTrackProcessor;
  return Processor === undefined ? videoElementFrames(track) : trackProcessorFrames(track, Processor);
}

function trackProcessorFrames(track: MediaStreamTrack, Processor: TrackProcessorConstructor): FrameSource {
  // A clone, so that closing the processor never ends the app's own track.
  const clone = track.clone();
  const reader = new Processor({ track: clone }).readable.getReader();
  let latest: VideoFrame | undefined;
  let open = true;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || !open) {
          value?.close();
          return;
        }
        latest?.close();
        latest = value;
      }
    } catch {
      // The track ended: the last frame stays until close().
    }
  })();
  return {
    track,
    get image() {
      return latest;
    },
    get width() {
      return latest?.displayWidth ?? 0;
    },
    get height() {
      return latest?.displayHeight ?? 0;
    },
    close() {
      open = false;
      void reader.cancel().catch(() => undefined);
      clone.stop();
      latest?.close();
      latest = undefined;
    },
  };
}

function videoElementFrames(track: MediaStreamTrack): FrameSource {
  const video = playMuted(new MediaStream([track]));
  const ready = () => video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0;
  return {
    track,
    get image() {
      return ready() ? video : undefined;
    },
    get width() {
      return video.videoWidth;
    },
    get height() {
      return video.videoHeight;
    },
    close() {
      release(video);
    },
  };
}
