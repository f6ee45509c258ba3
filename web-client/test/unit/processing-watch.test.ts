import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordingView } from '../../src/upload/api-types';
import { HttpError } from '../../src/upload/errors';
import { watchProcessing } from '../../src/upload/processing-watch';
import { RecordingsApi } from '../../src/upload/recordings-api';
import { FakeFetch, json, problem } from '../support/fake-fetch';

const base = 'http://api.test';
const recording = (processing: RecordingView['processing']): RecordingView => ({
  recording_id: 'r1', room_id: 'room-1', filename: 'a.webm', created_at: '2026-12-01T10:00:00Z', expires_at: '2026-12-31T10:00:00Z',
  status: 'COMPLETED', download_url: '/objects/a', content_type: 'video/webm', processing,
});
const apiWith = (fake: FakeFetch) => new RecordingsApi({ baseUrl: base, token: () => 'jwt', fetch: fake.fetch });
const policy = { firstDelayMs: 1_000, maxDelayMs: 4_000, giveUpAfterMs: 20_000 };

afterEach(() => {
  vi.useRealTimers();
});

describe('watchProcessing', () => {
  it('looks at the one recording after 1, 2 and 4 s until it is ready, then stops asking', async () => {
    vi.useFakeTimers();
    const fake = new FakeFetch().on('GET /recordings/r1', json(200, recording('queued')), json(200, recording('running')), json(200, recording('ready')));
    let done: RecordingView | undefined;
    void watchProcessing(apiWith(fake), recording('queued'), { policy }).then((view) => (done = view));

    await vi.advanceTimersByTimeAsync(999);
    expect(fake.seen).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.seen).toHaveLength(2);
    expect(done).toBeUndefined();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(fake.seen).toHaveLength(3);
    expect(done?.processing).toBe('ready');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.seen).toHaveLength(3);
    expect(fake.seen.every((request) => request.url === `${base}/recordings/r1`)).toBe(true);
  });

  it('ends with failed too, and looks past a 503 on the way', async () => {
    vi.useFakeTimers();
    const fake = new FakeFetch().on('GET /recordings/r1', problem(503, 'Service Unavailable', 'busy'), json(200, recording('failed')));
    const watch = watchProcessing(apiWith(fake), recording('running'), { policy });
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(watch).resolves.toMatchObject({ processing: 'failed' });
    expect(fake.seen).toHaveLength(2);
  });

  it('gives up after the bound with the last view, the delays capped at the maximum', async () => {
    vi.useFakeTimers();
    const fake = new FakeFetch().on('GET /recordings/r1', json(200, recording('running')));
    let done: RecordingView | undefined;
    void watchProcessing(apiWith(fake), recording('queued'), { policy }).then((view) => (done = view));
    await vi.advanceTimersByTimeAsync(60_000);
    // 1 + 2 + 4 + 4 + 4 + 4 = 19 s of the 20 s bound: six looks, and no seventh (23 s).
    expect(fake.seen).toHaveLength(6);
    expect(done?.processing).toBe('running');
  });

  it('rejects on a 404 (deleted meanwhile) and does not poll a recording that is not processing', async () => {
    vi.useFakeTimers();
    const gone = new FakeFetch().on('GET /recordings/r1', problem(404, 'Not Found', 'no recording r1'));
    const watch = watchProcessing(apiWith(gone), recording('queued'), { policy });
    const outcome = watch.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await outcome).toBeInstanceOf(HttpError);

    const idle = new FakeFetch();
    await expect(watchProcessing(apiWith(idle), recording('off'), { policy })).resolves.toMatchObject({ processing: 'off' });
    expect(idle.seen).toHaveLength(0);
  });

  it('stops when aborted', async () => {
    vi.useFakeTimers();
    const fake = new FakeFetch().on('GET /recordings/r1', json(200, recording('running')));
    const abort = new AbortController();
    const watch = watchProcessing(apiWith(fake), recording('queued'), { policy, signal: abort.signal });
    await vi.advanceTimersByTimeAsync(1_500);
    abort.abort();
    await expect(watch).resolves.toMatchObject({ processing: 'running' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fake.seen).toHaveLength(1);
  });
});
