import { afterEach, describe, expect, it } from 'vitest';
import { CallRecorder } from '../../src/recording/call-recorder';
import { IllegalRecorderTransitionError } from '../../src/recording/errors';
import type { RecordingStatus } from '../../src/recording/recording-status';
import { cleanUp, probe, sleep, syntheticParty } from '../support/recording-page';
import { inUserClick } from '../support/user-gesture';

afterEach(cleanUp);

/** Long enough that a file holding the pause would be plainly longer than the recorded time. */
const PAUSE_MS = 4_000;

describe('CallRecorder pause and resume', () => {
  it('pauses and resumes through MediaRecorder: the timer stands still while paused, the other party is told, and the file holds no paused stretch', async () => {
    const written: number[] = [];
    const { recorder, started } = await inUserClick(() => {
      const chunks: Blob[] = [];
      const recorder = new CallRecorder({
        quality: '360p',
        createSink: (mimeType) => ({
          write: async (chunk, recordedMs) => {
            chunks.push(chunk);
            written.push(recordedMs ?? Number.NaN);
          },
          finish: async () => new Blob(chunks, { type: mimeType }),
        }),
      });
      const party = syntheticParty();
      // Before start(): the recorder's own clock starts later, so its time can only be shorter.
      const started = performance.now();
      recorder.start(party.stream);
      return { recorder, started };
    });
    const states: string[] = [];
    const statuses: Pick<RecordingStatus, 'recording' | 'paused'>[] = [];
    const durations: number[] = [];
    recorder.on('statechange', (event) => states.push(event.detail.kind));
    recorder.on('recordingstatus', (event) => statuses.push({ recording: event.detail.recording, paused: event.detail.paused }));
    recorder.on('duration', (event) => durations.push(event.detail));
    await sleep(2_500);
    expect(() => recorder.resume()).toThrow(IllegalRecorderTransitionError);

    recorder.pause();
    const pausedAt = recorder.durationMs;
    expect(recorder.state.kind).toBe('paused');
    expect(recorder.recordingStatus).toMatchObject({ recording: true, paused: true });
    expect(() => recorder.pause()).toThrow(IllegalRecorderTransitionError);
    const ticksBefore = durations.length;
    await sleep(PAUSE_MS);
    // The timer went on ticking, with the same value: the indicator shows the paused time.
    expect(durations.length).toBeGreaterThan(ticksBefore + 3);
    expect(new Set(durations.slice(ticksBefore))).toEqual(new Set([pausedAt]));
    expect(recorder.durationMs).toBe(pausedAt);
    const writtenWhilePaused = written.length;

    recorder.resume();
    expect(recorder.state.kind).toBe('recording');
    await sleep(2_500);
    const file = await recorder.stop();
    const wallMs = performance.now() - started;

    expect(states).toEqual(['paused', 'recording', 'stopping', 'stopped']);
    expect(statuses).toEqual([
      { recording: true, paused: true },
      { recording: true, paused: false },
      { recording: false, paused: undefined },
    ]);
    // Recorded time: the two stretches, not the wall time.
    expect(file.durationMs).toBeGreaterThan(4_800);
    expect(file.durationMs).toBeLessThanOrEqual(wallMs - PAUSE_MS + 50);
    expect(Math.max(...durations)).toBeLessThanOrEqual(file.durationMs);
    // Each chunk carries the recorded time it came at, for a journal to recover the right duration.
    expect(written.length).toBeGreaterThan(writtenWhilePaused);
    expect(written.every((ms, index) => index === 0 || ms >= (written[index - 1] ?? 0))).toBe(true);
    expect(Math.max(...written)).toBeLessThanOrEqual(file.durationMs);
    const media = await probe(file);
    expect(media.videoStreams).toHaveLength(1);
    const recordedSeconds = file.durationMs / 1000;
    // A file holding the pause would end about PAUSE_MS later.
    expect(media.lastVideoPacketSeconds).toBeLessThan(recordedSeconds + 1);
    // Past the pause point (2.5 s): the resumed stretch is in the file. Loose: a loaded machine drops the last frames.
    expect(media.lastVideoPacketSeconds).toBeGreaterThan(recordedSeconds - 2);
  });

  it('stops while paused: the file ends where the pause began', async () => {
    const { recorder, started } = await inUserClick(() => {
      const recorder = new CallRecorder({ quality: '360p' });
      const party = syntheticParty();
      const started = performance.now();
      recorder.start(party.stream);
      return { recorder, started };
    });
    await sleep(3_000);
    recorder.pause();
    const pausedAfterMs = performance.now() - started;
    await sleep(PAUSE_MS);
    const file = await recorder.stop();

    expect(recorder.state.kind).toBe('stopped');
    expect(file.durationMs).toBeGreaterThan(2_900);
    expect(file.durationMs).toBeLessThanOrEqual(pausedAfterMs);
    const media = await probe(file);
    expect(media.lastVideoPacketSeconds).toBeLessThan(file.durationMs / 1000 + 1);
  });

  it('refuses to pause or resume a recorder that is not recording', () => {
    const recorder = new CallRecorder();
    expect(() => recorder.pause()).toThrow(IllegalRecorderTransitionError);
    expect(() => recorder.resume()).toThrow(IllegalRecorderTransitionError);
  });
});
