/**
 * Something that makes the recording lose part of the call while it goes on, for the app to show.
 * `audio-not-running`: the `AudioContext` that mixes both parties is not running (`suspended`
 * because it was started outside a user gesture, `interrupted` by Safari for a phone call or
 * another app, or `closed`), so the file gets silence.
 */
export type RecorderWarning = {
  readonly kind: 'audio-not-running';
  /** The context's state: `suspended`, `interrupted` or `closed`. */
  readonly state: string;
  readonly message: string;
};

/** The warning's text for a context in `state`. */
export function audioNotRunning(state: string): RecorderWarning {
  return { kind: 'audio-not-running', state, message: `microphone audio is not being recorded (audio ${state})` };
}
