import { describe, expect, it } from 'vitest';
import { IllegalRecorderTransitionError } from '../../src/recording/errors';
import { elapsedMs, IDLE, nextRecorderState, type RecorderState } from '../../src/recording/recorder-state';

const failure = new Error('encoder died');

describe('nextRecorderState', () => {
  it('goes idle → recording → stopping → stopped and measures the duration between start and stop', () => {
    const recording = nextRecorderState(IDLE, { type: 'start', at: 1000 });
    const stopping = nextRecorderState(recording, { type: 'stop', at: 7250 });
    const stopped = nextRecorderState(stopping, { type: 'finish' });

    expect(recording).toEqual({ kind: 'recording', startedAt: 1000, recordedMs: 0 });
    expect(stopping).toEqual({ kind: 'stopping', durationMs: 6250 });
    expect(stopped).toEqual({ kind: 'stopped', durationMs: 6250 });
  });

  it('pauses and resumes any number of times; the duration counts the recorded stretches only', () => {
    let state = nextRecorderState(IDLE, { type: 'start', at: 1000 });
    state = nextRecorderState(state, { type: 'pause', at: 4000 });
    expect(state).toEqual({ kind: 'paused', recordedMs: 3000 });
    state = nextRecorderState(state, { type: 'resume', at: 60_000 });
    expect(state).toEqual({ kind: 'recording', startedAt: 60_000, recordedMs: 3000 });
    state = nextRecorderState(state, { type: 'pause', at: 62_000 });
    state = nextRecorderState(state, { type: 'resume', at: 70_000 });
    const stopping = nextRecorderState(state, { type: 'stop', at: 71_500 });

    expect(stopping).toEqual({ kind: 'stopping', durationMs: 6500 });
    expect(nextRecorderState(stopping, { type: 'finish' })).toEqual({ kind: 'stopped', durationMs: 6500 });
  });

  it('stops while paused with the time recorded before the pause', () => {
    const paused = nextRecorderState({ kind: 'recording', startedAt: 0, recordedMs: 2000 }, { type: 'pause', at: 500 });
    expect(nextRecorderState(paused, { type: 'stop', at: 99_000 })).toEqual({ kind: 'stopping', durationMs: 2500 });
  });

  it('lets a stopped or failed recorder start again', () => {
    expect(nextRecorderState({ kind: 'stopped', durationMs: 5 }, { type: 'start', at: 9 })).toEqual({ kind: 'recording', startedAt: 9, recordedMs: 0 });
    expect(nextRecorderState({ kind: 'failed', error: failure }, { type: 'start', at: 9 })).toEqual({ kind: 'recording', startedAt: 9, recordedMs: 0 });
  });

  it('fails from recording, paused and stopping, keeping the error', () => {
    expect(nextRecorderState({ kind: 'recording', startedAt: 0, recordedMs: 0 }, { type: 'fail', error: failure })).toEqual({ kind: 'failed', error: failure });
    expect(nextRecorderState({ kind: 'paused', recordedMs: 0 }, { type: 'fail', error: failure })).toEqual({ kind: 'failed', error: failure });
    expect(nextRecorderState({ kind: 'stopping', durationMs: 1 }, { type: 'fail', error: failure })).toEqual({
      kind: 'failed',
      error: failure,
    });
  });

  it.each<[RecorderState, Parameters<typeof nextRecorderState>[1]]>([
    [IDLE, { type: 'stop', at: 1 }],
    [IDLE, { type: 'finish' }],
    [IDLE, { type: 'fail', error: failure }],
    [IDLE, { type: 'pause', at: 1 }],
    [IDLE, { type: 'resume', at: 1 }],
    [{ kind: 'recording', startedAt: 0, recordedMs: 0 }, { type: 'start', at: 1 }],
    [{ kind: 'recording', startedAt: 0, recordedMs: 0 }, { type: 'resume', at: 1 }],
    [{ kind: 'recording', startedAt: 0, recordedMs: 0 }, { type: 'finish' }],
    [{ kind: 'paused', recordedMs: 0 }, { type: 'pause', at: 1 }],
    [{ kind: 'paused', recordedMs: 0 }, { type: 'start', at: 1 }],
    [{ kind: 'paused', recordedMs: 0 }, { type: 'finish' }],
    [{ kind: 'stopping', durationMs: 1 }, { type: 'stop', at: 2 }],
    [{ kind: 'stopping', durationMs: 1 }, { type: 'pause', at: 2 }],
    [{ kind: 'stopping', durationMs: 1 }, { type: 'resume', at: 2 }],
    [{ kind: 'stopping', durationMs: 1 }, { type: 'start', at: 2 }],
    [{ kind: 'stopped', durationMs: 1 }, { type: 'stop', at: 2 }],
    [{ kind: 'stopped', durationMs: 1 }, { type: 'pause', at: 2 }],
  ])('rejects %o on %o with IllegalRecorderTransitionError', (state, event) => {
    expect(() => nextRecorderState(state, event)).toThrow(IllegalRecorderTransitionError);
    expect(() => nextRecorderState(state, event)).toThrow(`Cannot ${event.type} a recorder that is ${state.kind}`);
  });
});

describe('elapsedMs', () => {
  it('counts from the start while recording, stands still while paused, and freezes once stopped', () => {
    expect(elapsedMs(IDLE, 5000)).toBe(0);
    expect(elapsedMs({ kind: 'recording', startedAt: 1000, recordedMs: 0 }, 4500)).toBe(3500);
    expect(elapsedMs({ kind: 'recording', startedAt: 1000, recordedMs: 2000 }, 4500)).toBe(5500);
    expect(elapsedMs({ kind: 'paused', recordedMs: 2000 }, 1_000_000)).toBe(2000);
    expect(elapsedMs({ kind: 'stopping', durationMs: 1000 }, 9000)).toBe(1000);
    expect(elapsedMs({ kind: 'stopped', durationMs: 1234 }, 9000)).toBe(1234);
  });
});
