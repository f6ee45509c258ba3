import { afterEach, describe, expect, it } from 'vitest';
import { joinBroadcastCall, type BroadcastCall } from '../../src/demo/broadcast-call';

const calls: BroadcastCall[] = [];
const streams: MediaStream[] = [];

afterEach(() => {
  calls.splice(0).forEach((call) => call.hangUp());
  streams.splice(0).forEach((stream) => stream.getTracks().forEach((track) => track.stop()));
});

async function camera(): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  streams.push(stream);
  return stream;
}

describe('joinBroadcastCall', () => {
  it('connects two parties of a room, each receiving the other\'s audio and video, and tells one when the other hangs up', async () => {
    const remotes: (MediaStream | undefined)[] = [undefined, undefined];
    let leftFirst = 0;
    calls.push(
      joinBroadcastCall('room-a', await camera(), { onRemoteTrack: (s) => (remotes[0] = s), onPeerLeft: () => (leftFirst += 1) }),
      joinBroadcastCall('room-a', await camera(), { onRemoteTrack: (s) => (remotes[1] = s), onPeerLeft: () => undefined }),
    );

    await expect.poll(() => remotes.map((s) => s?.getTracks().length ?? 0), { timeout: 10_000 }).toEqual([2, 2]);
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = remotes[0] ?? null;
    await video.play();
    await expect.poll(() => video.videoWidth, { timeout: 10_000 }).toBeGreaterThan(0);

    calls[1]?.hangUp();
    await expect.poll(() => leftFirst).toBe(1);
  });

  it('keeps rooms apart', async () => {
    const heard: string[] = [];
    calls.push(
      joinBroadcastCall('room-b', await camera(), { onRemoteTrack: () => heard.push('b'), onPeerLeft: () => undefined }),
      joinBroadcastCall('room-c', await camera(), { onRemoteTrack: () => heard.push('c'), onPeerLeft: () => undefined }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(heard).toEqual([]);
  });
});
