/**
 * Something that makes the recording lose part of the call while it goes on, for the app to show.
 * `audio-not-running`: the `AudioContext` that mixes both parties is not running (`suspended`
 * because it was started outside a user gesture or the machine has no sound output (Firefox),
 * `interrupted` by Safari for a phone call or another app, or `closed`). `recorded` says what the
 * file gets meanwhile: one party's microphone directly (see {@link RecordedAudio}), or silence.
 */
export type RecorderWarning = {
  readonly kind: 'audio-not-running';
  /** The context's state: `suspended`, `interrupted` or `closed`. */
  readonly state: string;
  /** What the file's audio carries meanwhile. */
  readonly recorded: 'local-microphone' | 'remote-microphone' | 'silence';
  readonly message: string;
};

/** Whose microphone a file records when the mix cannot run. */
export type Party = 'local' | 'remote';

/**
 * What the file's one audio track carries, decided when the recording starts (a MediaRecorder
 * cannot change its tracks mid-file): `mix`, both parties through WebAudio; `microphone`, one
 * party's microphone track recorded directly because the mix did not start (`contextState` says
 * why); `silence`, no mix and no microphone to fall back on.
 */
export type RecordedAudio =
  | { readonly source: 'mix' }
  | { readonly source: 'microphone'; readonly party: Party; readonly contextState: string }
  | { readonly source: 'silence'; readonly contextState: string };

/** The warning's text for a context in `state` while the file records `direct` (a party's microphone) or silence. */
export function audioNotRunning(state: string, direct?: Party): RecorderWarning {
  switch (direct) {
    case 'local':
      return { kind: 'audio-not-running', state, recorded: 'local-microphone', message: `the audio mix is not running (audio ${state}): only your microphone is recorded, not the other party` };
    case 'remote':
      return { kind: 'audio-not-running', state, recorded: 'remote-microphone', message: `the audio mix is not running (audio ${state}): only the other party's microphone is recorded, not yours` };
    default:
      return { kind: 'audio-not-running', state, recorded: 'silence', message: `microphone audio is not being recorded (audio ${state})` };
  }
}
