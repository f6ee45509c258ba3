import { describe, expect, it } from 'vitest';
import { IllegalRecorderTransitionError } from '../../src/recording/errors';
import { elapsedMs, IDLE, nextRecorderState, type RecorderState } from '../../src/recording/recorder-state';

const failure = new Error('encoder died');

describe('nextRecorderState', () => {
  it('goes idle → recording → stopping → stopped and measures the duration between start and stop', () => {
    const recording = nextRecorderState(IDLE, { type: 'start', at: 1000 });
    const stopping = nextRecorderState(recording, { type: 'stop', at: 7250 });
    const stopped = nextRecorderState(stopping, { type: 'finish' });

    expect(recording).toEqual({ kind: 'recording', startedAt: 1000 });
    expect(stopping).toEqual({ kind: 'stopping', startedAt: 1000, stoppedAt: 7250 });
    expect(stopped).toEqual({ kind: 'stopped', durationMs: 6250 });
  });

  it('lets a stopped or failed recorder start again', () => {
    expect(nextRecorderState({ kind: 'stopped', durationMs: 5 }, { type: 'start', at: 9 })).toEqual({ kind: 'recording', startedAt: 9 });
    expect(nextRecorderState({ kind: 'failed', error: failure }, { type: 'start', at: 9 })).toEqual({ kind: 'recording', startedAt: 9 });
  });

  it('fails from recording and from stopping, keeping the error', () => {
    expect(nextRecorderState({ kind: 'recording', startedAt: 0 }, { type: 'fail', error: failure })).toEqual({ kind: 'failed', error: failure });
    expect(nextRecorderState({ kind: 'stopping', startedAt: 0, stoppedAt: 1 }, { type: 'fail', error: failure })).toEqual({
      kind: 'failed',
      error: failure,
    });
  });

  it.each<[RecorderState, Parameters<typeof nextRecorderState>[1]]>([
    [IDLE, { type: 'stop', at: 1 }],
    [IDLE, { type: 'finish' }],
    [IDLE, { type: 'fail', error: failure }],
    [{ kind: 'recording', startedAt: 0 }, { type: 'start', at: 1 }],
    [{ kind: 'recording', startedAt: 0 }, { type: 'finish' }],
    [{ kind: 'stopping', startedAt: 0, stoppedAt: 1 }, { type: 'stop', at: 2 }],
    [{ kind: 'stopping', startedAt: 0, stoppedAt: 1 }, { type: 'start', at: 2 }],
    [{ kind: 'stopped', durationMs: 1 }, { type: 'stop', at: 2 }],
  ])('rejects %o on %o with IllegalRecorderTransitionError', (state, event) => {
    expect(() => nextRecorderState(state, event)).toThrow(IllegalRecorderTransitionError);
    expect(() => nextRecorderState(state, event)).toThrow(`Cannot ${event.type} a recorder that is ${state.kind}`);
  });
});

describe('elapsedMs', () => {
  it('counts from the start while recording and freezes once stopped', () => {
    expect(elapsedMs(IDLE, 5000)).toBe(0);
    expect(elapsedMs({ kind: 'recording', startedAt: 1000 }, 4500)).toBe(3500);
    expect(elapsedMs({ kind: 'stopping', startedAt: 1000, stoppedAt: 2000 }, 9000)).toBe(1000);
    expect(elapsedMs({ kind: 'stopped', durationMs: 1234 }, 9000)).toBe(1234);
  });
});
