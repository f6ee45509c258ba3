/**
 * Mixes the audio tracks of both parties into one track through WebAudio (MediaRecorder records
 * only the first audio track of a stream). With no input the mixed track carries silence, so a
 * recording always has exactly one audio track.
 */
export class AudioMixer {
  private readonly destination: MediaStreamAudioDestinationNode;
  private readonly sources = new Map<string, MediaStreamAudioSourceNode>();

  constructor(private readonly context: AudioContext = new AudioContext()) {
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

  /** Starts the audio graph; a context created before any user gesture starts suspended. */
  async resume(): Promise<void> {
    await this.context.resume();
  }

  /** Disconnects everything and closes the audio context. */
  async close(): Promise<void> {
    for (const source of this.sources.values()) {
      source.disconnect();
    }
    this.sources.clear();
    this.track.stop();
    await this.context.close();
  }
}
