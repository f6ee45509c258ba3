import { afterEach, describe, expect, it } from 'vitest';
import { SYNTHETIC_FREQUENCY } from '../../src/demo/synthetic-party';
import { CallRecorder } from '../../src/recording/call-recorder';
import { cleanUp, loopback, probe, sleep, syntheticParty } from '../support/recording-page';
import { inUserClick } from '../support/user-gesture';

/** Where no party's tone is: the floor the tones must stand above. */
const QUIET_FREQUENCY = 200;
/** The local party: a tone of its own, so each side has a distinct source. */
const LOCAL = { colour: [40, 180, 60], frequency: 660 } as const;

afterEach(cleanUp);

/** Records 4 s of a call whose local party sounds 660 Hz and whose remote party (over WebRTC) sounds the synthetic tone. */
async function recordCall(options: ConstructorParameters<typeof CallRecorder>[0]) {
  const { party, recorder } = await inUserClick(() => {
    const recorder = new CallRecorder({ quality: '360p', ...options });
    recorder.start(syntheticParty(LOCAL).stream);
    return { party: syntheticParty(), recorder };
  });
  await loopback(party.stream, (remote) => recorder.setRemoteStream(remote));
  await sleep(4000);
  const file = await recorder.stop();
  const media = await probe(file, { frequencies: [LOCAL.frequency, SYNTHETIC_FREQUENCY, QUIET_FREQUENCY], perChannel: true });
  const [left, right] = media.channelToneDb as [number[], number[]];
  /** How far each tone stands above the quiet band, per channel. */
  const above = (levels: number[]) => ({ local: (levels[0] ?? 0) - (levels[2] ?? 0), remote: (levels[1] ?? 0) - (levels[2] ?? 0) });
  return { file, media, left: above(left), right: above(right), levels: media.channelToneDb };
}

describe('CallRecorder audio layout', () => {
  it('puts the local party on the left channel and the remote party on the right by default (per_party)', async () => {
    const { file, media, left, right, levels } = await recordCall({});

    expect(file.audioLayout).toBe('per_party');
    expect(media.audioStreams).toEqual([{ codec: 'opus', channels: 2 }]);
    // Each tone stands well above the quiet band on its own side, and far less (if at all) on the other.
    expect({ left, right, levels }).toMatchObject({
      left: { local: expect.toSatisfy((db: number) => db > 15), remote: expect.toSatisfy((db: number) => db < 8) },
      right: { local: expect.toSatisfy((db: number) => db < 8), remote: expect.toSatisfy((db: number) => db > 15) },
    });
  });

  it('keeps both parties in both channels with mixed', async () => {
    const { file, left, right, levels } = await recordCall({ audioLayout: 'mixed' });

    expect(file.audioLayout).toBe('mixed');
    expect({ left, right, levels }).toMatchObject({
      left: { local: expect.toSatisfy((db: number) => db > 15), remote: expect.toSatisfy((db: number) => db > 15) },
      right: { local: expect.toSatisfy((db: number) => db > 15), remote: expect.toSatisfy((db: number) => db > 15) },
    });
  });
});
