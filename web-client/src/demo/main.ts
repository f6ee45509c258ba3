import { IndexedDbJournal } from '../journal/indexeddb-journal';
import { discardRecording, findRecoverable } from '../journal/recovery';
import { CallRecorder } from '../recording/call-recorder';
import { parseRecordingStatus, type RecordingStatus } from '../recording/recording-status';
import { IDLE, type RecorderState } from '../recording/recorder-state';
import type { RecordedAudio } from '../recording/recorder-warning';
import type { Layout, Quality } from '../recording/layout';
import { RecordingLog } from '../recording-log';
import { defineRecordingElements } from '../ui/define-elements';
import type { RecordButtonElement } from '../ui/record-button';
import type { RecordingsListElement } from '../ui/recordings-list';
import type { RecoveryEventDetail, RecoveryListElement } from '../ui/recovery-list';
import type { RoomInfoPanelElement } from '../ui/room-info-panel';
import { warnWhileUnsent } from '../ui/unsent-warning';
import type { UploadStatusElement } from '../ui/upload-status';
import { hasRoomFor, HOUR_OF_720P_BYTES } from '../journal/storage-check';
import { retryInBackground } from '../upload/background-retry';
import { saveRecordingLocally } from '../upload/local-fallback';
import { uploadPending } from '../upload/pending-uploads';
import { ProgressiveUpload } from '../upload/progressive-upload';
import type { RecordingView } from '../upload/api-types';
import { isProcessing, watchProcessing } from '../upload/processing-watch';
import { checkRoomId, RecordingsApi } from '../upload/recordings-api';
import { joinBroadcastCall } from './broadcast-call';
import { devSignIn, storedSession } from './dev-session';
import { element } from './page-element';
import { startLoopbackCall } from './loopback-call';
import { startSyntheticParty } from './synthetic-party';

defineRecordingElements();


const ui = {
  loginForm: element<HTMLFormElement>('#login-form'),
  email: element<HTMLInputElement>('#email'),
  signedIn: element<HTMLElement>('#signed-in'),
  joinForm: element<HTMLFormElement>('#join-form'),
  room: element<HTMLInputElement>('#room'),
  loopback: element<HTMLInputElement>('#loopback'),
  joinButton: element<HTMLButtonElement>('#join-button'),
  error: element<HTMLElement>('#error'),
  call: element<HTMLElement>('#call'),
  panel: element<RoomInfoPanelElement>('room-info-panel'),
  localVideo: element<HTMLVideoElement>('#local-video'),
  remoteVideo: element<HTMLVideoElement>('#remote-video'),
  recordButton: element<RecordButtonElement>('record-button'),
  pauseButton: element<HTMLButtonElement>('#pause-button'),
  retryAudio: element<HTMLButtonElement>('#retry-audio'),
  quality: element<HTMLSelectElement>('#quality'),
  layout: element<HTMLSelectElement>('#layout'),
  hangUp: element<HTMLButtonElement>('#hang-up'),
  uploadStatus: element<UploadStatusElement>('upload-status'),
  warning: element<HTMLElement>('#recording-warning'),
  peerRecording: element<HTMLElement>('#peer-recording'),
  refresh: element<HTMLButtonElement>('#refresh'),
  recordings: element<RecordingsListElement>('recordings-list'),
  recovery: element<RecoveryListElement>('recovery-list'),
  storageWarning: element<HTMLElement>('#storage-warning'),
};

const log = new RecordingLog();
let token = storedSession().token;
const api = new RecordingsApi({ token: () => token });
/** The journal of the signed-in user (another user of this browser never sees it); opened at sign-in. */
let journal: Promise<IndexedDbJournal> = Promise.reject(new Error('Sign in first'));
journal.catch(() => undefined);
/**
 * One audio context for the page: the loopback call's other party plays its tone in it, and the
 * recorder mixes in it. Made before any gesture, it stays suspended (Firefox, Safari) until the
 * record click resumes it.
 */
