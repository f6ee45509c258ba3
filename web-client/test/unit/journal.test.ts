import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IndexedDbJournal } from '../../src/journal/indexeddb-journal';
import type { JournalEntry } from '../../src/journal/journal';
import { MemoryJournal } from '../../src/journal/memory-journal';
import { discardRecording, findRecoverable } from '../../src/journal/recovery';
import { RecordingsApi } from '../../src/upload/recordings-api';
import { FakeFetch, json } from '../support/fake-fetch';

let journal: IndexedDbJournal;
let count = 0;

const entry = (id: string, createdAt: number, extra: Partial<JournalEntry> = {}): JournalEntry => ({
  id,
  roomId: 'room-1',
  filename: `recording-${id}.webm`,
  mimeType: 'video/webm',
  createdAt,
  state: 'recording',
  ...extra,
});
const chunk = (seq: number, text: string, elapsedMs = seq * 1000) => ({ seq, size: text.length, elapsedMs, blob: new Blob([text]) });

beforeEach(async () => {
  count += 1;
  journal = await IndexedDbJournal.open({ user: `user-${count}`, name: 'journal' });
});

afterEach(() => journal.close());

describe('IndexedDbJournal', () => {
  it('keeps chunks per recording in sequence order, whatever order they were written in, and reads a range', async () => {
    await journal.create(entry('a', 1));
    await journal.create(entry('b', 2));
    await journal.append('a', chunk(1, 'world'));
    await journal.append('b', chunk(0, 'other'));
    await journal.append('a', chunk(0, 'hello '));
    await journal.append('a', chunk(2, '!'));

    const all = await journal.chunks('a');
    expect(all.map((c) => c.seq)).toEqual([0, 1, 2]);
    expect(await new Blob(all.map((c) => c.blob)).text()).toBe('hello world!');
    expect((await journal.chunks('a', { from: 1, to: 2 })).map((c) => c.seq)).toEqual([1, 2]);
  });

  it('updates metadata and removes a recording with all of its chunks, and only those', async () => {
    await journal.create(entry('a', 1));
    await journal.create(entry('b', 2));
    await journal.append('a', chunk(0, 'x'));
    await journal.append('b', chunk(0, 'y'));

    expect(await journal.update('a', { state: 'stopped', durationMs: 1500 })).toMatchObject({ id: 'a', state: 'stopped', durationMs: 1500 });
    await journal.remove('a');

    expect((await journal.entries()).map((e) => e.id)).toEqual(['b']);
    expect(await journal.chunks('a')).toEqual([]);
    expect(await journal.chunks('b')).toHaveLength(1);
  });

  it('refuses to create a recording twice or update a missing one', async () => {
    await journal.create(entry('a', 1));
    await expect(journal.create(entry('a', 1))).rejects.toThrow();
    await expect(journal.update('missing', { state: 'stopped' })).rejects.toThrow(/No recording missing/);
  });
});

describe.each([
  ['IndexedDbJournal', () => journal],
  ['MemoryJournal', () => new MemoryJournal()],
])('%s pruning', (_name, make) => {
  it('drops the bytes of a confirmed range but keeps every size, and removes the rest with the entry', async () => {
    const pruning = make();
    await pruning.create(entry('a', 1));
    for (const [seq, text] of ['aa', 'bbb', 'c', 'dd'].entries()) await pruning.append('a', chunk(seq, text));

    await pruning.prune('a', { from: 1, to: 2 });

    expect((await pruning.chunks('a')).map((c) => c.seq)).toEqual([0, 3]);
    expect(await new Blob((await pruning.chunks('a')).map((c) => c.blob)).text()).toBe('aadd');
    expect((await pruning.chunkInfo('a')).map((c) => [c.seq, c.size])).toEqual([[0, 2], [1, 3], [2, 1], [3, 2]]);
    await pruning.remove('a');
    expect(await pruning.chunkInfo('a')).toEqual([]);
  });
});

describe('the journal of a user', () => {
  it('is not the journal of another user of the same browser', async () => {
    const alice = await IndexedDbJournal.open({ user: 'alice@example.com', name: 'shared-browser' });
    const bob = await IndexedDbJournal.open({ user: 'bob@example.com', name: 'shared-browser' });
    await alice.create(entry('alices-call', 1));
    await alice.append('alices-call', chunk(0, 'x'));

    expect(await findRecoverable(bob)).toEqual([]);
    expect(await bob.get('alices-call')).toBeUndefined();
    expect((await findRecoverable(alice)).map((r) => r.entry.id)).toEqual(['alices-call']);
    await expect(IndexedDbJournal.open({ user: ' ' })).rejects.toThrow(/signed-in user/);
    alice.close();
    bob.close();
  });
});

describe('findRecoverable', () => {
  it('offers recordings with chunks, oldest first, with the last chunk as the duration of a cut-off one, and drops empty ones', async () => {
    await journal.create(entry('cut-off', 2));
    await journal.append('cut-off', chunk(0, 'aa', 1000));
    await journal.append('cut-off', chunk(1, 'bbb', 8040));
    await journal.create(entry('failed-upload', 1, { state: 'stopped', durationMs: 4321 }));
    await journal.append('failed-upload', chunk(0, 'c'));
    await journal.create(entry('never-started', 3));

    const found = await findRecoverable(journal);

    expect(found.map((r) => [r.entry.id, r.bytes, r.durationMs])).toEqual([
      ['failed-upload', 1, 4321],
      ['cut-off', 5, 8040],
    ]);
    expect(await journal.get('never-started')).toBeUndefined();
  });
});

describe('discardRecording', () => {
  it('aborts the multipart upload and clears the journal, also when the server already forgot it', async () => {
    const fake = new FakeFetch().on('DELETE /recordings/r1/upload', json(404, { title: 'Not Found', status: 404 }));
    const api = new RecordingsApi({ baseUrl: 'http://api.test', token: () => 't', fetch: fake.fetch });
    const started = entry('a', 1, { upload: { recordingId: 'r1', uploadId: 'u1', partSize: 5 } });
    await journal.create(started);
    await journal.append('a', chunk(0, 'x'));

    await discardRecording(journal, api, started);

    expect(fake.seen.map((r) => r.method)).toEqual(['DELETE']);
    expect(await journal.entries()).toEqual([]);
    expect(await journal.chunks('a')).toEqual([]);
  });
});
