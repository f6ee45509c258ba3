import { IllegalRecorderTransitionError } from './errors';

/** Nothing recorded yet, or ready to record again. */
export interface Idle {
  readonly kind: 'idle';
}

/** MediaRecorder is running; `startedAt` is a `performance.now()`-style timestamp in ms. */
export interface Recording {
  readonly kind: 'recording';
  readonly startedAt: number;
}

/** `stop()` was called; the last chunks are still arriving. */
export interface Stopping {
  readonly kind: 'stopping';
  readonly startedAt: number;
  readonly stoppedAt: number;
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
export type RecorderState = Idle | Recording | Stopping | Stopped | Failed;

/** What can happen to a recorder; timestamps come from outside so the machine stays pure. */
export type RecorderEvent =
  | { readonly type: 'start'; readonly at: number }
  | { readonly type: 'stop'; readonly at: number }
  | { readonly type: 'finish' }
  | { readonly type: 'fail'; readonly error: Error };

/** The state a new recorder starts in. */
export const IDLE: Idle = { kind: 'idle' };

/**
 * The recorder's state machine: idle → recording → stopping → stopped, with `fail` from the two
 * active states; a stopped or failed recorder may start again.
 *
 * @throws IllegalRecorderTransitionError for any other pair, e.g. `stop` while idle
 */
export function nextRecorderState(state: RecorderState, event: RecorderEvent): RecorderState {
  switch (event.type) {
    case 'start':
      if (state.kind === 'idle' || state.kind === 'stopped' || state.kind === 'failed') {
        return { kind: 'recording', startedAt: event.at };
      }
      break;
    case 'stop':
      if (state.kind === 'recording') {
        return { kind: 'stopping', startedAt: state.startedAt, stoppedAt: event.at };
      }
      break;
    case 'finish':
      if (state.kind === 'stopping') {
        return { kind: 'stopped', durationMs: state.stoppedAt - state.startedAt };
      }
      break;
    case 'fail':
      if (state.kind === 'recording' || state.kind === 'stopping') {
        return { kind: 'failed', error: event.error };
      }
      break;
  }
  throw new IllegalRecorderTransitionError(state.kind, event.type);
}

/** How long the recording in `state` has been running at time `now` (ms). */
export function elapsedMs(state: RecorderState, now: number): number {
  switch (state.kind) {
    case 'recording':
      return Math.max(0, now - state.startedAt);
    case 'stopping':
      return state.stoppedAt - state.startedAt;
    case 'stopped':
      return state.durationMs;
    default:
      return 0;
  }
}
