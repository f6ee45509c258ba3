import { IllegalRecorderTransitionError } from './errors';

/** Nothing recorded yet, or ready to record again. */
export interface Idle {
  readonly kind: 'idle';
}

/**
 * MediaRecorder is running. `startedAt` is when this stretch began (a `performance.now()`-style
 * timestamp in ms: the start, or the last resume); `recordedMs` is what earlier stretches recorded.
 */
export interface Recording {
  readonly kind: 'recording';
  readonly startedAt: number;
  readonly recordedMs: number;
}

/** MediaRecorder is paused: the file gets nothing until it resumes; `recordedMs` is what it holds so far. */
export interface Paused {
  readonly kind: 'paused';
  readonly recordedMs: number;
}

/** `stop()` was called; the last chunks are still arriving. `durationMs` is the recorded time, pauses excluded. */
export interface Stopping {
  readonly kind: 'stopping';
  readonly durationMs: number;
}

/** The file is complete. */
export interface Stopped {
  readonly kind: 'stopped';
  readonly durationMs: number;
}

/** MediaRecorder failed; a new recording may be started. */
export interface Failed {
  readonly kind: 'failed';
  readonly error: Error;
}

/** The states of one `CallRecorder`. */
export type RecorderState = Idle | Recording | Paused | Stopping | Stopped | Failed;

/** What can happen to a recorder; timestamps come from outside so the machine stays pure. */
export type RecorderEvent =
  | { readonly type: 'start'; readonly at: number }
  | { readonly type: 'pause'; readonly at: number }
  | { readonly type: 'resume'; readonly at: number }
  | { readonly type: 'stop'; readonly at: number }
  | { readonly type: 'finish' }
  | { readonly type: 'fail'; readonly error: Error };

/** The state a new recorder starts in. */
export const IDLE: Idle = { kind: 'idle' };

/**
 * The recorder's state machine: idle → recording ⇄ paused → stopping → stopped, with `fail` from
 * the three active states; a stopped or failed recorder may start again. Only recorded stretches
 * count: a pause stops the clock, a resume starts a new stretch.
 *
 * @example
 * let s = nextRecorderState(IDLE, { type: 'start', at: 0 });
 * s = nextRecorderState(s, { type: 'pause', at: 4_000 });   // { kind: 'paused', recordedMs: 4000 }
 * s = nextRecorderState(s, { type: 'resume', at: 9_000 });  // the 5 s paused are not counted
 * s = nextRecorderState(s, { type: 'stop', at: 10_000 });   // { kind: 'stopping', durationMs: 5000 }
 * @throws IllegalRecorderTransitionError for any other pair, e.g. `stop` while idle or `resume` while recording
 */
export function nextRecorderState(state: RecorderState, event: RecorderEvent): RecorderState {
  switch (event.type) {
    case 'start':
      if (state.kind === 'idle' || state.kind === 'stopped' || state.kind === 'failed') {
        return { kind: 'recording', startedAt: event.at, recordedMs: 0 };
      }
      break;
    case 'pause':
      if (state.kind === 'recording') {
        return { kind: 'paused', recordedMs: elapsedMs(state, event.at) };
      }
      break;
    case 'resume':
      if (state.kind === 'paused') {
        return { kind: 'recording', startedAt: event.at, recordedMs: state.recordedMs };
      }
      break;
    case 'stop':
      if (state.kind === 'recording' || state.kind === 'paused') {
        return { kind: 'stopping', durationMs: elapsedMs(state, event.at) };
      }
      break;
    case 'finish':
      if (state.kind === 'stopping') {
        return { kind: 'stopped', durationMs: state.durationMs };
      }
      break;
    case 'fail':
      if (state.kind === 'recording' || state.kind === 'paused' || state.kind === 'stopping') {
        return { kind: 'failed', error: event.error };
      }
      break;
  }
  throw new IllegalRecorderTransitionError(state.kind, event.type);
}

/** How much the recording in `state` holds at time `now` (ms): recorded stretches only, pauses excluded. */
export function elapsedMs(state: RecorderState, now: number): number {
  switch (state.kind) {
    case 'recording':
      return state.recordedMs + Math.max(0, now - state.startedAt);
    case 'paused':
      return state.recordedMs;
    case 'stopping':
    case 'stopped':
      return state.durationMs;
    default:
      return 0;
  }
}
