import { afterEach, describe, expect, it } from 'vitest';
import { SYNTHETIC_COLOUR } from '../../src/demo/synthetic-party';
import { CallRecorder } from '../../src/recording/call-recorder';
import { cleanUp, loopback, near, probe, showingVideo, sleep, syntheticParty } from '../support/recording-page';
import { inUserClick } from '../support/user-gesture';

const FIRST_CAMERA = { colour: [40, 180, 60], frequency: 660 } as const;
const SECOND_CAMERA = { colour: [40, 60, 200], frequency: 520 } as const;
/** The placeholder tile's grey (#374151). */
const PLACEHOLDER = [55, 65, 81] as const;
const STEP_MS = 1_500;

afterEach(cleanUp);

async function joinedCall(recorder: CallRecorder, party: MediaStream): Promise<() => void> {
  let remote: MediaStream | undefined;
  const call = await loopback(party, (stream) => {
    remote = stream;
    recorder.setRemoteStream(stream);
  });
  await expect.poll(() => remote).toBeDefined();
  await showingVideo(remote ?? new MediaStream());
  return () => call.hangUp();
}

describe('CallRecorder when sources change mid-call', () => {
  it('goes on through a camera switch, the peer leaving and rejoining and a camera unplugged, never frozen for over 1 s', async () => {
    const [first, second, peer, rejoined] = await inUserClick(() => [syntheticParty(FIRST_CAMERA), syntheticParty(SECOND_CAMERA), syntheticParty(), syntheticParty()]);
    const recorder = new CallRecorder({ quality: '720p' });
    const hangUp = await joinedCall(recorder, peer.stream);
    await inUserClick(() => recorder.start(first.stream));
    await sleep(STEP_MS); // 0 – 1.5 s: first camera | peer
    recorder.replaceLocalStream(second.stream);
    await sleep(STEP_MS); // 1.5 – 3 s: second camera | peer
    hangUp();
    recorder.setRemoteStream(null);
    await sleep(STEP_MS); // 3 – 4.5 s: second camera alone
    await joinedCall(recorder, rejoined.stream);
    await sleep(STEP_MS); // 4.5 – 6 s (and the time to connect): second camera | peer again
    // Unplugged: the track ends (an app's own stop() fires no `ended`; the compositor reads the state).
    second.stream.getVideoTracks()[0]?.stop();
    await sleep(STEP_MS); // then: placeholder | peer
    const file = await recorder.stop();

    const end = file.durationMs / 1000;
    const left = { x: 320, y: 360 };
    const right = { x: 960, y: 360 };
    const centre = { x: 640, y: 360 };
    const media = await probe(file, {
      samples: [
        { seconds: 0.75, points: [left, right] },
        { seconds: 2.25, points: [left, right] },
        { seconds: 3.75, points: [centre] },
        // The last frame: on a loaded machine the video may end a little before the file's
        // duration, and a point 0.75 s before that duration could then fall before the unplug.
        { seconds: end, points: [left, right] },
      ],
      freezeSeconds: 1,
    });
    const name = (rgb: [number, number, number] | undefined) =>
      near(rgb, FIRST_CAMERA.colour) ? 'first' : near(rgb, SECOND_CAMERA.colour) ? 'second' : near(rgb, SYNTHETIC_COLOUR) ? 'peer' : near(rgb, PLACEHOLDER, 25) ? 'placeholder' : rgb;
    expect(media.samples.map((points) => points.map(name))).toEqual([['first', 'peer'], ['second', 'peer'], ['second'], ['placeholder', 'peer']]);
    expect(media.frozen).toEqual([]);
  });
});
