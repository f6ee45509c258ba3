import { commands } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import type { FrameSample } from '../support/browser-commands';
import { startLoopbackCall, type LoopbackCall } from '../../src/demo/loopback-call';
import { CallRecorder, type RecordedFile } from '../../src/recording/call-recorder';
import { IllegalRecorderTransitionError, InvalidStreamError, UnsupportedRecordingTypeError } from '../../src/recording/errors';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const streams: MediaStream[] = [];
const calls: LoopbackCall[] = [];

async function camera(constraints: MediaStreamConstraints = { video: true, audio: true }): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia(constraints);
  streams.push(stream);
  return stream;
}

async function loopback(sent: MediaStream, onRemote: (remote: MediaStream) => void): Promise<void> {
  calls.push(await startLoopbackCall(sent, onRemote));
}

async function probe(file: RecordedFile, samples: readonly FrameSample[] = []) {
  const bytes = new Uint8Array(await file.blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return commands.probeRecording(btoa(binary), 'webm', samples);
}

afterEach(() => {
  calls.splice(0).forEach((call) => call.hangUp());
  streams.splice(0).forEach((stream) => stream.getTracks().forEach((track) => track.stop()));
});

describe('CallRecorder in Chromium', () => {
  it('records a 6 s loopback call, remote joining late, into one file with one 1280x720 video and one audible audio track', async () => {
    const local = await camera();
    const recorder = new CallRecorder({ quality: '720p' });
    const states: string[] = [];
    const durations: number[] = [];
    recorder.on('statechange', (event) => states.push(event.detail.kind));
    recorder.on('duration', (event) => durations.push(event.detail));
    recorder.start(local);
    await sleep(1500);
    await loopback(local, (remote) => recorder.setRemoteStream(remote));
    await sleep(4500);
    const file = await recorder.stop();

    expect(states).toEqual(['recording', 'stopping', 'stopped']);
    expect(durations.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...durations)).toBeGreaterThanOrEqual(5000);
    expect(file.mimeType).toBe('video/webm;codecs=vp8,opus');
    expect(file.filename).toMatch(/^recording-\d{8}-\d{6}\.webm$/);
    expect(file.durationMs).toBeGreaterThanOrEqual(5900);
    expect(file.size).toEqual({ width: 1280, height: 720 });
    // The 640x480 fake camera alone fills the canvas height (pillarboxed at x < 160); once the
    // remote joins, both sit side by side, local in the left half, remote in the right.
    const points = [
      { x: 80, y: 360 },
      { x: 720, y: 360 },
    ];
    const media = await probe(file, [
      { seconds: 0.5, points },
      { seconds: 5, points },
    ]);
    const lit = (rgb: [number, number, number] | undefined) => (rgb ?? [0, 0, 0]).reduce((a, b) => a + b, 0) > 60;
    expect(media.samples.map((colours) => colours.map(lit))).toEqual([
      [false, true],
      [true, true],
    ]);
    expect(media.videoStreams).toEqual([{ codec: 'vp8', width: 1280, height: 720 }]);
    expect(media.audioStreams).toHaveLength(1);
    expect(media.audioStreams[0]?.codec).toBe('opus');
    expect(media.maxVolumeDb).toBeGreaterThan(-40);
    expect(media.lastVideoPacketSeconds).toBeGreaterThan(4.5);
  });

  it('hears the remote party even when the local stream has no audio (remote audio must play in an element)', async () => {
    const localVideoOnly = await camera({ video: true });
    const sent = await camera({ video: true, audio: true });
    const recorder = new CallRecorder();
    let remote: MediaStream | undefined;
    await loopback(sent, (stream) => {
      remote = stream;
      recorder.setRemoteStream(stream);
    });
    await expect.poll(() => remote?.getAudioTracks().length ?? 0).toBe(1);
    recorder.start(localVideoOnly);
    await sleep(3000);
    const media = await probe(await recorder.stop());

    expect(media.audioStreams).toHaveLength(1);
    expect(media.maxVolumeDb).toBeGreaterThan(-40);
  });

  it('records at 1920x1080 with the 1080p quality and picture-in-picture', async () => {
    const local = await camera();
    const recorder = new CallRecorder({ quality: '1080p', layout: 'picture-in-picture' });
    await loopback(local, (remote) => recorder.setRemoteStream(remote));
    recorder.start(local);
    await sleep(2000);
    const media = await probe(await recorder.stop());

    expect(media.videoStreams).toEqual([{ codec: 'vp8', width: 1920, height: 1080 }]);
    expect(media.audioStreams).toHaveLength(1);
  });

  it('refuses to stop a recorder that never started', async () => {
    const recorder = new CallRecorder();
    await expect(recorder.stop()).rejects.toBeInstanceOf(IllegalRecorderTransitionError);
  });

  it('refuses a local stream without video and stays idle', async () => {
    const recorder = new CallRecorder();
    expect(() => recorder.start(new MediaStream())).toThrow(InvalidStreamError);
    expect(recorder.state.kind).toBe('idle');
  });

  it('refuses types this browser cannot record', () => {
    expect(() => new CallRecorder({ mimeTypes: ['video/x-unknown'] })).toThrow(UnsupportedRecordingTypeError);
  });
});
