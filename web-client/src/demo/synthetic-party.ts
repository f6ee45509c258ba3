import { workerFrameClock, type FrameClock } from '../recording/frame-clock';

/** How the synthetic other party looks and sounds. */
export interface SyntheticPartyOptions {
  /** The audio context the tone plays in; it must be running for the tone to be heard. */
  readonly context: AudioContext;
  /** Fill colour as `[r, g, b]`; a white square circles along the top edge so frames differ. */
  readonly colour?: readonly [number, number, number];
  /** Tone frequency in Hz. */
  readonly frequency?: number;
  readonly width?: number;
  readonly height?: number;
  readonly frameRate?: number;
  readonly clock?: FrameClock;
}

/** A camera and microphone made up in the page. */
export interface SyntheticParty {
  readonly stream: MediaStream;
  /** Stops the drawing, the tone and the tracks. */
  stop(): void;
}

/** Magenta, far from both browsers' fake cameras. */
export const SYNTHETIC_COLOUR = [200, 40, 160] as const;
/** Below both browsers' fake microphone tones (Chromium's beeps at 440 Hz and up, Firefox's 1 kHz). */
export const SYNTHETIC_FREQUENCY = 300;

/**
 * The other party of the demo's loopback call: a canvas in one colour and an oscillator at one
 * frequency, so that the recorded file shows which half and which tone came from whom (the local
 * party is the camera and microphone). Drawn on a worker clock, so it keeps moving in a hidden tab.
 */
export function startSyntheticParty(options: SyntheticPartyOptions): SyntheticParty {
  const { context, colour = SYNTHETIC_COLOUR, frequency = SYNTHETIC_FREQUENCY, width = 640, height = 480, frameRate = 30 } = options;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const drawing = canvas.getContext('2d', { alpha: false });
  if (drawing === null) {
    throw new Error('This browser has no 2D canvas context');
  }
  const square = Math.round(height / 8);
  let frame = 0;
  const draw = () => {
    drawing.fillStyle = `rgb(${colour.join(',')})`;
    drawing.fillRect(0, 0, width, height);
    drawing.fillStyle = '#fff';
    drawing.fillRect((frame * 8) % (width - square), 0, square, square);
    frame += 1;
  };
  draw();
  const stopDrawing = (options.clock ?? workerFrameClock).every(1000 / frameRate, draw);
  const oscillator = context.createOscillator();
  oscillator.frequency.value = frequency;
  const gain = context.createGain();
  gain.gain.value = 0.3;
  const destination = context.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  const stream = new MediaStream([...canvas.captureStream(frameRate).getVideoTracks(), ...destination.stream.getAudioTracks()]);
  return {
    stream,
    stop() {
      stopDrawing();
      oscillator.stop();
      gain.disconnect();
      stream.getTracks().forEach((track) => track.stop());
    },
  };
}
