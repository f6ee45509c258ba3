import { RecordingLog } from '../recording-log';
import { AudioMixer, type AudioLayout } from './audio-mixer';
import { MemoryChunkSink, type ChunkSink } from './chunk-sink';
import { CallCompositor, type Tile } from './compositor';
import { IllegalRecorderTransitionError, InvalidStreamError, RecordingFailedError } from './errors';
import { workerFrameClock, type FrameClock } from './frame-clock';
import { QUALITY_SIZES, type Layout, type Quality, type Size } from './layout';
import { frameSource } from './frame-source';
import { playMuted, release } from './media-element';
import { recordingFilename } from './filename';
import { audioNotRunning, type Party as PartyName, type RecordedAudio, type RecorderWarning } from './recorder-warning';
import { recordingStatus, type RecordingStatus } from './recording-status';
import { pickMimeType, PREFERRED_MIME_TYPES } from './mime-type';
import { elapsedMs, IDLE, nextRecorderState, type RecorderState } from './recorder-state';

/** Options of {@link CallRecorder}; every one has a default. */
export interface CallRecorderOptions {
  /** Canvas size: `'720p'` (1280x720, default), `'1080p'` (1920x1080) or `'360p'` (640x360, for weak devices). */
  readonly quality?: Quality;
  /** Video bit rate; default by quality (800 kbit/s at 360p, 2.5 Mbit/s at 720p, 5 Mbit/s at 1080p). */
  readonly videoBitsPerSecond?: number;
  /** `'side-by-side'` (default) or `'picture-in-picture'`. */
  readonly layout?: Layout;
  /** Composited frames per second; default 30. */
  readonly frameRate?: number;
  /** MediaRecorder timeslice: a chunk reaches the sink this often; default 1000 ms. */
  readonly timesliceMs?: number;
  /** Recording types by preference; default {@link PREFERRED_MIME_TYPES}. */
  readonly mimeTypes?: readonly string[];
  /** Where chunks go; default keeps them in memory. */
  readonly createSink?: (mimeType: string) => ChunkSink;
  /** Drives drawing and the duration timer; default a Worker-driven clock. */
  readonly clock?: FrameClock;
  /** Monotonic time in ms; default `performance.now()`. */
  readonly now?: () => number;
  /** Wall-clock time, for the file name; default `new Date()`. */
  readonly date?: () => Date;
  /** Default logs to the console. */
  readonly log?: RecordingLog;
  /**
   * The context that mixes the audio, e.g. one the app created or resumed inside the user's
   * click; the recorder does not close it. Default: a new one made in {@link CallRecorder.start}.
   */
  readonly audioContext?: AudioContext;
  /**
   * `'per_party'` (default): the local party on the left channel, the remote party on the right,
   * so who said what can be told apart later; `'mixed'`: both in both channels. Tell the server
   * with the upload (`audio_layout`); a recording whose audio fell back to one microphone has one
   * channel, which the server notices.
   */
  readonly audioLayout?: AudioLayout;
}

/** A finished recording. */
export interface RecordedFile {
  readonly blob: Blob;
  readonly mimeType: string;
  /** e.g. `recording-20250101-120000.webm` */
  readonly filename: string;
  readonly durationMs: number;
  /** The canvas size, i.e. the video's frame size. */
  readonly size: Size;
  /** How the file's audio holds the parties: `per_party` only when the per-party mix made it. */
  readonly audioLayout: AudioLayout;
}

/**
 * Events: `statechange` (detail: {@link RecorderState}), `duration` (detail: recorded ms, pauses
 * excluded, twice a second), `error` (detail: Error), `warning` (detail: {@link RecorderWarning}:
 * the recording goes on but loses something, e.g. audio), `warningcleared` (detail: the kind that
 * is fine again), `audiosource` (detail: {@link RecordedAudio}: what the file's audio carries, once
 * decided after start and whenever it changes), `recordingstatus` (detail: {@link RecordingStatus},
 * the message to send the other party when recording starts, pauses, resumes and ends), `source` (detail: {@link SourceChange}: a party's track ended, was
 * muted or came back; the file shows a placeholder meanwhile), `devicechange` (the user's
 * cameras or microphones changed, e.g. a headset was unplugged: time to offer
 * {@link CallRecorder.replaceLocalStream}).
 */
