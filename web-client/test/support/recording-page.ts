import { commands } from 'vitest/browser';
import type { ProbeRequest } from './browser-commands';
import { startLoopbackCall, type LoopbackCall } from '../../src/demo/loopback-call';
import { startSyntheticParty, type SyntheticParty } from '../../src/demo/synthetic-party';
import type { RecordedFile } from '../../src/recording/call-recorder';

/** What a browser test opened; {@link cleanUp} closes it all after each test. */
const opened: { stop(): void }[] = [];

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The fake camera and microphone: the local party. */
export async function camera(constraints: MediaStreamConstraints = { video: true, audio: true }): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia(constraints);
  opened.push({ stop: () => stream.getTracks().forEach((track) => track.stop()) });
  return stream;
}

/** A synthetic other party (see `startSyntheticParty`) in its own audio context, which must be running (made in a user click). */
export function syntheticParty(options: Omit<Parameters<typeof startSyntheticParty>[0], 'context'> = {}): SyntheticParty {
  const context = new AudioContext();
  // Small and slow: the machine runs two encoders and a compositor besides.
  const party = startSyntheticParty({ width: 320, height: 240, frameRate: 15, ...options, context });
  opened.push({ stop: () => (party.stop(), void context.close()) });
  return party;
}

/** Sends `sent` over a loopback WebRTC call; `onRemote` gets it as received. */
export async function loopback(sent: MediaStream, onRemote: (remote: MediaStream) => void): Promise<LoopbackCall> {
  const call = await startLoopbackCall(sent, onRemote);
  opened.push({ stop: () => call.hangUp() });
  return call;
}

/** Resolves once `stream`'s video shows a frame (a received WebRTC stream takes a moment). */
export async function showingVideo(stream: MediaStream): Promise<void> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  while (video.videoWidth === 0) {
    await sleep(50);
  }
  video.srcObject = null;
}

export function cleanUp(): void {
  opened.splice(0).forEach((item) => item.stop());
}

/** Hands the file to ffprobe/ffmpeg in Node. */
export async function probe(file: RecordedFile, request: ProbeRequest = {}) {
  const bytes = new Uint8Array(await file.blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return commands.probeRecording(btoa(binary), 'webm', request);
}

type Rgb = [number, number, number];

/** Whether `rgb` is within `tolerance` per channel of `expected` (VP8 shifts colours a little). */
export function near(rgb: Rgb | undefined, expected: readonly number[], tolerance = 40): boolean {
  return rgb !== undefined && rgb.every((value, index) => Math.abs(value - (expected[index] ?? 0)) <= tolerance);
}
