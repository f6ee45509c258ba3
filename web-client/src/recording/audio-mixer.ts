/**
 * How the recorded audio holds the parties: `per_party` puts the local party (who records) on the
 * left channel and the remote party on the right, each downmixed to mono, so the file keeps who
 * said what (the server mixes both into both ears for viewers and finds who spoke when);
 * `mixed` is one mix of both in every channel.
 */
export type AudioLayout = 'per_party' | 'mixed';

/** One side of the call as the mixer places it. */
export type MixerParty = 'local' | 'remote';

/**
 * Mixes the audio tracks of both parties into one stereo track through WebAudio (MediaRecorder
 * records only the first audio track of a stream): with `per_party` (the default) each party is
 * downmixed to mono and put on its own channel through a `ChannelMergerNode`, left the local
 * party, right the remote; with `mixed` both are summed into every channel. With no input the
 * track carries silence, so a recording always has exactly one audio track.
 */
export class AudioMixer {
  private readonly destination: MediaStreamAudioDestinationNode;
  private readonly sources = new Map<string, MediaStreamAudioSourceNode>();
  /** Per party, the mono input of its channel (`per_party` only). */
  private readonly channels: Record<MixerParty, AudioNode> | undefined;
  private readonly merger: ChannelMergerNode | undefined;
  private readonly ownsContext: boolean;
  private stopWatching: (() => void) | undefined;

  /** With no context a new one is made, which must then happen inside a user gesture (a click). */
  constructor(
    private readonly context: AudioContext = new AudioContext(),
    owned = true,
    readonly layout: AudioLayout = 'per_party',
  ) {
    this.ownsContext = owned;
    this.destination = context.createMediaStreamDestination();
    this.destination.channelCount = 2;
    this.destination.channelCountMode = 'explicit';
    if (layout === 'per_party') {
      this.merger = context.createChannelMerger(2);
      // A gain node of one explicit channel downmixes whatever a party sends (mono or stereo) to mono.
      const mono = () => {
        const node = context.createGain();
        node.channelCount = 1;
        node.channelCountMode = 'explicit';
        node.channelInterpretation = 'speakers';
        return node;
      };
      this.channels = { local: mono(), remote: mono() };
      this.channels.local.connect(this.merger, 0, 0);
      this.channels.remote.connect(this.merger, 0, 1);
      this.merger.connect(this.destination);
    }
  }

  /** The mixed track. */
  get track(): MediaStreamTrack {
    const [track] = this.destination.stream.getAudioTracks();
    if (track === undefined) {
      throw new Error('The WebAudio destination has no audio track');
    }
    return track;
  }

  /** The audio context's state: `running`, `suspended`, `interrupted` (Safari) or `closed`. */
  get state(): string {
    return this.context.state;
  }

  /**
   * Adds every audio track of `stream` not mixed yet, as `party`'s; call again when a track was
   * added to it. A remote stream must also be playing in a media element (see `playMuted`).
   */
  add(stream: MediaStream, party: MixerParty): void {
    for (const track of stream.getAudioTracks()) {
      if (!this.sources.has(track.id)) {
        const source = this.context.createMediaStreamSource(new MediaStream([track]));
        source.connect(this.channels === undefined ? this.destination : this.channels[party]);
        this.sources.set(track.id, source);
      }
    }
  }

  /** Removes the audio tracks of `stream` from the mix. */
  remove(stream: MediaStream): void {
    for (const track of stream.getAudioTracks()) {
      this.sources.get(track.id)?.disconnect();
      this.sources.delete(track.id);
    }
  }

  /**
   * Starts the audio graph and resolves with the state it reached. Call it synchronously inside
   * the user's click: browsers (Firefox, Safari) keep a context `suspended` that is resumed
   * outside a gesture, and then the mix is silence.
   */
  async resume(): Promise<string> {
    try {
      await this.context.resume();
    } catch {
      // A closed context cannot resume: its state says so.
    }
    return this.context.state;
  }

  /**
   * Calls `onChange` with every later state of the context. A context the browser suspended or
   * interrupted (Safari, for a phone call) is asked to resume, which it does once allowed.
   */
  watch(onChange: (state: string) => void): void {
    const listener = () => {
      const state = this.context.state;
      if (state === 'suspended' || state === 'interrupted') {
        void this.resume();
      }
      onChange(state);
    };
    this.context.addEventListener('statechange', listener);
    this.stopWatching = () => this.context.removeEventListener('statechange', listener);
  }

  /** Disconnects everything; closes the audio context unless the app passed it in. */
  async close(): Promise<void> {
    this.stopWatching?.();
    for (const source of this.sources.values()) {
      source.disconnect();
    }
    this.sources.clear();
    this.track.stop();
    if (this.channels !== undefined) {
      this.channels.local.disconnect();
      this.channels.remote.disconnect();
    }
    this.merger?.disconnect();
    this.destination.disconnect();
    if (this.ownsContext) {
      await this.context.close();
    }
  }
}
