import { afterEach, describe, expect, it } from 'vitest';
import { CallRecorder } from '../../src/recording/call-recorder';
import { IllegalRecorderTransitionError } from '../../src/recording/errors';
import { workerFrameClock } from '../../src/recording/frame-clock';
import type { RecordingStatus } from '../../src/recording/recording-status';
import { cleanUp, probe, sleep, syntheticParty } from '../support/recording-page';
import { inUserClick } from '../support/user-gesture';

afterEach(cleanUp);

/** Long enough that a file holding the pause would be plainly longer than the recorded time. */
const PAUSE_MS = 4_000;

type Rgb = readonly [number, number, number];
/** What the party shows before the pause (red leads), while paused (green), after it (blue). */
const BEFORE: Rgb = [200, 40, 160];
const DURING: Rgb = [20, 200, 40];
const AFTER: Rgb = [30, 60, 220];

/** Which of the three a frame's mean colour is: its strongest channel, whatever the letterbox darkened. */
function colourName([r, g, b]: readonly [number, number, number]): 'before' | 'during' | 'after' {
  return g > r && g > b ? 'during' : b > r ? 'after' : 'before';
}

/** A party whose picture the test recolours; the tone of {@link syntheticParty}. */
function switchableParty(): { readonly stream: MediaStream; show(colour: Rgb): void; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const drawing = canvas.getContext('2d', { alpha: false });
  if (drawing === null) throw new Error('no 2D canvas context');
  let colour = BEFORE;
  let frame = 0;
  const draw = () => {
    drawing.fillStyle = `rgb(${colour.join(',')})`;
    drawing.fillRect(0, 0, 320, 240);
    // A small white square moves so that frames differ (encoders skip identical ones).
    drawing.fillStyle = '#fff';
    drawing.fillRect((frame * 8) % 296, 0, 24, 24);
    frame += 1;
  };
  draw();
  const stopDrawing = workerFrameClock.every(1000 / 15, draw);
  const stream = new MediaStream([...canvas.captureStream(15).getVideoTracks(), ...syntheticParty().stream.getAudioTracks()]);
  return {
    stream,
    show(next) {
      colour = next;
      draw();
    },
    stop() {
      stopDrawing();
      stream.getVideoTracks().forEach((track) => track.stop());
    },
  };
}

describe('CallRecorder pause and resume', () => {
  it('pauses and resumes through MediaRecorder: the timer stands still while paused, the other party is told, and the file holds no paused stretch', async () => {
    const written: number[] = [];
    const { recorder, started, party } = await inUserClick(() => {
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
      // In the click: the party's tone needs a running AudioContext.
      const party = switchableParty();
      // Before start(): the recorder's own clock starts later, so its time can only be shorter.
      const started = performance.now();
      recorder.start(party.stream);
      return { recorder, started, party };
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
    // Drawn only while paused: a file holding the paused stretch would show it.
    party.show(DURING);
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
    party.show(AFTER);
    // The canvas shows the new colour before the recorder takes frames again.
    await sleep(300);

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
    const media = await probe(file, { frameColours: true });
    party.stop();
    expect(media.videoStreams).toHaveLength(1);
    expect(media.audioStreams).toHaveLength(1);
    // What the file holds, frame by frame, whatever rate the browser drew at (WebKitGTK draws ~21
    // of the 30 frames a second its canvas capture stamps, fewer on a loaded machine, so no length
    // in seconds can stand for the recorded time): the stretch before the pause, then the one
    // after it, and not one frame of what was drawn while paused.
    const shown = media.frameColours.map(colourName);
    expect(shown.filter((name) => name === 'during'), 'frames drawn while paused').toEqual([]);
    expect(shown.indexOf('before')).toBe(0);
    expect(shown.lastIndexOf('before')).toBeLessThan(shown.indexOf('after'));
    expect(shown.slice(shown.indexOf('after')).every((name) => name === 'after')).toBe(true);
    // On the file's own clocks: no longer than the recorded time (a file holding the pause runs
    // PAUSE_MS longer where frames come at the stamped rate), and no hole where the pause was.
    const recordedSeconds = file.durationMs / 1000;
    expect(media.lastVideoPacketSeconds).toBeLessThan(recordedSeconds + 1);
    expect(media.audioEndSeconds).toBeLessThan(recordedSeconds + 1);
    expect(media.longestVideoGapSeconds).toBeLessThan(PAUSE_MS / 2000);
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
    expect(media.audioEndSeconds).toBeLessThan(file.durationMs / 1000 + 1);
    expect(media.lastVideoPacketSeconds).toBeLessThan(file.durationMs / 1000 + 1);
  });

  it('refuses to pause or resume a recorder that is not recording', () => {
    const recorder = new CallRecorder();
    expect(() => recorder.pause()).toThrow(IllegalRecorderTransitionError);
    expect(() => recorder.resume()).toThrow(IllegalRecorderTransitionError);
  });
});
