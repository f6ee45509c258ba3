import { describe, expect, it } from 'vitest';
import { RecordingLog } from '../../src/recording-log';
import { HttpError, UploadFailedError } from '../../src/upload/errors';
import type { PutTransport } from '../../src/upload/put-transport';
import { RecordingsApi } from '../../src/upload/recordings-api';
import { RecordingUploader } from '../../src/upload/recording-uploader';
import { FakeFetch, json, problem } from '../support/fake-fetch';

const file = { blob: new Blob([new Uint8Array(1000)], { type: 'video/webm' }), filename: 'recording-1.webm', mimeType: 'video/webm;codecs=vp8,opus' };
const ticket = { upload_url: '/local-upload/abc', recording_id: 'r1', s3_key: 'recordings/room-1/x.webm', expires_in: 1800, upload_headers: { 'Content-Type': 'video/webm;codecs=vp8,opus', 'Content-Length': '1000' } };
const completed = { recording_id: 'r1', room_id: 'room-1', filename: 'recording-1.webm', size: 1000, created_at: 't', expires_at: 't', status: 'COMPLETED', download_url: '/d' };
const fast = { retries: 2, minDelayMs: 1, maxDelayMs: 1, factor: 1 };

class Lines {
  readonly lines: string[] = [];
  readonly out = {
    log: (...parts: unknown[]) => this.lines.push(parts.map(String).join(' ')),
    warn: (...parts: unknown[]) => this.lines.push(parts.map(String).join(' ')),
    error: (...parts: unknown[]) => this.lines.push(parts.map(String).join(' ')),
  };
}

function setUp(put: (...args: Parameters<PutTransport>) => Promise<unknown>, fake = new FakeFetch().on('POST /recordings/upload-url', json(201, ticket)).on('POST /recordings/r1/complete', json(200, completed))) {
  const lines = new Lines();
  const api = new RecordingsApi({ baseUrl: 'http://api.test', token: () => 't', fetch: fake.fetch });
  return { fake, lines, uploader: new RecordingUploader(api, { retry: fast, put: async (...args) => (await put(...args), { etag: null }), log: new RecordingLog(lines.out) }) };
}

describe('RecordingUploader', () => {
  it('requests a URL, PUTs with the ticket headers and progress, completes, and logs the seed messages', async () => {
    const puts: { url: string; headers: Readonly<Record<string, string>> }[] = [];
    const { fake, lines, uploader } = setUp(async (url, body, headers, onProgress) => {
      puts.push({ url, headers });
      onProgress(body.size / 2, body.size);
      onProgress(body.size, body.size);
    });
    const progress: number[] = [];

    const recording = await uploader.upload(file, { roomId: 'room-1', participants: ['b@x.y'] }, (sent, total) => progress.push(sent / total));

    expect(recording.status).toBe('COMPLETED');
    expect(fake.seen[0]?.body).toEqual({ room_id: 'room-1', filename: 'recording-1.webm', contentType: 'video/webm;codecs=vp8,opus', size: 1000, participants: ['b@x.y'] });
    expect(puts).toEqual([{ url: '/local-upload/abc', headers: ticket.upload_headers }]);
    expect(progress).toEqual([0.5, 1]);
    expect(fake.seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['POST /recordings/upload-url', 'POST /recordings/r1/complete']);
    expect(lines.lines.at(-1)).toBe('✅ Recording uploaded successfully!');
  });

  it('retries a PUT that failed with a 503 and still completes', async () => {
    let attempts = 0;
    const { uploader } = setUp(async () => {
      attempts += 1;
      if (attempts === 1) throw new HttpError(503);
    });
    await expect(uploader.upload(file, { roomId: 'room-1' })).resolves.toMatchObject({ status: 'COMPLETED' });
    expect(attempts).toBe(2);
  });

  it.each([412, 409])('completes when a retried PUT is refused with %i because the lost first try stored the bytes', async (status) => {
    let attempts = 0;
    const { fake, uploader } = setUp(async () => {
      attempts += 1;
      throw attempts === 1 ? new HttpError(503) : new HttpError(status);
    });
    await expect(uploader.upload(file, { roomId: 'room-1' })).resolves.toMatchObject({ status: 'COMPLETED' });
    expect(attempts).toBe(2);
    expect(fake.seen.some((r) => r.url.endsWith('/complete'))).toBe(true);
  });

  it.each([412, 409])('fails at once when the first PUT is refused with %i: someone else used the URL', async (status) => {
    const { fake, uploader } = setUp(async () => {
      throw new HttpError(status);
    });
    await expect(uploader.upload(file, { roomId: 'room-1' })).rejects.toMatchObject({ step: 'put' });
    expect(fake.seen.some((r) => r.url.endsWith('/complete'))).toBe(false);
  });

  it('fails for good after the retries, naming the step, without completing', async () => {
    let attempts = 0;
    const { fake, lines, uploader } = setUp(async () => {
      attempts += 1;
      throw new HttpError(500);
    });
    const error = await uploader.upload(file, { roomId: 'room-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadFailedError);
    expect(error).toMatchObject({ step: 'put' });
    expect(attempts).toBe(3);
    expect(fake.seen.some((r) => r.url.endsWith('/complete'))).toBe(false);
    expect(lines.lines.at(-1)).toMatch(/^❌ Failed to upload recording/);
  });

  it('does not retry a refused upload-url request', async () => {
    const fake = new FakeFetch().on('POST /recordings/upload-url', problem(400, 'Bad Request', 'content type not allowed'));
    const { uploader } = setUp(async () => undefined, fake);
    await expect(uploader.upload(file, { roomId: 'room-1' })).rejects.toMatchObject({ step: 'request-url' });
    expect(fake.seen).toHaveLength(1);
  });
});