export type CallRecorderEventMap = {
  statechange: CustomEvent<RecorderState>;
  duration: CustomEvent<number>;
  error: CustomEvent<Error>;
  warning: CustomEvent<RecorderWarning>;
  warningcleared: CustomEvent<RecorderWarning['kind']>;
  audiosource: CustomEvent<RecordedAudio>;
  recordingstatus: CustomEvent<RecordingStatus>;
  source: CustomEvent<SourceChange>;
  devicechange: CustomEvent<null>;
};

/** A party's track changed state during a recording. */
export interface SourceChange {
  readonly party: 'local' | 'remote';
  readonly kind: 'audio' | 'video';
  /** `ended` (device unplugged, peer gone), `muted` (no data for now) or `live` again. */
  readonly state: 'ended' | 'muted' | 'live';
}

/** One party as recorded: its stream, its tile, and the listeners on its tracks. */
interface Party {
  readonly stream: MediaStream;
  readonly videoTrack: MediaStreamTrack | undefined;
  readonly tile: Tile | undefined;
  /** The remote stream also plays in a muted element: Chromium feeds WebAudio silence otherwise. */
  readonly player: HTMLVideoElement | undefined;
  readonly unlisten: () => void;
}

const DURATION_TICK_MS = 500;
/**
 * A context not running this long after start() is given up on for the file (its microphone
 * fallback is chosen) and reported, even while its resume() is pending: Firefox's never settles
 * without a sound output.
 */
const AUDIO_START_TIMEOUT_MS = 2_000;
/**
 * How long `stop()` waits for the encoder's first bytes when none came yet. Chromium, stopped
 * before its encoder gave out anything (seen 115-400 ms after start), makes a 0-byte file, which
 * the server refuses; its first chunk came 0.7-1.6 s after start on a loaded 2-core machine.
 */
const FIRST_DATA_TIMEOUT_MS = 5_000;
const VIDEO_BITS_PER_SECOND: Record<Quality, number> = { '360p': 800_000, '720p': 2_500_000, '1080p': 5_000_000 };

/**
 * One MediaRecorder of a session. While the audio context has not started, two record side by
 * side from the start: the mix, and one party's microphone directly; the first whose audio is
 * known to work is kept and the other dropped, so the file starts at the click either way.
 */
interface Take {
  readonly recorder: MediaRecorder;
  /** `undefined` for the mix; else whose microphone it records. */
  readonly direct: PartyName | undefined;
  /** Chunks with their recorded time, held until the audio is decided. */
  readonly held: { readonly chunk: Blob; readonly recordedMs: number }[];
  state: 'deciding' | 'kept' | 'dropped';
}

interface Session {
  /** The take that makes the file: the mix until the audio is decided. */
  recorder: MediaRecorder;
  readonly mixTake: Take;
  readonly takes: Take[];
  /** `undefined` while deciding. */
  recordedAudio: RecordedAudio | undefined;
  readonly compositor: CallCompositor;
  readonly mixer: AudioMixer;
  readonly sink: ChunkSink;
  local: Party;
  remote: Party | undefined;
  readonly stopDeviceWatch: () => void;
  writes: Promise<void>;
  /** Settles once MediaRecorder gave out its first bytes. */
  readonly firstData: Promise<void>;
  readonly gotData: () => void;
  /** `stop()` was called and waits for {@link Session.firstData}. */
  stopRequested: boolean;
  /** The audio context's state last seen, and whether a warning about it went out. */
  audioState: string | undefined;
  audioWarned: boolean;
  readonly stopTicks: () => void;
  readonly startedOn: Date;
}

/**
 * Records a 1:1 call into one file: both videos composited on a canvas, both audio tracks mixed.
 *
 * @example
 * const recorder = new CallRecorder({ quality: '720p' });
 * recorder.start(localStream, remoteStream);       // remoteStream may come later: setRemoteStream()
 * const file = await recorder.stop();              // file.blob, file.filename
 */
