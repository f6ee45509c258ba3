/** How two parties share the canvas. */
export type Layout = 'side-by-side' | 'picture-in-picture';

/** Width and height in pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A placement on the canvas, in pixels. */
export interface Rect extends Size {
  readonly x: number;
  readonly y: number;
}

/** Canvas sizes per recording quality. */
export const QUALITY_SIZES = {
  '360p': { width: 640, height: 360 },
  '720p': { width: 1280, height: 720 },
  '1080p': { width: 1920, height: 1080 },
} as const satisfies Record<string, Size>;

/** A recording quality: the canvas size the call is composited at. */
export type Quality = keyof typeof QUALITY_SIZES;

/** The picture-in-picture inset is this fraction of the canvas width. */
const INSET_FRACTION = 0.25;
/** Gap between the inset and the canvas edges, as a fraction of the canvas width. */
const INSET_MARGIN_FRACTION = 1 / 64;

/**
 * Places the videos on the canvas, keeping each one's aspect ratio (letterboxed, never cropped).
 * One video fills the canvas. Two videos sit side by side, or, in picture-in-picture, the first
 * fills the canvas and the second is an inset in the bottom-right corner. Rects come back in the
 * order of `videos`, which is also the drawing order.
 *
 * @example layoutTiles('side-by-side', { width: 1280, height: 720 }, [cam, cam]) // two 640x360 halves
 * @throws RangeError for more than two videos or a video without a positive size
 */
export function layoutTiles(layout: Layout, canvas: Size, videos: readonly Size[]): Rect[] {
  for (const video of videos) {
    if (!(video.width > 0 && video.height > 0)) {
      throw new RangeError(`Video size must be positive, got ${video.width}x${video.height}`);
    }
  }
  const full: Rect = { x: 0, y: 0, width: canvas.width, height: canvas.height };
  const [first, second, ...rest] = videos;
  if (rest.length > 0) {
    throw new RangeError(`A 1:1 call has at most two videos, got ${videos.length}`);
  }
  if (first === undefined) {
    return [];
  }
  if (second === undefined) {
    return [fitInside(first, full)];
  }
  if (layout === 'side-by-side') {
    const half = Math.floor(canvas.width / 2);
    return [
      fitInside(first, { x: 0, y: 0, width: half, height: canvas.height }),
      fitInside(second, { x: half, y: 0, width: canvas.width - half, height: canvas.height }),
    ];
  }
  const margin = Math.round(canvas.width * INSET_MARGIN_FRACTION);
  const insetWidth = Math.round(canvas.width * INSET_FRACTION);
  const insetHeight = Math.round((insetWidth * second.height) / second.width);
  return [
    fitInside(first, full),
    {
      x: canvas.width - margin - insetWidth,
      y: canvas.height - margin - insetHeight,
      width: insetWidth,
      height: insetHeight,
    },
  ];
}

function fitInside(video: Size, box: Rect): Rect {
  const scale = Math.min(box.width / video.width, box.height / video.height);
  const width = Math.round(video.width * scale);
  const height = Math.round(video.height * scale);
  return {
    x: box.x + Math.floor((box.width - width) / 2),
    y: box.y + Math.floor((box.height - height) / 2),
    width,
    height,
  };
}
