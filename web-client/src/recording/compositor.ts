import type { FrameClock } from './frame-clock';
import type { FrameSource } from './frame-source';
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

/** A party's tile: its frames, and what to call it while its video is dead. */
export interface Tile {
  readonly source: FrameSource;
  /** Shown on the placeholder, e.g. "camera off". */
  readonly label: string;
}

/** The size a placeholder takes before its party ever showed a frame. */
const PLACEHOLDER_SIZE: Size = { width: 640, height: 480 };

/**
 * Draws the local and the remote video onto one canvas and captures it as a single video track,
 * so that MediaRecorder records both parties (it records only the first video track of a stream).
 * A party whose video track ended or is muted (camera unplugged, peer's connection lost) gets a
 * placeholder tile, never its last frame frozen.
 */
export class CallCompositor {
  /** The canvas drawn on; not attached to the document. */
  readonly canvas: HTMLCanvasElement;
  private readonly context: CanvasRenderingContext2D;
  private layout: Layout;
  private local: Tile | undefined;
  private remote: Tile | undefined;
  private readonly lastSizes = new WeakMap<Tile, Size>();
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

  /** Sets the tiles to draw; a party without a tile takes no room. */
  setTiles(local: Tile | undefined, remote: Tile | undefined): void {
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
    const tiles = order.filter((tile) => tile !== undefined && (this.isLive(tile) ? tile.source.image !== undefined : true)) as Tile[];
    const rects = layoutTiles(this.layout, { width, height }, tiles.map((tile) => this.sizeOf(tile)));
    tiles.forEach((tile, index) => {
      const rect = rects[index];
      const image = tile.source.image;
      if (rect === undefined) {
        return;
      }
      if (this.isLive(tile) && image !== undefined) {
        this.context.drawImage(image, rect.x, rect.y, rect.width, rect.height);
      } else {
        this.context.fillStyle = '#374151';
        this.context.fillRect(rect.x, rect.y, rect.width, rect.height);
        this.context.fillStyle = '#e5e7eb';
        this.context.font = `${Math.round(rect.height / 12)}px sans-serif`;
        this.context.textAlign = 'center';
        this.context.fillText(tile.label, rect.x + rect.width / 2, rect.y + rect.height / 2);
      }
    });
  }

  private isLive(tile: Tile): boolean {
    return tile.source.track.readyState === 'live' && !tile.source.track.muted;
  }

  private sizeOf(tile: Tile): Size {
    if (tile.source.width > 0 && tile.source.height > 0) {
      const size = { width: tile.source.width, height: tile.source.height };
      this.lastSizes.set(tile, size);
      return size;
    }
    return this.lastSizes.get(tile) ?? PLACEHOLDER_SIZE;
  }
}