export class CallRecorder extends EventTarget {
  /** The MIME type recorded, chosen at construction. */
  readonly mimeType: string;
  /** The canvas (and video) size. */
  readonly size: Size;
  /** How the audio holds the parties (option `audioLayout`): send it with the upload. */
  readonly audioLayout: AudioLayout;
  private readonly options: Required<Omit<CallRecorderOptions, 'quality' | 'mimeTypes' | 'layout' | 'audioContext' | 'audioLayout'>>;
  private readonly audioContext: AudioContext | undefined;
  private layout: Layout;
  private readonly quality: Quality;
  private currentState: RecorderState = IDLE;
  private remote: MediaStream | undefined;
  private session: Session | undefined;

  /** @throws UnsupportedRecordingTypeError when the browser can record none of the types */
  constructor(options: CallRecorderOptions = {}) {
    super();
    this.quality = options.quality ?? '720p';
    this.size = QUALITY_SIZES[this.quality];
    this.mimeType = pickMimeType((type) => MediaRecorder.isTypeSupported(type), options.mimeTypes ?? PREFERRED_MIME_TYPES);
    this.layout = options.layout ?? 'side-by-side';
    this.audioContext = options.audioContext;
    this.audioLayout = options.audioLayout ?? 'per_party';
    this.options = {
      frameRate: options.frameRate ?? 30,
      videoBitsPerSecond: options.videoBitsPerSecond ?? VIDEO_BITS_PER_SECOND[this.quality],
      timesliceMs: options.timesliceMs ?? 1000,
      createSink: options.createSink ?? ((mimeType) => new MemoryChunkSink(mimeType)),
      clock: options.clock ?? workerFrameClock,
      now: options.now ?? (() => performance.now()),
      date: options.date ?? (() => new Date()),
      log: options.log ?? new RecordingLog(),
    };
  }

  /** The current state. */
  get state(): RecorderState {
    return this.currentState;
  }

  /** What to tell the other party now, e.g. when it joins (see {@link RecordingStatus}). */
  get recordingStatus(): RecordingStatus {
    return recordingStatus(this.currentState, this.session?.startedOn);
  }

  /** How long the current (or last) recording has recorded, in ms: paused stretches do not count. */
  get durationMs(): number {
    return elapsedMs(this.currentState, this.options.now());
  }

  /** What the current recording's audio carries; `undefined` outside a recording and until decided (2 s after start at most). */
  get recordedAudio(): RecordedAudio | undefined {
    return this.session?.recordedAudio;
  }

