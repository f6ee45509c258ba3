import type { RecorderState } from './recorder-state';

/** The `type` of a {@link RecordingStatus} message, so a receiver can pick it out of its other messages. */
export const RECORDING_STATUS_TYPE = 'call-recordings/recording-status';

/**
 * Tells the other party of a call whether this side records it, so that its page can say so
 * ("● This call is being recorded", "⏸ Recording paused"), as LiveKit's `RecordingStatusChanged`
 * does. Plain JSON: send it over the call's data channel or any signalling channel, again to a
 * peer that joins later. A receiver that predates `paused` reads a paused recording as recording,
 * which errs on the side of telling.
 *
 * @example { "type": "call-recordings/recording-status", "version": 1, "recording": true, "paused": false, "since": "2026-12-01T20:00:00.000Z" }
 */
export interface RecordingStatus {
  readonly type: typeof RECORDING_STATUS_TYPE;
  readonly version: 1;
  readonly recording: boolean;
  /** While `recording`: whether it is paused, i.e. nothing is being recorded right now. */
  readonly paused?: boolean;
  /** When the recording started (ISO 8601), while `recording`. */
  readonly since?: string;
}

/** The status for a recorder in `state`; `startedOn` is the wall-clock start. */
export function recordingStatus(state: RecorderState, startedOn: Date | undefined): RecordingStatus {
  const recording = state.kind === 'recording' || state.kind === 'paused' || state.kind === 'stopping';
  return recording && startedOn !== undefined
    ? { type: RECORDING_STATUS_TYPE, version: 1, recording, paused: state.kind === 'paused', since: startedOn.toISOString() }
    : { type: RECORDING_STATUS_TYPE, version: 1, recording };
}

/** Reads a received message: the status, or `undefined` when `data` is not one (another message, another version). */
export function parseRecordingStatus(data: unknown): RecordingStatus | undefined {
  if (typeof data !== 'object' || data === null) {
    return undefined;
  }
  const message = data as Record<string, unknown>;
  if (message.type !== RECORDING_STATUS_TYPE || message.version !== 1 || typeof message.recording !== 'boolean') {
    return undefined;
  }
  if (message.since !== undefined && (typeof message.since !== 'string' || Number.isNaN(Date.parse(message.since)))) {
    return undefined;
  }
  if (message.paused !== undefined && typeof message.paused !== 'boolean') {
    return undefined;
  }
  return {
    type: RECORDING_STATUS_TYPE,
    version: 1,
    recording: message.recording,
    ...(message.paused === undefined ? {} : { paused: message.paused }),
    ...(message.since === undefined ? {} : { since: message.since }),
  };
}
