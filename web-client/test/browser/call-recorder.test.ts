import { afterEach, describe, expect, it } from 'vitest';
import { SYNTHETIC_COLOUR, SYNTHETIC_FREQUENCY } from '../../src/demo/synthetic-party';
import { CallRecorder } from '../../src/recording/call-recorder';
import { IllegalRecorderTransitionError, InvalidStreamError, UnsupportedRecordingTypeError } from '../../src/recording/errors';
import type { RecordedAudio, RecorderWarning } from '../../src/recording/recorder-warning';
import { camera, cleanUp, loopback, near, probe, showingVideo, sleep, syntheticParty } from '../support/recording-page';
import { inUserClick } from '../support/user-gesture';

/** Where no party's tone is: the floor the tones must stand above. */
const QUIET_FREQUENCY = 200;
/** The local party: green, at 660 Hz, so that the test needs no browser's fake devices to tell the parties apart. */
const LOCAL = { colour: [40, 180, 60], frequency: 660 } as const;

afterEach(cleanUp);

describe('CallRecorder', () => {
  it('records a 6 s call, the other party joining late, into one 1280x720 file that shows and sounds like both parties', async () => {
    const { party, recorder } = await inUserClick(() => {
      const recorder = new CallRecorder({ quality: '720p' });
      recorder.start(syntheticParty(LOCAL).stream);
      return { party: syntheticParty(), recorder };
    });
    const states: string[] = [];
    const durations: number[] = [];
    const warnings: RecorderWarning[] = [];
    recorder.on('statechange', (event) => states.push(event.detail.kind));
    recorder.on('duration', (event) => durations.push(event.detail));
    recorder.on('warning', (event) => warnings.push(event.detail));
    await sleep(1500);
    await loopback(party.stream, (remote) => recorder.setRemoteStream(remote));
    await sleep(4500);
    const file = await recorder.stop();

    expect(warnings).toEqual([]);
    expect(states).toEqual(['stopping', 'stopped']);
    expect(durations.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...durations)).toBeGreaterThanOrEqual(5000);
    expect(file.mimeType).toBe('video/webm;codecs=vp8,opus');
    expect(file.filename).toMatch(/^recording-\d{8}-\d{6}\.webm$/);
    expect(file.durationMs).toBeGreaterThanOrEqual(5900);
    expect(file.size).toEqual({ width: 1280, height: 720 });
    // Alone, the local party (green) fills the canvas; once the other party (magenta) joins, it
    // takes the right half.
    const media = await probe(file, {
      samples: [
        { seconds: 0.5, points: [{ x: 640, y: 360 }] },
        { seconds: 5, points: [{ x: 320, y: 360 }, { x: 960, y: 360 }] },
      ],
      frequencies: [LOCAL.frequency, SYNTHETIC_FREQUENCY, QUIET_FREQUENCY],
    });
    const [[alone], [left, right]] = media.samples as [[number, number, number]][][] & [[[number, number, number]], [[number, number, number], [number, number, number]]];
    expect([alone, left, right].map((rgb) => (near(rgb, LOCAL.colour) ? 'local' : near(rgb, SYNTHETIC_COLOUR) ? 'other' : rgb))).toEqual(['local', 'local', 'other']);
    expect(media.videoStreams).toEqual([{ codec: 'vp8', width: 1280, height: 720 }]);
    expect(media.audioStreams).toHaveLength(1);
    expect(media.audioStreams[0]?.codec).toBe('opus');
    expect(media.maxVolumeDb).toBeGreaterThan(-40);
    const [microphone, other, quiet] = media.toneDb as [number, number, number];
    expect({ microphone: microphone - quiet > 15, other: other - quiet > 15, levels: media.toneDb }).toMatchObject({ microphone: true, other: true });
    // Well past the join at 1.5 s (a starved machine drops the last frames at stop).
    expect(media.lastVideoPacketSeconds).toBeGreaterThan(4);
  });

  it('hears the other party when the local stream has no audio (remote audio must play in an element)', async () => {
    const localVideoOnly = await camera({ video: true });
    const party = await inUserClick(() => syntheticParty());
    let remote: MediaStream | undefined;
    const recorder = new CallRecorder();
    await loopback(party.stream, (stream) => {
      remote = stream;
      recorder.setRemoteStream(stream);
    });
    await expect.poll(() => remote?.getAudioTracks().length ?? 0).toBe(1);
    await inUserClick(() => recorder.start(localVideoOnly));
    await sleep(3000);
    const media = await probe(await recorder.stop(), { frequencies: [LOCAL.frequency, SYNTHETIC_FREQUENCY, QUIET_FREQUENCY] });

    expect(media.audioStreams).toHaveLength(1);
    const [microphone, other, quiet] = media.toneDb as [number, number, number];
    expect({ microphone: microphone - quiet > 15, other: other - quiet > 15, levels: media.toneDb }).toMatchObject({ microphone: false, other: true });
  });

  it('records at 1920x1080 with the 1080p quality and picture-in-picture: the other party large, the local one as the inset', async () => {
    const [local, party] = await inUserClick(() => [syntheticParty(LOCAL), syntheticParty()]);
    const recorder = new CallRecorder({ quality: '1080p', layout: 'picture-in-picture' });
    let remote: MediaStream | undefined;
    await loopback(party.stream, (stream) => {
      remote = stream;
      recorder.setRemoteStream(stream);
    });
    await expect.poll(() => remote).toBeDefined();
    await showingVideo(remote ?? new MediaStream());
    await inUserClick(() => recorder.start(local.stream));
    await sleep(2500);
    // The inset is a quarter of the width (480 px) in the bottom-right corner, 30 px from the edges.
    const media = await probe(await recorder.stop(), {
      samples: [{ seconds: 1.5, points: [{ x: 600, y: 540 }, { x: 1650, y: 900 }] }],
    });

    expect(media.videoStreams).toEqual([{ codec: 'vp8', width: 1920, height: 1080 }]);
    expect(media.audioStreams).toHaveLength(1);
    const [[large, inset]] = media.samples as [[[number, number, number], [number, number, number]]];
    expect(near(large, SYNTHETIC_COLOUR)).toBe(true);
    expect(near(inset, LOCAL.colour)).toBe(true);
  });

  it('records the microphone directly when the audio mix cannot run, says so before stop, and the file has its sound', async () => {
    const local = await camera();
    const closed = new AudioContext();
    await closed.close();
    const recorder = new CallRecorder({ audioContext: closed, quality: '360p' });
    const warnings: RecorderWarning[] = [];
    const sources: RecordedAudio[] = [];
    recorder.on('warning', (event) => warnings.push(event.detail));
    recorder.on('audiosource', (event) => sources.push(event.detail));
    recorder.start(local);
    await expect.poll(() => warnings).toEqual([expect.objectContaining({ kind: 'audio-not-running', state: 'closed', recorded: 'local-microphone' })]);
    expect(warnings[0]?.message).toBe('the audio mix is not running (audio closed): only your microphone is recorded, not the other party');
    expect(sources).toEqual([{ source: 'microphone', party: 'local', contextState: 'closed' }]);
    expect(recorder.recordedAudio).toEqual(sources[0]);
    expect(recorder.state.kind).toBe('recording');
    await sleep(3_000);
    const media = await probe(await recorder.stop());

    expect(media.audioStreams).toHaveLength(1);
    // Both browsers' fake microphones play a tone; a silent file is about -91 dB.
    expect(media.meanVolumeDb).toBeGreaterThan(-50);
  });

  it('warns "microphone audio is not being recorded" when the mix cannot run and there is no microphone to fall back on', async () => {
    const closed = new AudioContext();
    await closed.close();
    const deaf = new CallRecorder({ audioContext: closed });
    const warnings: RecorderWarning[] = [];
    deaf.on('warning', (event) => warnings.push(event.detail));
    deaf.start(await camera({ video: true }));
    await expect.poll(() => warnings).toEqual([expect.objectContaining({ kind: 'audio-not-running', state: 'closed', recorded: 'silence' })]);
    expect(warnings[0]?.message).toContain('microphone audio is not being recorded');
    expect(deaf.recordedAudio).toEqual({ source: 'silence', contextState: 'closed' });
    expect(deaf.state.kind).toBe('recording');
    await deaf.stop();
  });

  it('resumes an audio context the browser suspends mid-call, and says so', async () => {
    const local = await camera();

    // A context the browser suspends mid-call (Safari interrupts it for a phone call) is resumed.
    const running = await inUserClick(() => new AudioContext());
    // Firefox opens its audio output before the context runs: over a second on a cold start
    // (seen in CI). The call starts once it runs, so the suspension below is mid-call.
    await expect.poll(() => running.state, { timeout: 10_000 }).toBe('running');
    const recorder = new CallRecorder({ audioContext: running });
    const events: string[] = [];
    recorder.on('warning', (event) => events.push(`warning ${event.detail.state}`));
    recorder.on('warningcleared', (event) => events.push(`cleared ${event.detail}`));
    await inUserClick(() => recorder.start(local));
    await expect.poll(() => recorder.recordedAudio?.source).toBe('mix');
    await running.suspend();
    await expect.poll(() => events).toEqual(['warning suspended', 'cleared audio-not-running']);
    await recorder.stop();
    expect(running.state).toBe('running');
    await running.close();
  });

  it('stopped right after start, before the encoder gave out a byte, records on until it did: the file is not empty', async () => {
    const recorder = await inUserClick(() => {
      const recorder = new CallRecorder({ quality: '720p' });
      recorder.start(syntheticParty(LOCAL).stream);
      return recorder;
    });
    // Chromium gave a 0-byte file when stopped 115-400 ms after start (the two-tab e2e case).
    const stopping = recorder.stop();
    await expect(recorder.stop()).rejects.toBeInstanceOf(IllegalRecorderTransitionError);
    const file = await stopping;

    expect(file.blob.size).toBeGreaterThan(0);
    expect(file.durationMs).toBeGreaterThan(0);
    const media = await probe(file);
    expect(media.videoStreams).toEqual([{ codec: 'vp8', width: 1280, height: 720 }]);
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