  /**
   * Starts recording the local stream and, if known, the remote one. Call it synchronously inside
   * the user's click (or pass an `audioContext` resumed there): Firefox and Safari keep audio
   * started outside a gesture suspended. A context that does not reach `running` within 2 s (no
   * sound output in Firefox, no gesture) is not mixed: the file records the local party's
   * microphone directly (the other party's when the local stream has no audio), from the start,
   * and an `audiosource` event and an `audio-not-running` warning say which; with no microphone
   * at all, the file has silence and the warning says so. See {@link CallRecorder.retryAudioMix}.
   *
   * @throws IllegalRecorderTransitionError when already recording
   * @throws InvalidStreamError when `local` has no video track
   * @throws RecordingFailedError when MediaRecorder refuses to start
   */
  start(local: MediaStream, remote: MediaStream | undefined = this.remote): void {
    const next = nextRecorderState(this.currentState, { type: 'start', at: this.options.now() });
    if (local.getVideoTracks().length === 0) {
      throw new InvalidStreamError('The local stream has no video track');
    }
    this.options.log.starting();
    this.remote = remote;
    const compositor = new CallCompositor({
      size: this.size,
      layout: this.layout,
      frameRate: this.options.frameRate,
      clock: this.options.clock,
    });
    const mixer = this.audioContext === undefined
      ? new AudioMixer(new AudioContext(), true, this.audioLayout)
      : new AudioMixer(this.audioContext, false, this.audioLayout);
    // Synchronously, while the click's user activation lasts.
    const resumed = mixer.resume();
    const takes: Take[] = [];
    let sink: ChunkSink;
    let gotData = () => undefined as void;
    const firstData = new Promise<void>((resolve) => (gotData = resolve));
    try {
      const video = compositor.start();
      const take = (audio: MediaStreamTrack, direct: PartyName | undefined): Take => ({
        recorder: new MediaRecorder(new MediaStream([video, audio]), {
          mimeType: this.mimeType,
          videoBitsPerSecond: this.options.videoBitsPerSecond,
          audioBitsPerSecond: 128_000,
        }),
        direct,
        held: [],
        state: 'deciding',
      });
      takes.push(take(mixer.track, undefined));
      // resume() may still start it (Chromium within milliseconds, Firefox once its output opens).
      const fallback = mixer.state === 'running' ? undefined : directAudio(local, remote);
      if (fallback !== undefined) takes.push(take(fallback.track, fallback.party));
      sink = this.options.createSink(this.mimeType);
      for (const { recorder } of takes) recorder.start(this.options.timesliceMs);
    } catch (error) {
      for (const { recorder } of takes) if (recorder.state !== 'inactive') recorder.stop();
      compositor.stop();
      void mixer.close();
      throw new RecordingFailedError('MediaRecorder could not start', { cause: error });
    }
    const [mixTake] = takes as [Take];
    const session: Session = {
      recorder: mixTake.recorder,
      mixTake,
      takes,
      recordedAudio: undefined,
      compositor,
      mixer,
      sink,
      // Joined right below: the track listeners need the session.
      local: undefined as unknown as Party,
      remote: undefined,
      stopDeviceWatch: watchDevices(() => this.emit('devicechange', null)),
      writes: Promise.resolve(),
      firstData,
      gotData,
      stopRequested: false,
      audioState: undefined,
      audioWarned: false,
      stopTicks: this.options.clock.every(DURATION_TICK_MS, () => this.emit('duration', this.durationMs)),
      startedOn: this.options.date(),
    };
    for (const take of takes) {
      take.recorder.addEventListener('dataavailable', (event) => {
        if (event.data.size === 0 || take.state === 'dropped') return;
        // Recorded time, not wall time: a recovered recording's duration is its last chunk's.
        const recordedMs = this.durationMs;
        if (take.state === 'deciding') take.held.push({ chunk: event.data, recordedMs });
        else this.write(session, event.data, recordedMs);
      });
      take.recorder.addEventListener('error', (event) => take.state !== 'dropped' && this.fail(session, errorOf(event)));
    }
    session.local = this.join(session, 'local', local);
    session.remote = remote === undefined ? undefined : this.join(session, 'remote', remote);
    compositor.setTiles(session.local.tile, session.remote?.tile);
    this.session = session;
    this.transition(next);
    this.options.log.started(this.mimeType, this.size.width, this.size.height);
    if (mixer.state === 'running') this.audioStateChanged(session, 'running');
    void resumed.then((state) => this.audioStateChanged(session, state));
    // Firefox's resume() never settles while no output device lets the context start.
    setTimeout(() => this.audioStateChanged(session, mixer.state, true), AUDIO_START_TIMEOUT_MS);
    mixer.watch((state) => this.audioStateChanged(session, state));
  }

  /**
   * Pauses the recording: the file gets nothing (MediaRecorder's own `pause()`), the duration
   * stands still, and a `recordingstatus` event tells the other party. Drawing and mixing go on
   * meanwhile, so the first frame after {@link CallRecorder.resume} is current and the audio
   * context, which some browsers restart only in a user gesture, keeps running.
   *
   * @throws IllegalRecorderTransitionError unless recording (not paused, not stopping)
   */
  pause(): void {
    this.pauseOrResume('pause');
    this.options.log.paused(this.durationMs);
    this.emit('duration', this.durationMs);
  }