const audio = new AudioContext();
/** `&bitrate=` (video bits per second), e.g. to record a noisy test camera at a high rate. */
const bitrate = Number(new URLSearchParams(location.search).get('bitrate')) || undefined;

let room: string | undefined;
let local: MediaStream | undefined;
let remote: MediaStream | undefined;
/** `send` reaches the other party; a loopback call has none. */
let call: { hangUp(): void; send?(data: unknown): void } | undefined;
let recorder: CallRecorder | undefined;
let upload: ProgressiveUpload | undefined;

warnWhileUnsent(() => recorder !== undefined || upload?.unsent === true || ui.recovery.recordings.length > 0);

function showError(error: unknown): void {
  ui.error.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(error);
}

function guarded(action: () => Promise<void>): () => void {
  return () => {
    ui.error.textContent = '';
    action().catch(showError);
  };
}

function showSignedIn(email: string): void {
  ui.signedIn.textContent = `Signed in as ${email}`;
  ui.joinButton.disabled = false;
  journal = IndexedDbJournal.open({ user: email });
  guarded(recoverFailedUploads)();
}

/** Stops the background retry loop of failed uploads, if one runs. */
let stopRetrying: () => void = () => undefined;

/** Uploads what failed after a stop; whether nothing is left. */
async function uploadFailed(): Promise<boolean> {
  const { uploaded, failed } = await uploadPending({ journal: await journal, api, log, onProgress: showProgress });
  if (uploaded.length > 0) {
    ui.uploadStatus.succeeded();
    await refreshRecordings();
  }
  await refreshRecovery();
  return failed.length === 0;
}

/** Tries `attempt` again in the background (after a minute, and at every `online` event) until it succeeds. */
function keepTrying(attempt: () => Promise<boolean>): void {
  stopRetrying();
  stopRetrying = retryInBackground(attempt);
}

/**
 * On load: uploads that failed after a stop go up again by themselves (the user already chose to
 * upload them); a recording cut off by a closed tab waits in the list for Recover or Discard.
 */
async function recoverFailedUploads(): Promise<void> {
  if (!(await uploadFailed())) keepTrying(uploadFailed);
}

/** Offers what a closed tab, a crash or a failed upload left in the journal. */
async function refreshRecovery(): Promise<void> {
  ui.recovery.recordings = await findRecoverable(await journal);
}

async function recover(id: string): Promise<void> {
  const found = ui.recovery.recordings.find((item) => item.entry.id === id);
  if (found === undefined) {
    return;
  }
  ui.recovery.setBusy(id, true);
  ui.uploadStatus.reset();
  const resumed = await ProgressiveUpload.resume(found.entry, { journal: await journal, api, log, onProgress: showProgress });
  try {
    refreshWhenProcessed(await resumed.complete());
    ui.uploadStatus.succeeded();
  } catch (error) {
    await failed(resumed);
    throw error;
  } finally {
    ui.recovery.setBusy(id, false);
    await refreshRecovery();
    await refreshRecordings();
  }
}

async function discard(id: string): Promise<void> {
  const found = ui.recovery.recordings.find((item) => item.entry.id === id);
  if (found !== undefined) {
    await discardRecording(await journal, api, found.entry);
  }
  await refreshRecovery();
}

function showProgress(sent: number, total: number): void {
  ui.uploadStatus.progress(sent, total);
}

/** The upload failed for good: the journal keeps it for recovery; the whole file is also saved, while this page still holds it. */
async function failed(sink: ProgressiveUpload): Promise<void> {
  const { filename, mimeType } = sink.journalEntry;
  if (!sink.holdsWholeFile) {
    // Parts are on the server and pruned here: only the multipart upload can finish the file.
    ui.uploadStatus.failed(undefined, filename);
    return;
  }
  const url = saveRecordingLocally({ blob: await sink.finish(), filename, mimeType });
  log.savedLocally(filename);
  ui.uploadStatus.failed(url, filename);
}

