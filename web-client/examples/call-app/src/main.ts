// A call app's recording, as the web client's README shows it: the library from the installed
// package, the custom elements from its `elements` subpath. Built by bin/release against the
// packed tarball, so a wrong `exports` map or a missing type fails the release check.
import { formatDuration, RecordingsApi, saveRecordingLocally, startCallRecording, type CallRecording } from '@call-recordings/web-client';
import { defineRecordingElements, type RecordButtonElement } from '@call-recordings/web-client/elements';

defineRecordingElements();

const api = new RecordingsApi({ baseUrl: '/api', token: async () => (await fetch('/my-session/token')).text() });
const local = document.querySelector<HTMLVideoElement>('#local')!;
const remote = document.querySelector<HTMLVideoElement>('#remote')!;
const button = document.querySelector<RecordButtonElement>('record-button')!;
let recording: CallRecording | undefined;

button.addEventListener('click', async () => {
  if (!recording) {
    recording = await startCallRecording({
      api,
      user: 'ann@example.com',
      roomId: 'room-1',
      local: local.srcObject as MediaStream,
      remote: remote.srcObject instanceof MediaStream ? remote.srcObject : undefined,
    });
    recording.on('duration', (e) => console.log(`REC ${formatDuration(e.detail)}`));
    return;
  }
  const stopping = recording;
  recording = undefined;
  try {
    await stopping.stop();
  } catch {
    const file = await stopping.localCopy();
    if (file) saveRecordingLocally(file);
  }
});