  /**
   * Resumes a paused recording: the file goes on right after what was recorded before the pause,
   * and the duration counts on from there.
   *
   * @throws IllegalRecorderTransitionError unless paused
   */
  resume(): void {
    this.pauseOrResume('resume');
    this.options.log.resumed(this.durationMs);
  }

  /**
   * Asks the audio context to run again; call it synchronously inside a user's click (an app's
   * "retry audio" button). Resolves with whether it runs within 2 s. A recording whose file
   * records the mix (`recordedAudio.source` `mix` or `silence`) gets both parties again at once.
   * One that fell back to a microphone keeps that track to its end (a MediaRecorder cannot change
   * its tracks mid-file): when this resolves `true`, a new recording gets the mix.
   */
  retryAudioMix(): Promise<boolean> {
    const session = this.session;
    if (session === undefined) {
      return Promise.resolve(false);
    }
    const resumed = session.mixer.resume();
    let waited: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<string>((resolve) => (waited = setTimeout(() => resolve(session.mixer.state), AUDIO_START_TIMEOUT_MS)));
    return Promise.race([resumed, timedOut]).then((state) => {
      clearTimeout(waited);
      this.audioStateChanged(session, state);
      return state === 'running';
    });
  }

  /**
   * Sets (or, with `null`, removes) the remote party's stream, at any time: before, during or
   * between recordings, and again when the peer leaves and rejoins. During a recording its video
   * and audio join the file and the layout adapts; call again after tracks were added to the same
   * stream (WebRTC `track` events arrive one per track).
   */
  setRemoteStream(remote: MediaStream | null): void {
    this.remote = remote ?? undefined;
    const session = this.session;
    if (session === undefined) {
      return;
    }
    const previous = session.remote;
    if (remote !== null && previous?.stream === remote && previous.videoTrack === remote.getVideoTracks()[0]) {
      session.mixer.add(remote, 'remote');
      return;
    }
    if (previous !== undefined) this.leave(session, previous);
    session.remote = remote === null ? undefined : this.join(session, 'remote', remote);
    if (remote !== null) this.options.log.remoteJoined();
    session.compositor.setTiles(session.local.tile, session.remote?.tile);
  }

  /**
   * Replaces the local party's stream, e.g. after the user picked another camera or microphone or
   * unplugged a headset; during a recording the file goes on with the new one. Outside a
   * recording there is nothing to replace: {@link CallRecorder.start} takes the local stream.
   *
   * @throws InvalidStreamError when `local` has no video track
   */
  replaceLocalStream(local: MediaStream): void {
    if (local.getVideoTracks().length === 0) {
      throw new InvalidStreamError('The local stream has no video track');
    }
    const session = this.session;
    if (session === undefined) {
      return;
    }
    this.leave(session, session.local);
    session.local = this.join(session, 'local', local);
    session.compositor.setTiles(session.local.tile, session.remote?.tile);
  }

  /** Switches between side by side and picture-in-picture, also during a recording. */
  setLayout(layout: Layout): void {
    this.layout = layout;
    this.session?.compositor.setLayout(layout);
  }