/** The journal failed: the recording goes on in memory; the page says so and will offer the file if it cannot upload it. */
function storageFailed(error: Error): void {
  ui.storageWarning.textContent = `⚠️ ${error.message}`;
  ui.storageWarning.hidden = false;
}

async function signIn(email: string): Promise<void> {
  token = await devSignIn(email);
  showSignedIn(email);
}

async function join(roomId: string, loopback: boolean): Promise<void> {
  call?.hangUp();
  room = checkRoomId(roomId);
  local ??= await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: true });
  ui.localVideo.srcObject = local;
  // In a loopback call the other party is a synthetic tone: playing it would only be noise.
  ui.remoteVideo.muted = loopback;
  ui.panel.room = room;
  ui.panel.peerConnected = false;
  ui.panel.recordingMs = null;
  ui.call.hidden = false;
  call = loopback ? await startLoopbackParty() : joinBroadcastCall(room, local, { onRemoteTrack: peerJoined, onPeerLeft: peerLeft, onPeerMessage: peerMessage });
  await refreshRecordings();
}

/** The loopback call's other party is synthetic (magenta, a 300 Hz tone), so the file shows who is who. */
async function startLoopbackParty(): Promise<{ hangUp(): void }> {
  const party = startSyntheticParty({ context: audio });
  const loop = await startLoopbackCall(party.stream, peerJoined);
  return {
    hangUp() {
      loop.hangUp();
      party.stop();
    },
  };
}

function showWarning(message: string | null): void {
  ui.warning.textContent = message ?? '';
  ui.warning.hidden = message === null;
  // Every warning of the recorder is about the audio mix: offer to try it again.
  ui.retryAudio.hidden = message === null;
}

/** Consent: the other party's page says while this one records, and while it is paused (and the other way round). */
function peerMessage(data: unknown): void {
  const status = parseRecordingStatus(data);
  if (status !== undefined) {
    ui.peerRecording.hidden = !status.recording;
    ui.peerRecording.dataset.paused = String(status.paused === true);
    ui.peerRecording.textContent = status.paused === true ? '⏸ Recording of this call is paused' : '● This call is being recorded';
  }
}

/** The pause button and the indicator follow the recorder: `⏸ Pause` while recording, `▶ Resume` and `⏸ PAUSED m:ss` while paused. */
function showRecorderState(state: RecorderState): void {
  const paused = state.kind === 'paused';
  ui.pauseButton.hidden = state.kind !== 'recording' && !paused;
  ui.pauseButton.textContent = paused ? '▶ Resume' : '⏸ Pause';
  ui.pauseButton.title = paused ? 'Resume recording' : 'Pause recording: nothing is recorded until you resume';
  ui.pauseButton.dataset.state = state.kind;
  ui.panel.recordingPaused = paused;
}

function togglePause(): void {
  if (recorder?.state.kind === 'recording') {
    recorder.pause();
  } else if (recorder?.state.kind === 'paused') {
    recorder.resume();
  }
}

/**
 * The retry click: the audio context is resumed inside it. A recording that records the mix gets
 * both parties again at once; one that fell back to a microphone cannot change its audio track,
 * so once the mix runs it is stopped, uploaded, and a new recording with the mix starts.
 */
async function retryAudioMix(): Promise<void> {
  const active = recorder;
  if (active === undefined) {
    return;
  }
  ui.retryAudio.disabled = true;
  try {
    const mixing = await active.retryAudioMix();
    if (!mixing) {
      showWarning(`⚠️ The audio mix still does not start (audio ${audio.state}): ${describeAudio(active.recordedAudio)}`);
    } else if (active.recordedAudio?.source === 'microphone' && recorder === active) {
      await stopAndUpload();
      await startRecording();
    }
  } finally {
    ui.retryAudio.disabled = false;
  }
}

