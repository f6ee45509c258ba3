import type { FrameClock } from './frame-clock';
import { layoutTiles, type Layout, type Size } from './layout';

/** Options of {@link CallCompositor}. */
export interface CompositorOptions {
  /** Canvas size, e.g. `QUALITY_SIZES['720p']`. */
  readonly size: Size;
  /** Initial layout. */
  readonly layout: Layout;
  /** Frames drawn (and captured) per second. */
  readonly frameRate: number;
  /** What drives drawing; a worker clock keeps going in a hidden tab. */
  readonly clock: FrameClock;
}

/**
 * Draws the local and the remote video onto one canvas and captures it as a single video track,
 * so that MediaRecorder records both parties (it records only the first video track of a stream).
 */
export class CallCompositor {
  /** The canvas drawn on; not attached to the document. */
  readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private layout: Layout;
  private local: HTMLVideoElement | undefined;
  private remote: HTMLVideoElement | undefined;
  private stopClock: (() => void) | undefined;
  private track: MediaStreamTrack | undefined;

  constructor(private readonly options: CompositorOptions) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = options.size.width;
    this.canvas.height = options.size.height;
    const context = this.canvas.getContext('2d', { alpha: false });
    if (context === null) {
      throw new Error('This browser has no 2D canvas context');
    }
    this.context = context;
    this.layout = options.layout;
  }

  /** Sets the videos to draw; the layout adapts to whichever have frames. */
  setVideos(local: HTMLVideoElement | undefined, remote: HTMLVideoElement | undefined): void {
    this.local = local;
    this.remote = remote;
  }

  /** Switches between side by side and picture-in-picture, from the next frame on. */
  setLayout(layout: Layout): void {
    this.layout = layout;
  }

  /** Starts drawing and returns the captured canvas track. */
  start(): MediaStreamTrack {
    const [track] = this.canvas.captureStream(this.options.frameRate).getVideoTracks();
    if (track === undefined) {
      throw new Error('Canvas capture produced no video track');
    }
    this.track = track;
    this.draw();
    this.stopClock = this.options.clock.every(1000 / this.options.frameRate, () => this.draw());
    return track;
  }

  /** Stops drawing and ends the captured track. */
  stop(): void {
    this.stopClock?.();
    this.stopClock = undefined;
    this.track?.stop();
    this.track = undefined;
  }

  private draw(): void {
    const { width, height } = this.canvas;
    this.context.fillStyle = '#000';
    this.context.fillRect(0, 0, width, height);
    // Picture-in-picture shows the remote party large and the local camera as the inset.
    const order = this.layout === 'side-by-side' ? [this.local, this.remote] : [this.remote, this.local];
    const videos = order.filter(hasFrame);
    const rects = layoutTiles(
      this.layout,
      { width, height },
      videos.map((video) => ({ width: video.videoWidth, height: video.videoHeight })),
    );
    videos.forEach((video, index) => {
      const rect = rects[index];
      if (rect !== undefined) {
        this.context.drawImage(video, rect.x, rect.y, rect.width, rect.height);
      }
    });
  }
}

function hasFrame(video: HTMLVideoElement | undefined): video is HTMLVideoElement {
  return video !== undefined && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0;
}