  /**
   * Stops recording and returns the file once the sink has every chunk. Stopped before the
   * encoder gave out its first bytes (a click on stop right after start), it records on until
   * they come (about a second; 5 s at most), so the file is never empty.
   *
   * @throws IllegalRecorderTransitionError when not recording, or already stopping
   * @throws RecordingFailedError when MediaRecorder failed meanwhile
   */
  async stop(): Promise<RecordedFile> {
    const session = this.session;
    nextRecorderState(this.currentState, { type: 'stop', at: this.options.now() });
    if (session === undefined) {
      throw new Error('A recording state without a session');
    }
    if (session.stopRequested) {
      throw new IllegalRecorderTransitionError('stopping', 'stop');
    }
    session.stopRequested = true;
    // Stopped before the audio was decided: what works now makes the file.
    this.audioStateChanged(session, session.mixer.state, true);
    let waited: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([session.firstData, new Promise<void>((resolve) => (waited = setTimeout(resolve, FIRST_DATA_TIMEOUT_MS)))]);
    clearTimeout(waited);
    if (this.session !== session) {
      throw new RecordingFailedError('MediaRecorder failed before it gave out any data');
    }
    // Taken now, so the Duration covers what the file holds.
    const next = nextRecorderState(this.currentState, { type: 'stop', at: this.options.now() });
    const stopped = new Promise<void>((resolve) => session.recorder.addEventListener('stop', () => resolve(), { once: true }));
    this.options.log.stopping();
    this.transition(next);
    session.stopTicks();
    session.recorder.stop();
    await stopped;
    try {
      await session.writes;
      const blob = await session.sink.finish();
      const durationMs = this.durationMs;
      this.teardown(session);
      this.transition(nextRecorderState(this.currentState, { type: 'finish' }));
      this.options.log.stopped(blob.size, durationMs);
      return {
        blob,
        mimeType: this.mimeType,
        filename: recordingFilename(session.startedOn, this.mimeType),
        durationMs,
        size: this.size,
        audioLayout: session.recordedAudio?.source === 'mix' ? this.audioLayout : 'mixed',
      };
    } catch (error) {
      const failure = new RecordingFailedError('Could not finish the recording', { cause: error });
      this.fail(session, failure);
      throw failure;
    }
  }

  /** Typed `addEventListener` for {@link CallRecorderEventMap}. */
  on<K extends keyof CallRecorderEventMap>(type: K, listener: (event: CallRecorderEventMap[K]) => void): void {
    this.addEventListener(type, listener as EventListener);
  }

  /**
   * The mix's context is in `state`; `final` when its start is given up on (the timeout, a stop).
   * While deciding, a running context keeps the mix, a given-up one the microphone take.
   */
  private audioStateChanged(session: Session, state: string, final = false): void {
    if (this.session !== session) {
      return;
    }
    if (session.recordedAudio === undefined) {
      const fallback = session.takes.find((take) => take.direct !== undefined);
      if (state === 'running' || ((final || state === 'closed') && fallback === undefined)) {
        this.keep(session, session.mixTake);
      } else if (final || state === 'closed') {
        this.keep(session, fallback ?? session.mixTake);
      } else {
        return;
      }
    }
    const direct = session.recordedAudio?.source === 'microphone' ? session.recordedAudio : undefined;
    if (direct !== undefined) {
      // The file keeps the microphone to its end: the warning stands.
      if (!session.audioWarned) {
        session.audioWarned = true;
        this.emit('warning', audioNotRunning(direct.contextState, direct.party));
      }
      return;
    }
    if (state === session.audioState) {
      return;
    }
    const wasRunning = session.audioState === 'running';
    session.audioState = state;
    this.setRecordedAudio(session, state === 'running' ? { source: 'mix' } : { source: 'silence', contextState: state });
    if (state === 'running') {
      if (!wasRunning && session.audioWarned) this.emit('warningcleared', 'audio-not-running');
    } else {
      session.audioWarned = true;
      this.emit('warning', audioNotRunning(state));
    }
  }

  /** Makes `take` the file: its held chunks go to the sink, the other take stops. */
  private keep(session: Session, take: Take): void {
    for (const other of session.takes) {
      if (other !== take) {
        other.state = 'dropped';
        other.held.length = 0;
        if (other.recorder.state !== 'inactive') other.recorder.stop();
      }
    }
    take.state = 'kept';
    session.recorder = take.recorder;
    for (const { chunk, recordedMs } of take.held.splice(0)) this.write(session, chunk, recordedMs);
    if (take.direct !== undefined) {
      this.setRecordedAudio(session, { source: 'microphone', party: take.direct, contextState: session.mixer.state });
    }
  }

  private setRecordedAudio(session: Session, audio: RecordedAudio): void {
    const before = session.recordedAudio;
    if (before?.source === audio.source) {
      return;
    }
    session.recordedAudio = audio;
    this.options.log.audioSource(audio);
    this.emit('audiosource', audio);
  }

  private write(session: Session, chunk: Blob, recordedMs: number): void {
    session.gotData();
    session.writes = session.writes.then(() => session.sink.write(chunk, recordedMs));
  }

