import { CallRecorder } from '../recording/call-recorder';
import type { Layout, Quality } from '../recording/layout';
import { RecordingLog } from '../recording-log';
import { defineRecordingElements } from '../ui/define-elements';
import type { RecordButtonElement } from '../ui/record-button';
import type { RecordingsListElement } from '../ui/recordings-list';
import type { RoomInfoPanelElement } from '../ui/room-info-panel';
import type { UploadStatusElement } from '../ui/upload-status';
import { saveRecordingLocally } from '../upload/local-fallback';
import { checkRoomId, RecordingsApi } from '../upload/recordings-api';
import { RecordingUploader } from '../upload/recording-uploader';
import { joinBroadcastCall } from './broadcast-call';
import { startLoopbackCall } from './loopback-call';

defineRecordingElements();

const TOKEN_KEY = 'call-recordings.token';
const EMAIL_KEY = 'call-recordings.email';

function element<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (found === null) {
    throw new Error(`The demo page lacks ${selector}`);
  }
  return found;
}

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
  quality: element<HTMLSelectElement>('#quality'),
  layout: element<HTMLSelectElement>('#layout'),
  hangUp: element<HTMLButtonElement>('#hang-up'),
  uploadStatus: element<UploadStatusElement>('upload-status'),
  refresh: element<HTMLButtonElement>('#refresh'),
  recordings: element<RecordingsListElement>('recordings-list'),
};

const log = new RecordingLog();
let token = sessionStorage.getItem(TOKEN_KEY) ?? '';
const api = new RecordingsApi({ token: () => token });
const uploader = new RecordingUploader(api, { log });

let room: string | undefined;
let local: MediaStream | undefined;
let remote: MediaStream | undefined;
let call: { hangUp(): void } | undefined;
let recorder: CallRecorder | undefined;

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
}

async function signIn(email: string): Promise<void> {
  token = (await RecordingsApi.devToken(email)).token;
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(EMAIL_KEY, email);
  showSignedIn(email);
}

async function join(roomId: string, loopback: boolean): Promise<void> {
  call?.hangUp();
  room = checkRoomId(roomId);
  local ??= await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: true });
  ui.localVideo.srcObject = local;
  // In a loopback call the "other party" is this very microphone: playing it would echo.
  ui.remoteVideo.muted = loopback;
  ui.panel.room = room;
  ui.panel.peerConnected = false;
  ui.panel.recordingMs = null;
  ui.call.hidden = false;
  call = loopback
    ? await startLoopbackCall(local, peerJoined)
    : joinBroadcastCall(room, local, { onRemoteTrack: peerJoined, onPeerLeft: peerLeft });
  await refreshRecordings();
}

function peerJoined(stream: MediaStream): void {
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
  ui.remoteVideo.srcObject = null;
  ui.recordButton.hasPeer = false;
  ui.panel.peerConnected = false;
  recorder?.setRemoteStream(null);
}

function startRecording(): void {
  if (local === undefined) {
    throw new Error('Join a room before recording');
  }
  const active = new CallRecorder({ quality: ui.quality.value as Quality, layout: ui.layout.value as Layout, log });
  active.on('duration', (event) => (ui.panel.recordingMs = event.detail));
  active.on('error', (event) => {
    showError(event.detail);
    ui.panel.recordingMs = null;
    ui.recordButton.state = 'idle';
  });
  active.start(local, remote);
  recorder = active;
  ui.uploadStatus.reset();
  ui.panel.recordingMs = 0;
  ui.recordButton.state = 'recording';
  ui.quality.disabled = true;
}

async function stopAndUpload(): Promise<void> {
  const active = recorder;
  if (active === undefined || room === undefined) {
    return;
  }
  ui.recordButton.state = 'uploading';
  try {
    const file = await active.stop();
    ui.panel.recordingMs = null;
    try {
      await uploader.upload(file, { roomId: room }, (sent, total) => ui.uploadStatus.progress(sent, total));
      ui.uploadStatus.succeeded();
      await refreshRecordings();
    } catch (error) {
      const url = saveRecordingLocally(file);
      log.savedLocally(file.filename);
      ui.uploadStatus.failed(url, file.filename);
      throw error;
    }
  } finally {
    recorder = undefined;
    ui.panel.recordingMs = null;
    ui.recordButton.state = 'idle';
    ui.quality.disabled = false;
  }
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
ui.layout.addEventListener('change', () => recorder?.setLayout(ui.layout.value as Layout));
ui.hangUp.addEventListener('click', () => {
  call?.hangUp();
  call = undefined;
  peerLeft();
});
ui.refresh.addEventListener('click', guarded(refreshRecordings));

/** `?email=E&room=R&loopback=1[&quality=1080p][&layout=picture-in-picture]` signs in, joins and calls. */
async function startFromUrl(params: URLSearchParams): Promise<void> {
  const quality = params.get('quality');
  if (quality === '720p' || quality === '1080p') ui.quality.value = quality;
  const layout = params.get('layout');
  if (layout === 'side-by-side' || layout === 'picture-in-picture') ui.layout.value = layout;
  const email = params.get('email') ?? sessionStorage.getItem(EMAIL_KEY);
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
