/**
 * Mixes the audio tracks of both parties into one track through WebAudio (MediaRecorder records
 * only the first audio track of a stream). With no input the mixed track carries silence, so a
 * recording always has exactly one audio track.
 */
export class AudioMixer {
  private readonly destination: MediaStreamAudioDestinationNode;
  private readonly sources = new Map<string, MediaStreamAudioSourceNode>();
  private readonly ownsContext: boolean;
  private stopWatching: (() => void) | undefined;

  /** With no context a new one is made, which must then happen inside a user gesture (a click). */
  constructor(private readonly context: AudioContext = new AudioContext(), owned = true) {
    this.ownsContext = owned;
    this.destination = context.createMediaStreamDestination();
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
   * Adds every audio track of `stream` not mixed yet; call again when a track was added to it.
   * A remote stream must also be playing in a media element (see `playMuted`).
   */
  add(stream: MediaStream): void {
    for (const track of stream.getAudioTracks()) {
      if (!this.sources.has(track.id)) {
        const source = this.context.createMediaStreamSource(new MediaStream([track]));
        source.connect(this.destination);
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
    this.destination.disconnect();
    if (this.ownsContext) {
      await this.context.close();
    }
  }
}