  /** Pauses or resumes every MediaRecorder of the session (both while the audio is being decided). */
  private pauseOrResume(event: 'pause' | 'resume'): void {
    const session = this.session;
    if (session === undefined || session.stopRequested) {
      throw new IllegalRecorderTransitionError(session === undefined ? this.currentState.kind : 'stopping', event);
    }
    const next = nextRecorderState(this.currentState, { type: event, at: this.options.now() });
    for (const { recorder } of session.takes) {
      if (event === 'pause' && recorder.state === 'recording') recorder.pause();
      if (event === 'resume' && recorder.state === 'paused') recorder.resume();
    }
    this.transition(next);
  }

  private join(session: Session, party: 'local' | 'remote', stream: MediaStream): Party {
    const videoTrack = stream.getVideoTracks()[0];
    session.mixer.add(stream, party);
    const listeners: (() => void)[] = [];
    for (const track of stream.getTracks()) {
      const kind = track.kind === 'audio' ? 'audio' : 'video';
      for (const [type, state] of [['ended', 'ended'], ['mute', 'muted'], ['unmute', 'live']] as const) {
        const listener = () => this.session === session && this.emit('source', { party, kind, state });
        track.addEventListener(type, listener);
        listeners.push(() => track.removeEventListener(type, listener));
      }
    }
    return {
      stream,
      videoTrack,
      tile: videoTrack === undefined ? undefined : { source: frameSource(videoTrack), label: party === 'local' ? 'camera off' : 'other party\'s video lost' },
      player: party === 'remote' ? playMuted(stream) : undefined,
      unlisten: () => listeners.forEach((unlisten) => unlisten()),
    };
  }

  private leave(session: Session, party: Party): void {
    party.unlisten();
    party.tile?.source.close();
    if (party.player !== undefined) release(party.player);
    session.mixer.remove(party.stream);
  }

  private fail(session: Session, error: Error): void {
    if (this.session !== session) {
      return;
    }
    for (const { recorder } of session.takes) if (recorder.state !== 'inactive') recorder.stop();
    session.stopTicks();
    this.teardown(session);
    this.transition(nextRecorderState(this.currentState, { type: 'fail', error }));
    this.emit('error', error);
  }

  private teardown(session: Session): void {
    session.compositor.stop();
    session.stopDeviceWatch();
    this.leave(session, session.local);
    if (session.remote !== undefined) this.leave(session, session.remote);
    void session.mixer.close();
    this.session = undefined;
  }

  private transition(next: RecorderState): void {
    const before = this.recordingStatus;
    this.currentState = next;
    this.emit('statechange', next);
    const status = this.recordingStatus;
    if (status.recording !== before.recording || status.paused !== before.paused) {
      this.emit('recordingstatus', status);
    }
  }

  private emit<K extends keyof CallRecorderEventMap>(type: K, detail: CallRecorderEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function errorOf(event: Event): Error {
  const error = (event as Event & { error?: unknown }).error;
  return error instanceof Error ? new RecordingFailedError(error.message, { cause: error }) : new RecordingFailedError('MediaRecorder failed');
}

/** The track to record when the mix cannot run: the local microphone, else the other party's. */
function directAudio(local: MediaStream, remote: MediaStream | undefined): { track: MediaStreamTrack; party: PartyName } | undefined {
  const live = (stream: MediaStream | undefined) => stream?.getAudioTracks().find((track) => track.readyState === 'live');
  const mine = live(local);
  if (mine !== undefined) {
    return { track: mine, party: 'local' };
  }
  const theirs = live(remote);
  return theirs === undefined ? undefined : { track: theirs, party: 'remote' };
}

/** Calls `onChange` on every `devicechange` of the media devices; returns a function that stops. */
function watchDevices(onChange: () => void): () => void {
  const devices = navigator.mediaDevices;
  if (devices === undefined) {
    return () => undefined;
  }
  devices.addEventListener('devicechange', onChange);
  return () => devices.removeEventListener('devicechange', onChange);
}
