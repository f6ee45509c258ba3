import { commands, server as vitest } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackCall, type LoopbackCall } from '../../src/demo/loopback-call';
import { startCallRecording, type CallRecordingWarning } from '../../src/call-recording';
import { IndexedDbJournal } from '../../src/journal/indexeddb-journal';
import type { Journal } from '../../src/journal/journal';
import { RecordingLog } from '../../src/recording-log';
import { RecordingsApi } from '../../src/upload/recordings-api';
import { FakeStorageServer } from '../support/fake-storage-server';
import { inUserClick } from '../support/user-gesture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quiet = new RecordingLog({ log: () => undefined, warn: () => undefined, error: () => undefined });
/** Small parts, so a few seconds of the fake camera go up in several of them during the call. */
const PART = 64 * 1024;
const cleanup: (() => void)[] = [];
/** Chromium and Firefox record WebM (VP8); WebKit, like Safari, only MP4 (H.264). */
const VIDEO_CODEC = vitest.browser === 'webkit' ? 'h264' : 'vp8';

afterEach(() => cleanup.splice(0).forEach((step) => step()));

async function call(): Promise<{ local: MediaStream; remote: MediaStream }> {
  const local = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  let remote: MediaStream | undefined;
  const loop: LoopbackCall = await startLoopbackCall(local, (stream) => (remote = stream));
  cleanup.push(() => loop.hangUp(), () => local.getTracks().forEach((track) => track.stop()));
  await expect.poll(() => remote?.getVideoTracks().length ?? 0).toBeGreaterThan(0);
  return { local, remote: remote as MediaStream };
}

async function probe(bytes: Uint8Array) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return commands.probeRecording(btoa(binary), 'webm');
}

function record(journal: Journal | undefined) {
  const server = new FakeStorageServer(PART);
  const api = new RecordingsApi({ baseUrl: 'http://api.test', token: () => 't', fetch: server.fetch });
  return { server, start: (streams: { local: MediaStream; remote: MediaStream }) =>
    startCallRecording({
      api,
      user: `user-${crypto.randomUUID()}`,
      roomId: 'room-1',
      ...streams,
      ...(journal === undefined ? {} : { journal }),
      recorder: { quality: '360p', videoBitsPerSecond: 2_000_000 },
      upload: { partSize: PART, put: server.put },
      log: quiet,
    }) };
}

describe('startCallRecording', () => {
  it('records a loopback call into the journal, uploads parts during the call, and tells state, duration, progress and the upload', async () => {
    const { server, start } = record(undefined);
    const streams = await call();
    const recording = await (await inUserClick(() => start(streams)));
    const states: string[] = [];
    const durations: number[] = [];
    const progress: number[] = [];
    const warnings: CallRecordingWarning[] = [];
    recording.on('state', (event) => states.push(event.detail.kind));
    recording.on('duration', (event) => durations.push(event.detail));
    recording.on('progress', (event) => progress.push(event.detail.sent));
    recording.on('warning', (event) => warnings.push(event.detail));
    let uploaded: string | undefined;
    recording.on('uploaded', (event) => (uploaded = event.detail.recording_id));

    await expect.poll(() => server.storedPuts().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await sleep(1000);
    const view = await recording.stop();

    expect(view.status).toBe('COMPLETED');
    expect(uploaded).toBe(view.recording_id);
    expect(states).toEqual(['stopping', 'stopped']);
    expect(Math.max(...durations)).toBeGreaterThan(1000);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(warnings).toEqual([]);
    expect(server.multipartStarts).toBe(1);
    const media = await probe(server.object!);
    expect(media.videoStreams).toEqual([{ codec: VIDEO_CODEC, width: 640, height: 360 }]);
    expect(media.audioStreams).toHaveLength(1);
    expect(media.durationSeconds).toBeGreaterThan(1);
  });

  it('when the journal fails mid-call: warns once, records on in memory, and every recorded byte is uploaded', async () => {
    const journal = await IndexedDbJournal.open({ user: crypto.randomUUID(), name: 'call-recording-quota' });
    let appended = 0;
    const full = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const failing = Object.assign(Object.create(journal) as IndexedDbJournal, {
      append: (id: string, chunk: Parameters<Journal['append']>[1]) => (++appended > 2 ? full() : journal.append(id, chunk)),
      update: (id: string, changes: Parameters<Journal['update']>[1]) => (appended > 2 ? full() : journal.update(id, changes)),
    });
    cleanup.push(() => journal.close());
    const { server, start } = record(failing);
    const streams = await call();
    const recording = await (await inUserClick(() => start(streams)));
    const warnings: CallRecordingWarning[] = [];
    recording.on('warning', (event) => warnings.push(event.detail));

    await sleep(5000);
    const journaled = (await journal.chunks(recording.upload.id)).reduce((sum, chunk) => sum + chunk.size, 0);
    const view = await recording.stop();

    expect(view.status).toBe('COMPLETED');
    expect(warnings.map((w) => w.kind)).toEqual(['storage-failed']);
    expect(warnings[0]?.message).toMatch(/QuotaExceededError/);
    // The journal stopped at the failure; the rest came through memory, and every recorded byte went
    // up, give or take the Duration patch of the header's Info element (+11 bytes in Chromium's
    // WebM, -7 in Firefox's). The journal is cleared after completion, so count before stop.
    expect(journaled).toBeGreaterThan(0);
    expect(journaled).toBeLessThan(recording.upload.bytes);
    expect(Math.abs(server.object!.length - recording.upload.bytes)).toBeLessThanOrEqual(16);
    const media = await probe(server.object!);
    expect(media.videoStreams).toHaveLength(1);
    // Past the two journaled seconds: the part recorded into memory is in the file too.
    expect(media.lastVideoPacketSeconds).toBeGreaterThan(2.5);
  });
});
