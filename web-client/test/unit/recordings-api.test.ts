import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, InvalidRoomIdError, NetworkError, TimeoutError, UnexpectedResponseError } from '../../src/upload/errors';
import { RecordingsApi } from '../../src/upload/recordings-api';
import { FakeFetch, json, problem } from '../support/fake-fetch';
import { startStallingServer } from '../support/stalling-server';

const base = 'http://api.test';
const apiWith = (fake: FakeFetch) => new RecordingsApi({ baseUrl: base, token: () => 'jwt-1', fetch: fake.fetch });

describe('RecordingsApi', () => {
  it('gets a dev token by email', async () => {
    const fake = new FakeFetch().on('POST /dev/token', json(200, { token: 'jwt-1', expires_in: 3600 }));
    await expect(RecordingsApi.devToken('a@b.c', { baseUrl: base, fetch: fake.fetch })).resolves.toEqual({ token: 'jwt-1', expires_in: 3600 });
    expect(fake.seen[0]?.body).toEqual({ email: 'a@b.c' });
  });

  it('fetches the captions as WebVTT text with the bearer token, and says why there are none', async () => {
    const vtt = 'WEBVTT\n\n1\n00:00:00.500 --> 00:00:01.500\n<v alice>{"not": "json"}</v>\n';
    const fake = new FakeFetch()
      .on('GET /recordings/r1/transcript', new Response(vtt, { status: 200, headers: { 'Content-Type': 'text/vtt' } }))
      .on('GET /recordings/r2/transcript', problem(409, 'Conflict', 'the transcript of recording r2 is not made yet (queued)'));
    await expect(apiWith(fake).captions('r1')).resolves.toBe(vtt);
    expect(fake.seen[0]).toMatchObject({
      url: `${base}/recordings/r1/transcript?format=vtt`,
      headers: { Authorization: 'Bearer jwt-1', Accept: 'text/vtt' },
    });
    const refused = await apiWith(fake).captions('r2').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(409);
  });

  it('requests an upload URL with the bearer token and the seed body', async () => {
    const ticket = { upload_url: '/upload/x', recording_id: 'r1', s3_key: 'k', expires_in: 1800, upload_headers: { 'Content-Type': 'video/webm' } };
    const fake = new FakeFetch().on('POST /recordings/upload-url', json(201, ticket));
    await expect(apiWith(fake).requestUploadUrl({ room_id: 'room-1', contentType: 'video/webm', size: 42 })).resolves.toEqual(ticket);
    expect(fake.seen[0]).toMatchObject({
      url: `${base}/recordings/upload-url`,
      headers: { Authorization: 'Bearer jwt-1', 'Content-Type': 'application/json' },
      body: { room_id: 'room-1', contentType: 'video/webm', size: 42 },
    });
  });

  it('keeps the room filter where URLSearchParams has no size (Safari < 17, Firefox < 112)', async () => {
    const size = Object.getOwnPropertyDescriptor(URLSearchParams.prototype, 'size');
    Object.defineProperty(URLSearchParams.prototype, 'size', { get: () => undefined, configurable: true });
    try {
      const fake = new FakeFetch().on('GET /recordings', json(200, { recordings: [], next_token: null }));
      await apiWith(fake).list({ roomId: 'room-1' });
      await apiWith(fake).list();
      expect(fake.seen.map((request) => request.url)).toEqual([`${base}/recordings?room_id=room-1`, `${base}/recordings`]);
    } finally {
      if (size !== undefined) Object.defineProperty(URLSearchParams.prototype, 'size', size);
    }
  });

  it('asks the (async) token provider again after a 401 and repeats the request once', async () => {
    const fake = new FakeFetch().on('GET /recordings/r1', problem(401, 'Unauthorized', 'expired'), json(200, { recording_id: 'r1', status: 'COMPLETED' }));
    const asked: boolean[] = [];
    const api = new RecordingsApi({
      baseUrl: base,
      fetch: fake.fetch,
      token: async ({ refresh }) => {
        asked.push(refresh);
        return refresh ? 'jwt-2' : 'jwt-1';
      },
    });

    await expect(api.get('r1')).resolves.toMatchObject({ status: 'COMPLETED' });

    expect(asked).toEqual([false, true]);
    expect(fake.seen.map((request) => request.headers['Authorization'])).toEqual(['Bearer jwt-1', 'Bearer jwt-2']);
  });

  it('fails with the second 401: one refresh, not a loop', async () => {
    const fake = new FakeFetch().on('GET /recordings/r1', problem(401, 'Unauthorized', 'bad token'));
    const error = await apiWith(fake).get('r1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(401);
    expect(fake.seen).toHaveLength(2);
  });

  it('lists a room with paging parameters', async () => {
    const fake = new FakeFetch().on('GET /recordings', json(200, { recordings: [], next_token: null }));
    await apiWith(fake).list({ roomId: 'room-1', limit: 10, nextToken: 'abc' });
    expect(fake.seen[0]?.url).toBe(`${base}/recordings?room_id=room-1&limit=10&next_token=abc`);
  });

  it('sends the search filters as they are, so the server judges them (q, from, to, status, processing, participant, sort)', async () => {
    const fake = new FakeFetch().on('GET /recordings', json(200, { recordings: [], next_token: null }));
    await apiWith(fake).list({
      q: 'weekly sync', from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z', status: 'COMPLETED', processing: 'ready', participant: 'b@x.io', sort: 'oldest',
    });
    const url = new URL(fake.seen[0]?.url ?? '');
    expect([...url.searchParams]).toEqual([
      ['status', 'COMPLETED'], ['processing', 'ready'], ['from', '2026-11-01T00:00:00.000Z'], ['to', '2026-11-02T00:00:00.000Z'],
      ['q', 'weekly sync'], ['participant', 'b@x.io'], ['sort', 'oldest'],
    ]);
  });

  it('creates, lists and revokes a share link', async () => {
    const link = { share_id: 's1', url: 'http://api.test/s/tok', expires_at: '2026-12-08T00:00:00Z' };
    const fake = new FakeFetch()
      .on('POST /recordings/r%201/shares', json(201, link))
      .on('GET /recordings/r%201/shares', json(200, { shares: [{ share_id: 's1', views: 0 }] }))
      .on('DELETE /recordings/r%201/shares/s1', new Response(null, { status: 204 }));
    const api = apiWith(fake);
    await expect(api.createShare('r 1')).resolves.toEqual(link);
    await expect(api.listShares('r 1')).resolves.toEqual([{ share_id: 's1', views: 0 }]);
    await api.revokeShare('r 1', 's1');
    expect(fake.seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      `POST ${base}/recordings/r%201/shares`, `GET ${base}/recordings/r%201/shares`, `DELETE ${base}/recordings/r%201/shares/s1`,
    ]);
    expect(fake.seen[0]?.body).toEqual({});
  });

  it('turns a problem+json answer into an HttpError carrying the problem', async () => {
    const fake = new FakeFetch().on('POST /recordings/r1/complete', problem(409, 'Conflict', 'object not uploaded yet'));
    const error = await apiWith(fake).complete('r1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 409, problem: { detail: 'object not uploaded yet' } });
    expect((error as Error).message).toBe('HTTP 409 Conflict: object not uploaded yet');
  });

  it('reports a request without an answer as a NetworkError', async () => {
    const fake = new FakeFetch().on('GET /recordings/r1', new TypeError('Failed to fetch'));
    await expect(apiWith(fake).get('r1')).rejects.toBeInstanceOf(NetworkError);
  });

  it('rejects an answer that lacks contract fields', async () => {
    const fake = new FakeFetch().on('POST /recordings/upload-url', json(201, { upload_url: '/u' }));
    await expect(apiWith(fake).requestUploadUrl({ room_id: 'room-1' })).rejects.toThrow(UnexpectedResponseError);
  });

  it('rejects a room id the server would reject, before sending anything', async () => {
    const fake = new FakeFetch();
    await expect(apiWith(fake).requestUploadUrl({ room_id: 'room 1/..' })).rejects.toBeInstanceOf(InvalidRoomIdError);
    await expect(apiWith(fake).list({ roomId: '' })).rejects.toBeInstanceOf(InvalidRoomIdError);
    expect(fake.seen).toEqual([]);
  });
});

describe('RecordingsApi against a stalled connection', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => stop?.());

  it('gives up after its timeout with a (retryable) TimeoutError instead of waiting forever', async () => {
    const stalled = await startStallingServer();
    stop = stalled.stop;
    const api = new RecordingsApi({ baseUrl: stalled.url, token: () => 'jwt-1', timeoutMs: 300 });

    const started = performance.now();
    const error = await api.complete('r1').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/POST .*\/recordings\/r1\/complete got no answer in 300 ms/);
    expect(stalled.requests()).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });
});
