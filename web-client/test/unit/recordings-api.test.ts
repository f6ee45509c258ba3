import { describe, expect, it } from 'vitest';
import { HttpError, InvalidRoomIdError, NetworkError, UnexpectedResponseError } from '../../src/upload/errors';
import { RecordingsApi } from '../../src/upload/recordings-api';
import { FakeFetch, json, problem } from '../support/fake-fetch';

const base = 'http://api.test';
const apiWith = (fake: FakeFetch) => new RecordingsApi({ baseUrl: base, token: () => 'jwt-1', fetch: fake.fetch });

describe('RecordingsApi', () => {
  it('gets a dev token by email', async () => {
    const fake = new FakeFetch().on('POST /dev/token', json(200, { token: 'jwt-1', expires_in: 3600 }));
    await expect(RecordingsApi.devToken('a@b.c', { baseUrl: base, fetch: fake.fetch })).resolves.toEqual({ token: 'jwt-1', expires_in: 3600 });
    expect(fake.seen[0]?.body).toEqual({ email: 'a@b.c' });
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

  it('lists a room with paging parameters', async () => {
    const fake = new FakeFetch().on('GET /recordings', json(200, { recordings: [], next_token: null }));
    await apiWith(fake).list({ roomId: 'room-1', limit: 10, nextToken: 'abc' });
    expect(fake.seen[0]?.url).toBe(`${base}/recordings?room_id=room-1&limit=10&next_token=abc`);
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