function describeAudio(recorded: RecordedAudio | undefined): string {
  switch (recorded?.source) {
    case 'microphone':
      return recorded.party === 'local' ? 'only your microphone is recorded, not the other party' : "only the other party's microphone is recorded, not yours";
    case 'silence':
      return 'the recording has no sound';
    default:
      return 'both parties are recorded';
  }
}

function tellPeer(status: RecordingStatus): void {
  call?.send?.(status);
}

function peerJoined(stream: MediaStream): void {
  if (remote !== stream && recorder !== undefined) {
    // A peer that joins (or rejoins) mid-recording learns it is being recorded.
    tellPeer(recorder.recordingStatus);
  }
  remote = stream;
  if (ui.remoteVideo.srcObject !== stream) {
    ui.remoteVideo.srcObject = stream;
  }
  ui.recordButton.hasPeer = true;
  ui.panel.peerConnected = true;
  recorder?.setRemoteStream(stream);
}

function peerLeft(): void {
  remote = undefined;
  ui.peerRecording.hidden = true;
  ui.remoteVideo.srcObject = null;
  ui.recordButton.hasPeer = false;
  ui.panel.peerConnected = false;
  recorder?.setRemoteStream(null);
}

async function startRecording(): Promise<void> {
  // Before the first await, while the click's user activation lasts.
  void audio.resume();
  if (local === undefined || room === undefined) {
    throw new Error('Join a room before recording');
  }
  const quality = ui.quality.value as Quality;
  let sink: ProgressiveUpload | undefined;
  const active = new CallRecorder({
    quality,
    layout: ui.layout.value as Layout,
    log,
    createSink: () => {
      if (sink === undefined) throw new Error('The upload starts before the recorder');
      return sink;
    },
    audioContext: audio,
    ...(bitrate === undefined ? {} : { videoBitsPerSecond: bitrate }),
  });
  // The type the recorder negotiated (WebM, or MP4 in Safari) is the upload's type and extension.
  sink = await ProgressiveUpload.begin({ roomId: room, mimeType: active.mimeType }, { journal: await journal, api, log, onProgress: showProgress });
  ui.storageWarning.hidden = true;
  sink.on('error', (event) => storageFailed(event.detail));
  if (sink.storage !== undefined && !hasRoomFor(sink.storage, HOUR_OF_720P_BYTES)) {
    ui.storageWarning.textContent = '⚠️ Little storage is free: a long recording may not fit in the browser; it goes on in memory if it does not';
    ui.storageWarning.hidden = false;
  }
  const begun = sink;
  active.on('duration', (event) => (ui.panel.recordingMs = event.detail));
  active.on('statechange', (event) => showRecorderState(event.detail));
  active.on('warning', (event) => showWarning(`⚠️ ${event.detail.message}`));
  active.on('warningcleared', () => showWarning(null));
  active.on('recordingstatus', (event) => tellPeer(event.detail));
  active.on('error', (event) => {
    showError(event.detail);
    recorder = undefined;
    upload = undefined;
    ui.panel.recordingMs = null;
    showRecorderState(IDLE);
    ui.recordButton.state = 'idle';
    ui.quality.disabled = false;
    // What was journaled before the failure still goes up; if that fails too, recovery offers it.
    guarded(() => begun.complete().then(refreshRecordings, refreshRecovery))();
  });
  try {
    active.start(local, remote);
  } catch (error) {
    await begun.discard();
    throw error;
  }
  recorder = active;
  upload = begun;
  ui.uploadStatus.reset();
  ui.panel.recordingMs = 0;
  showRecorderState(active.state);
  ui.recordButton.state = 'recording';
  ui.quality.disabled = true;
}

