import { describe, expect, it } from 'vitest';
import { layoutTiles, QUALITY_SIZES } from '../../src/recording/layout';

const canvas = QUALITY_SIZES['720p'];
const camera = { width: 640, height: 480 };

describe('layoutTiles', () => {
  it('lets a single video fill the canvas height, centred', () => {
    expect(layoutTiles('side-by-side', canvas, [camera])).toEqual([{ x: 160, y: 0, width: 960, height: 720 }]);
  });

  it('puts two videos in the two halves, each letterboxed', () => {
    expect(layoutTiles('side-by-side', canvas, [camera, camera])).toEqual([
      { x: 0, y: 120, width: 640, height: 480 },
      { x: 640, y: 120, width: 640, height: 480 },
    ]);
  });

  it('fits a 16:9 video exactly into a 1080p canvas', () => {
    expect(layoutTiles('picture-in-picture', QUALITY_SIZES['1080p'], [{ width: 1280, height: 720 }])).toEqual([
      { x: 0, y: 0, width: 1920, height: 1080 },
    ]);
  });

  it('in picture-in-picture fills the canvas with the first video and insets the second bottom-right', () => {
    const [main, inset] = layoutTiles('picture-in-picture', canvas, [camera, camera]);
    expect(main).toEqual({ x: 160, y: 0, width: 960, height: 720 });
    expect(inset).toEqual({ x: 1280 - 20 - 320, y: 720 - 20 - 240, width: 320, height: 240 });
  });

  it('returns nothing to draw for no video', () => {
    expect(layoutTiles('side-by-side', canvas, [])).toEqual([]);
  });

  it('rejects a third video and a video without a size', () => {
    expect(() => layoutTiles('side-by-side', canvas, [camera, camera, camera])).toThrow('at most two videos, got 3');
    expect(() => layoutTiles('side-by-side', canvas, [{ width: 0, height: 480 }])).toThrow(RangeError);
  });
});