async function stopAndUpload(): Promise<void> {
  const active = recorder;
  const sink = upload;
  if (active === undefined || sink === undefined) {
    return;
  }
  ui.recordButton.state = 'uploading';
  try {
    const { durationMs } = await active.stop();
    showWarning(null);
    ui.panel.recordingMs = null;
    try {
      const completed = await sink.complete(durationMs);
      ui.uploadStatus.succeeded();
      await refreshRecordings();
      refreshWhenProcessed(completed);
    } catch (error) {
      // The journal keeps the recording: it is tried again later and offered for recovery, and saved as a file meanwhile.
      await failed(sink);
      await refreshRecovery();
      // A recording partly in memory (the journal failed) can only be finished by this very upload.
      keepTrying(
        sink.storageFailure === undefined
          ? uploadFailed
          : async () => {
              await sink.complete(durationMs);
              ui.uploadStatus.succeeded();
              await refreshRecordings();
              return true;
            },
      );
      throw error;
    }
  } finally {
    upload = undefined;
    recorder = undefined;
    ui.panel.recordingMs = null;
    showRecorderState(IDLE);
    ui.recordButton.state = 'idle';
    ui.quality.disabled = false;
  }
}

/**
 * Processing runs on the server after completion: the page looks at that one recording (bounded
 * backoff, `watchProcessing`) and refreshes the list once it is ready or failed, for the
 * thumbnail and the MP4.
 */
function refreshWhenProcessed(recording: RecordingView): void {
  if (!isProcessing(recording)) {
    return;
  }
  guarded(async () => {
    const outcome = await watchProcessing(api, recording);
    if (!isProcessing(outcome)) await refreshRecordings();
  })();
}

async function refreshRecordings(): Promise<void> {
  if (token === '') {
    return;
  }
  const page = await api.list(room === undefined ? {} : { roomId: room });
  ui.recordings.recordings = page.recordings;
}

ui.loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(() => signIn(ui.email.value))();
});
ui.joinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(() => join(ui.room.value, ui.loopback.checked))();
});
ui.recordButton.addEventListener(
  'record-toggle',
  guarded(async () => (ui.recordButton.state === 'idle' ? startRecording() : stopAndUpload())),
);
ui.recovery.addEventListener('recover', (event) => guarded(() => recover((event as CustomEvent<RecoveryEventDetail>).detail.id))());
ui.recovery.addEventListener('discard', (event) => guarded(() => discard((event as CustomEvent<RecoveryEventDetail>).detail.id))());
ui.pauseButton.addEventListener('click', () => {
  ui.error.textContent = '';
  try {
    togglePause();
  } catch (error) {
    showError(error);
  }
});
// retryAudioMix resumes the context before its first await, inside the click.
ui.retryAudio.addEventListener('click', guarded(retryAudioMix));
ui.layout.addEventListener('change', () => recorder?.setLayout(ui.layout.value as Layout));
ui.hangUp.addEventListener('click', () => {
  call?.hangUp();
  call = undefined;
  peerLeft();
});
ui.refresh.addEventListener('click', guarded(refreshRecordings));

/** `?email=E&room=R&loopback=1[&quality=1080p][&layout=picture-in-picture][&bitrate=N]` signs in, joins and calls. */
async function startFromUrl(params: URLSearchParams): Promise<void> {
  const quality = params.get('quality');
  if (quality === '360p' || quality === '720p' || quality === '1080p') ui.quality.value = quality;
  const layout = params.get('layout');
  if (layout === 'side-by-side' || layout === 'picture-in-picture') ui.layout.value = layout;
  const email = params.get('email') ?? storedSession().email;
  if (email === null) {
    return;
  }
  ui.email.value = email;
  if (params.has('email') || token === '') {
    await signIn(email);
  } else {
    showSignedIn(email);
  }
  const roomId = params.get('room');
  if (roomId !== null) {
    ui.room.value = roomId;
    ui.loopback.checked = params.get('loopback') === '1';
    await join(roomId, ui.loopback.checked);
  }
}

guarded(() => startFromUrl(new URLSearchParams(location.search)))();
